export * from './settings.repository.js';
export * from './settings.schema.js';
export * from './settings.service.js';
export * from './settings-etag.js';
export * from './settings-routes.js';
export * from './welcome-limits.js';
