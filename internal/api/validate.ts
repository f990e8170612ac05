import type { z } from 'zod';
import { AppError } from '../shared/errors.js';

/**
 * Parses `value` or throws a 400 whose message says what is wrong where, with one
 * detail per problem, so a client fixes every field in one round trip.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'path' | 'header'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : where,
    message: issue.message,
  }));
  const first = details[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid input';
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  throw AppError.validation(`invalid ${where}: ${summary}${more}`, details);
}
