import type { z } from 'zod';
import { AppError } from './errors.js';

/**
 * The one way input is parsed, at the HTTP edge and in the domain services alike: `value`
 * or a 400 whose message says what is wrong where (`where` is `body`, `query`, `path`, a
 * header or what a service calls its input), one detail per problem, so a client fixes
 * every field in one round trip.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
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
