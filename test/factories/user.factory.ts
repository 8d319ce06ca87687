import type { Schemas } from '../../openapi';
import { bearer, TestApp } from '../support/test-app';

let sequence = 0;

/** A name no other test data uses, e.g. `user-7`. */
export const uniqueName = (prefix: string) => `${prefix}-${++sequence}`;

/** The body of POST /users, as openapi.json states it. */
export type UserInput = Schemas['CreateUserDto'];

/** The body of POST /users: a fresh client user unless told otherwise. */
export function userInput(overrides: Partial<UserInput> = {}): UserInput {
  const name = uniqueName('user');
  return { name, email: `${name}@example.com`, role: 'client', ...overrides };
}

/** A user as the API answers with one. */
export type UserBody = Schemas['UserResponseDto'];

/** Creates a user through the API as root. */
export async function createUser(
  t: TestApp,
  overrides: Partial<UserInput> = {},
): Promise<UserBody> {
  const response = await t.http
    .post('/api/v1/users')
    .set(bearer(t.rootKey))
    .send(userInput(overrides));
  expect(response.status).toBe(201);
  return response.body.data as UserBody;
}

/** Changes a user through the API as root. */
export async function updateUser(
  t: TestApp,
  id: string,
  changes: Schemas['UpdateUserDto'],
): Promise<UserBody> {
  const response = await t.http.patch(`/api/v1/users/${id}`).set(bearer(t.rootKey)).send(changes);
  expect(response.status).toBe(200);
  return response.body.data as UserBody;
}
