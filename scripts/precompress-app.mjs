// Writes a Brotli (.br) and a gzip (.gz) copy next to every script and
// stylesheet of the built app (packages/app/dist/static), which the backend
// then serves as they are (packages/backend/src/modules/precompressedApp.ts)
// instead of compressing them on every request. Run after building the app:
//   node scripts/precompress-app.mjs [dist directory]
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const distDir = process.argv[2] ?? path.join(root, 'packages/app/dist');
const staticDir = path.join(distDir, 'static');
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
// The app backend injects the frontend config into index.html when the build
// has its template; otherwise it rewrites the script holding these markers at
// start, and a copy made now would go stale.
const configInHtml = await fs
  .access(path.join(distDir, 'index.html.tmpl'))
  .then(() => true)
  .catch(() => false);
const CONFIG_MARKERS = configInHtml
  ? []
  : ['__APP_INJECTED_RUNTIME_CONFIG__', '__APP_INJECTED_CONFIG_MARKER__'];

async function precompress(file) {
  const data = await fs.readFile(file);
  const text = data.toString('utf8');
  if (data.length < 1024 || CONFIG_MARKERS.some(m => text.includes(m))) {
    return 0;
  }
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]:
          zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  await Promise.all([
    fs.writeFile(`${file}.br`, br),
    fs.writeFile(`${file}.gz`, gz),
  ]);
  return 1;
}

const started = Date.now();
const files = (await fs.readdir(staticDir))
  .filter(name => /\.(js|css|json|svg)$/.test(name))
  .map(name => path.join(staticDir, name));
// zlib runs on libuv's thread pool: a few files at a time keep every core busy.
let done = 0;
const queue = [...files];
await Promise.all(
  Array.from({ length: 4 }, async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const written = await precompress(file);
      done += written;
    }
  }),
);
console.log(
  `precompressed ${done} of ${files.length} app assets in ${(
    (Date.now() - started) /
    1000
  ).toFixed(1)} s`,
);
