export * from './context.js';
export * from './id.js';
export * from './ids.schema.js';
export * from './pagination.js';
