export * from './group-guard.js';
export * from './group-reads.js';
export * from './groups.repository.js';
export * from './groups.schema.js';
export * from './groups.service.js';
