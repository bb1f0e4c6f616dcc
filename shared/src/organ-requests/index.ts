export * from './accused.js';
export * from './file-reviews.js';
export * from './lawyer-access.js';
export * from './measures.js';
export * from './records.js';
export * from './report.js';
export * from './schema.js';
export type * from './tables.js';
