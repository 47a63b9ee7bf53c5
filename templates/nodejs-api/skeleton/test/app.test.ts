import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, parsePayment } from '../src/app';

describe('parsePayment', () => {
  it('accepts a positive integer amount and an ISO currency', () => {
    expect(parsePayment({ amount: 1250, currency: 'EUR' }, 'pay_1')).toEqual({
      payment: { id: 'pay_1', amount: 1250, currency: 'EUR' },
    });
  });

  it.each([
    [{ amount: 0, currency: 'EUR' }, 'amount must be a positive integer'],
    [{ amount: 12.5, currency: 'EUR' }, 'amount must be a positive integer'],
    [{ amount: 100, currency: 'euro' }, 'currency must be an ISO 4217 code'],
    [null, 'body must be a JSON object'],
  ])('refuses %j', (body, message) => {
    const result = parsePayment(body, 'pay_1');
    expect('error' in result && result.error).toContain(message);
  });
});

describe('the HTTP API', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createApp({ serviceName: 'test-service' }).listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers the health probes', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('creates a payment and reads it back', async () => {
    const created = await fetch(`${base}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 4200, currency: 'GBP' }),
    });
    expect(created.status).toBe(201);
    const payment = (await created.json()) as { id: string };
    const read = await fetch(`${base}/v1/payments/${payment.id}`);
    expect(await read.json()).toEqual({
      id: payment.id,
      amount: 4200,
      currency: 'GBP',
    });
  });

  it('answers 400 with a message for a bad payment', async () => {
    const res = await fetch(`${base}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: -1, currency: 'GBP' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'amount must be a positive integer (minor units)',
    });
  });

  it('answers 404 for an unknown payment', async () => {
    const res = await fetch(`${base}/v1/payments/pay_999`);
    expect(res.status).toBe(404);
  });

  it('exposes Prometheus metrics labelled by route', async () => {
    await fetch(`${base}/v1/payments/pay_999`);
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();
    expect(body).toContain('process_cpu_user_seconds_total');
    expect(body).toMatch(
      /http_requests_total\{method="GET",route="\/v1\/payments\/:id",status_code="404",service="test-service"\} [1-9]/,
    );
  });
});
