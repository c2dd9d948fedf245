import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { forbidden, invalid } from '../common/domain-error';
import { isVettingOfficer } from './group-access';
import { GroupStatesService } from './group-states.service';
import type { RecordVettingCheckDto } from './group.dto';
import { CommunityGroup } from './group.entity';
import { checkView, type GroupView, type VettingCheckView } from './group.views';
import { GroupVettingCheck } from './vetting-check.entity';

const CLOCK_SKEW_MS = 5 * 60_000;

/** The vetting officer's record of checks seen, from which a group's safeguarding level follows. */
@Injectable()
export class VettingService {
  constructor(
    @InjectRepository(CommunityGroup) private readonly groups: Repository<CommunityGroup>,
    private readonly states: GroupStatesService,
    private readonly audit: AuditService,
  ) {}

  async recordVettingCheck(
    groupId: string,
    input: RecordVettingCheckDto,
    actor: AuthenticatedUser,
  ): Promise<VettingCheckView & { groupId: string; group: GroupView }> {
    if (!isVettingOfficer(actor)) throw forbidden('Only a vetting officer (admin) records checks');
    const verifiedAt = new Date(input.verifiedAt);
    const expiresAt = new Date(input.expiresAt);
    const errors = [
      ...(verifiedAt.getTime() > Date.now() + CLOCK_SKEW_MS
        ? [{ field: 'verifiedAt', message: 'must not be in the future' }]
        : []),
      ...(expiresAt <= verifiedAt
        ? [{ field: 'expiresAt', message: 'must be after verifiedAt' }]
        : []),
    ];
    if (errors.length)
      throw invalid('invalid_vetting_dates', 'The check’s dates are not valid', errors);

    const saved = await this.groups.manager.transaction(async (em) => {
      const group = await this.states.visibleGroup(groupId, actor, em, { lock: true });
      const record = em.create(GroupVettingCheck, {
        groupId,
        check: input.check,
        evidence: input.evidence,
        verifiedAt,
        expiresAt,
        verifiedBy: actor.id,
      });
      await em.insert(GroupVettingCheck, record);
      const [state] = await this.states.withState([group], em);
      // Renewal clears the lapse; the daily job records (and announces) a new one.
      if (state.vettingStatus !== 'expired') group.expiredAt = null;
      group.assuredAt = new Date(); // an admin has reviewed the group
      await em.save(CommunityGroup, group); // touches updatedAt: the listing changed
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'vetting_check',
          entity: 'community_group',
          entityId: groupId,
          detail: {
            check: input.check,
            expiresAt: expiresAt.toISOString(),
            safeguardingLevel: state.safeguardingLevel,
            vettingStatus: state.vettingStatus,
          },
        },
        em,
      );
      return record;
    });
    const group = await this.states.view(groupId, actor);
    return { ...checkView(saved, new Date(), true), groupId, group };
  }
}
