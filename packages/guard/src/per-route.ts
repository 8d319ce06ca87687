import type { ExecutionContext } from '@nestjs/common';

export type Handler = ReturnType<ExecutionContext['getHandler']>;
export type Controller = ReturnType<ExecutionContext['getClass']>;

/**
 * Memoises what a route's decorators say. They are fixed once its classes
 * are defined, and every request would otherwise read them again, in each
 * guard that asks.
 */
export function perRoute<T>(
  read: (handler: Handler, controller: Controller) => T,
): (handler: Handler, controller: Controller) => T {
  const byController = new WeakMap<Controller, Map<Handler, T>>();
  return (handler, controller) => {
    let byHandler = byController.get(controller);
    if (!byHandler) byController.set(controller, (byHandler = new Map<Handler, T>()));
    if (!byHandler.has(handler)) byHandler.set(handler, read(handler, controller));
    return byHandler.get(handler) as T;
  };
}
