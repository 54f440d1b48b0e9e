import { isIP } from 'node:net';

/** Express's 'trust proxy' setting as TRUST_PROXY gives it: nothing, a hop count, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

/** proxy-addr's named ranges (127.0.0.0/8 and ::1; 169.254.0.0/16 and fe80::/10; the private ranges and fc00::/7). */
const PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Reads TRUST_PROXY: empty (or 0, or false) trusts nothing, so the client address is the connection's peer; `1`
 * trusts one hop (the nearest proxy's X-Forwarded-For entry is the client); a list such as `10.0.0.0/8, loopback`
 * trusts proxies at those addresses. Express's `true` (trust every hop) is refused: it lets any client choose its
 * address. Returns undefined for anything else.
 */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const text = value.trim();
  if (text === '' || text === 'false') return false;
  if (/^\d{1,2}$/.test(text)) return Number(text) === 0 ? false : Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? entries : undefined;
}

function isProxyAddress(entry: string): boolean {
  if (PRESETS.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || address.includes('%') || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}
