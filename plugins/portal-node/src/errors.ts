import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import type { ErrorRequestHandler } from 'express';

/** Errors whose message is written for the caller (from @backstage/errors). */
const CALLER_ERRORS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
]);

/**
 * The database out of reach for a moment (restarting, connections refused
 * or cut, none free in the pool): PostgreSQL's connection-exception and
 * shutdown codes (08…, 57P01-57P03), Node's socket errors, knex's pool
 * timeout.
 */
function databaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
  };
  if (typeof code === 'string') {
    if (/^(08|57P0[123])/.test(code)) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code)) return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|Knex: Timeout acquiring a connection/.test(message)
  );
}

/** A 413 that says how large a body may be. */
function bodyTooLarge(limit: unknown): Error {
  const error = new Error(
    typeof limit === 'number'
      ? `Request body too large: at most ${limit} bytes`
      : 'Request body too large',
  );
  error.name = 'PayloadTooLargeError';
  return Object.assign(error, { statusCode: 413 });
}

/**
 * Last middleware of a plugin's router: a malformed JSON body is a 400 that says
 * so, a body over the router's limit a 413 that gives the limit, errors meant for the caller pass unchanged, and anything else (a
 * database or library error, whose message may name tables, hosts or
 * settings) is logged here and answered with a generic message; the
 * database out of reach for a moment is a 503 that says to try again.
 */
export function publicErrors(
  logger: LoggerService,
  plugin: string,
): ErrorRequestHandler {
  return (error, req, _res, next) => {
    const name = (error as { name?: unknown })?.name;
    const status = (error as { status?: unknown })?.status;
    const type = (error as { type?: unknown })?.type;
    if (typeof name === 'string' && CALLER_ERRORS.has(name)) {
      next(error);
    } else if (type === 'entity.too.large') {
      next(bodyTooLarge((error as { limit?: unknown }).limit));
    } else if (type === 'entity.parse.failed') {
      next(new InputError('Invalid request body: not valid JSON'));
    } else if (name === 'URIError') {
      // Express could not decode a path parameter.
      next(new InputError('Invalid request path: not valid UTF-8'));
    } else if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser's own 4xx (body too large, unsupported charset, ...)
      next(error);
    } else if (databaseUnavailable(error)) {
      logger.warn(
        `${plugin} request ${req.method} ${req.path}: database unavailable`,
        error,
      );
      next(
        new ServiceUnavailableError(
          'The portal cannot reach its database for the moment; try again in a few seconds',
        ),
      );
    } else {
      logger.error(`${plugin} request ${req.method} ${req.path} failed`, error);
      next(new Error('Internal error; the details are in the backend log'));
    }
  };
}
