export * from './docs.js';
export * from './document.js';
export * from './errors.js';
export * from './json-schema.js';
export * from './operations.js';
