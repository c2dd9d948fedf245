import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { notFound } from '../common/domain-error';
import { OrganisationsService } from '../organisations/organisations.service';
import { NotificationPreference, type EmailFrequency } from './notification-preference.entity';

export type EmailChoice = EmailFrequency | 'off';

export interface PreferenceView {
  emailEnabled: boolean;
  frequency: EmailFrequency;
  /** Where the answer comes from: the user's own choice, their organisation's, or the default. */
  source: 'user' | 'organisation' | 'default';
}

const DEFAULT: Omit<PreferenceView, 'source'> = { emailEnabled: true, frequency: 'each_event' };

/**
 * Email on or off, and each event or a daily digest: per user, or for everyone at an
 * organisation (a GP practice, a group). A user's own choice wins over their organisation's.
 */
@Injectable()
export class PreferencesService {
  constructor(
    @InjectRepository(NotificationPreference)
    private readonly preferences: Repository<NotificationPreference>,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
  ) {}

  /** How each of these users wants email now (users are { id, organisationId }). */
  async choicesFor(
    users: { id: string; organisationId: string | null }[],
    em?: EntityManager,
  ): Promise<Map<string, EmailChoice>> {
    if (users.length === 0) return new Map();
    const m = em ?? this.preferences.manager;
    const orgIds = [...new Set(users.map((u) => u.organisationId).filter((o): o is string => !!o))];
    const rows = await m.find(NotificationPreference, {
      where: [
        { userId: In(users.map((u) => u.id)) },
        ...(orgIds.length ? [{ organisationId: In(orgIds) }] : []),
      ],
    });
    const byUser = new Map(rows.filter((r) => r.userId).map((r) => [r.userId!, r]));
    const byOrg = new Map(rows.filter((r) => r.organisationId).map((r) => [r.organisationId!, r]));
    return new Map(
      users.map((u) => {
        const p = byUser.get(u.id) ?? (u.organisationId ? byOrg.get(u.organisationId) : undefined);
        return [u.id, !p ? 'each_event' : p.emailEnabled ? p.frequency : 'off'];
      }),
    );
  }

  async forUser(actor: AuthenticatedUser): Promise<PreferenceView> {
    const own = await this.preferences.findOne({ where: { userId: actor.id } });
    if (own) return view(own, 'user');
    const org = actor.organisationId
      ? await this.preferences.findOne({ where: { organisationId: actor.organisationId } })
      : null;
    return org ? view(org, 'organisation') : { ...DEFAULT, source: 'default' };
  }

  async setForUser(
    actor: AuthenticatedUser,
    input: { emailEnabled: boolean; frequency: EmailFrequency },
  ): Promise<PreferenceView> {
    await this.save({ userId: actor.id }, input, actor);
    return this.forUser(actor);
  }

  async forOrganisation(organisationId: string, actor: AuthenticatedUser): Promise<PreferenceView> {
    await this.assertMayManage(organisationId, actor);
    const row = await this.preferences.findOne({ where: { organisationId } });
    return row ? view(row, 'organisation') : { ...DEFAULT, source: 'default' };
  }

  async setForOrganisation(
    organisationId: string,
    input: { emailEnabled: boolean; frequency: EmailFrequency },
    actor: AuthenticatedUser,
  ): Promise<PreferenceView> {
    await this.assertMayManage(organisationId, actor);
    await this.save({ organisationId }, input, actor);
    return this.forOrganisation(organisationId, actor);
  }

  /** An admin, or someone of that organisation (its referrers or coordinators). */
  private async assertMayManage(organisationId: string, actor: AuthenticatedUser): Promise<void> {
    if (actor.role !== 'admin' && actor.organisationId !== organisationId)
      throw notFound('Organisation');
    await this.organisations.get(organisationId);
  }

  private async save(
    owner: { userId: string } | { organisationId: string },
    input: { emailEnabled: boolean; frequency: EmailFrequency },
    actor: AuthenticatedUser,
  ): Promise<void> {
    await this.preferences.manager.transaction(async (em) => {
      const existing = await em.findOne(NotificationPreference, {
        where: owner,
        lock: { mode: 'pessimistic_write' },
      });
      const values = {
        emailEnabled: input.emailEnabled,
        frequency: input.frequency,
        updatedBy: actor.id,
      };
      if (existing) await em.update(NotificationPreference, existing.id, values);
      else await em.insert(NotificationPreference, { ...owner, ...values });
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'set_notification_preference',
          entity: 'userId' in owner ? 'user' : 'organisation',
          entityId: 'userId' in owner ? owner.userId : owner.organisationId,
          detail: { ...input },
        },
        em,
      );
    });
  }
}

function view(p: NotificationPreference, source: PreferenceView['source']): PreferenceView {
  return { emailEnabled: p.emailEnabled, frequency: p.frequency, source };
}
