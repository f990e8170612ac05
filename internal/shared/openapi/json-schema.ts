import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * What a value looks like on the wire. Dates leave the api as ISO strings (Date#toJSON),
 * so zod's unrepresentable `z.date()` becomes a date-time string; any other
 * unrepresentable piece (a transform's output) says nothing rather than failing the build.
 */
const unrepresentable = (ctx: { zodSchema: { _zod: { def: { type: string } } } }): JsonSchema | 'any' =>
  ctx.zodSchema._zod.def.type === 'date' ? { type: 'string', format: 'date-time' } : 'any';

export interface JsonSchemaOptions {
  /**
   * For path, query and header parameters: all of them arrive as text, and a text-to-number
   * pipe (`"-100123"` -> -100123) is documented as the number it parses to, with its bounds,
   * so clients send an integer and testers generate real ids.
   */
  textAsParsed?: boolean;
}

/** JSON Schema (draft 2020-12, which OpenAPI 3.1 uses) of a zod schema's input or output side. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output', opts: JsonSchemaOptions = {}): JsonSchema {
  const out = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable,
    override: opts.textAsParsed ? documentParsedNumber : undefined,
  }) as JsonSchema;
  delete out.$schema;
  return opts.textAsParsed ? collapseAnyOf(out) : out;
}

/** Replaces a pipe's text input by its output when that output is a number. */
function documentParsedNumber(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: JsonSchema }): void {
  const def = ctx.zodSchema._zod.def;
  if (def.type !== 'pipe') return;
  const parsed = z.toJSONSchema(def.out, { io: 'output', target: 'draft-2020-12', unrepresentable }) as JsonSchema;
  if (parsed.type !== 'integer' && parsed.type !== 'number') return;
  delete parsed.$schema;
  for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
  Object.assign(ctx.jsonSchema, parsed);
}

/** `anyOf` branches that became identical (a number, or its text parsed to that number) as one schema. */
function collapseAnyOf(schema: JsonSchema): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node as JsonSchema).map(([k, v]) => [k, walk(v)] as const);
    const obj: JsonSchema = Object.fromEntries(entries);
    const branches = obj.anyOf;
    if (Array.isArray(branches) && branches.length > 1 && new Set(branches.map((b) => JSON.stringify(b))).size === 1) {
      const { anyOf: _same, ...rest } = obj;
      return { ...(branches[0] as JsonSchema), ...rest };
    }
    return obj;
  };
  return walk(schema) as JsonSchema;
}
