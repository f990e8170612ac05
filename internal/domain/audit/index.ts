export * from './audit.repository.js';
export * from './audit.schema.js';
export * from './audit.service.js';
export * from './audit-reads.js';
