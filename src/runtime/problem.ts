import type { HttpResponseInit } from "@azure/functions";
import type { ProblemDetails, ProblemFieldError } from "./handler.js";

const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? "Server Error" : "Client Error");
}

/** An RFC 9457 problem with the standard title for its status. */
export function problem(status: number, detail?: string, extra?: { errors?: ProblemFieldError[]; [k: string]: unknown }): ProblemDetails {
  const body: ProblemDetails = { type: "about:blank", title: statusTitle(status), status };
  if (detail !== undefined) body.detail = detail;
  if (extra) Object.assign(body, extra);
  return body;
}

export function problemResponse(body: ProblemDetails, headers?: Record<string, string>): HttpResponseInit {
  return {
    status: body.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, ...headers },
    body: JSON.stringify(body),
  };
}
