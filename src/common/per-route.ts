export { perRoute, type Controller, type Handler } from '@latchkey/guard/shared';
