import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('opens on the demo sign-in page listing the configured users', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test Portal' },
            backend: { baseUrl: 'http://localhost:7007' },
            portal: {
              demoMode: true,
              demoUsers: [
                { name: 'priya.sharma', description: 'Backend developer' },
                { name: 'sam.okafor', description: 'Platform engineer' },
              ],
            },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // The first render loads every plugin of the app; give it time on a cold run.
    expect(
      await screen.findByText('Sign in as', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('priya.sharma')).toBeInTheDocument();
    expect(screen.getByText('Platform engineer')).toBeInTheDocument();
  }, 60_000);
});
