import { goldenPathsPlugin, isFromTemplate } from './plugin';

describe('goldenPathsPlugin', () => {
  it('provides the API, the page and the entity card', () => {
    expect(goldenPathsPlugin.getExtension('api:golden-paths')).toBeDefined();
    expect(goldenPathsPlugin.getExtension('page:golden-paths')).toBeDefined();
    expect(
      goldenPathsPlugin.getExtension('entity-card:golden-paths/golden-path'),
    ).toBeDefined();
  });

  it('shows the card only on entities created from a template', () => {
    const entity = (annotations: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'Component',
      metadata: { name: 'x', annotations },
    });
    expect(
      isFromTemplate(
        entity({ 'backstage.io/source-template': 'template:default/a' }),
      ),
    ).toBe(true);
    expect(isFromTemplate(entity({}))).toBe(false);
  });
});
