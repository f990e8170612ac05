export * from './roles.repository.js';
export * from './roles.schema.js';
export * from './roles.service.js';
export * from './role-routes.js';
