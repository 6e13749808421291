/**
 * The shape of what `conduit generate` writes into generated/operations.ts and what the runtime reads.
 * Kept free of @azure/functions so the generator and the runtime can share it.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

export type ParameterLocation = "path" | "query" | "header" | "formData";

export type CollectionFormat = "csv" | "ssv" | "tsv" | "pipes" | "multi";

export type PrimitiveType = "string" | "number" | "integer" | "boolean";

/** How to turn the raw string(s) of one non-body parameter into a typed value before validation. */
export interface ParameterSpec {
  /** The name on the wire, as in the spec (header names as written; matched case-insensitively). */
  readonly name: string;
  readonly in: ParameterLocation;
  /** The property name in the typed request (`request.query[key]`); header keys are lower case. */
  readonly key: string;
  readonly type: PrimitiveType | "array" | "file";
  readonly required: boolean;
  /** For arrays: how items are joined on the wire (Swagger 2.0 default: csv). */
  readonly collectionFormat?: CollectionFormat;
  /** For arrays: the item type used for coercion. */
  readonly itemType?: PrimitiveType;
  /** Applied when the value is absent (spec `default`; also how internal parameters get their value). */
  readonly default?: unknown;
}

export interface BodySpec {
  /** The body parameter's name in the spec (Power Fx uses it for schema-less bodies). */
  readonly name: string;
  readonly required: boolean;
  /** Media types the operation consumes, in spec order. */
  readonly consumes: readonly string[];
  /**
   * How the body travels (added by the generator; absent means json): `json` parse JSON; `form` build an object
   * from the formData parameters (their ParameterSpecs have `in: "formData"`, `file` fields become File);
   * `binary` pass the bytes as a Uint8Array; `text` pass the text as a string.
   */
  readonly encoding?: BodyEncoding;
}

export type BodyEncoding = "json" | "form" | "binary" | "text";

/** What a handler returns as the body of a response whose schema is `type: file` (or a binary string). */
export type BinaryBody = Uint8Array | ArrayBuffer | Blob;

export interface ResponseSpec {
  /** HTTP status code, or "default". */
  readonly status: string;
  /** True when the spec gives a schema for the body. */
  readonly hasSchema: boolean;
  /** The media type the body is sent as (the operation's first `produces`). */
  readonly contentType?: string;
  /** True when the body is bytes (`type: file` or a binary string): send it as is, never as JSON, never validate it. */
  readonly binary?: boolean;
  /** The response headers the spec declares (added by the generator), for serializing what the handler returns. */
  readonly headers?: readonly ResponseHeaderSpec[];
}

export interface ResponseHeaderSpec {
  /** As written in the spec; the handler returns it under this name. */
  readonly name: string;
  readonly type: PrimitiveType | "array";
  /** For arrays: how items are joined (default csv). */
  readonly collectionFormat?: CollectionFormat;
}

export interface SecurityRequirementSpec {
  /** Name of the securityDefinitions entry. */
  readonly scheme: string;
  readonly type: "oauth2" | "apiKey" | "basic";
  /** OAuth 2 scopes the operation needs. */
  readonly scopes: readonly string[];
}

export interface OperationSpec {
  readonly operationId: string;
  /**
   * A TypeScript identifier for the operation (added by the generator): the operationId when it is one, else a
   * sanitized, unique form. It names the handler file and the generated types; use it as the Functions name.
   */
  readonly name?: string;
  readonly method: HttpMethod;
  /** The path as written in the spec, without basePath: `/workorders/{workOrderId}`. */
  readonly path: string;
  /** The Azure Functions route template, without the route prefix: `workorders/{workOrderId}`. */
  readonly route: string;
  readonly parameters: readonly ParameterSpec[];
  readonly body?: BodySpec;
  readonly responses: readonly ResponseSpec[];
  /** Alternatives: any one of them satisfies the operation (Swagger `security` semantics). */
  readonly security: readonly (readonly SecurityRequirementSpec[])[];
  /**
   * App roles (`x-conduit-roles`) that let an application call with a token of its own (client credentials: no
   * `scp`, the permissions in `roles`); it must hold every one. Absent: app-only tokens are refused. Delegated
   * tokens are held to the scopes above, in `scp`: a role never stands in for a scope, nor a scope for a role.
   */
  readonly appRoles?: readonly string[];
}

/** A validator as ajv's standalone code exports it. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: readonly ValidationError[] | null;
}

/** The subset of ajv's ErrorObject the runtime relies on. */
export interface ValidationError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

/** What generated/validators.ts exports per operation. */
export interface OperationValidators {
  /** Validates `{ path, query, headers, body }` after coercion. */
  readonly request: CompiledValidator;
  /** Validates a response body, by status code ("default" included) where the spec gives a schema. */
  readonly responses: Readonly<Record<string, CompiledValidator>>;
}

/**
 * One operation as generated/registrations.ts binds it: its contract, its precompiled validators and the
 * hand-written handler. The handler's request type is erased here (`never`) so that one array can hold every
 * operation; the generated file checks each handler against its own typed signature.
 */
export interface OperationBinding {
  readonly operation: OperationSpec;
  readonly validators: OperationValidators;
  readonly handler: (request: never, context: import("./handler.js").HandlerContext) => unknown;
}
