import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { publicErrors } from './parse';

describe('publicErrors', () => {
  const logger = mockServices.logger.mock();
  const app = express();
  const router = Router();
  router.use(express.json());
  router.get('/internal', async () => {
    throw new Error(
      'insert into "reports" failed: connection to postgresql://portal@db.internal:5432 (backend.database.connection) refused',
    );
  });
  router.get('/input', async () => {
    throw new InputError('Invalid query: limit: too big');
  });
  router.post('/body', async (_req, res) => {
    res.json({});
  });
  router.use(publicErrors(logger));
  app.use(router);
  app.use(mockErrorHandler());

  it('answers an internal error with a generic message and logs the details', async () => {
    const res = await request(app).get('/internal');
    expect(res.status).toBe(500);
    expect(res.body.error.message).toBe(
      'Internal error; the details are in the backend log',
    );
    expect(JSON.stringify(res.body)).not.toMatch(
      /insert|reports|postgres|db\.internal|backend\.database/,
    );
    expect(logger.error).toHaveBeenCalledWith(
      'Feedback request GET /internal failed',
      expect.objectContaining({ message: expect.stringContaining('insert') }),
    );
  });

  it('passes errors meant for the caller unchanged', async () => {
    const res = await request(app).get('/input');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: 'Invalid query: limit: too big',
    });
  });

  it('turns a malformed JSON body into a 400 that says so', async () => {
    const res = await request(app)
      .post('/body')
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: 'Invalid request body: not valid JSON',
    });
  });
});
