/** The backend the tests call directly: the app's own origin in production mode. */
export const BACKEND =
  process.env.PORTAL_MODE === 'production'
    ? `http://localhost:${process.env.PORTAL_PORT ?? 7007}`
    : 'http://localhost:7007';
