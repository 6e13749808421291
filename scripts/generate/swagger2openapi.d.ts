// swagger2openapi ships no types; this is the one function conduit calls.
declare module "swagger2openapi" {
  interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
    resolve?: boolean;
    [option: string]: unknown;
  }
  interface ConvertResult {
    openapi: Record<string, unknown>;
    [key: string]: unknown;
  }
  export function convertObj(swagger: unknown, options: ConvertOptions): Promise<ConvertResult>;
  const converter: { convertObj: typeof convertObj };
  export default converter;
}
