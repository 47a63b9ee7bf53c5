// Loaded with `node --require ./dist/telemetry.js` so that the HTTP and
// Express instrumentations patch the modules before the app imports them.
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';

// OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME come from the Deployment.
const sdk = new NodeSDK({
  traceExporter: new OTLPTraceExporter(),
  instrumentations: [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (req) =>
        ['/healthz', '/readyz', '/metrics'].includes(req.url ?? ''),
    }),
    new ExpressInstrumentation(),
  ],
});

if (process.env.OTEL_SDK_DISABLED !== 'true') {
  sdk.start();
  process.on('SIGTERM', () => {
    void sdk.shutdown();
  });
}
