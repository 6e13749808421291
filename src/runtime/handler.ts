import type { HttpRequest, InvocationContext } from "@azure/functions";
import type { Caller } from "../auth/caller.js";

/** RFC 9457 problem details, the body of every error the runtime answers with. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** One entry per bad input: where it is and why it was refused. */
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

export interface ProblemFieldError {
  /** Where the value came from: path, query, header, body or formData. */
  in: "path" | "query" | "header" | "body" | "formData";
  /** The parameter name, or for the body a JSON pointer to the bad field ("" for the body itself). */
  name: string;
  /** JSON pointer into the body when `in` is body. */
  pointer?: string;
  message: string;
}

/** What a handler gets besides its typed request. */
export interface HandlerContext {
  /** The Functions invocation: logging (`log`, `warn`, `error`) and the invocation id. */
  readonly invocation: InvocationContext;
  /** The raw request, for what the contract does not describe. */
  readonly request: HttpRequest;
  /**
   * Who is calling, from the Entra ID access token the connector passes on (or App Service Authentication).
   * Present whenever the operation declares an OAuth 2 requirement and authentication is on.
   */
  readonly caller: Caller | undefined;
  /**
   * The request's URL as callers reach the app: the public origin from the app settings (CONDUIT_PUBLIC_ORIGIN, or
   * the app's own host name in Azure) in place of whatever the Host header said. Build links (Location, nextLink)
   * from it, never from `request.url`.
   */
  readonly publicUrl: string;
}

/** A request as a handler sees it: coerced, defaulted and validated against the contract. */
export interface TypedRequest<Path, Query, Headers, Body> {
  readonly path: Path;
  readonly query: Query;
  readonly headers: Headers;
  readonly body: Body;
}

export type Handler<Request, Response> = (request: Request, context: HandlerContext) => Promise<Response> | Response;
