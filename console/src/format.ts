const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const exact = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes ago", "in 2 days". */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second')
      return relative.format(Math.round(seconds / size), unit);
  }
  return iso;
}

export const exactTime = (iso: string) => exact.format(new Date(iso));
export const dayOf = (iso: string) => day.format(new Date(iso));

/** The expiry choices of the create and regenerate forms. */
export const EXPIRY_DAYS = [7, 30, 60, 90, 180, 365];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** null when `entry` is an IPv4/IPv6 address or CIDR, else why not. */
export function ipEntryProblem(entry: string): string | null {
  const [address, prefix, extra] = entry.trim().split('/');
  if (extra !== undefined || !address)
    return 'Enter an address such as 10.0.0.1, 10.0.0.0/8 or 2001:db8::/32.';
  const v4 = IPV4.test(address);
  const v6 = !v4 && address.includes(':') && isIpv6(address);
  if (!v4 && !v6) return `"${address}" is not an IPv4 or IPv6 address.`;
  if (prefix !== undefined) {
    const max = v4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max)
      return `The prefix length must be 0–${max}.`;
  }
  return null;
}

/** The URL parser knows IPv6: a bracketed host that parses is a valid address. */
function isIpv6(address: string): boolean {
  try {
    return new URL(`http://[${address}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}
