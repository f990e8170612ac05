export * from './permissions.schema.js';
export * from './permissions.service.js';
export * from './rights-map.js';
export * from './person-authorizer.js';
