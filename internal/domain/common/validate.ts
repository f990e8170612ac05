import type { z } from 'zod';
import { AppError } from '../../shared/errors.js';

/** Parses with zod and turns its issues into a VALIDATION_FAILED AppError with details. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, what = 'request'): z.output<S> {
  const res = schema.safeParse(input);
  if (res.success) return res.data;
  throw AppError.validation(
    `invalid ${what}`,
    res.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}
