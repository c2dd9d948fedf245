import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { invalid, notFound } from '../common/domain-error';
import { emitInTurn } from '../common/events/emit-in-turn';
import { ScopedTransactions, scopeOf } from '../services/scoped-transactions';
import { SupportCase } from './case.entity';
import {
  PERSON_DUPLICATE_DISMISSED,
  PERSON_MERGING,
  type PersonDuplicateDismissedEvent,
  type PersonMergingEvent,
} from './casework.events';
import { CoverService } from './cover.service';
import { MigrationProfile } from './migration-profile.entity';
import { lockPersonForChange } from './person-change-lock';
import { lockPeopleOfService } from './person-identity-lock';
import { canMergePeople } from './person-merge-access';
import {
  MERGE_KEYS,
  PERSON_CHOICES,
  PROFILE_CHOICES,
  chosen,
  profileKey,
  type KeepChoices,
} from './person-merge-fields';
import { PersonDuplicateDismissal, PersonMerge, orderedPair } from './person-merge.entity';
import { replaceNameTokens } from './person-name-token.entity';
import { PERSON_SEAL, sealIdentity, type PersonSeal } from './person-seal';
import { Person } from './person.entity';

export interface MergeResult {
  personId: string;
  mergedPersonId: string;
  /** The fields whose value came from the merged person. */
  fieldsFromMerged: string[];
}

/**
 * Merges one person into another, in one transaction: the kept person takes the chosen fields
 * (sealed again, with new tokens), everything held by person moves to them (cases here; referrals,
 * placements and texts through PERSON_MERGING), the audit trail keeps both ids, and the merged
 * person's row is deleted, so their id answers 404 and intake can never match them again.
 */
@Injectable()
export class PersonMergeService {
  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
    private readonly cover: CoverService,
    @Inject(PERSON_SEAL) private readonly seal: PersonSeal,
  ) {}

  async merge(
    mergedId: string,
    intoId: string,
    keep: KeepChoices,
    actor: AuthenticatedUser,
  ): Promise<MergeResult> {
    const unknown = Object.keys(keep).filter((k) => !MERGE_KEYS.includes(k));
    if (unknown.length)
      throw invalid(
        'unknown_field',
        'Only the person’s own fields can be chosen',
        unknown.map((k) => ({ field: `keep.${k}`, message: 'is not a field of a person' })),
      );
    return this.scoped.run(scopeOf(actor), async (em) => {
      const serviceId = await this.checkAccess([mergedId, intoId], actor, em);
      // Only after the access check, so that nobody learns from it that a person exists.
      if (mergedId === intoId)
        throw invalid('merge_into_self', 'A person cannot be merged into themselves', [
          { field: 'intoPersonId', message: 'must be another person' },
        ]);
      // Waits for intakes under way in the service; new ones wait for this merge.
      await lockPeopleOfService(em, serviceId, 'exclusive');
      // As erasure locks a person: never waits (409 while another change holds either), and an
      // erased person cannot be merged (409). In id order, so two merges never wait in a circle.
      const locked = new Map<string, Person>();
      for (const id of [mergedId, intoId].sort()) locked.set(id, await lockPersonForChange(em, id));
      const merged = locked.get(mergedId) as Person;
      const into = locked.get(intoId) as Person;

      const fieldsFromMerged = [
        ...(await this.takeFields(into, merged, keep, em)),
        ...(await this.takeProfile(intoId, mergedId, keep, em)),
      ];
      await em.update(SupportCase, { personId: mergedId }, { personId: intoId });
      const event: PersonMergingEvent = {
        mergedPersonId: mergedId,
        keptPersonId: intoId,
        actorId: actor.id,
        manager: em,
      };
      await emitInTurn(this.events, PERSON_MERGING, event);
      await this.carryMergeRecords(mergedId, intoId, serviceId, actor, fieldsFromMerged, em);
      await this.recordInAudit(mergedId, intoId, actor, fieldsFromMerged, em);
      await em.delete(Person, { id: mergedId });
      return { personId: intoId, mergedPersonId: mergedId, fieldsFromMerged };
    });
  }

  /**
   * Both people, side by side, for the review page (the caller's access is checked, and the read
   * is audited against both). The migration profiles are for those who may merge them: admins and
   * the link worker holding both cases, who may read them anyway.
   */
  async review(personId: string, otherId: string, actor: AuthenticatedUser) {
    if (personId === otherId) throw notFound('Person');
    return this.scoped.run(scopeOf(actor), async (em) => {
      await this.checkAccess([personId, otherId], actor, em);
      const people = [];
      for (const id of [personId, otherId]) {
        const person = await em.findOneOrFail(Person, { where: { id } });
        const profile = await em.findOne(MigrationProfile, { where: { personId: id } });
        const cases = await em.count(SupportCase, { where: { personId: id } });
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'read_for_merge',
            entity: 'person',
            entityId: id,
            subjectId: id,
          },
          em,
        );
        people.push({ person, profile, cases });
      }
      return { merged: people[0], into: people[1] };
    });
  }

  /** Records that two people are not the same person, so intake's flag for them stays down. */
  async dismissDuplicate(personId: string, otherId: string, actor: AuthenticatedUser) {
    if (personId === otherId) throw notFound('Person');
    return this.scoped.run(scopeOf(actor), async (em) => {
      const serviceId = await this.checkAccess([personId, otherId], actor, em);
      for (const id of orderedPair(personId, otherId)) await lockPersonForChange(em, id);
      const [a, b] = orderedPair(personId, otherId);
      await em
        .createQueryBuilder()
        .insert()
        .into(PersonDuplicateDismissal)
        .values({ personId: a, otherPersonId: b, serviceId, dismissedBy: actor.id })
        .orIgnore()
        .execute();
      const event: PersonDuplicateDismissedEvent = {
        personId,
        otherPersonId: otherId,
        manager: em,
      };
      await emitInTurn(this.events, PERSON_DUPLICATE_DISMISSED, event);
      for (const id of [personId, otherId])
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'dismiss_duplicate',
            entity: 'person',
            entityId: id === personId ? otherId : personId,
            subjectId: id,
          },
          em,
        );
      return { personId, otherPersonId: otherId, dismissed: true };
    });
  }

  /** Of these people, those dismissed as not the same as `personId`. */
  async dismissedWith(personId: string, others: readonly string[], em: EntityManager) {
    if (others.length === 0) return new Set<string>();
    const rows = await em.query<{ other: string }[]>(
      `SELECT CASE WHEN person_id = $1 THEN other_person_id ELSE person_id END AS other
         FROM person_duplicate_dismissal
        WHERE (person_id = $1 AND other_person_id = ANY($2::uuid[]))
           OR (other_person_id = $1 AND person_id = ANY($2::uuid[]))`,
      [personId, others],
    );
    return new Set(rows.map((r) => r.other));
  }

  /** Both people exist, are of one service, and this actor may merge them; else "not found". */
  private async checkAccess(
    ids: readonly string[],
    actor: AuthenticatedUser,
    em: EntityManager,
  ): Promise<string> {
    const unique = [...new Set(ids)];
    const people = await em.find(Person, { where: unique.map((id) => ({ id })) });
    if (people.length !== unique.length) throw notFound('Person');
    const cases = await em.find(SupportCase, {
      where: unique.map((personId) => ({ personId })),
      select: { id: true, personId: true, linkWorkerId: true, serviceId: true },
    });
    for (const c of cases) c.cover = await this.cover.coverOf(actor, c.linkWorkerId, em);
    if (!canMergePeople(actor, unique, cases)) throw notFound('Person');
    if (people.some((p) => p.serviceId !== people[0].serviceId))
      throw invalid('different_services', 'People of different services cannot be merged', [
        { field: 'intoPersonId', message: 'belongs to another service' },
      ]);
    return people[0].serviceId;
  }

  /** The kept person's fields as chosen, sealed again with fresh tokens. */
  private async takeFields(
    into: Person,
    merged: Person,
    keep: KeepChoices,
    em: EntityManager,
  ): Promise<string[]> {
    const result: Partial<Person> = {};
    const taken: string[] = [];
    for (const field of PERSON_CHOICES) {
      const value = chosen(into[field], merged[field], keep[field]);
      (result as Record<string, unknown>)[field] = value;
      if (value !== into[field]) taken.push(field);
    }
    const next = { ...into, ...result } as Person;
    const sealed = sealIdentity(this.seal, next);
    await em.update(
      Person,
      { id: into.id },
      { ...result, phoneIndex: sealed.phoneIndex, nhsNumberIndex: sealed.nhsNumberIndex },
    );
    await replaceNameTokens(em, into, sealed.nameTokens);
    return taken;
  }

  /** The kept person's migration profile as chosen; the merged one goes with its person. */
  private async takeProfile(
    intoId: string,
    mergedId: string,
    keep: KeepChoices,
    em: EntityManager,
  ): Promise<string[]> {
    const merged = await em.findOne(MigrationProfile, { where: { personId: mergedId } });
    if (!merged) return [];
    const into = await em.findOne(MigrationProfile, { where: { personId: intoId } });
    const values: Partial<MigrationProfile> = {};
    const taken: string[] = [];
    for (const field of PROFILE_CHOICES) {
      const value = chosen(into?.[field] ?? null, merged[field], keep[profileKey(field)]);
      (values as Record<string, unknown>)[field] = value;
      if (value !== (into?.[field] ?? null)) taken.push(profileKey(field));
    }
    if (into) await em.update(MigrationProfile, { personId: intoId }, values);
    else
      await em.insert(MigrationProfile, {
        ...values,
        personId: intoId,
        updatedBy: merged.updatedBy,
      });
    return taken;
  }

  /** Earlier merges into the merged person now point at the kept one; dismissals follow too. */
  private async carryMergeRecords(
    mergedId: string,
    intoId: string,
    serviceId: string,
    actor: AuthenticatedUser,
    fieldsFromMerged: string[],
    em: EntityManager,
  ): Promise<void> {
    await em.update(PersonMerge, { keptPersonId: mergedId }, { keptPersonId: intoId });
    await em.insert(PersonMerge, {
      mergedPersonId: mergedId,
      keptPersonId: intoId,
      serviceId,
      mergedBy: actor.id,
      fieldsFromMerged,
    });
    // Whoever was not the merged person is not the kept one either.
    await em.query(
      `INSERT INTO person_duplicate_dismissal (person_id, other_person_id, service_id, dismissed_by, dismissed_at)
       SELECT least($2::uuid, o.other), greatest($2::uuid, o.other), o.service_id, o.dismissed_by, o.dismissed_at
         FROM (SELECT CASE WHEN person_id = $1 THEN other_person_id ELSE person_id END AS other,
                      service_id, dismissed_by, dismissed_at
                 FROM person_duplicate_dismissal
                WHERE person_id = $1 OR other_person_id = $1) o
        WHERE o.other <> $2
       ON CONFLICT DO NOTHING`,
      [mergedId, intoId],
    );
    await em.query(
      'DELETE FROM person_duplicate_dismissal WHERE person_id = $1 OR other_person_id = $1',
      [mergedId],
    );
  }

  /**
   * The log is append-only: the merged person's entries, the merge among them, become part of
   * the kept person's history through an alias, and are never rewritten.
   */
  private async recordInAudit(
    mergedId: string,
    intoId: string,
    actor: AuthenticatedUser,
    fieldsFromMerged: string[],
    em: EntityManager,
  ): Promise<void> {
    // One entry naming both: about the merged person (so their own history ends with it), and
    // part of the kept person's history through the alias below.
    await this.audit.record(
      {
        actorId: actor.id,
        action: 'merge',
        entity: 'person',
        entityId: intoId,
        subjectId: mergedId,
        detail: { mergedPersonId: mergedId, keptPersonId: intoId, fieldsFromMerged },
      },
      em,
    );
    await this.audit.recordSubjectAlias(mergedId, intoId, em);
  }
}
