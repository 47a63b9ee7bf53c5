import { RootConfigService as Config } from '@backstage/backend-plugin-api';
import {
  BandThresholds,
  DEFAULT_BANDS,
} from '@internal/plugin-platform-metrics-common';

/** Band thresholds from `platformMetrics.bands`, each falling back to its default. */
export function readBands(config: Config): BandThresholds {
  const read = <K extends keyof BandThresholds>(key: K): BandThresholds[K] => {
    const section = config.getOptionalConfig(`platformMetrics.bands.${key}`);
    const defaults = DEFAULT_BANDS[key] as Record<string, number>;
    const out: Record<string, number> = { ...defaults };
    for (const name of Object.keys(defaults)) {
      const v = section?.getOptionalNumber(name);
      if (v !== undefined) out[name] = v;
    }
    return out as BandThresholds[K];
  };
  return {
    leadTimeHours: read('leadTimeHours'),
    timeToRestoreHours: read('timeToRestoreHours'),
    changeFailureRate: read('changeFailureRate'),
    deploymentFrequency: read('deploymentFrequency'),
  };
}

export function readProductionEnvironments(config: Config): string[] {
  return (
    config.getOptionalStringArray('platformMetrics.productionEnvironments') ?? [
      'production',
      'prod',
    ]
  ).map(e => e.toLocaleLowerCase('en-US'));
}
