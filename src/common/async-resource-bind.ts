import { AsyncResource } from 'node:async_hooks';

type Bind = (
  this: AsyncResource,
  fn: (...args: unknown[]) => unknown,
  thisArg?: unknown,
) => unknown;

/**
 * Node 20's `AsyncResource.prototype.bind` gives every bound function a
 * deprecated `asyncResource` property (DEP0172) built from two `deprecate()`
 * wrappers, and Fastify binds one function per request with a body: a
 * measurable share of `POST /keys/verify` (BENCHMARKS.md). This puts Node
 * 25's `bind` (same scope, `this` and length) in place on Node 20 only; 22
 * and later are left alone. It patches Node itself, so only `main.ts` calls
 * it, never `createApp()`.
 */
export function backportAsyncResourceBind(): void {
  if (nodeMajor() >= 22) return;
  if (!('asyncResource' in new AsyncResource('latchkey-probe').bind(() => undefined))) return;
  const bind: Bind = function (fn, thisArg) {
    if (typeof fn !== 'function') throw new TypeError('The "fn" argument must be a function');
    let bound: (...args: unknown[]) => unknown;
    if (thisArg === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the resource, kept for later calls
      const resource = this;
      bound = function (this: unknown, ...args: unknown[]) {
        return resource.runInAsyncScope(fn, this, ...args);
      };
    } else {
      bound = this.runInAsyncScope.bind(this, fn, thisArg) as typeof bound;
    }
    Object.defineProperty(bound, 'length', { configurable: true, value: fn.length });
    return bound;
  };
  (AsyncResource.prototype as unknown as { bind: Bind }).bind = bind;
}

export function nodeMajor(): number {
  return Number(process.versions.node.split('.')[0]);
}
