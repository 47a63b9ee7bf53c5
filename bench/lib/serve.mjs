// Runs the portal backend with the demo config on PORT (7007) until this
// process is stopped, through the launcher the tests and benches share
// (packages/backend/src/testing/launchBackend.js). For benches that need a
// backend as `yarn start` serves it, e.g. golden-path-create.sh.
import launcher from '../../packages/backend/src/testing/launchBackend.js';

const port = Number(process.env.PORT ?? 7007);
const backend = new launcher.BackendProcess({
  port,
  overlay: {
    backend: { baseUrl: `http://localhost:${port}`, listen: { port } },
  },
  inheritOutput: true,
  watch: process.env.BENCH_WATCH === '1',
});
const stop = async () => {
  await backend.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
await backend.start(300_000);
console.log(`backend ready on :${port}`);
// Stay up until stopped.
setInterval(() => {}, 1 << 30);
