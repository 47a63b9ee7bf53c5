import { ConfigReader } from '@backstage/config';
import { publishIntegrations } from './publishCredentials';

const config = new ConfigReader({
  integrations: {
    github: [
      { host: 'github.com', token: 'read-only-token' },
      {
        host: 'ghe.example.com',
        token: 'other',
        apiBaseUrl: 'https://ghe.example.com/api/v3',
      },
    ],
  },
});

describe('publishIntegrations', () => {
  it("gives the publisher's host the publishing token, and leaves the others", () => {
    const integrations = publishIntegrations(
      config,
      'ghe.example.com',
      'publish-token',
    );
    expect(integrations.github.byHost('ghe.example.com')?.config).toMatchObject(
      {
        token: 'publish-token',
        apiBaseUrl: 'https://ghe.example.com/api/v3',
      },
    );
    expect(integrations.github.byHost('github.com')?.config.token).toBe(
      'read-only-token',
    );
  });

  it('adds the host when the readers have no integration for it', () => {
    const integrations = publishIntegrations(
      new ConfigReader({}),
      'github.com',
      'publish-token',
    );
    expect(integrations.github.byHost('github.com')?.config.token).toBe(
      'publish-token',
    );
  });

  it("uses the integration's token without a publishing one", () => {
    expect(
      publishIntegrations(config, 'github.com', undefined).github.byHost(
        'github.com',
      )?.config.token,
    ).toBe('read-only-token');
  });
});
