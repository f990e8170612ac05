import { z } from 'zod';
import { groupId, SOME_FIELD } from '../common/ids.schema.js';
import { pageQuery } from '../common/pagination.js';
import { compileRulePattern } from './pattern.js';

export const PENALTIES = ['none', 'warn', 'mute', 'kick', 'ban'] as const;
export const penalty = z.enum(PENALTIES);
export const ruleName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'rule names are 1-64 of A-Z a-z 0-9 _ . -');

export const ruleTrigger = z
  .strictObject({
    type: z.enum(['keyword', 'regex', 'link', 'forward']),
    pattern: z.string().max(500).default(''),
  })
  .superRefine((t, ctx) => {
    if (t.type !== 'regex') return;
    const compiled = compileRulePattern(t.pattern);
    if (!compiled.ok) ctx.addIssue({ code: 'custom', message: compiled.reason, path: ['pattern'] });
  })
  .refine((t) => t.type !== 'keyword' || t.pattern.length > 0, { message: 'a keyword trigger needs a pattern', path: ['pattern'] })
  // The refinements as JSON Schema, for the document. A regex must also run on RE2 (no
  // lookaround, no backreferences: pattern.ts), which the description says and no schema can.
  .meta({
    allOf: [
      { if: { properties: { type: { const: 'keyword' } } }, then: { required: ['pattern'], properties: { pattern: { minLength: 1 } } } },
      { if: { properties: { type: { const: 'regex' } } }, then: { properties: { pattern: { format: 'regex' } } } },
    ],
  });

export const ruleSchema = z.object({
  group_id: groupId,
  rule_name: z.string(),
  description: z.string(),
  penalty,
  penalty_duration: z.number().int().nullable(),
  priority: z.number().int(),
  is_active: z.boolean(),
  trigger: z.object({ type: z.enum(['keyword', 'regex', 'link', 'forward']), pattern: z.string() }).nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});
export type Rule = z.infer<typeof ruleSchema>;

const fields = {
  description: z.string().max(2000),
  penalty,
  /** Seconds; null means permanent. Telegram treats < 30 s or > 366 days as forever. */
  penalty_duration: z
    .number()
    .int()
    .min(30)
    .max(366 * 24 * 3600)
    .nullable(),
  priority: z.number().int().min(0).max(1000),
  is_active: z.boolean(),
  trigger: ruleTrigger.nullable(),
};

export const ruleCreate = z.strictObject({
  rule_name: ruleName,
  description: fields.description.default(''),
  penalty: fields.penalty.default('none'),
  penalty_duration: fields.penalty_duration.default(null),
  priority: fields.priority.default(0),
  is_active: fields.is_active.default(true),
  trigger: fields.trigger.default(null),
});
export type RuleCreateInput = z.input<typeof ruleCreate>;

export const rulePatch = z
  .strictObject(fields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .meta(SOME_FIELD);
export type RulePatchInput = z.input<typeof rulePatch>;

export const ruleListQuery = z.strictObject({ ...pageQuery });
export type RuleListQuery = z.input<typeof ruleListQuery>;
