import { InitialSchema1763790000000 } from './1763790000000-InitialSchema';
import { KeyLeakedAt1764900000000 } from './1764900000000-KeyLeakedAt';

/** Every migration, oldest first. A new migration must be added here. */
export const migrations = [InitialSchema1763790000000, KeyLeakedAt1764900000000];
