export * from './counters.js';
export * from './period.js';
export * from './schema.js';
