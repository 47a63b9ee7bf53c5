import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';

/**
 * The annotation by which a service names the CI tokens that report for it
 * (delivery events, scorecard facts): the tokens' subjects, comma separated.
 * It lives in the service's own catalog file, so only those who may change
 * that file decide which CI speaks for the service.
 */
export const CI_SOURCES_ANNOTATION = 'fintech-fast.example/ci-sources';

/** The CI token subjects an entity lets report for it. */
export function ciSourcesOf(entity: Pick<Entity, 'metadata'>): string[] {
  const value = entity.metadata.annotations?.[CI_SOURCES_ANNOTATION] ?? '';
  return value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

/** Whether the CI token with this subject may report for the entity. */
export function ciMayReportFor(
  entity: Pick<Entity, 'metadata'>,
  subject: string,
): boolean {
  return ciSourcesOf(entity).includes(subject);
}

/**
 * Refuses (403) a CI token reporting for a service that does not name it in
 * its `fintech-fast.example/ci-sources` annotation.
 */
export function assertCiMayReportFor(entity: Entity, subject: string): void {
  if (!ciMayReportFor(entity, subject)) {
    throw new NotAllowedError(
      `This CI token ('${subject}') does not report for ${stringifyEntityRef(
        entity,
      ).toLocaleLowerCase(
        'en-US',
      )}: the entity's ${CI_SOURCES_ANNOTATION} annotation must name it`,
    );
  }
}
