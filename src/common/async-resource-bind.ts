import { AsyncResource } from 'node:async_hooks';

type Bind = (
  this: AsyncResource,
  fn: (...args: unknown[]) => unknown,
  thisArg?: unknown,
) => unknown;

/**
 * Node 20's `AsyncResource.prototype.bind` gives every bound function a
 * deprecated `asyncResource` property (DEP0172) made of two `deprecate()`
 * wrappers, which cost about 11 µs per call. Fastify binds one function per
 * request that has a body, so this was a tenth of `POST /keys/verify`'s CPU
 * time (BENCHMARKS.md). Node 24 made `deprecate()` cheap (nodejs/node#58218,
 * #59195) and Node 25 dropped the property (#58618), so this puts Node 25's
 * `bind` in place on Node 20 only, and changes nothing on 22 and later. The
 * bound function still runs in the resource's async scope, with the same
 * `this` and length. A patch of Node itself: `main.ts` applies it to the
 * service's own process; `createApp()`, which embedding apps call, does not.
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
