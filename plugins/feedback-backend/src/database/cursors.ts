import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Only what this store writes into a cursor: a forged one is a 400. */
export function decodeCursor<S extends z.ZodTypeAny>(
  cursor: string,
  schema: S,
): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('Invalid cursor');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError('Invalid cursor');
  }
  return parsed.data;
}

/** A stored time, as `now()` writes it. */
const isoTime = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
/** Within the integer column of `impact`. */
export const reportCursorSchema = z
  .object({
    i: z.number().int().min(0).max(2_147_483_647),
    c: isoTime,
    id: z.string().uuid(),
  })
  .strict();
export const shippedCursorSchema = z
  .object({ s: isoTime, id: z.string().uuid() })
  .strict();
