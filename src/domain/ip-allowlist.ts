import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Only the plain notations: dotted quads (not ipaddr.js's lenient `10.0.0` or
 * hex/octal forms) and IPv6 without a zone id.
 */
function isPlainAddress(address: string): boolean {
  if (address.includes(':')) return ipaddr.IPv6.isValid(address) && !address.includes('%');
  return ipaddr.IPv4.isValidFourPartDecimal(address);
}

/** Parses an address or CIDR; IPv4-mapped IPv6 forms are reduced to IPv4. */
function parseEntry(entry: string): Range | null {
  if (!isPlainAddress(entry.split('/')[0])) return null;
  try {
    if (entry.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(entry);
      if (
        address.kind() === 'ipv6' &&
        (address as ipaddr.IPv6).isIPv4MappedAddress() &&
        bits >= 96
      ) {
        return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
      }
      return [address, bits];
    }
    const address = ipaddr.process(entry);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return null;
  }
}

/** A decimal number as written without leading zeros: `8`, not `08` (octal to some tools). */
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * Written the one unambiguous way: no whitespace (it would be stored and
 * never match), at most one `/`, and no leading zeros in a prefix length or
 * in an IPv4 part, standalone or inside IPv6 (`::ffff:010.0.0.1`). IPv6's
 * hexadecimal groups may keep theirs (`2001:0db8::1`): they are unambiguous.
 */
function isStrictNotation(entry: string): boolean {
  if (/\s/.test(entry)) return false;
  const [address, bits, ...more] = entry.split('/');
  if (more.length > 0 || (bits !== undefined && !DECIMAL.test(bits))) return false;
  const ipv4Part = address.slice(address.lastIndexOf(':') + 1);
  return !ipv4Part.includes('.') || ipaddr.IPv4.isValidFourPartDecimal(ipv4Part);
}

/**
 * Whether `entry` is an IPv4/IPv6 address or CIDR that an allowlist may
 * hold. Stricter than matching (isIpAllowed), which reads entries stored
 * before this check as it always did.
 */
export function isValidAllowlistEntry(entry: string): boolean {
  return typeof entry === 'string' && isStrictNotation(entry) && parseEntry(entry) !== null;
}

/** An empty list allows every address; otherwise the client must match one entry. */
export function isIpAllowed(allowlist: readonly string[], clientIp: string): boolean {
  if (allowlist.length === 0) return true;
  if (!ipaddr.isValid(clientIp)) return false;
  const client = ipaddr.process(clientIp);
  return allowlist.some((entry) => {
    const range = parseEntry(entry);
    return range !== null && range[0].kind() === client.kind() && client.match(range);
  });
}
