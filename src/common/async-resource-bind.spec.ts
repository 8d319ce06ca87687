import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { execFileSync } from 'node:child_process';
import { backportAsyncResourceBind, nodeMajor } from './async-resource-bind';

describe('backportAsyncResourceBind', () => {
  beforeAll(() => backportAsyncResourceBind());

  it('replaces bind on Node 20 only, and leaves Node 22 and later alone', () => {
    // In a fresh process: this one's bind may have been replaced already
    // (core modules outlive jest's module registry between test files).
    const probe = `
      const { AsyncResource } = require('node:async_hooks');
      const own = AsyncResource.prototype.bind;
      const needed = 'asyncResource' in new AsyncResource('probe').bind(() => undefined);
      require('./async-resource-bind').backportAsyncResourceBind();
      console.log(JSON.stringify({ needed, replaced: AsyncResource.prototype.bind !== own }));`;
    const output = execFileSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', probe],
      { cwd: __dirname, encoding: 'utf8' },
    );
    const replaced = nodeMajor() < 22;

    expect(JSON.parse(output)).toEqual({ needed: nodeMajor() < 25, replaced });
  });

  const storage = new AsyncLocalStorage<string>();

  /** A resource made inside `storage.run(store)`, as Fastify makes one per request. */
  const resourceIn = (store: string) =>
    storage.run(store, () => new AsyncResource('test-resource'));

  // Node 22 and 24 keep their own bind, property included.
  const withoutProperty = nodeMajor() < 22 || nodeMajor() >= 25;

  (withoutProperty ? it : it.skip)(
    'makes bound functions without the deprecated asyncResource property',
    () => {
      const bound = new AsyncResource('test-resource').bind(() => undefined);

      expect('asyncResource' in bound).toBe(false);
    },
  );

  it("runs the bound function in the resource's async context, wherever it is called", () => {
    const bound = resourceIn('request-1').bind(() => storage.getStore());

    expect(storage.run('elsewhere', bound)).toBe('request-1');
    expect(bound()).toBe('request-1');
  });

  it('passes the arguments and the return value through', () => {
    const bound = resourceIn('request-1').bind((a: number, b: number) => a + b);

    expect(bound(2, 3)).toBe(5);
  });

  it('keeps the call-time this, or the bound thisArg when one is given', () => {
    function whoAmI(this: { name: string }) {
      return this.name;
    }
    const callTime = new AsyncResource('test-resource').bind(whoAmI);
    // Node takes a thisArg (docs: asyncResource.bind(fn[, thisArg])); @types/node 20 leaves it out.
    const bindWithThis = AsyncResource.prototype.bind as (
      this: AsyncResource,
      fn: typeof whoAmI,
      thisArg: { name: string },
    ) => typeof whoAmI;
    const fixed = bindWithThis.call(new AsyncResource('test-resource'), whoAmI, { name: 'bound' });

    expect(callTime.call({ name: 'caller' })).toBe('caller');
    expect(fixed.call({ name: 'caller' })).toBe('bound');
  });

  it("keeps the function's length and the static AsyncResource.bind", () => {
    const bound = AsyncResource.bind((a: number, b: number) => a * b);

    expect(bound.length).toBe(2);
    expect(bound(4, 5)).toBe(20);
  });

  it('refuses what is not a function, as Node does', () => {
    const resource = new AsyncResource('test-resource');

    expect(() => resource.bind('nope' as unknown as () => void)).toThrow(
      /"fn" argument must be (a|of type) function/,
    );
  });
});
