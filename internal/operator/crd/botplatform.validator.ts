import { resolveSpec } from '../builders/resolve.js';
import type { BotPlatformSpec } from '../types.js';
import { botPlatformSchema } from './botplatform.crd.js';
import type { JSONSchemaProps } from './openapi.types.js';
import { NAME_RULE, SPEC_RULES } from './validation.rules.js';

export interface ValidationIssue {
  /** Path as the API server reports it, e.g. `spec.services.bot.replicas`. */
  field: string;
  message: string;
}

/**
 * The API server's verdict on a BotPlatform, computed locally: the schema's types,
 * enums, bounds and patterns, then the CEL rules (through their TypeScript twins).
 * The reconciler runs it right after the fetch and reports InvalidSpec instead of
 * building anything (defense in depth: a CRD installed without validation, or an object
 * stored before a rule existed); tests use it as an oracle that crd.apiserver.test.ts
 * holds equal to the real server.
 */
export function validateBotPlatform(platform: { metadata: { name: string }; spec: unknown }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!NAME_RULE.holds(platform.metadata.name)) issues.push({ field: 'metadata.name', message: NAME_RULE.message });
  const specSchema = botPlatformSchema.properties?.spec;
  if (specSchema) checkSchema(specSchema, platform.spec, 'spec', issues);
  // CEL only makes sense on a well-typed object; the server reports schema errors first too.
  if (issues.length > 0) return issues;
  const spec = resolveSpec(platform.spec as BotPlatformSpec);
  for (const rule of SPEC_RULES) {
    if (!rule.holds(spec)) issues.push({ field: `${rule.scope}${rule.fieldPath}`, message: rule.message });
  }
  return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkSchema(schema: JSONSchemaProps, value: unknown, field: string, issues: ValidationIssue[]): void {
  const fail = (message: string) => issues.push({ field, message });
  if (schema['x-kubernetes-int-or-string']) {
    if (typeof value === 'number' ? !Number.isInteger(value) : typeof value !== 'string') fail('must be an integer or a string');
    else if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern).test(value)) fail(`must match ${schema.pattern}`);
    return;
  }
  switch (schema.type) {
    case 'object': {
      if (!isRecord(value)) return void fail('must be an object');
      for (const key of schema.required ?? []) {
        if (value[key] === undefined) issues.push({ field: `${field}.${key}`, message: 'Required value' });
      }
      if (schema.maxProperties !== undefined && Object.keys(value).length > schema.maxProperties) fail(`must have at most ${schema.maxProperties} properties`);
      for (const [key, child] of Object.entries(value)) {
        // Unknown fields are pruned by the server, not rejected.
        const childSchema = schema.properties?.[key] ?? schema.additionalProperties;
        if (childSchema && child !== undefined) checkSchema(childSchema, child, `${field}.${key}`, issues);
      }
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) return void fail('must be an array');
      if (schema.maxItems !== undefined && value.length > schema.maxItems) fail(`must have at most ${schema.maxItems} items`);
      const items = schema.items;
      if (items) value.forEach((item, i) => checkSchema(items, item, `${field}[${i}]`, issues));
      return;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || (schema.type === 'integer' && !Number.isInteger(value))) return void fail(`must be of type ${schema.type}`);
      if (schema.minimum !== undefined && value < schema.minimum) fail(`should be greater than or equal to ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) fail(`should be less than or equal to ${schema.maximum}`);
      return;
    }
    case 'string': {
      if (typeof value !== 'string') return void fail('must be of type string');
      if (schema.enum && !schema.enum.includes(value)) fail(`Unsupported value: "${value}": supported values: ${schema.enum.map((e) => `"${e}"`).join(', ')}`);
      if (schema.minLength !== undefined && value.length < schema.minLength) fail(`should be at least ${schema.minLength} chars long`);
      if (schema.maxLength !== undefined && value.length > schema.maxLength) fail(`may not be more than ${schema.maxLength} bytes`);
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) fail(`should match '${schema.pattern}'`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('must be of type boolean');
      return;
    default:
      return;
  }
}
