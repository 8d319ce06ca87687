import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error';

/** How deeply a body may nest objects and arrays; Latchkey's own bodies need 2. */
export const MAX_BODY_DEPTH = 32;

/**
 * Where a parsed body nests objects and arrays deeper than `maxDepth`: the
 * top-level field that holds the too-deep part, or `body`; undefined when
 * it does not. A loop, not recursion, so no depth exhausts the stack.
 */
export function tooDeepAt(body: unknown, maxDepth = MAX_BODY_DEPTH): string | undefined {
  const pending: { value: unknown; depth: number; field: string }[] = [
    { value: body, depth: 1, field: 'body' },
  ];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth, field } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) return field;
    const topLevel = depth === 1 && !Array.isArray(value);
    for (const [name, item] of Object.entries(value)) {
      pending.push({ value: item, depth: depth + 1, field: topLevel ? name : field });
    }
  }
  return undefined;
}

/**
 * Bodies are JSON and nothing else: Fastify's own JSON parser (which refuses
 * `__proto__` and `constructor` keys), then the depth bound, before any
 * validation walks the body. Every other content type, form bodies and
 * text included, has no parser, so Fastify answers 415.
 */
export function acceptOnlyJsonBodies(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser<string>(
    'application/json',
    { parseAs: 'string' },
    (request, text, done) =>
      parseJson(request, text, (error, body?: unknown) => {
        if (error) return done(error);
        const field = tooDeepAt(body);
        if (field === undefined) return done(null, body);
        done(
          ApiError.validation(`Invalid request: check ${field}.`, [
            {
              field,
              message: `${field} is nested too deeply: at most ${MAX_BODY_DEPTH} levels of objects and arrays`,
            },
          ]),
        );
      }),
  );
}
