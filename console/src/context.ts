import type { Api, Catalogue, Me } from './api';

/** What every view gets: the API client and who is signed in. */
export interface Context {
  api: Api;
  me: Me;
  catalogue: Catalogue;
  /** Whether the signed-in key's effective grants include `grant`. */
  can(grant: string): boolean;
  /** Users by id, when the key may read them (admins); otherwise empty. */
  users: Map<string, string>;
}

/** The reason shown on an action the key may not perform. */
export const lacks = (grant: string) =>
  `Needs the ${grant} permission, which this key does not hold.`;
