import 'reflect-metadata';
import { LatchkeyGuardModule, type RemoteGuardOptions } from '@latchkey/guard';
import { createInventoryApp } from './app';
import { AppModule } from './app.module';
import { PassportAppModule } from './passport-app.module';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`${name} is required\n`);
    process.exit(1);
  }
  return value;
}

/**
 * TRUST_PROXY: the addresses/CIDRs of the proxies in front, comma-separated.
 * Not a count (Fastify 5.12 trusts no proxy for one: a client that reaches
 * the service directly could write its own address) and not `true` (every
 * X-Forwarded-For entry, including those the client writes).
 */
function trustedProxies(): string | false {
  const value = (process.env.TRUST_PROXY ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true' || /^\d+$/.test(value)) {
    process.stderr.write(
      'TRUST_PROXY must be the addresses or CIDRs of the proxies in front, e.g. 10.0.0.5,10.1.0.0/16\n',
    );
    process.exit(1);
  }
  return value;
}

async function main(): Promise<void> {
  const latchkey: RemoteGuardOptions = {
    url: process.env.LATCHKEY_URL ?? 'http://localhost:3000',
    serviceKey: required('LATCHKEY_SERVICE_KEY'),
    ...(process.env.LATCHKEY_CACHE_TTL_MS && {
      cacheTtlMs: Number(process.env.LATCHKEY_CACHE_TTL_MS),
    }),
  };
  // LATCHKEY_PASSPORT=1: the same routes through the Passport strategy instead of the global guard.
  const root =
    process.env.LATCHKEY_PASSPORT === '1'
      ? PassportAppModule.register(latchkey)
      : AppModule.register(LatchkeyGuardModule.forRoot(latchkey));
  const app = await createInventoryApp(root, { trustProxy: trustedProxies() });
  app.enableShutdownHooks();
  const port = Number(process.env.PORT ?? 4000);
  await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' });
  process.stdout.write(`inventory-service listening on http://localhost:${port}\n`);
}

void main();
