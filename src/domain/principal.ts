import type { KeyTier } from './key-tier';
import type { Role } from './permission';
import type { VerificationCode } from './verification-codes';

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

/** The request property where authentication leaves a refused token's key, for its usage. */
export const REFUSAL_PROPERTY = 'keyRefusal';

/** A token refused although its key was found: which key, and why. */
export interface KeyRefusal {
  keyId: string;
  code: VerificationCode;
}

/** What authentication leaves on a request: the caller, or a refusal naming a key, or neither. */
export interface AuthenticatedFields {
  [PRINCIPAL_PROPERTY]?: Principal;
  [REFUSAL_PROPERTY]?: KeyRefusal;
}
