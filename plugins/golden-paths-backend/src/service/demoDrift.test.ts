import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describePaths, findDrift } from './goldenPaths';

/**
 * The portal's own templates and demo catalog, as the catalog serves them:
 * the demo's components were created from older versions of their paths and
 * must show up as drifted.
 */
const root = path.resolve(__dirname, '../../../..');

function load(file: string): Entity[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(doc => doc.toJS() as Entity)
    .filter(Boolean)
    .map(entity => ({
      ...entity,
      metadata: { namespace: 'default', ...entity.metadata },
    }));
}

const templates = fs
  .readdirSync(path.join(root, 'templates'), { withFileTypes: true })
  .filter(d => d.isDirectory())
  .flatMap(d => load(path.join(root, 'templates', d.name, 'template.yaml')));
const components = fs
  .readdirSync(path.join(root, 'catalog/components'))
  .flatMap(dir =>
    load(path.join(root, 'catalog/components', dir, 'catalog-info.yaml')),
  )
  .filter(e => e.kind === 'Component');

describe('drift of the demo catalog', () => {
  const drift = findDrift(templates, components);
  const byPath = (name: string) =>
    drift
      .filter(d => d.templateRef === `template:default/${name}`)
      .map(d => `${d.entityRef.split('/')[1]}@${d.version}`)
      .sort();

  it('lists every demo component behind its path', () => {
    expect(byPath('nodejs-api')).toEqual([
      'account-statements-service@1.1.0',
      'checkout-gateway@1.3.1',
      'customer-insights-service@1.4.0',
      'feature-flag-service@1.4.0',
      'fraud-scoring-service@1.3.0',
      'mfa-service@1.3.1',
      'payment-routing-service@1.4.0',
      'payouts-service@1.2.0',
      'settlement-batch-scheduler@1.4.0',
      'user-auth-service@1.2.0',
      'web-bff@1.4.0',
    ]);
    expect(byPath('python-data-pipeline')).toEqual([
      'churn-prediction-pipeline@1.9.0',
      'fraud-feature-pipeline@2.0.3',
      'revenue-reporting-pipeline@2.1.0',
      'transactions-ingest-pipeline@2.1.0',
    ]);
    expect(byPath('react-frontend')).toEqual([
      'customer-web-app@1.2.0',
      'identity-admin-console@1.2.0',
      'merchant-dashboard@1.1.0',
    ]);
    expect(drift).toHaveLength(18);
  });

  it('says what changed since each one was created', () => {
    const missing = (name: string) =>
      drift
        .find(d => d.entityRef === `component:default/${name}`)!
        .missing.map(m => m.version);
    expect(missing('account-statements-service')).toEqual([
      '2.2.0',
      '2.1.0',
      '2.0.0',
      '1.4.0',
      '1.3.1',
      '1.3.0',
      '1.2.0',
    ]);
    expect(missing('checkout-gateway')).toEqual([
      '2.2.0',
      '2.1.0',
      '2.0.0',
      '1.4.0',
    ]);
    expect(missing('fraud-feature-pipeline')).toEqual([
      '2.4.0',
      '2.3.0',
      '2.2.0',
      '2.1.0',
    ]);
    expect(missing('churn-prediction-pipeline')).toEqual([
      '2.4.0',
      '2.3.0',
      '2.2.0',
      '2.1.0',
      '2.0.3',
    ]);
    expect(missing('merchant-dashboard')).toEqual([
      '1.5.0',
      '1.4.0',
      '1.3.1',
      '1.3.0',
      '1.2.0',
    ]);
    for (const d of drift) {
      expect(d.missing.every(m => m.changes.length > 0)).toBe(true);
    }
  });

  it('tells a service created before on-call and the API what it misses', () => {
    const created = (template: string, version: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `new-${template}`,
        namespace: 'default',
        annotations: {
          'backstage.io/source-template': `template:default/${template}`,
          'fintech-fast.example/template-version': version,
        },
      },
      spec: { type: 'service', owner: 'group:default/payouts-team' },
    });
    const found = findDrift(templates, [
      created('nodejs-api', '2.0.0'),
      created('python-data-pipeline', '2.2.0'),
      created('react-frontend', '1.3.1'),
    ]);
    expect(found.map(d => `${d.version} -> ${d.currentVersion}`)).toEqual([
      '2.0.0 -> 2.2.0',
      '2.2.0 -> 2.4.0',
      '1.3.1 -> 1.5.0',
    ]);
    const changes = (d: (typeof found)[number]) =>
      d.missing.flatMap(m => m.changes).join(' ');
    for (const d of found) {
      // The on-call version, then CI reporting to the scorecards.
      expect(d.missing).toHaveLength(2);
      expect(changes(d)).toContain('pagerduty.com/service-id');
    }
    expect(changes(found[0])).toContain('spec.providesApis');
  });

  it('describes the five paths, services first, by persona', () => {
    expect(
      describePaths(templates, components).map(
        p => `${p.name}@${p.currentVersion} ${p.persona} ${p.category}`,
      ),
    ).toEqual([
      'nodejs-api@2.2.0 backend service',
      'python-data-pipeline@2.4.0 data service',
      'react-frontend@1.5.0 frontend service',
      'postgresql-database@1.0.0 any infrastructure',
      'redis-cache@1.0.0 any infrastructure',
    ]);
  });
});
