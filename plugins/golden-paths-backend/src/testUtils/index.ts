import { Entity } from '@backstage/catalog-model';

const silentLogger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => silentLogger,
};

/** The parts of a scaffolder action context the golden-paths actions use. */
export function actionContext<I>(
  input: I,
  overrides: Record<string, unknown> = {},
): any {
  const outputs: Record<string, unknown> = {};
  return {
    input,
    outputs,
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
    logger: silentLogger,
    workspacePath: '/nonexistent',
    task: { id: 'task-1' },
    getInitiatorCredentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: 'user:default/priya.sharma' },
    }),
    templateInfo: {
      entityRef: 'template:default/nodejs-api',
      entity: {
        metadata: {
          name: 'nodejs-api',
          annotations: { 'fintech-fast.example/template-version': '2.0.0' },
        },
      },
    },
    ...overrides,
  };
}

/** A Group, with the childOf relation the catalog derives from spec.parent. */
export const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
});

/** A User, with the memberOf relations the catalog derives from spec.memberOf. */
export const user = (name: string, memberOf: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf },
  relations: memberOf.map(g => ({
    type: 'memberOf',
    targetRef: `group:default/${g}`,
  })),
});

/** Credentials of a signed-in user, as getInitiatorCredentials returns them. */
export const userCredentials = (name: string) => async () => ({
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: `user:default/${name}` },
});

export const system = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'platform-team' },
});

export function component(
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

export function template(
  name: string,
  version: string,
  changelog: Array<{ version: string; changes: string[] }>,
  tags = ['golden-path'],
): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name,
      namespace: 'default',
      title: `${name} title`,
      tags,
      annotations: { 'fintech-fast.example/template-version': version },
      goldenPath: {
        persona: 'backend',
        category: 'service',
        provides: ['CI'],
        changelog,
      },
    } as any,
    spec: { type: 'service', steps: [] },
  };
}
