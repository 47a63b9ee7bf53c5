import { createApp } from './app';

const port = Number(process.env.PORT ?? 8080);
const serviceName = process.env.OTEL_SERVICE_NAME ?? '${{ values.name }}';

const server = createApp({ serviceName }).listen(port, () => {
  console.log(`${serviceName} listening on :${String(port)}`);
});

// Kubernetes sends SIGTERM before killing the pod: finish in-flight requests.
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
