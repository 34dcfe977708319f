import { jest } from '@jest/globals';

/** Names Nest (and `await`) probe on a provider: a mock must not answer them with a function. */
const NOT_MOCKED = new Set<PropertyKey>([
  'then',
  'constructor',
  'onModuleInit',
  'onApplicationBootstrap',
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
]);

export type Mock<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? jest.Mock<(...args: A) => R> : T[K] };

/**
 * A stand-in for a class's instance (a repository, a queue…) whose every method is a `jest.fn()`
 * made on first use, for the unit tier's `Test.createTestingModule(...).useValue(mockOf<X>())`.
 * Values given in `fields` are returned as they are.
 */
export function mockOf<T extends object>(fields: Partial<T> = {}): Mock<T> {
  const methods = new Map<PropertyKey, unknown>(Object.entries(fields));
  return new Proxy({} as Mock<T>, {
    get(_target, key) {
      if (typeof key === 'symbol' || NOT_MOCKED.has(key)) return undefined;
      if (!methods.has(key)) methods.set(key, jest.fn());
      return methods.get(key);
    },
  });
}
