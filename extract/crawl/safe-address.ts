// Refusing private, loopback and link-local addresses, checked on the address actually
// connected to (after DNS), so a public name that resolves to 10.x or 127.x is refused too.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { isIP, BlockList } from "node:net";

const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16],
  ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) BLOCKED.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) BLOCKED.addSubnet(net, prefix, "ipv6");

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, "ipv4");
  if (family === 6) {
    const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
    return mapped ? BLOCKED.check(mapped[1]!, "ipv4") : BLOCKED.check(address, "ipv6");
  }
  return true; // not an address at all: refuse
}

export class PrivateAddressError extends Error {
  override name = "PrivateAddressError";
  readonly code = "EPRIVATEADDR";
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup for http.Agent that fails when any resolved address is private. */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(new PrivateAddressError(`${hostname} resolves to ${bad.address}, a private/loopback address (not allowed for this source)`), []);
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

/** Literal IP hosts skip DNS (and so the lookup above): checked here. "[::1]" brackets are stripped. */
export function literalAddressProblem(hostname: string): string | null {
  const h = hostname.replace(/^\[|\]$/g, "");
  return isIP(h) && isPrivateAddress(h) ? `${h} is a private/loopback address (not allowed for this source)` : null;
}
