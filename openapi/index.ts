/**
 * The API's shapes, as openapi.json states them: `types.ts` is generated from
 * it by `npm run openapi` (openapi-typescript), and these helpers name its
 * parts. The web console and the tests import from here, types only, and
 * restate no body by hand.
 */
import type { components, paths } from './types';

export type { components, paths };

/** The models: `Schemas['ApiKeyResponseDto']`. */
export type Schemas = components['schemas'];

type Method = 'get' | 'post' | 'patch' | 'delete';

/** The JSON body of an operation's 200 or 201 answer: `Answer<'/api/v1/keys', 'get'>`. */
export type Answer<P extends keyof paths, M extends Method> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;
