export * from './stats.repository.js';
export * from './stats.schema.js';
export * from './stats.service.js';
