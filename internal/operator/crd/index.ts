// Public surface of the CRD source: the schema, the rendered YAML and the local validator.
export * from './botplatform.crd.js';
export * from './botplatform.validator.js';
export * from './openapi.types.js';
export * from './render.js';
export * from './validation.rules.js';
