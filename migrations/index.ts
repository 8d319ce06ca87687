import { InitialSchema1763790000000 } from './1763790000000-InitialSchema';

/** Every migration, oldest first. A new migration must be added here. */
export const migrations = [InitialSchema1763790000000];
