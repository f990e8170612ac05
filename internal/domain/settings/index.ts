export * from './settings.repository.js';
export * from './settings.schema.js';
export * from './settings.service.js';
