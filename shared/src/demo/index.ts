export * from './activity.js';
export * from './cases.js';
export * from './directory.js';
export * from './random.js';
export * from './users.js';
