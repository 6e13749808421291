/**
 * The operation model: what `conduit generate` needs to know about a Swagger 2.0 document, with `$ref`s to
 * `#/parameters` and `#/responses` resolved, path and operation parameters merged and every name made a valid,
 * stable TypeScript identifier. Schemas stay as written in the spec (JSON values).
 */
import type { Diagnostic } from "../diagnostics.js";
import type {
  CollectionFormat,
  HttpMethod,
  ParameterSpec,
  PrimitiveType,
  SecurityRequirementSpec,
} from "../../src/runtime/contract.js";

export type JsonPath = readonly (string | number)[];

export interface ApiModel {
  readonly basePath: string;
  /** Sorted by name. */
  readonly operations: readonly OperationModel[];
  /** Warnings about the spec (derived ids, ambiguous routes, dropped parameters), with JSON paths. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface OperationModel {
  /** As written in the spec, or derived from method and path when the spec has none. */
  readonly operationId: string;
  /** A TypeScript identifier unique in the model (case-insensitively, as handler file names must be). */
  readonly name: string;
  readonly method: HttpMethod;
  /** The path as written in the spec: `/workorders/{workOrderId}`. */
  readonly path: string;
  /** The Azure Functions route template, without prefix: `workorders/{workOrderId}`. */
  readonly route: string;
  /** Where the operation is in the document: `["paths", path, method]`. */
  readonly location: JsonPath;
  readonly summary?: string;
  readonly description?: string;
  /** Non-body parameters, formData fields included, in spec order (path-level ones first). */
  readonly parameters: readonly ParameterModel[];
  readonly body?: BodyModel;
  /** Sorted by status code, "default" last. */
  readonly responses: readonly ResponseModel[];
  readonly security: readonly (readonly SecurityRequirementSpec[])[];
  /** `x-conduit-roles` of the operation, else of the document: the app roles an app-only token must hold. */
  readonly appRoles: readonly string[];
  readonly consumes: readonly string[];
  readonly produces: readonly string[];
}

/** A non-body parameter: what the runtime's route table carries (ParameterSpec), plus what generation needs. */
export interface ParameterModel extends ParameterSpec {
  readonly enum?: readonly unknown[];
  readonly itemEnum?: readonly unknown[];
  readonly description?: string;
  readonly visibility?: string;
  /** The parameter's own validation keywords (type, format, enum, bounds, items) as a Swagger schema. */
  readonly schema: Readonly<Record<string, unknown>>;
  readonly location: JsonPath;
}

/** How a request body travels: JSON, form fields (formData parameters), raw bytes or text. */
export type BodyEncoding = "json" | "form" | "binary" | "text";

export interface BodyModel {
  /** The body parameter's name; "formData" for form bodies. */
  readonly name: string;
  readonly required: boolean;
  readonly encoding: BodyEncoding;
  /** The body parameter's schema as written (absent for form bodies and schema-less bodies). */
  readonly schema?: unknown;
  readonly location: JsonPath;
}

export interface ResponseModel {
  /** "200", "404", "default"... */
  readonly status: string;
  readonly description?: string;
  /** The response schema as written, when there is one. */
  readonly schema?: unknown;
  /** `type: file` or `type: string, format: binary`: sent as bytes, never validated as JSON. */
  readonly binary: boolean;
  readonly headers: readonly ResponseHeaderModel[];
  readonly location: JsonPath;
}

export interface ResponseHeaderModel {
  readonly name: string;
  readonly type: PrimitiveType | "array";
  readonly itemType?: PrimitiveType;
  readonly collectionFormat?: CollectionFormat;
  readonly enum?: readonly unknown[];
  readonly description?: string;
}
