/** A deployment after validation and mapping, ready to store. */
export interface NewDeployment {
  source: string;
  externalId: string;
  entityRef: string | null;
  mappingKind: 'repository' | 'pagerduty' | null;
  mappingKey: string | null;
  environment: string;
  isProduction: boolean;
  status: 'success' | 'failure';
  /** UTC ISO timestamp. */
  deployedAt: string;
  rollback: boolean;
  hotfix: boolean;
  commitShas: string[];
  /**
   * GitHub deployments name only their head commit; when set, the commits of
   * the push whose head that is are counted as shipped too.
   */
  includePushedCommits?: boolean;
}

export interface NewChange {
  sha: string;
  source: string;
  entityRef: string | null;
  mappingKind: 'repository' | null;
  mappingKey: string | null;
  authoredAt: string;
  mergedAt: string | null;
  headSha: string | null;
  title: string | null;
  /** Catalog User who wrote it (`user:default/name`), when known. */
  author: string | null;
}

export interface NewIncident {
  source: string;
  externalId: string;
  entityRef: string | null;
  mappingKind: 'repository' | 'pagerduty' | null;
  mappingKey: string | null;
  title: string | null;
  createdAt: string;
  /** undefined = keep what is stored (e.g. a "triggered" redelivery). */
  resolvedAt?: string | null;
  causeDeploymentId: string | null;
  causeCommitSha: string | null;
  /**
   * UTC time the sender saw the incident in this state; an event older than
   * the stored state changes nothing.
   */
  stateAt: string;
}

/** A webhook delivery, remembered so that a redelivery changes nothing. */
export interface WebhookDelivery {
  source: string;
  id: string;
}

export interface IngestOptions {
  /** Set for webhooks: a delivery already processed writes nothing. */
  delivery?: WebhookDelivery;
}

export interface StoreIngestResult {
  accepted: number;
  duplicates: number;
  /** The webhook delivery was processed before; nothing was written. */
  duplicateDelivery?: boolean;
}

/** One rollup row as read for metrics. */
export interface RollupRow {
  entityRef: string;
  day: string;
  deployments: number;
  successful: number;
  failed: number;
  rework: number;
  leadTimeSeconds: number[];
  restoreSeconds: number[];
}

export interface EventQuery {
  /** undefined = every mapped entity (the organisation). */
  entityRefs?: string[];
  from: string;
  to: string;
  limit: number;
  offset: number;
}

export interface UnmappedKey {
  source: string;
  kind: 'repository' | 'pagerduty';
  key: string;
  events: number;
  lastSeen: string;
}
