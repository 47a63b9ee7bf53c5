import { AuthenticationError } from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';

/** GitHub's `X-Hub-Signature-256`: `sha256=` and an HMAC-SHA256 in hex. */
export const GITHUB_SIGNATURE = /^sha256=[0-9a-f]{64}$/;

/**
 * PagerDuty's `X-PagerDuty-Signature`: one or more `v1=<HMAC-SHA256 hex>`,
 * comma-separated (several while a secret rotates).
 */
export const PAGERDUTY_SIGNATURE =
  /^v1=[0-9a-f]{64}(?:, ?v1=[0-9a-f]{64}){0,4}$/;

/**
 * Refuses a webhook call before its body is read: the webhook must be
 * configured and the request must carry a signature header of the sender's
 * form. Only then is the body read and the signature checked against it.
 */
export function webhookGuard(
  name: string,
  secret: string | undefined,
  header: string,
  form: RegExp,
) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!secret) {
      throw new AuthenticationError(
        `${name} webhooks are not accepted: the webhook is not configured`,
      );
    }
    const signature = req.header(header);
    if (!signature) {
      throw new AuthenticationError(`Missing ${header} signature header`);
    }
    if (!form.test(signature)) {
      throw new AuthenticationError(`Malformed ${header} signature header`);
    }
    next();
  };
}
