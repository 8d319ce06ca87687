import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Headers = Record<string, string>;

/**
 * The headers a helmet middleware sets, read once: with the static policies
 * below they are the same on every response, so a request only copies them.
 */
function headersOf(middleware: ReturnType<typeof helmet>): Headers {
  const headers: Headers = {};
  const response = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: () => undefined, // X-Powered-By, which Fastify never sets
  };
  middleware({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * The API answers JSON only, with OWASP's headers for REST responses: none
 * may be stored (some carry a new token), load, run or be framed. helmet's
 * headers that act on HTML documents only (COOP, Origin-Agent-Cluster,
 * X-DNS-Prefetch-Control, X-Download-Options,
 * X-Permitted-Cross-Domain-Policies, X-XSS-Protection) stay on the pages
 * below: on JSON they protect nothing, and every header costs every
 * response its validation and its bytes (BENCHMARKS.md).
 */
const apiHeaders: Headers = {
  ...headersOf(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      xFrameOptions: { action: 'deny' },
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    }),
  ),
  'cache-control': 'no-store',
};

/**
 * Swagger UI (`/docs` and its assets) loads its scripts, stylesheet and
 * images from this origin and has one inline `<style>`: helmet's default
 * policy allows exactly that. `upgrade-insecure-requests` is left out because
 * the service itself speaks plain HTTP (TLS, if any, ends at a proxy), and a
 * browser told to upgrade would fetch the UI's scripts over HTTPS and fail.
 */
const docsHeaders = headersOf(
  helmet({
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  }),
);

/**
 * The web console (`/console/`) is built by Vite into files of its own: one
 * script, one stylesheet, no inline code, and it talks only to this origin's
 * API. Nothing else may load, run, frame it or be submitted anywhere.
 */
const consoleHeaders = headersOf(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  }),
);

/**
 * The route config (`@RouteConfig(EVENT_STREAM)`) of a route that answers
 * with Nest's Server-Sent Events stream, which writes its own Cache-Control
 * (no-store, and more for old proxies) beside whatever the reply holds.
 */
export const EVENT_STREAM = { eventStream: true } as const;

/** The API's headers but Cache-Control, which the event stream sends itself. */
const eventStreamHeaders: Headers = Object.fromEntries(
  Object.entries(apiHeaders).filter(([name]) => name !== 'cache-control'),
);

const DOCS_ROUTE = /^\/docs(\/|$)/;
const CONSOLE_ROUTE = /^\/console(\/|$)/;

function headersFor({ url, config }: FastifyRequest['routeOptions']): Headers {
  if (url === undefined) return apiHeaders;
  if ((config as Partial<typeof EVENT_STREAM> | undefined)?.eventStream) return eventStreamHeaders;
  if (DOCS_ROUTE.test(url)) return docsHeaders;
  return CONSOLE_ROUTE.test(url) ? consoleHeaders : apiHeaders;
}

/**
 * Puts the security headers and the request's `X-Request-Id` on every
 * response, in one hook. helmet's own middleware would run a dozen small
 * functions per request (and @fastify/helmet would build them anew each
 * time); the headers are computed once above, and a request picks a set
 * by its route pattern.
 */
export function applySecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headersFor(request.routeOptions)).header('x-request-id', request.id);
    done();
  });
}

/** Headers a browser client may read from a response, beside the CORS-safelisted ones. */
const EXPOSED_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Retry-After',
  'WWW-Authenticate',
  'X-Request-Id',
];

/**
 * CORS stays closed (no CORS header on any response, preflights included)
 * unless `CORS_ORIGINS` lists the browser origins that may call the API. Keys
 * travel in headers, never cookies, so credentials are not allowed.
 */
export function enableCors(app: NestFastifyApplication, origins: string[] | undefined): void {
  if (!origins || origins.length === 0) return;
  app.enableCors({
    origin: origins,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'X-Api-Key', 'Content-Type'],
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  });
}
