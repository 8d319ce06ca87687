import type { IncomingMessage } from 'node:http';

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * The key from `Authorization: Bearer <key>` or `X-Api-Key: <key>`, and from
 * nowhere else: a key in a URL ends up in logs and browser history.
 *
 * Read from every header line, as sent (Node keeps only the first
 * `Authorization` in `headers`): a request whose lines carry different keys,
 * or an `Authorization` that is not one Bearer key, has no key, rather than
 * the one whichever header wins. The same key on several lines is that key.
 */
export function extractApiKey({
  rawHeaders,
}: Pick<IncomingMessage, 'rawHeaders'>): string | undefined {
  let key: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (name !== 'authorization' && name !== 'x-api-key') continue;
    const value = rawHeaders[i + 1].trim();
    if (value === '') continue;
    const sent = name === 'x-api-key' ? value : BEARER.exec(value)?.[1];
    if (sent === undefined || (key !== undefined && sent !== key)) return undefined;
    key = sent;
  }
  return key;
}
