export * from './pattern.js';
export * from './rules.repository.js';
export * from './rules.schema.js';
export * from './rules.service.js';
export * from './rule-routes.js';
