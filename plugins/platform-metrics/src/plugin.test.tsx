import { Entity } from '@backstage/catalog-model';
import { isDoraEntity, isTeamEntity, platformMetricsPlugin } from './plugin';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('platformMetricsPlugin', () => {
  it('provides the API, page, entity tabs and team card', () => {
    expect(platformMetricsPlugin.id).toBe('platform-metrics');
    for (const id of [
      'api:platform-metrics',
      'page:platform-metrics',
      'entity-content:platform-metrics/dora',
      'entity-content:platform-metrics/delivery',
      'entity-card:platform-metrics/team-delivery',
    ]) {
      expect(platformMetricsPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('puts DORA on components and systems, delivery on groups', () => {
    expect(isDoraEntity(entity('Component'))).toBe(true);
    expect(isDoraEntity(entity('System'))).toBe(true);
    expect(isDoraEntity(entity('Group'))).toBe(false);
    expect(isDoraEntity(entity('API'))).toBe(false);
    expect(isTeamEntity(entity('Group'))).toBe(true);
    expect(isTeamEntity(entity('Component'))).toBe(false);
    expect(isTeamEntity(entity('User'))).toBe(false);
  });
});
