/**
 * The contract model: what a connector promises the flows and canvas apps built against it, per operation, as
 * Power Platform sees it (body properties flattened into inputs, the success response flattened into outputs).
 * `conduit diff` compares two of them and `conduit docs` prints one (with the Power Fx signatures of
 * power-fx.ts), so every element knows the file and JSON path it came from and the schema it was read from.
 */
import type { DocumentSet, Located } from "./documents.js";

export type JsonPath = readonly (string | number)[];

/** A place in one side's files: the file's key in the side (its repository-relative or given path) and a JSON path. */
export interface Place {
  readonly file: string;
  readonly path: JsonPath;
}

export type InputLocation = "path" | "query" | "header" | "formData" | "body";

/** `x-ms-visibility`; "" when absent (the designer's "normal"). */
export type Visibility = "" | "important" | "advanced" | "internal";

export interface ContractModel {
  /** The files the model was read from: schemas are resolved through them on demand (examples, deep comparison). */
  readonly set: DocumentSet;
  readonly title: string;
  readonly description: string;
  /** The canvas-app data source name Power Apps derives from the title (`Field Service` → `FieldService`). */
  readonly connectorName: string;
  readonly host: string;
  readonly basePath: string;
  readonly security: readonly SecurityScheme[];
  readonly place: Place;
  readonly operations: readonly OperationContract[];
  /**
   * `x-ms-capabilities.testConnection.operationId`: the operation Power Platform calls when a connection is made,
   * to check it; "" when the spec names none. Makers never call it (no Power Fx function, no flow action).
   */
  readonly testConnection: string;
  /**
   * Extensions at the root or in `info` that Power Fx's connector library does not accept (`x-foo`,
   * `info.x-bar`): unless its host ignores unknown extensions, it marks the whole connector unsupported.
   */
  readonly unsupportedExtensions: readonly string[];
}

/** A security definition, as far as existing connections depend on it. */
export interface SecurityScheme {
  readonly name: string;
  /** `oauth2 accessCode`, `apiKey header X-Api-Key`, `basic`: what a connection was made for. */
  readonly kind: string;
  /** OAuth endpoints, when there are any. */
  readonly urls: string;
}

export interface OperationContract {
  /** As written, or `get /path` when the spec gives none. */
  readonly operationId: string;
  readonly hasOperationId: boolean;
  /** Lower case: get, post... */
  readonly method: string;
  readonly path: string;
  /** basePath and path: the URL path the operation is called at. */
  readonly url: string;
  /** The URL with template variables blanked and lower case (`/api/items/{}`), to pair renamed operations. */
  readonly pathShape: string;
  readonly place: Place;
  readonly summary: string;
  readonly description: string;
  readonly deprecated: boolean;
  readonly visibility: Visibility;
  /** `x-ms-trigger` (`single`, `batch`) or "" for an action. */
  readonly trigger: string;
  /** The path item has `x-ms-notification-content`: a webhook registration, which Power Fx skips. */
  readonly webhook: boolean;
  /** `x-ms-safe-operation: true`: not a behaviour function in Power Fx although its method is not GET. */
  readonly safe: boolean;
  /** `x-ms-pageable.nextLinkName`, "" when the operation does not page. */
  readonly nextLink: string;
  /** `x-ms-api-annotation.family`, when the operation belongs to a versioned family. */
  readonly family: string;
  readonly inputs: readonly InputField[];
  /** The body parameter and its schema after `$ref`s, when there is one (examples are read from both). */
  readonly body: { readonly parameter: Located; readonly schema: Located } | undefined;
  readonly output: OutputContract | undefined;
}

export interface InputField {
  /** Unique within the operation: `query:status`, `body:address/city`. */
  readonly id: string;
  /** The top-level name (parameter name or body property); for nested body fields, the last segment. */
  readonly name: string;
  readonly in: InputLocation;
  /** Segments below the body for nested body fields (`["address", "city"]`); `[name]` for top-level inputs. */
  readonly segments: readonly string[];
  readonly topLevel: boolean;
  /**
   * As Power Platform reads it: path parameters always; other parameters when `required: true`; body properties
   * when their object's `required` lists them (whether or not the body parameter itself is required, as Power Fx
   * reads it); a body without properties when the body parameter is required.
   */
  readonly required: boolean;
  readonly visibility: Visibility;
  readonly type: string;
  readonly format: string;
  readonly enum: readonly unknown[] | undefined;
  readonly hasDefault: boolean;
  readonly default: unknown;
  readonly summary: string;
  readonly description: string;
  /** `x-ms-enum-values`: the names the designer shows for enum values. */
  readonly enumNames: readonly { readonly value: unknown; readonly displayName: string }[];
  /** The operation that fills its drop-down (`x-ms-dynamic-values` / `x-ms-dynamic-list`), "" when none. */
  readonly dynamicValues: string;
  readonly place: Place;
  /** The schema after `$ref`s (for a non-body parameter, the parameter itself): types and examples come from it. */
  readonly schema: Located;
  /** The node as written, before `$ref`s: summaries, visibility and samples may stand next to a `$ref`. */
  readonly written: unknown;
}

export interface OutputContract {
  /**
   * The status whose schema is the operation's output (the first 2xx with a schema), or "notification" for a
   * webhook trigger whose output is its path item's `x-ms-notification-content`.
   */
  readonly status: string;
  /** The `$ref` the schema's root names, if any: a different name on the other side means the schema was replaced. */
  readonly rootRef: string;
  /** `x-ms-dynamic-schema`: the shape is fetched at design time and cannot be compared. */
  readonly dynamic: boolean;
  /** The schema as written. */
  readonly place: Located;
  /** The root schema after `$ref`s, for walking both sides together. */
  readonly schema: Located;
  /**
   * Keyed by field path (`items/[]/id`); "" is the root. A recursive schema is listed down to its first
   * recurrence (that field's `recursive` names where the shape repeats).
   */
  readonly fields: ReadonlyMap<string, OutputField>;
}

export interface OutputField {
  readonly path: string;
  readonly type: string;
  readonly format: string;
  readonly summary: string;
  readonly description: string;
  /** `x-ms-visibility` of the property: internal outputs are not offered as dynamic content. */
  readonly visibility: Visibility;
  readonly place: Place;
  /** The field's schema after `$ref`s (where a removed child would have been). */
  readonly schemaPlace: Located;
  /** The path of the ancestor whose schema this field repeats (a recursive definition), when it does. */
  readonly recursive?: string;
}
