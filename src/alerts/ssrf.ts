// Webhook targets must be public: private, loopback, link-local, CGNAT, multicast and reserved
// addresses are refused unless configuration allows them. The check runs on every resolved
// address at connect time, so a public name that resolves to a private address is refused too.
import dns from 'node:dns';
import net from 'node:net';

function v4(ip: string): number[] {
  return ip.split('.').map(Number);
}

export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const [a = 0, b = 0] = v4(ip);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  if (net.isIPv6(ip)) {
    const x = ip.toLowerCase();
    if (x === '::' || x === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(x);
    if (mapped?.[1]) return isPrivateAddress(mapped[1]);
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(x);
  }
  return true;
}

export class UnsafeTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeTargetError';
  }
}

/** A dns.lookup replacement for http(s).request that refuses private answers (connect-time check). */
export function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad && !allowPrivate) {
        return callback(new UnsafeTargetError(`${hostname} resolves to ${bad.address}, a private/loopback/link-local address; refused (set alerts.allowPrivateTargets to allow)`), '', 4);
      }
      const first = list[0];
      if (!first) return callback(new Error(`${hostname}: no address`), '', 4);
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      return callback(null, first.address, first.family);
    });
  };
}

/** Up-front check used when a rule is created: literal IPs and resolved names. */
export async function checkTarget(url: string, allowPrivate: boolean): Promise<string | null> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a valid URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'must be http or https';
  if (u.username || u.password) return 'must not carry credentials';
  if (allowPrivate) return null;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback targets are refused';
  if (net.isIP(host)) return isPrivateAddress(host) ? `${host} is a private/loopback/link-local address` : null;
  try {
    const addrs = await dns.promises.lookup(host, { all: true });
    const bad = addrs.find((a) => isPrivateAddress(a.address));
    return bad ? `${host} resolves to ${bad.address}, a private/loopback/link-local address` : null;
  } catch {
    // Unresolvable now: the connect-time check still guards delivery.
    return null;
  }
}
