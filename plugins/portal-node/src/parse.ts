import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/**
 * Validates request input (body, query, params) against a zod schema and
 * returns the parsed value; otherwise an InputError (a 400) that names every
 * wrong field, e.g. `Invalid query: window: Expected 7 | 30 | 90 | 365`.
 */
export function parse<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const details = result.error.issues
      .map(i => `${i.path.join('.') || what}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}
