import { AsyncResource } from 'node:async_hooks';

type Bind = (
  this: AsyncResource,
  fn: (...args: unknown[]) => unknown,
  thisArg?: unknown,
) => unknown;

/**
 * Up to Node 24, `AsyncResource.prototype.bind` gives every bound function a
 * deprecated `asyncResource` property (DEP0172) made of two `deprecate()`
 * wrappers, which cost about 11 µs per call on Node 20. Fastify binds one function
 * per request that has a body, so on Node 20 this was a tenth of
 * `POST /keys/verify`'s CPU time (BENCHMARKS.md). Node 25 removed the
 * property (nodejs/node#58618); this puts Node 25's `bind` in place where the
 * property is still made, and changes nothing elsewhere. The bound function
 * still runs in the resource's async scope, with the same `this` and length.
 */
export function backportAsyncResourceBind(): void {
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
