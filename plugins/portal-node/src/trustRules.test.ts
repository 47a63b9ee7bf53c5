import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import path from 'node:path';
import {
  assertCiMayReportFor,
  ciSourcesOf,
  configuredLocations,
  isFromConfiguredLocation,
  mayActForTeam,
} from './index';

const entity = (
  annotations: Record<string, string> = {},
  kind = 'Component',
  name = 'svc',
  relations: Entity['relations'] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  relations,
});

describe('CI reporting', () => {
  const svc = entity({
    'fintech-fast.example/ci-sources': ' ci-svc , ci-shared,,',
  });

  it('reads the bound token subjects', () => {
    expect(ciSourcesOf(svc)).toEqual(['ci-svc', 'ci-shared']);
    expect(ciSourcesOf(entity())).toEqual([]);
  });

  it('refuses a token the service does not name', () => {
    expect(() => assertCiMayReportFor(svc, 'ci-svc')).not.toThrow();
    expect(() => assertCiMayReportFor(svc, 'ci-other')).toThrow(
      NotAllowedError,
    );
    expect(() => assertCiMayReportFor(entity(), 'ci-svc')).toThrow(
      "This CI token ('ci-svc') does not report for component:default/svc: the entity's fintech-fast.example/ci-sources annotation must name it",
    );
  });
});

describe('entity origin', () => {
  const configured = configuredLocations(
    new ConfigReader({
      catalog: {
        locations: [
          { type: 'file', target: '../../catalog/all.yaml' },
          { type: 'url', target: 'https://example.com/all.yaml' },
        ],
      },
    }),
  );

  it('knows the config-listed locations as the catalog writes them', () => {
    const file = `file:${path.resolve('../../catalog/all.yaml')}`;
    expect([...configured]).toEqual([file, 'url:https://example.com/all.yaml']);
    const origin = (o: string) =>
      entity({ 'backstage.io/managed-by-origin-location': o });
    expect(isFromConfiguredLocation(origin(file), configured)).toBe(true);
    expect(
      isFromConfiguredLocation(origin('url:https://x/y.yaml'), configured),
    ).toBe(false);
    expect(isFromConfiguredLocation(entity(), configured)).toBe(false);
  });
});

describe('mayActForTeam', () => {
  const childOf = (parent: string) => [
    { type: 'childOf', targetRef: `group:default/${parent}` },
  ];
  const groups: Record<string, Entity> = {
    'group:default/dept': entity({}, 'Group', 'dept'),
    'group:default/team': entity({}, 'Group', 'team', childOf('dept')),
  };
  const act = (userGroups: string[], group = 'group:default/team') =>
    mayActForTeam({
      userGroups: new Set(userGroups),
      platformTeam: 'group:default/platform-team',
      group: groups[group],
      getGroup: async ref => groups[ref],
    });

  it('lets members, members of a team above and the platform team act', async () => {
    expect(await act(['group:default/team'])).toBe(true);
    expect(await act(['group:default/dept'])).toBe(true);
    expect(await act(['group:default/platform-team'])).toBe(true);
  });

  it('refuses anyone else, and a member of a sub-team for its parent', async () => {
    expect(await act(['group:default/other'])).toBe(false);
    expect(await act(['group:default/team'], 'group:default/dept')).toBe(false);
  });
});
