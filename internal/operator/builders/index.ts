// Public surface of the pure builders: (platform, config) => object, no clock, no I/O.
export * from './builder-config.js';
export * from './canonical-json.js';
export * from './checksum.js';
export * from './configmap.builder.js';
export * from './connections.builder.js';
export * from './deployment.builder.js';
export * from './desired.builder.js';
export * from './env.builder.js';
export * from './ingress.builder.js';
export * from './metadata.js';
export * from './redis-keys.js';
export * from './resolve.js';
export * from './secret-refs.js';
export * from './service.builder.js';
