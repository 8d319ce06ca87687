export { assertGranted } from '@latchkey/guard/shared';
