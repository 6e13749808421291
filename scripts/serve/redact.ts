/**
 * What the local host writes to its log must not let a reader call the API: the function key (as `?code=`, in
 * any spelling the host would read, or as `x-functions-key`) and bearer tokens are replaced by `***`, in the
 * access log and in whatever a function logs.
 */

export const REDACTED = "***";

/** Query parameters whose value is a credential: the Functions host reads the key from `code`. */
const SECRET_PARAMETERS = new Set(["code"]);

/**
 * The request target with the value of every credential parameter replaced: each occurrence (`?code=a&code=b`
 * hides both), the name compared as the host decodes it (`%63ode`) and case-insensitively.
 */
export function redactUrl(target: string): string {
  const question = target.indexOf("?");
  if (question === -1) return target;
  const hash = target.indexOf("#", question);
  const query = target.slice(question + 1, hash === -1 ? undefined : hash);
  const redacted = query
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return SECRET_PARAMETERS.has(decodeName(name).toLowerCase()) ? `${name}=${REDACTED}` : pair;
    })
    .join("&");
  return `${target.slice(0, question + 1)}${redacted}${hash === -1 ? "" : target.slice(hash)}`;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name;
  }
}

/**
 * A log line with known secrets taken out: the function key wherever it appears (as is or URL-encoded), every
 * `code=` value in a URL, and the token after `Bearer`. Catches what a function logs about its request too.
 */
export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (secret === "") continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(REDACTED);
  }
  out = out.replace(/([?&](?:code|%63ode)=)[^&\s"'#]*/gi, `$1${REDACTED}`);
  // A token is long; "no bearer token" in a log line is not one.
  return out.replace(/\b(Bearer\s+)[A-Za-z0-9\-._~+/]{16,}=*/gi, `$1${REDACTED}`);
}
