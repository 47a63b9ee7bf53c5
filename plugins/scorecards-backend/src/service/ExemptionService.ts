import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ExemptionCreate,
  ExemptionInfo,
  idSchema,
  scorecardsExemptionApprovePermission,
  scorecardsExemptionManagePermission,
} from '@internal/plugin-scorecards-common';
import { ExemptionStore } from '../database/ScorecardStore';
import { matchesSelector } from '../engine/definitions';
import { dayOf, exemptionRequestRule } from '../engine/exemptions';
import { EvaluationService } from './EvaluationService';
import { ScorecardEntities } from './ScorecardEntities';
import { ScorecardNotifier } from './ScorecardNotifier';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Exemptions: who may grant, approve or withdraw one is decided by the
 * permission policy; how long and for which checks by the check's rule.
 */
export class ExemptionService {
  constructor(
    private readonly options: {
      exemptions: ExemptionStore;
      entities: ScorecardEntities;
      evaluation: EvaluationService;
      notifier: ScorecardNotifier;
      permissions: PermissionsService;
      clock: () => Date;
    },
  ) {}

  private async allowed(
    credentials: BackstageCredentials,
    entityRef?: string,
  ): Promise<boolean> {
    const [decision] = await this.options.permissions.authorize(
      [
        entityRef
          ? {
              permission: scorecardsExemptionManagePermission,
              resourceRef: entityRef,
            }
          : { permission: scorecardsExemptionApprovePermission },
      ],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  private async existing(id: string): Promise<ExemptionInfo> {
    const exemption = idSchema.safeParse(id).success
      ? await this.options.exemptions.getExemption(id)
      : undefined;
    if (!exemption) throw new NotFoundError('Exemption not found');
    return exemption;
  }

  private async reevaluate(entityRef: string, credentials: UserCredentials) {
    const { entities, evaluation } = this.options;
    await evaluation.evaluate([
      await entities.readableEntity(entityRef, credentials),
    ]);
  }

  /**
   * Exempts a service (ref already normalised) from a check. A security
   * check's exemption counts once the platform team approved it; one the
   * platform team makes is approved at once.
   */
  async create(
    input: ExemptionCreate,
    credentials: UserCredentials,
  ): Promise<ExemptionInfo> {
    const { entities, exemptions, evaluation, notifier, clock } = this.options;
    const def = entities.scorecard(input.scorecardId);
    const { check, rule } = exemptionRequestRule(def, input, dayOf(clock()));
    const entity = await entities.readableEntity(input.entityRef, credentials);
    if (!matchesSelector(entity, def.spec.appliesTo)) {
      throw new InputError(
        `Invalid exemption: ${input.scorecardId} does not apply to ${input.entityRef}`,
      );
    }
    const platform = await this.allowed(credentials);
    if (rule.by === 'platform-team' && !platform) {
      throw new NotAllowedError(
        `Only the platform team may exempt a service from '${check.title}'`,
      );
    }
    if (!platform && !(await this.allowed(credentials, input.entityRef))) {
      throw new NotAllowedError(
        "Only the service's owners and the platform team may exempt it",
      );
    }
    const userRef = credentials.principal.userEntityRef;
    const exemption = await exemptions.createExemption({
      ...input,
      createdBy: userRef,
      ...(rule.needsApproval && platform ? { approvedBy: userRef } : {}),
    });
    await evaluation.evaluate([entity]);
    const person = await entities
      .readableEntity(userRef, credentials)
      .catch(() => undefined);
    await notifier.exemptionCreated(
      exemption,
      check,
      rule.needsApproval && !exemption.approvedBy,
      {
        service: entity.metadata.title ?? entity.metadata.name,
        by:
          (person?.spec?.profile as { displayName?: string } | undefined)
            ?.displayName ??
          person?.metadata.title ??
          person?.metadata.name ??
          'someone',
      },
    );
    return exemption;
  }

  /** The platform team's approval; the exemption counts from now on. */
  async approve(id: string, credentials: UserCredentials) {
    const exemption = await this.existing(id);
    if (!(await this.allowed(credentials))) {
      throw new NotAllowedError(
        'Only the platform team may approve exemptions',
      );
    }
    await this.options.exemptions.approveExemption(
      exemption.id,
      credentials.principal.userEntityRef,
    );
    await this.reevaluate(exemption.entityRef, credentials);
    return this.existing(id);
  }

  /** Withdraws an exemption: the service's owners and the platform team. */
  async revoke(id: string, credentials: UserCredentials) {
    const exemption = await this.existing(id);
    if (!(await this.allowed(credentials, exemption.entityRef))) {
      throw new NotAllowedError(
        "Only the service's owners and the platform team may withdraw its exemptions",
      );
    }
    await this.options.exemptions.revokeExemption(exemption.id);
    await this.reevaluate(exemption.entityRef, credentials);
  }
}
