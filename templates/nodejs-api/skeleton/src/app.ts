import express, { type Express } from 'express';
import { createMetrics } from './metrics';

export interface AppOptions {
  serviceName: string;
}

export interface Payment {
  id: string;
  amount: number;
  currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;

/** Validates a payment request body; returns an error message or the payment. */
export function parsePayment(
  body: unknown,
  id: string,
): { error: string } | { payment: Payment } {
  if (typeof body !== 'object' || body === null) {
    return { error: 'body must be a JSON object' };
  }
  const { amount, currency } = body as Record<string, unknown>;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) {
    return { error: 'amount must be a positive integer (minor units)' };
  }
  if (typeof currency !== 'string' || !CURRENCY.test(currency)) {
    return { error: 'currency must be an ISO 4217 code such as EUR' };
  }
  return { payment: { id, amount, currency } };
}

export function createApp({ serviceName }: AppOptions): Express {
  const app = express();
  const metrics = createMetrics(serviceName);
  const payments = new Map<string, Payment>();
  let nextId = 1;

  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));
  app.use(metrics.middleware);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  app.post('/v1/payments', (req, res) => {
    const result = parsePayment(req.body, `pay_${String(nextId)}`);
    if ('error' in result) {
      res.status(400).json({ error: result.error });
      return;
    }
    nextId += 1;
    payments.set(result.payment.id, result.payment);
    res.status(201).json(result.payment);
  });
  app.get('/v1/payments/:id', (req, res) => {
    const payment = payments.get(req.params.id);
    if (!payment) {
      res.status(404).json({ error: `payment ${req.params.id} not found` });
      return;
    }
    res.json(payment);
  });

  return app;
}
