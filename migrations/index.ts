import { InitialSchema1763790000000 } from './1763790000000-InitialSchema';
import { KeyLeakedAt1764900000000 } from './1764900000000-KeyLeakedAt';
import { RootKeyFlag1764900001000 } from './1764900001000-RootKeyFlag';
import { KeyUsage1765100000000 } from './1765100000000-KeyUsage';

/** Every migration, oldest first. A new migration must be added here. */
export const migrations = [
  InitialSchema1763790000000,
  KeyLeakedAt1764900000000,
  RootKeyFlag1764900001000,
  KeyUsage1765100000000,
];
