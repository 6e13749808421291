/** How `conduit try` sends a request it built: to the app's root URL, with the key and token, no redirects followed. */
import type { TryBody, TryRequest } from "./inputs.js";

export interface Sender {
  /** The app's root URL with the route prefix, no trailing slash. */
  readonly url: string;
  /** Sent with every call: the function key, the bearer token. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export async function send(sender: Sender, request: TryRequest): Promise<Response> {
  const url = new URL(`${sender.url}${request.path}`);
  for (const [name, value] of request.query) url.searchParams.append(name, value);
  const headers: Record<string, string> = { ...sender.headers, ...request.headers };
  const body = encodeBody(request.body, headers);
  return fetch(url, {
    method: request.method,
    headers,
    ...(body === undefined ? {} : { body }),
    redirect: "manual",
    signal: AbortSignal.timeout(sender.timeoutMs ?? 30_000),
  });
}

function encodeBody(body: TryBody | undefined, headers: Record<string, string>): string | Uint8Array | URLSearchParams | FormData | undefined {
  if (body === undefined) return undefined;
  switch (body.kind) {
    case "json":
      headers["content-type"] = body.contentType;
      return JSON.stringify(body.value);
    case "text":
      headers["content-type"] = body.contentType;
      return body.value;
    case "bytes":
      headers["content-type"] = body.contentType;
      return body.value;
    case "form": {
      if (/x-www-form-urlencoded/i.test(body.contentType)) {
        headers["content-type"] = body.contentType;
        return new URLSearchParams(body.fields.map((f): [string, string] => [f.name, f.value]));
      }
      // multipart: fetch writes the content-type with its boundary.
      const form = new FormData();
      for (const field of body.fields) {
        if (field.fileName !== undefined) form.append(field.name, new Blob([field.value], { type: "text/plain" }), field.fileName);
        else form.append(field.name, field.value);
      }
      return form;
    }
  }
}

/** Why a request got no answer, in a few words. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (error.name === "TimeoutError") return "it took longer than the timeout";
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
