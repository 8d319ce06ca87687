// The key dialogs, one file each; their field widgets are in fields.ts.
export { cleanupDialog, UNUSED_DAYS } from './cleanup';
export { createKeyDialog } from './create';
export { deleteKeyDialog } from './delete';
export { editKeyDialog } from './edit';
export { regenerateKeyDialog } from './regenerate';
