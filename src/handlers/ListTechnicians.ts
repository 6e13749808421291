// List technicians: GET /technicians
import type { ListTechniciansHandler } from "../../generated/handlers.js";
import { listTechnicians } from "../storage/technicians.js";

export const handler: ListTechniciansHandler = async (request) => {
  const { available } = request.query;
  const value = await listTechnicians(available === undefined ? {} : { available });
  return { status: 200, body: { value } };
};
