import { Entity } from '@backstage/catalog-model';

/** A value and when it was measured (UTC ISO). */
export interface Fact<T> {
  value: T;
  measuredAt: string;
  /** Who stated it: a CI token's subject, or `demo-seed` for made-up demo facts. */
  source?: string;
}

export interface Vulnerability {
  id: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  foundAt: string;
  fixedAt?: string;
}

export interface DriftFact {
  /** Created from a golden path the golden-paths plugin knows of. */
  drifted: boolean;
  version?: string;
  currentVersion?: string;
  templateRef?: string;
}

export type DoraBand = 'elite' | 'high' | 'medium' | 'low' | 'none';

export interface OpenReport {
  id: string;
  severity: string;
  createdAt: string;
}

/** Everything the checks of one entity read. */
export interface EntityFacts {
  entity: Entity;
  /** When the catalog was read. */
  catalogAt: string;
  /** The owner resolved to an existing catalog Group. */
  ownerIsGroup: boolean;
  testCoverage?: Fact<number>;
  vulnerabilities?: Fact<Vulnerability[]>;
  drift?: Fact<DriftFact>;
  /** Overall DORA band per window in days. */
  dora: Record<number, Fact<DoraBand> | undefined>;
  friction?: Fact<OpenReport[]>;
}

/** Names of the stored facts. */
export const FACT_NAMES = {
  testCoverage: 'testCoverage',
  vulnerabilities: 'vulnerabilities',
  drift: 'drift',
  friction: 'friction',
  dora: (days: number) => `dora-${days}`,
} as const;
