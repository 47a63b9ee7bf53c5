/**
 * The backend the tests call directly: the app's own origin (PORTAL_PORT,
 * default 3000), or :7007 beside the development server (PORTAL_MODE=dev).
 */
export const BACKEND =
  process.env.PORTAL_MODE === 'dev'
    ? 'http://localhost:7007'
    : `http://localhost:${process.env.PORTAL_PORT ?? 3000}`;
