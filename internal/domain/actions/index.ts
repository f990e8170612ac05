export * from './actions.repository.js';
export * from './actions.schema.js';
export * from './actions.service.js';
export * from './warn-penalty.js';
export * from './action-reads.js';
