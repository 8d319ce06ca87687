import type { KeyTier } from './key-tier';
import type { Role } from './permission';

/** The request property where authentication leaves the caller's Principal. */
export const PRINCIPAL_PROPERTY = 'principal';

/** Who is calling: the key presented and its owner, as they are now. */
export interface Principal {
  user: { id: string; name: string; role: Role };
  key: {
    id: string;
    name: string;
    maskedKey: string;
    tier: KeyTier;
    scopes: string[];
    expiresAt: Date | null;
  };
}
