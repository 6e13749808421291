/**
 * Which callback URLs the app may call. A subscription names a URL; the app will POST to it later, from inside its
 * network. So a URL is accepted only for an allowed host (by setting; Power Automate's callbacks come from
 * `*.logic.azure.com`), over https, on the default port unless the setting names another; and at delivery every
 * address the name resolves to is checked again, so that a name re-pointed at a private address (DNS rebinding)
 * reaches nothing. Loopback is for local development only.
 */
import { BlockList, isIP } from "node:net";

export interface CallbackPolicy {
  readonly allowedHosts: readonly string[];
  readonly allowLoopback: boolean;
}

export type CallbackCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string };

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Whether a subscription may name this URL; the reason is for the subscriber (it names the setting). */
export function checkCallbackUrl(raw: string, policy: CallbackPolicy): CallbackCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "the callback URL is not an absolute URL" };
  }
  if (url.username !== "" || url.password !== "") return { ok: false, reason: "the callback URL must not carry a user name or password" };
  const host = hostOf(url);
  if (isLoopbackHost(host)) {
    if (policy.allowLoopback && (url.protocol === "http:" || url.protocol === "https:")) return { ok: true, url };
    return { ok: false, reason: "callbacks to loopback are allowed in local development only (AZURE_FUNCTIONS_ENVIRONMENT=Development)" };
  }
  if (url.protocol !== "https:") return { ok: false, reason: "the callback URL must use https" };
  if (!policy.allowedHosts.some((pattern) => hostMatches(pattern, host, url.port))) {
    return {
      ok: false,
      reason: `the callback host ${url.host} is not allowed: CONDUIT_WEBHOOK_ALLOWED_HOSTS allows ${policy.allowedHosts.join(", ") || "none"}`,
    };
  }
  return { ok: true, url };
}

/** Lower case, without the trailing dot of a fully qualified name, IPv6 without brackets. */
function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.$/, "").replace(/^\[(.*)\]$/, "$1");
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return LOOPBACK_NAMES.has(bare) || bare.endsWith(".localhost") || (isIP(bare) !== 0 && isLoopbackAddress(bare));
}

/** `host`, `host:port`, or `*.suffix[:port]` (any name under suffix, however deep). Without a port: 443 only. */
export function hostMatches(pattern: string, host: string, port: string): boolean {
  const wanted = parsePattern(pattern);
  if ((port === "" ? "443" : port) !== (wanted.port ?? "443")) return false;
  if (wanted.name.startsWith("*.")) return host.endsWith(wanted.name.slice(1)) && host.length > wanted.name.length - 1;
  return host === wanted.name;
}

function parsePattern(pattern: string): { name: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(pattern);
  if (bracketed) return bracketed[2] === undefined ? { name: bracketed[1]! } : { name: bracketed[1]!, port: bracketed[2] };
  const withPort = /^([^:]+):(\d+)$/.exec(pattern);
  if (withPort) return { name: withPort[1]!.replace(/\.$/, ""), port: withPort[2]! };
  return { name: pattern.replace(/\.$/, "") };
}

// Addresses no callback may reach unless the setting names the address itself: private, shared, link-local (the
// instance metadata endpoint), loopback, documentation, multicast and reserved ranges.
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) PRIVATE.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128], ["::1", 128], ["64:ff9b::", 96], ["100::", 64], ["2001::", 23], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8],
] as const) PRIVATE.addSubnet(network, prefix, "ipv6");

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address it is. */
function normalize(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  return { address, family: isIP(address) === 6 ? "ipv6" : "ipv4" };
}

export function isLoopbackAddress(address: string): boolean {
  const { address: a, family } = normalize(address);
  return LOOPBACK.check(a, family);
}

/**
 * Whether the app may connect to `address`, which `host` resolved to: a loopback host (development only) to
 * loopback addresses only; any other host to public addresses, or to exactly an address the setting names.
 */
export function addressAllowed(address: string, host: string, policy: CallbackPolicy): boolean {
  if (isIP(address) === 0) return false;
  if (isLoopbackHost(host)) return policy.allowLoopback && isLoopbackAddress(address);
  const { address: a, family } = normalize(address);
  if (!PRIVATE.check(a, family)) return true;
  return policy.allowedHosts.some((pattern) => {
    const name = parsePattern(pattern).name;
    return isIP(name) !== 0 && normalize(name).address === a;
  });
}
