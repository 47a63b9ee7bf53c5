import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import request from 'supertest';
import { precompressedAssets } from './precompressedApp';

const PRECOMPRESS = path.resolve(
  __dirname,
  '../../../../scripts/precompress-app.mjs',
);
const script = 'console.log("the app");'.repeat(200);

describe('precompressed app assets', () => {
  let dist: string;
  let staticDir: string;

  beforeEach(async () => {
    dist = await fs.mkdtemp(path.join(os.tmpdir(), 'app-dist-'));
    staticDir = path.join(dist, 'static');
    await fs.mkdir(staticDir);
    await fs.writeFile(path.join(dist, 'index.html.tmpl'), '<html></html>');
    await fs.writeFile(path.join(staticDir, 'main.1234.js'), script);
    await fs.writeFile(path.join(staticDir, 'tiny.5678.js'), 'x()');
  });

  afterEach(() => fs.rm(dist, { recursive: true, force: true }));

  const precompress = () =>
    promisify(execFile)(process.execPath, [PRECOMPRESS, dist]);

  // As the backend's root router has it: on-the-fly compression first.
  const app = () => {
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    });
    const a = express();
    a.use(middleware.compression());
    a.use('/static', precompressedAssets(staticDir));
    a.use((_req, res) => res.status(404).send('fell through'));
    return a;
  };

  it('writes Brotli and gzip copies of each asset worth compressing', async () => {
    await precompress();
    const br = await fs.readFile(path.join(staticDir, 'main.1234.js.br'));
    const gz = await fs.readFile(path.join(staticDir, 'main.1234.js.gz'));
    expect(zlib.brotliDecompressSync(br).toString()).toBe(script);
    expect(zlib.gunzipSync(gz).toString()).toBe(script);
    await expect(
      fs.access(path.join(staticDir, 'tiny.5678.js.br')),
    ).rejects.toThrow();
  });

  it('leaves the script the app backend injects config into at start', async () => {
    await fs.rm(path.join(dist, 'index.html.tmpl'));
    await fs.writeFile(
      path.join(staticDir, 'main.1234.js'),
      `${script}"__APP_INJECTED_RUNTIME_CONFIG__"`,
    );
    await precompress();
    await expect(
      fs.access(path.join(staticDir, 'main.1234.js.br')),
    ).rejects.toThrow();
  });

  it('serves the Brotli copy to a browser that accepts it, as it is', async () => {
    await precompress();
    const res = await request(app())
      .get('/static/main.1234.js')
      .set('Accept-Encoding', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe(
      'public, max-age=1209600, immutable',
    );
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    // The stored copy, byte for byte: not compressed again on the way out.
    const stored = await fs.readFile(path.join(staticDir, 'main.1234.js.br'));
    expect(res.headers['content-length']).toBe(String(stored.length));
    expect(res.text).toBe(script);
  });

  it('serves the gzip copy to a client without Brotli', async () => {
    await precompress();
    const res = await request(app())
      .get('/static/main.1234.js')
      .set('Accept-Encoding', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text).toBe(script);
  });

  it('serves an asset without copies as before, compressed on the fly', async () => {
    const res = await request(app())
      .get('/static/main.1234.js')
      .set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text).toBe(script);
  });

  it('passes a request for an asset it does not have to the app backend', async () => {
    const res = await request(app()).get('/static/earlier-deploy.9999.js');
    expect(res.status).toBe(404);
    expect(res.text).toBe('fell through');
  });
});
