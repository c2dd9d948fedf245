import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict } from '../common/domain-error';
import type { NeedsDomain, OutcomeInstrument } from '../common/vocabulary';
import { AppointmentService } from './appointment.service';
import type { CloseCaseDto } from './case.dto';
import { SupportCase } from './case.entity';
import { CaseRecordsService } from './case-records.service';
import { CASE_CLOSED, type CaseClosedEvent } from './casework.events';
import { CaseworkService, toSummary, type CaseSummary } from './casework.service';
import {
  RELOCATION_REASONS,
  SENSITIVE_ONWARD_SERVICES,
  type OnwardReferralService,
} from './casework.vocabulary';
import { NeedsService } from './needs.service';
import type { OutcomeRecord } from './outcome-change';
import { Person } from './person.entity';
import { emitInTurn } from '../common/events/emit-in-turn';
import { ScopedTransactions } from '../services/scoped-transactions';

/** Kept out of a letter the person carries: it may be read by anyone they show it to. */
const DOMAINS_LEFT_OUT: readonly NeedsDomain[] = ['immigration_legal', 'safety'];
const SERVICES_LEFT_OUT = SENSITIVE_ONWARD_SERVICES;

export interface TransferSummary {
  givenName: string;
  supportedFrom: string;
  supportedTo: string;
  closeReason: string;
  preparedBy: string;
  whatMattersToMe: string | null;
  /** Needs in general terms: the domain and whether it eased, never notes or severities of crisis. */
  needs: { domain: NeedsDomain; atStart: number; atEnd: number; eased: boolean }[];
  /** Professional support the person was connected with. */
  whatHelped: OnwardReferralService[];
  /** First and last score of each instrument. */
  outcomes: { instrument: OutcomeInstrument; first: OutcomeRecord; last: OutcomeRecord | null }[];
}

export interface ClosedCase extends CaseSummary {
  transferSummaryAvailable: boolean;
}

@Injectable()
export class CaseClosureService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @InjectRepository(SupportCase) private readonly cases: Repository<SupportCase>,
    private readonly casework: CaseworkService,
    private readonly needs: NeedsService,
    private readonly records: CaseRecordsService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
    private readonly appointments: AppointmentService,
  ) {}

  /**
   * Closes the case with a coded reason; placements end, and appointments still to come are
   * cancelled, in the same transaction.
   */
  async close(caseId: string, actor: AuthenticatedUser, dto: CloseCaseDto): Promise<ClosedCase> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em, { allowClosed: true });
      if (c.status === 'closed')
        throw conflict('case_already_closed', 'The case is already closed');
      Object.assign(c, {
        status: 'closed',
        closedAt: new Date(),
        closeReason: dto.reason,
        closeNote: dto.note ?? null,
        transferConsent: RELOCATION_REASONS.includes(dto.reason) && dto.transferConsent === true,
      });
      await em.save(SupportCase, c);
      const appointmentsCancelled = await this.appointments.cancelUpcoming(c.id, actor.id, em);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'close',
          entity: 'case',
          entityId: c.id,
          subjectId: c.personId,
          detail: { reason: dto.reason, appointmentsCancelled },
        },
        em,
      );
      const event: CaseClosedEvent = {
        caseId: c.id,
        actorId: actor.id,
        manager: em,
        reason: dto.reason,
      };
      await emitInTurn(this.events, CASE_CLOSED, event);
      return { ...toSummary(c), transferSummaryAvailable: c.transferConsent };
    });
  }

  /**
   * The letter a person who moves takes to their next area, with their consent: needs in general
   * terms, what helped and outcome scores. No immigration, safeguarding or crisis detail.
   */
  async transferSummary(caseId: string, actor: AuthenticatedUser): Promise<TransferSummary> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForActor(caseId, actor, em);
      if (c.status !== 'closed' || !c.transferConsent || !c.closedAt || !c.closeReason) {
        throw conflict(
          'transfer_summary_unavailable',
          'A transfer summary is given when a case closes for a move and the person agrees',
        );
      }
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'read_transfer_summary',
          entity: 'case',
          entityId: c.id,
          subjectId: c.personId,
        },
        em,
      );
      const person = await em.findOneOrFail(Person, { where: { id: c.personId } });
      const assessments = await this.needs.forCase(c.id, em);
      const [latest, first] = [assessments[0], assessments[assessments.length - 1]];
      const referrals = await this.records.onwardReferralsFor(c.id, em);
      const outcomes = await this.records.outcomesFor(c.id, em);
      return {
        givenName: person.givenName,
        supportedFrom: c.openedAt.toISOString(),
        supportedTo: c.closedAt.toISOString(),
        closeReason: c.closeReason,
        preparedBy: actor.name,
        whatMattersToMe: c.whatMattersToMe,
        needs: (first?.needs ?? [])
          .filter((n) => n.severity > 0 && !DOMAINS_LEFT_OUT.includes(n.domain))
          .map((n) => {
            const atEnd = latest.needs.find((l) => l.domain === n.domain)?.severity ?? n.severity;
            return { domain: n.domain, atStart: n.severity, atEnd, eased: atEnd < n.severity };
          }),
        whatHelped: [...new Set(referrals.map((r) => r.service))].filter(
          (s) => !SERVICES_LEFT_OUT.includes(s),
        ),
        outcomes: [...new Set(outcomes.map((o) => o.instrument))].map((instrument) => {
          const of = outcomes.filter((o) => o.instrument === instrument);
          return { instrument, first: of[0], last: of.length > 1 ? of[of.length - 1] : null };
        }),
      };
    });
  }
}
