import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { forbidden, invalid } from '../common/domain-error';
import { canReadSensitiveDetail } from './case-access';
import type { MigrationProfileDto } from './case.dto';
import {
  interpreterOf,
  migrationProfileView,
  type MigrationProfileWithInterpreter,
} from './case.views';
import { Person } from './person.entity';
import { CaseworkService } from './casework.service';
import { MIGRATION_PROFILE_FIELDS, MigrationProfile } from './migration-profile.entity';
import { ScopedTransactions } from '../services/scoped-transactions';

/**
 * Migration details: read by the case's link worker or an admin, written by the link worker
 * alone while the case is open (the same rule as every other change to a case), and every read
 * and write is audited against the person. No other response ever includes them.
 */
@Injectable()
export class MigrationProfileService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @InjectRepository(MigrationProfile) private readonly profiles: Repository<MigrationProfile>,
    private readonly casework: CaseworkService,
    private readonly audit: AuditService,
  ) {}

  async get(caseId: string, actor: AuthenticatedUser): Promise<MigrationProfileWithInterpreter> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForActor(caseId, actor, em);
      if (!canReadSensitiveDetail(actor, c))
        throw forbidden('Only the assigned link worker can see this');
      const profile = await em.findOne(MigrationProfile, { where: { personId: c.personId } });
      const person = await em.findOneOrFail(Person, { where: { id: c.personId } });
      await this.record(em, actor, 'read_migration_profile', c.personId);
      return { ...migrationProfileView(profile), interpreter: interpreterOf(person) };
    });
  }

  /** Fields left out are kept; fields sent as null are cleared. */
  async put(
    caseId: string,
    actor: AuthenticatedUser,
    dto: MigrationProfileDto,
  ): Promise<MigrationProfileWithInterpreter> {
    const thisYear = new Date().getUTCFullYear();
    if (typeof dto.yearOfArrival === 'number' && dto.yearOfArrival > thisYear) {
      throw invalid('invalid_year_of_arrival', 'The year of arrival is in the future', [
        { field: 'yearOfArrival', message: `must not be later than ${thisYear}` },
      ]);
    }
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const existing = await em.findOne(MigrationProfile, {
        where: { personId: c.personId },
        lock: { mode: 'pessimistic_write' },
      });
      const profile = existing ?? em.create(MigrationProfile, { personId: c.personId });
      const changed: string[] = [];
      for (const field of MIGRATION_PROFILE_FIELDS) {
        if (dto[field] !== undefined) {
          Object.assign(profile, { [field]: dto[field] });
          changed.push(field);
        }
      }
      profile.updatedBy = actor.id;
      const saved = await em.save(MigrationProfile, profile);
      // The interpreter wishes live on the person (groups and letters use them), beside the need.
      if (dto.interpreter !== undefined) {
        const i = dto.interpreter;
        await em.update(
          Person,
          { id: c.personId },
          {
            interpreterLanguage: i?.language ?? null,
            interpreterDialect: i?.dialect?.trim() || null,
            interpreterGender: i?.gender ?? null,
            interpreterMode: i?.mode ?? null,
          },
        );
        changed.push('interpreter');
      }
      const person = await em.findOneOrFail(Person, { where: { id: c.personId } });
      // Which fields changed, never their values: the audit log is not a copy of the profile.
      await this.record(em, actor, 'update_migration_profile', c.personId, { fields: changed });
      return { ...migrationProfileView(saved), interpreter: interpreterOf(person) };
    });
  }

  private record(
    em: EntityManager,
    actor: AuthenticatedUser,
    action: string,
    personId: string,
    detail?: Record<string, unknown>,
  ) {
    return this.audit.record(
      {
        actorId: actor.id,
        action,
        entity: 'migration_profile',
        entityId: personId,
        subjectId: personId,
        detail,
      },
      em,
    );
  }
}
