import type { IncomingHttpHeaders } from 'node:http';

/**
 * The key from `Authorization: Bearer <key>` or `X-Api-Key: <key>`, and from
 * nowhere else: a key in a URL ends up in logs and browser history.
 */
export function extractApiKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    return match ? match[1] : undefined;
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.trim() !== '' ? apiKey.trim() : undefined;
}
