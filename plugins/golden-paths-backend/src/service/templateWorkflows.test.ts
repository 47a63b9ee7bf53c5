import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * What the golden paths' GitHub workflows may do with a pull request: an
 * unreviewed pull request (a fork's above all) must never reach a cluster,
 * and a preview may only apply the app's own namespaced objects.
 */
const root = path.resolve(__dirname, '../../../../templates');

const workflows = fs
  .readdirSync(root, { withFileTypes: true })
  .filter(d => d.isDirectory())
  .flatMap(d => {
    const dir = path.join(root, d.name, 'skeleton/.github/workflows');
    return fs.existsSync(dir)
      ? fs.readdirSync(dir).map(f => ({
          name: `${d.name}/${f}`,
          template: d.name,
          workflow: parse(fs.readFileSync(path.join(dir, f), 'utf8')),
        }))
      : [];
  });

type Step = { if?: string; run?: string; env?: Record<string, string> };
type Job = {
  if?: string;
  permissions?: Record<string, string> | string;
  environment?: { name?: string } | string;
  env?: Record<string, string>;
  steps?: Step[];
};

const SAME_REPOSITORY =
  'github.event.pull_request.head.repo.full_name == github.repository';

/** Kinds a preview may hold: namespaced, the app's own. */
const PREVIEW_KINDS = ['Deployment', 'Service', 'HorizontalPodAutoscaler'];

/** The kinds of a kustomization's resources, following folders. */
function kustomizeKinds(dir: string): string[] {
  const kustomization = parse(
    fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'),
  );
  return (kustomization.resources ?? []).flatMap((r: string) => {
    const target = path.resolve(dir, r);
    if (fs.statSync(target).isDirectory()) return kustomizeKinds(target);
    return parseAllDocuments(fs.readFileSync(target, 'utf8')).map(
      doc => doc.toJS()?.kind,
    );
  });
}

describe('golden-path workflows', () => {
  it('finds the workflows', () => {
    expect(workflows.map(w => w.name)).toEqual(
      expect.arrayContaining(['react-frontend/ci.yaml']),
    );
  });

  it.each(workflows.map(w => [w.name, w.workflow]))(
    '%s never runs on pull_request_target or workflow_run and sets permissions',
    (_name, workflow) => {
      const triggers = Object.keys(workflow.on ?? {});
      expect(triggers).not.toContain('pull_request_target');
      expect(triggers).not.toContain('workflow_run');
      expect(typeof workflow.permissions).toBe('object');
    },
  );

  // The token that states a service's scorecard facts: never to a pull
  // request's code (a branch's coverage or scan is not the service's).
  const PORTAL_TOKEN = 'secrets.PORTAL_CI_TOKEN';
  const MAIN_ONLY = "github.ref == 'refs/heads/main'";
  const reporting = workflows.filter(w =>
    JSON.stringify(w.workflow).includes(PORTAL_TOKEN),
  );

  it('the service paths report to the scorecards', () => {
    expect(reporting.map(w => w.template).sort()).toEqual([
      'nodejs-api',
      'python-data-pipeline',
      'react-frontend',
    ]);
  });

  it.each(reporting.map(w => [w.name, w.workflow]))(
    '%s gives the portal token only to steps that run on main',
    (_name, workflow) => {
      expect(JSON.stringify(workflow.env ?? {})).not.toContain(PORTAL_TOKEN);
      const steps = Object.values(workflow.jobs as Record<string, Job>).flatMap(
        job => {
          expect(JSON.stringify(job.env ?? {})).not.toContain(PORTAL_TOKEN);
          return job.steps ?? [];
        },
      );
      const withToken = steps.filter(s =>
        JSON.stringify(s).includes(PORTAL_TOKEN),
      );
      expect(withToken).toHaveLength(2);
      for (const step of withToken) {
        expect(step.if).toContain(MAIN_ONLY);
        expect(step.if).not.toMatch(/\|\|/);
      }
    },
  );

  const previews = workflows.filter(w =>
    JSON.stringify(w.workflow).includes('secrets.PREVIEW_KUBECONFIG'),
  );

  it('the React frontend has previews', () => {
    expect(previews.map(w => w.template)).toContain('react-frontend');
  });

  describe.each(previews.map(w => [w.name, w]))('%s', (_name, w) => {
    const jobs = Object.entries(w.workflow.jobs as Record<string, Job>);
    const clusterJobs = jobs.filter(([, job]) =>
      JSON.stringify(job).includes('secrets.PREVIEW_KUBECONFIG'),
    );

    it('is read-only unless a job asks for more', () => {
      expect(
        Object.values(w.workflow.permissions).filter(v => v !== 'read'),
      ).toEqual([]);
    });

    it.each(clusterJobs)(
      'job %s runs only for pull requests of the same repository, behind a reviewed environment, with its own permissions',
      (_job, job) => {
        expect(job.if?.replace(/\s+/g, ' ')).toContain(SAME_REPOSITORY);
        const environment =
          typeof job.environment === 'string'
            ? job.environment
            : job.environment?.name;
        // A fixed name: its required reviewers and secrets are set up once.
        expect(environment).toBe('preview');
        expect(job.permissions).toBeDefined();
        expect(Object.values(job.permissions ?? {})).not.toContain('write-all');
      },
    );

    it.each(clusterJobs)(
      'job %s touches only its namespace, no cluster-wide object',
      (_job, job) => {
        const script = (job.steps ?? []).map(s => s.run ?? '').join('\n');
        expect(script).not.toMatch(/\b(create|delete) namespace\b/);
        expect(script).not.toMatch(/apply\s+-k/);
        const clusterCalls = script
          .split('\n')
          .filter(line => /kubectl\b.*\b(apply|delete|create)\b/.test(line))
          .filter(line => !/--dry-run=client|--local/.test(line));
        expect(
          clusterCalls.filter(
            line => !line.includes('-n "$PREVIEW_NAMESPACE"'),
          ),
        ).toEqual([]);
      },
    );

    it('applies a preview overlay of the app’s namespaced kinds only', () => {
      const overlay = path.join(root, w.template, 'skeleton/deploy/preview');
      const kinds = kustomizeKinds(overlay);
      expect(kinds.length).toBeGreaterThan(0);
      expect(kinds.filter(k => !PREVIEW_KINDS.includes(k))).toEqual([]);
      const script = JSON.stringify(w.workflow.jobs);
      expect(script).toContain('cd deploy/preview');
    });
  });
});
