import { QueryFailedError } from 'typeorm';

/**
 * Stand-ins for DatabaseService and TypeORM's EntityManager in service tests
 * (no database): a transaction runs its work at once on `manager`, and every
 * query builder the manager makes reads what `rowFor` says for its entity.
 */
export function fakeManager(rowFor: (entity: unknown) => unknown = () => null) {
  return {
    countBy: jest.fn((): Promise<number> => Promise.resolve(0)),
    findBy: jest.fn((): Promise<unknown[]> => Promise.resolve([])),
    insert: jest.fn((): Promise<unknown> => Promise.resolve()),
    update: jest.fn((): Promise<unknown> => Promise.resolve()),
    delete: jest.fn((): Promise<unknown> => Promise.resolve()),
    createQueryBuilder: jest.fn((entity: unknown) => queryAnswering(rowFor(entity))),
  };
}

export type FakeManager = ReturnType<typeof fakeManager>;

/** DatabaseService's provider value over `manager`. */
export function fakeDatabase(manager: FakeManager) {
  return {
    transaction: <T>(work: (m: FakeManager) => Promise<T>) => work(manager),
    forUpdate: <Q>(query: Q) => query,
  };
}

/** A query builder whose every step chains and whose read answers `row` (`getMany`: a list). */
export function queryAnswering(row: unknown) {
  const builder: Record<string, jest.Mock> = {};
  for (const step of ['select', 'addSelect', 'where', 'andWhere', 'innerJoinAndSelect']) {
    builder[step] = jest.fn(() => builder);
  }
  builder.getOne = jest.fn(() => Promise.resolve(row));
  builder.getMany = jest.fn(() => Promise.resolve(Array.isArray(row) ? row : []));
  return builder;
}

/** What the driver throws for a write that breaks a unique index (SQLite's code). */
export function uniqueViolation(message = 'UNIQUE constraint failed'): QueryFailedError {
  return new QueryFailedError(
    'INSERT',
    [],
    Object.assign(new Error(message), {
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    }),
  );
}
