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

/** Whether `entry` is an IPv4/IPv6 address or CIDR that an allowlist may hold. */
export function isValidAllowlistEntry(entry: string): boolean {
  return typeof entry === 'string' && parseEntry(entry.trim()) !== null;
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
