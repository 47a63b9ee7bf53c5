/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Line coverage on every run; CI reports coverage/coverage-summary.json to
  // the developer portal's scorecards. Every file of src/ counts, tested or
  // not, except the process entry points: server.ts (listen, SIGTERM) and
  // telemetry.ts (the OpenTelemetry SDK, preloaded by `npm start`) run only
  // in the container, where the probes exercise them.
  collectCoverage: true,
  collectCoverageFrom: [
    '<rootDir>/src/**/*.ts',
    '!<rootDir>/src/server.ts',
    '!<rootDir>/src/telemetry.ts',
  ],
  coverageReporters: ['text-summary', 'json-summary'],
};
