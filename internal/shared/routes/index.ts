export * from './route-spec.js';
export * from './route-table.js';
export * from './ops.routes.js';
