export { parseFenceAttributes } from './syntax/fence-attributes.js';
export type { FenceAttributes } from './syntax/fence-attributes.js';
