import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { invalid, notFound } from '../common/domain-error';
import { emitInTurn } from '../common/events/emit-in-turn';
import type { ContactMode } from '../common/vocabulary';
import { ScopedTransactions } from '../services/scoped-transactions';
import { canReadSensitiveDetail } from './case-access';
import type { SupportCase } from './case.entity';
import { CaseworkService } from './casework.service';
import type { ContactInitiator, InterpreterMode } from './casework.vocabulary';
import type { CorrectContactNoteDto, RecordContactDto } from './contact.dto';
import { CaseContact, CaseContactAmendment } from './contact.entity';
import { CASE_CONTACT_RECORDED, type CaseContactRecordedEvent } from './contact.events';
import { REFERRAL_HISTORY, type ReferralHistoryReader } from './contact-history.ports';
import { contactView, type ContactHistoryItem, type ContactView } from './contact.views';
import { happenedAt } from './london-time';

/** How long the author of a note may still correct it in place. */
export const NOTE_CORRECTION_HOURS = 24;
/** A clock a little ahead of ours is not "the future". */
const CLOCK_SKEW_MS = 60_000;

export interface NewContact {
  at: Date;
  mode: ContactMode;
  initiatedBy: ContactInitiator;
  durationMinutes: number | null;
  interpreter: { language: string; mode: InterpreterMode } | null;
  note: string | null;
  appointmentId: string | null;
}

export type NoteCorrection = { how: 'replaced' | 'amended'; contact: ContactView };

/** May this author still change the note in place, at this instant? */
export function correctableInPlace(
  c: Pick<CaseContact, 'recordedBy' | 'recordedAt'>,
  actorId: string,
  now = new Date(),
): boolean {
  return (
    c.recordedBy === actorId &&
    now.getTime() - c.recordedAt.getTime() < NOTE_CORRECTION_HOURS * 3_600_000
  );
}

/**
 * The case's contact log. Contacts before acceptance are the referral's contact attempts (read
 * through the REFERRAL_HISTORY port), so the case shows one history from first try to today.
 */
@Injectable()
export class ContactService {
  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly casework: CaseworkService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
    @Optional()
    @Inject(REFERRAL_HISTORY)
    private readonly referrals?: ReferralHistoryReader,
  ) {}

  async record(
    caseId: string,
    actor: AuthenticatedUser,
    dto: RecordContactDto,
  ): Promise<ContactView> {
    const at = happenedAt(dto.at);
    if (!at) {
      throw invalid('invalid_date', 'Enter when the contact happened', [
        { field: 'at', message: 'must be a date, or a date and time' },
      ]);
    }
    if (at.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw invalid(
        'contact_in_future',
        'A contact cannot be in the future: record it once it has happened',
        [{ field: 'at', message: 'must not be in the future' }],
      );
    }
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const contact = await this.add(
        c,
        {
          at,
          mode: dto.mode,
          initiatedBy: dto.initiatedBy ?? 'link_worker',
          durationMinutes: dto.durationMinutes ?? null,
          interpreter: dto.interpreter
            ? { language: dto.interpreter.language, mode: dto.interpreter.mode }
            : null,
          note: dto.note ?? null,
          appointmentId: null,
        },
        actor.id,
        em,
      );
      return contactView(contact, [], true);
    });
  }

  /**
   * Adds a contact to a case the caller has locked for work, in its transaction (an attended
   * appointment records its contact this way), and tells the referral the person was reached.
   */
  async add(
    c: SupportCase,
    input: NewContact,
    actorId: string,
    em: EntityManager,
  ): Promise<CaseContact> {
    const contact = em.create(CaseContact, { caseId: c.id, ...flat(input), recordedBy: actorId });
    await em.save(CaseContact, contact);
    await this.audit.record(
      {
        actorId,
        action: 'record_contact',
        entity: 'case_contact',
        entityId: contact.id,
        subjectId: c.personId,
        detail: { mode: input.mode, appointmentId: input.appointmentId },
      },
      em,
    );
    const event: CaseContactRecordedEvent = {
      caseId: c.id,
      referralId: c.referralId,
      at: input.at,
      manager: em,
    };
    await emitInTurn(this.events, CASE_CONTACT_RECORDED, event);
    return contact;
  }

  /** The whole history, newest first: the case's contacts and the referral's earlier attempts. */
  async history(caseId: string, actor: AuthenticatedUser): Promise<ContactHistoryItem[]> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForActor(caseId, actor, em);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'read_contacts',
          entity: 'case',
          entityId: c.id,
          subjectId: c.personId,
        },
        em,
      );
      return this.historyOf(c, em, canReadSensitiveDetail(actor, c));
    });
  }

  /** In the caller's transaction, for a reader it has checked; notes only when `withNotes`. */
  async historyOf(
    c: SupportCase,
    em: EntityManager,
    withNotes: boolean,
  ): Promise<ContactHistoryItem[]> {
    const contacts = await em.find(CaseContact, {
      where: { caseId: c.id },
      order: { at: 'DESC', recordedAt: 'DESC' },
    });
    const amendments = contacts.length
      ? await em.find(CaseContactAmendment, {
          where: { contactId: In(contacts.map((x) => x.id)) },
          order: { writtenAt: 'ASC' },
        })
      : [];
    const attempts =
      c.referralId && this.referrals ? await this.referrals.attemptsOn(c.referralId, em) : [];
    const items: ContactHistoryItem[] = [
      ...contacts.map((x) =>
        contactView(
          x,
          amendments.filter((a) => a.contactId === x.id),
          withNotes,
        ),
      ),
      ...attempts.map((a) => ({
        kind: 'referral_attempt' as const,
        ...a,
        note: withNotes ? a.note : null,
      })),
    ];
    return items.sort((a, b) => b.at.localeCompare(a.at));
  }

  /**
   * A correction to a note: its author replaces it within 24 hours of recording it; after that,
   * or from anyone else who works on the case, it is appended as an amendment and the original
   * stays as it was.
   */
  async correct(
    caseId: string,
    contactId: string,
    actor: AuthenticatedUser,
    dto: CorrectContactNoteDto,
  ): Promise<NoteCorrection> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const contact = await em.findOne(CaseContact, {
        where: { id: contactId, caseId: c.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!contact) throw notFound('Contact');
      const inPlace = correctableInPlace(contact, actor.id);
      if (inPlace) {
        contact.note = dto.note;
        contact.noteCorrectedAt = new Date();
        await em.save(CaseContact, contact);
      } else {
        await em.save(
          CaseContactAmendment,
          em.create(CaseContactAmendment, {
            contactId: contact.id,
            note: dto.note,
            writtenBy: actor.id,
          }),
        );
      }
      await this.audit.record(
        {
          actorId: actor.id,
          action: inPlace ? 'correct_contact_note' : 'amend_contact_note',
          entity: 'case_contact',
          entityId: contact.id,
          subjectId: c.personId,
        },
        em,
      );
      const amendments = await em.find(CaseContactAmendment, {
        where: { contactId: contact.id },
        order: { writtenAt: 'ASC' },
      });
      return {
        how: inPlace ? 'replaced' : 'amended',
        contact: contactView(contact, amendments, true),
      };
    });
  }

  /** One contact on a case, for the correction page; the caller has checked the case. */
  async one(caseId: string, contactId: string, actor: AuthenticatedUser): Promise<ContactView> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const contact = await em.findOne(CaseContact, { where: { id: contactId, caseId: c.id } });
      if (!contact) throw notFound('Contact');
      const amendments = await em.find(CaseContactAmendment, {
        where: { contactId: contact.id },
        order: { writtenAt: 'ASC' },
      });
      return contactView(contact, amendments, true);
    });
  }
}

function flat(input: NewContact) {
  const { interpreter, ...rest } = input;
  return {
    ...rest,
    interpreterLanguage: interpreter?.language ?? null,
    interpreterMode: interpreter?.mode ?? null,
  };
}
