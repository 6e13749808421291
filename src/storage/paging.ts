/**
 * Page tokens for the `skipToken` query parameter. The Table service's continuation (its opaque next partition and
 * row key, which @azure/data-tables hands out as base64 JSON) travels in nextLink as base64url, so it needs no
 * escaping in a URL, and a token that is not one of ours is refused here, before it reaches the service.
 */

/** The skipToken for the SDK's continuation token. */
export function toSkipToken(continuationToken: string): string {
  return Buffer.from(continuationToken, "base64").toString("base64url");
}

/** The SDK's continuation token for a skipToken, or undefined when it is not a token this API gave out. */
export function fromSkipToken(skipToken: string): string | undefined {
  if (skipToken.length === 0 || skipToken.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(skipToken)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(skipToken, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!isContinuation(parsed)) return undefined;
  return Buffer.from(skipToken, "base64url").toString("base64");
}

function isContinuation(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { nextPartitionKey, nextRowKey, ...rest } = value as Record<string, unknown>;
  return (
    typeof nextPartitionKey === "string" &&
    nextPartitionKey.length > 0 &&
    (nextRowKey === undefined || typeof nextRowKey === "string") &&
    Object.keys(rest).length === 0
  );
}
