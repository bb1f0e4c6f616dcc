export * from './auth.js';
export * from './composition.js';
export * from './limits.js';
export * from './server.js';
export { subgraphDefinitions } from './subgraphs.js';
