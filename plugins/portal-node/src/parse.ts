import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/** How `parse` words the issues of a rejected input. */
export interface ParseOptions {
  /** One issue in words; by default `path: message` (`what` when no path). */
  describeIssue?: (issue: z.ZodIssue, what: string) => string;
  /** At most this many issues are listed (default: all). */
  maxIssues?: number;
}

const defaultDescribe = (issue: z.ZodIssue, what: string) =>
  `${issue.path.join('.') || what}: ${issue.message}`;

/**
 * Validates request input (body, query, params) against a zod schema and
 * returns the parsed value; otherwise an InputError (a 400) that names every
 * wrong field, e.g. `Invalid query: window: Expected 7 | 30 | 90 | 365`.
 */
export function parse<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
  what: string,
  options: ParseOptions = {},
): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const describe = options.describeIssue ?? defaultDescribe;
    const details = result.error.issues
      .slice(0, options.maxIssues)
      .map(i => describe(i, what))
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}
