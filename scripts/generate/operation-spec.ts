/** An operation of the model as the runtime's route table holds it (src/runtime/contract.ts OperationSpec). */
import type { BodySpec, OperationSpec, ParameterSpec, ResponseSpec } from "../../src/runtime/contract.js";
import type { OperationModel } from "../model/model.js";

export function toOperationSpec(operation: OperationModel): OperationSpec {
  const parameters: ParameterSpec[] = operation.parameters.map((p) => ({
    name: p.name,
    in: p.in,
    key: p.key,
    type: p.type,
    required: p.required,
    ...(p.collectionFormat === undefined ? {} : { collectionFormat: p.collectionFormat }),
    ...(p.itemType === undefined ? {} : { itemType: p.itemType }),
    ...(p.default === undefined ? {} : { default: p.default }),
  }));
  const body: BodySpec | undefined = operation.body && {
    name: operation.body.name,
    required: operation.body.required,
    consumes: operation.consumes,
    encoding: operation.body.encoding,
  };
  const responses: ResponseSpec[] = operation.responses.map((r) => ({
    status: r.status,
    hasSchema: r.schema !== undefined,
    ...optional("contentType", responseContentType(operation.produces, r.binary)),
    ...(r.binary ? { binary: true } : {}),
    ...(r.headers.length > 0
      ? { headers: r.headers.map((h) => ({ name: h.name, type: h.type, ...(h.collectionFormat ? { collectionFormat: h.collectionFormat } : {}) })) }
      : {}),
  }));
  return {
    operationId: operation.operationId,
    name: operation.name,
    method: operation.method,
    path: operation.path,
    route: operation.route,
    parameters,
    ...(body ? { body } : {}),
    responses,
    security: operation.security,
    ...(operation.appRoles.length > 0 ? { appRoles: operation.appRoles } : {}),
  };
}

/** The first produced type; for bytes the first that is not JSON (octet-stream when the spec names none). */
function responseContentType(produces: readonly string[], binary: boolean): string | undefined {
  if (!binary) return produces[0];
  return produces.find((type) => !/json/i.test(type)) ?? "application/octet-stream";
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
