import { LoggerService } from '@backstage/backend-plugin-api';
import { BandThresholds } from '@internal/plugin-platform-metrics-common';
import { MetricsStore } from '../database/MetricsStore';
import { AdoptionService } from './AdoptionService';
import { SnapshotLoader } from './catalog';
import { DoraService } from './DoraService';
import { IngestionService } from './IngestionService';

export type {
  IngestChange,
  IngestDeployment,
  IngestIncident,
} from './IngestionService';

export interface MetricsServiceOptions {
  store: MetricsStore;
  snapshot: SnapshotLoader;
  bands: BandThresholds;
  productionEnvironments: string[];
  logger: LoggerService;
  clock?: () => Date;
  /** How often reads look for unmapped events the catalog now knows. */
  remapIntervalMs?: number;
}

/**
 * What the router calls: ingestion (IngestionService), DORA
 * (DoraService) and adoption (AdoptionService). Reads first map events
 * the catalog has learnt about since they arrived.
 */
export class MetricsService {
  readonly ingestion: IngestionService;
  readonly doraReads: DoraService;
  readonly adoptionReads: AdoptionService;
  private readonly store: MetricsStore;

  constructor(options: MetricsServiceOptions) {
    const { store, snapshot } = options;
    const clock = options.clock ?? (() => new Date());
    this.store = store;
    this.ingestion = new IngestionService({
      events: store.events,
      listings: store.listings,
      snapshot,
      productionEnvironments: options.productionEnvironments,
      logger: options.logger,
      remapIntervalMs: options.remapIntervalMs,
    });
    this.doraReads = new DoraService({
      rollups: store.rollups,
      listings: store.listings,
      snapshot,
      bands: options.bands,
      clock,
    });
    this.adoptionReads = new AdoptionService({
      listings: store.listings,
      snapshot,
      clock,
    });
  }

  ingestDeployments: IngestionService['ingestDeployments'] = (...args) =>
    this.ingestion.ingestDeployments(...args);
  ingestChanges: IngestionService['ingestChanges'] = (...args) =>
    this.ingestion.ingestChanges(...args);
  ingestIncidents: IngestionService['ingestIncidents'] = (...args) =>
    this.ingestion.ingestIncidents(...args);

  dora: DoraService['dora'] = async query => {
    await this.ingestion.remapUnmapped();
    return this.doraReads.dora(query);
  };
  bands: DoraService['bands'] = async query => {
    await this.ingestion.remapUnmapped();
    return this.doraReads.bands(query);
  };
  teams: DoraService['teams'] = async query => {
    await this.ingestion.remapUnmapped();
    return this.doraReads.teams(query);
  };
  events: DoraService['events'] = async query => {
    await this.ingestion.remapUnmapped();
    return this.doraReads.events(query);
  };
  unmapped: DoraService['unmapped'] = async () => {
    await this.ingestion.remapUnmapped();
    return this.doraReads.unmapped();
  };
  adoption: AdoptionService['adoption'] = query =>
    this.adoptionReads.adoption(query);

  onboarding: AdoptionService['onboarding'] = query =>
    this.adoptionReads.onboarding(query);

  async rebuild() {
    await this.ingestion.remapUnmapped(true);
    return this.store.rollups.rebuild();
  }
}
