/** The public face of workflows/: what the lot engine, the API and the scripts import. */
export * from './export.js';
export * from './lot.events.js';
export * from './lot.machine.js';
export type * from './lot.meta.js';
export * from './lot.transitions.js';
export * from './profiles/index.js';
export * from './roles.js';
