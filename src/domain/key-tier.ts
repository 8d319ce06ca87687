/** The rate-limit class of a key. */
export enum KeyTier {
  Standard = 'standard',
  Premium = 'premium',
  Enterprise = 'enterprise',
}

/** The tier of a key nobody chose one for; the only one a non-admin may ask for. */
export const DEFAULT_TIER = KeyTier.Standard;

/** Whether a key may be used at all (expiry aside). */
export enum KeyStatus {
  Active = 'active',
  Inactive = 'inactive',
}
