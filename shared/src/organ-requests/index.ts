export * from './accused-fields.js';
export * from './lawyer-access.js';
export * from './records.js';
export * from './schema.js';
export type * from './tables.js';
