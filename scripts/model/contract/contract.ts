/**
 * The contract model: what a connector promises the flows and canvas apps built against it, per operation, as
 * Power Platform sees it (body properties flattened into inputs, the success response flattened into outputs).
 * It is built for comparison: every element knows the file and JSON path it came from.
 */

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
  readonly title: string;
  /** The canvas-app data source name Power Apps derives from the title (`Field Service` → `FieldService`). */
  readonly connectorName: string;
  readonly host: string;
  readonly basePath: string;
  readonly security: readonly SecurityScheme[];
  readonly place: Place;
  readonly operations: readonly OperationContract[];
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
  readonly operationId: string;
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
  /** `x-ms-api-annotation.family`, when the operation belongs to a versioned family. */
  readonly family: string;
  readonly inputs: readonly InputField[];
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
  readonly required: boolean;
  readonly visibility: Visibility;
  readonly type: string;
  readonly format: string;
  readonly enum: readonly unknown[] | undefined;
  readonly hasDefault: boolean;
  readonly default: unknown;
  readonly summary: string;
  readonly description: string;
  readonly place: Place;
}

export interface OutputContract {
  /** The status whose schema is the operation's output (the first 2xx with a schema). */
  readonly status: string;
  /** The `$ref` the schema's root names, if any: a different name on the other side means the schema was replaced. */
  readonly rootRef: string;
  /** `x-ms-dynamic-schema`: the shape is fetched at design time and cannot be compared. */
  readonly dynamic: boolean;
  readonly place: Place;
  /** Keyed by field path (`items/[]/id`); "" is the root. */
  readonly fields: ReadonlyMap<string, OutputField>;
}

export interface OutputField {
  readonly path: string;
  readonly type: string;
  readonly format: string;
  readonly summary: string;
  readonly description: string;
  readonly place: Place;
  /** Where the field's schema is after `$ref`s: where a removed child would have been. */
  readonly schemaPlace: Place;
}
