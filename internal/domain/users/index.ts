export * from './users.repository.js';
export * from './users.schema.js';
export * from './users.service.js';
export * from './user-reads.js';
