import { Injectable } from '@nestjs/common';
import { UsersService } from '../auth/users.service';
import { CaseloadOverviewService } from '../casework/caseload-overview.service';
import type { PersonDetails } from '../casework/person.types';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { FieldCipher } from '../common/crypto/field-cipher';
import { ukDate } from '../common/uk-date';
import type { ReferralStatus, Urgency } from '../common/vocabulary';
import { ScopedTransactions } from '../services/scoped-transactions';
import { Referral } from './referral.entity';

/** How many of each list the dashboard shows; the rest are counted. */
const SHOWN = 50;
const OPEN: ReferralStatus[] = ['received', 'assigned'];
const URGENCY_RANK = `CASE r.urgency WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END`;

export interface InboxRow {
  id: string;
  reference: string;
  name: string;
  status: ReferralStatus;
  urgency: Urgency;
  receivedAt: string;
  /** Whole UK calendar days since it was received: 0 is today. */
  daysWaiting: number;
  assignedTo: string | null;
}

export interface CaseloadRow {
  linkWorkerId: string;
  name: string;
  openCases: number;
  assignedReferrals: number;
  /** Open cases and assigned referrals, the count assignment is checked against. */
  held: number;
  limit: number;
}

export interface OverdueRow {
  caseId: string;
  givenName: string;
  linkWorker: string | null;
  reviewBy: string;
  daysOverdue: number;
  inCrisis: boolean;
}

export interface TeamDashboard {
  inbox: { rows: InboxRow[]; total: number; unassigned: number };
  caseloads: CaseloadRow[];
  overdue: { rows: OverdueRow[]; total: number };
}

/** Days from one ISO calendar date to another. */
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * A team lead's view of its service: the referrals waiting (received or assigned, not yet taken
 * on), each link worker's load against their limit, and the reviews that are overdue. Every read
 * is in the team lead's service scope; nothing sensitive is read.
 */
@Injectable()
export class TeamDashboardService {
  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly cipher: FieldCipher,
    private readonly users: UsersService,
    private readonly caseloads: CaseloadOverviewService,
  ) {}

  async forTeamLead(actor: AuthenticatedUser): Promise<TeamDashboard> {
    const serviceId = actor.serviceId;
    if (!serviceId) {
      return {
        inbox: { rows: [], total: 0, unassigned: 0 },
        caseloads: [],
        overdue: { rows: [], total: 0 },
      };
    }
    const today = ukDate();
    const { waiting, total, unassigned, assignedByWorker } = await this.openReferrals(actor);
    const linkWorkers = await this.users.linkWorkersOf(serviceId);
    const openCases = await this.caseloads.openCasesByLinkWorker(actor);
    const overdue = await this.caseloads.overdueReviews(actor, SHOWN);
    const names = new Map(linkWorkers.map((u) => [u.id, u.name]));
    const others = [
      ...waiting.map((r) => r.assignedLinkWorkerId),
      ...overdue.items.map((o) => o.linkWorkerId),
    ].filter((id): id is string => !!id && !names.has(id));
    for (const u of await this.users.findByIds([...new Set(others)])) names.set(u.id, u.name);

    return {
      inbox: {
        total,
        unassigned,
        rows: waiting.map((r) => {
          const person = JSON.parse(this.cipher.decrypt(r.personDetailsEncrypted)) as PersonDetails;
          return {
            id: r.id,
            reference: r.reference,
            name: [person.givenName, person.familyName].filter(Boolean).join(' '),
            status: r.status,
            urgency: r.urgency,
            receivedAt: r.receivedAt.toISOString(),
            daysWaiting: daysBetween(ukDate(r.receivedAt), today),
            assignedTo: r.assignedLinkWorkerId ? (names.get(r.assignedLinkWorkerId) ?? null) : null,
          };
        }),
      },
      caseloads: linkWorkers.map((u) => {
        const cases = openCases.get(u.id) ?? 0;
        const referrals = assignedByWorker.get(u.id) ?? 0;
        return {
          linkWorkerId: u.id,
          name: u.name,
          openCases: cases,
          assignedReferrals: referrals,
          held: cases + referrals,
          limit: u.caseloadLimit,
        };
      }),
      overdue: {
        total: overdue.total,
        rows: overdue.items.map((o) => ({
          caseId: o.caseId,
          givenName: o.givenName,
          linkWorker: names.get(o.linkWorkerId) ?? null,
          reviewBy: o.reviewBy,
          daysOverdue: daysBetween(o.reviewBy, today),
          inCrisis: o.inCrisis,
        })),
      },
    };
  }

  /** The service's open referrals, most urgent and longest waiting first, and who holds how many. */
  private openReferrals(actor: AuthenticatedUser) {
    const serviceId = actor.serviceId!;
    return this.scoped.forActor(actor, async (em) => {
      const [waiting, total] = await em
        .createQueryBuilder(Referral, 'r')
        .where('r.serviceId = :serviceId AND r.status IN (:...open)', { serviceId, open: OPEN })
        .addSelect(URGENCY_RANK, 'urgency_rank')
        .orderBy('urgency_rank', 'ASC')
        .addOrderBy('r.receivedAt', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .take(SHOWN)
        .getManyAndCount();
      const unassigned = await em.count(Referral, {
        where: { serviceId, status: 'received' },
      });
      const assigned = await em
        .createQueryBuilder(Referral, 'r')
        .select('r.assignedLinkWorkerId', 'linkWorkerId')
        .addSelect('count(*)::int', 'n')
        .where('r.serviceId = :serviceId AND r.status = :status', { serviceId, status: 'assigned' })
        .groupBy('r.assignedLinkWorkerId')
        .getRawMany<{ linkWorkerId: string; n: number }>();
      return {
        waiting,
        total,
        unassigned,
        assignedByWorker: new Map(assigned.map((a) => [a.linkWorkerId, a.n])),
      };
    });
  }
}
