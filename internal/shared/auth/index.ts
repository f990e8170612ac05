export * from './api-keys.js';
export * from './jwt.js';
export * from './principal.js';
