import {
  capabilityOf,
  channelOf,
  ChannelHitQueue,
  channelUsageMiddleware,
} from './channels';
import express from 'express';
import request from 'supertest';

describe('channels', () => {
  it('tells MCP by its path, the CLI by its header, else the browser', () => {
    expect(channelOf('/api/mcp-actions/v1', 'cli')).toBe('mcp');
    expect(channelOf('/api/catalog/entities', 'cli')).toBe('cli');
    expect(channelOf('/api/catalog/entities', undefined)).toBe('browser');
    expect(channelOf('/api/catalog/entities', 'CLI ')).toBe('browser');
  });

  it('names the capability by plugin and route group', () => {
    expect(capabilityOf('/api/scaffolder/v2/tasks/abc/events')).toBe(
      'scaffolder/tasks',
    );
    expect(capabilityOf('/api/catalog/entities/by-query?filter=x')).toBe(
      'catalog/entities',
    );
    expect(capabilityOf('/api/feedback/reports/8f1d7a0e')).toBe(
      'feedback/reports',
    );
    expect(capabilityOf('/api/platform-metrics/dora?entityRef=x')).toBe(
      'platform-metrics/dora',
    );
    // A first segment that is an id or odd text: the plugin alone.
    expect(capabilityOf('/api/techdocs/%2Fetc')).toBe('techdocs');
    // Plumbing is not work; nor is anything outside /api.
    expect(capabilityOf('/api/auth/demo/refresh')).toBeUndefined();
    expect(capabilityOf('/api/app/static/x.js')).toBeUndefined();
    expect(capabilityOf('/api/portal-analytics/events')).toBeUndefined();
    expect(capabilityOf('/static/x.js')).toBeUndefined();
  });

  it('counts an MCP tool call by its tool, not the handshake', () => {
    const call = (body: unknown) => capabilityOf('/api/mcp-actions/v1', body);
    expect(
      call({ method: 'tools/call', params: { name: 'get-service-status' } }),
    ).toBe('mcp-actions/get-service-status');
    expect(call({ method: 'initialize' })).toBeUndefined();
    expect(call({ method: 'tools/list' })).toBeUndefined();
    expect(
      call({ method: 'tools/call', params: { name: 'x'.repeat(500) } }),
    ).toBeUndefined();
  });

  it('keeps at most its bound, dropping the oldest', () => {
    const queue = new ChannelHitQueue(2);
    for (const at of [1, 2, 3]) {
      queue.push({ at, channel: 'cli', capability: 'c', token: 't' });
    }
    expect(queue.drain().map(h => h.at)).toEqual([2, 3]);
    expect(queue.drain()).toEqual([]);
  });

  it('notes answered API requests with a token, after the plugin read the body', async () => {
    const queue = new ChannelHitQueue();
    const app = express()
      .use(channelUsageMiddleware(queue))
      .use('/api/mcp-actions', express.json(), (_req, res) => {
        res.json({});
      })
      .get('/api/catalog/entities', (_req, res) => {
        res.json([]);
      })
      .get('/api/feedback/reports/:id', (_req, res) => {
        res.status(404).json({});
      });
    await request(app)
      .get('/api/catalog/entities')
      .set('authorization', 'Bearer a')
      .set('x-portal-channel', 'cli');
    await request(app).get('/api/catalog/entities'); // no token
    const pluginToken = [
      { alg: 'ES256', typ: 'vnd.backstage.plugin' },
      { sub: 'search', aud: 'catalog' },
    ]
      .map(part => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .concat('signature')
      .join('.');
    await request(app)
      .get('/api/catalog/entities')
      .set('authorization', `Bearer ${pluginToken}`); // between plugins
    await request(app)
      .get('/api/feedback/reports/x')
      .set('authorization', 'Bearer a'); // failed
    await request(app)
      .post('/api/mcp-actions/v1')
      .set('authorization', 'Bearer b')
      .send({ method: 'tools/call', params: { name: 'create-feedback' } });
    expect(queue.drain()).toEqual([
      expect.objectContaining({
        channel: 'cli',
        capability: 'catalog/entities',
        token: 'a',
      }),
      expect.objectContaining({
        channel: 'mcp',
        capability: 'mcp-actions/create-feedback',
        token: 'b',
      }),
    ]);
  });
});
