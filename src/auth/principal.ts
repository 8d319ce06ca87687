import { KeyTier } from '../keys/api-key.entity';
import { Role } from '../permissions/permission';

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
