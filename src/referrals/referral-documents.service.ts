import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UsersService } from '../auth/users.service';
import { CaseworkService } from '../casework/casework.service';
import { languageName } from '../common/validation/iso-codes';
import type {
  CaseCloseReason,
  NeedsDomain,
  ReferralChannel,
  ReferralStatus,
} from '../common/vocabulary';
import { TEMPLATES_DIR } from '../database/project-paths';
import { OrganisationsService } from '../organisations/organisations.service';
import { DECLINE_REASON_IN_WORDS, SNOMED } from './referral.types';
import type { ReferralOutcome, StaffReferralView } from './referral.views';
import { ReferralsService } from './referrals.service';

interface Coding {
  system: string;
  code: string;
  display: string;
}

/**
 * The PRSB Social Prescribing Information Standard's "message back to GP and referrer": where
 * the referral is, with dates and SNOMED CT codes, and support described only in general terms.
 */
export interface MessageBack {
  documentType: 'social_prescribing_message_back';
  standard: 'PRSB Social Prescribing Information Standard';
  referral: { id: string; reference: string; channel: ReferralChannel; receivedAt: string };
  person: {
    givenName: string;
    familyName: string | null;
    dateOfBirth: string | null;
    nhsNumber: string | null;
  };
  referrer: { organisationId: string | null; organisationName: string | null; name: string | null };
  status: ReferralStatus;
  dates: {
    received: string;
    assigned: string | null;
    firstContact: string | null;
    accepted: string | null;
    declined: string | null;
  };
  outcome: ReferralOutcome | null;
  /** When the link worker's support ended, once the case is closed. */
  supportEnded: { date: string; reason: CaseCloseReason | null } | null;
  codes: Coding[];
  supportOffered: string;
  linkWorker: { name: string } | null;
  generatedAt: string;
}

const SUPPORT_BY_STATUS: Record<'received' | 'assigned' | 'accepted', string> = {
  received: 'The referral has been received and is waiting to be allocated to a link worker.',
  assigned:
    'A link worker has been allocated and will contact the person to talk about what matters to them.',
  accepted:
    'The person is working with a link worker, who will support them to connect with community groups and services that match what matters to them.',
};

/** In general terms only: the reason code itself travels in `supportEnded.reason`. */
const SUPPORT_WHEN_ENDED: Record<CaseCloseReason, string> = {
  goals_met: 'Support from the link worker has ended: the person reached the goals they set.',
  moved_away: 'Support from the link worker has ended because the person moved away.',
  relocated: 'Support from the link worker has ended because the person moved to another area.',
  disengaged: 'Support from the link worker has ended; the person stopped taking part.',
  declined_further_support: 'Support from the link worker has ended at the person’s choice.',
  transferred: 'Support has been transferred to another service.',
  deceased: 'Support from the link worker has ended.',
  other: 'Support from the link worker has ended.',
};

const SUPPORT_WHEN_DECLINED = DECLINE_REASON_IN_WORDS;

/** How the letter to the person names each reason: plain words, nothing a housemate should not read. */
const PLAIN_REASONS: Record<NeedsDomain, string> = {
  housing: 'somewhere safe and settled to live',
  safety: 'feeling safe',
  immigration_legal: 'getting the right advice',
  money: 'money and bills',
  food: 'food',
  language: 'learning English or getting help with language',
  employment: 'work',
  volunteering_skills: 'volunteering and learning new skills',
  education: 'education and courses',
  physical_health: 'looking after your health',
  mental_health: 'how you are feeling',
  social_connection: 'meeting people and feeling less alone',
  caring_responsibilities: 'caring for someone',
  healthcare_access: 'using health services',
  digital_transport: 'getting online and getting around',
  culture_faith: 'culture and faith',
};

export interface PersonLetter {
  template: string;
  language: string;
  context: Record<string, unknown>;
}

@Injectable()
export class ReferralDocumentsService {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
    private readonly casework: CaseworkService,
  ) {}

  async messageBack(id: string, actor: AuthenticatedUser): Promise<MessageBack> {
    const r = await this.referrals.forDocument(id, actor, 'message_back');
    const [organisationName, linkWorkerName, closure] = await Promise.all([
      r.organisationId
        ? this.organisations.namesByIds([r.organisationId]).then((m) => m.get(r.organisationId!))
        : undefined,
      this.linkWorkerName(r),
      r.caseId ? this.casework.closureOf(r.caseId) : null,
    ]);
    const codes: Coding[] = [{ system: SNOMED.system, ...SNOMED.referralToSocialPrescribing }];
    if (r.status === 'declined')
      codes.push({ system: SNOMED.system, ...SNOMED.socialPrescribingDeclined });
    return {
      documentType: 'social_prescribing_message_back',
      standard: 'PRSB Social Prescribing Information Standard',
      referral: { id: r.id, reference: r.reference, channel: r.channel, receivedAt: r.receivedAt },
      person: {
        givenName: r.person.givenName,
        familyName: r.person.familyName ?? null,
        dateOfBirth: r.person.dateOfBirth ?? null,
        nhsNumber: r.person.nhsNumber?.replace(/\s/g, '') ?? null,
      },
      referrer: {
        organisationId: r.organisationId,
        organisationName: organisationName ?? null,
        name: r.referrerName,
      },
      status: r.status,
      dates: {
        received: r.receivedAt,
        assigned: r.assignedAt,
        firstContact: r.firstContactAt,
        accepted: r.acceptedAt,
        declined: r.declinedAt,
      },
      outcome: r.outcome,
      supportEnded: closure ? { date: closure.closedAt, reason: closure.reason } : null,
      codes,
      supportOffered: closure
        ? SUPPORT_WHEN_ENDED[closure.reason ?? 'other']
        : r.status === 'declined' && r.declineReason
          ? SUPPORT_WHEN_DECLINED[r.declineReason]
          : SUPPORT_BY_STATUS[r.status as keyof typeof SUPPORT_BY_STATUS],
      linkWorker: linkWorkerName ? { name: linkWorkerName } : null,
      generatedAt: new Date().toISOString(),
    };
  }

  /** The plain-language letter to the person, in their language when a translation exists. */
  async personLetter(id: string, actor: AuthenticatedUser): Promise<PersonLetter> {
    const r = await this.referrals.forDocument(id, actor, 'person_letter');
    const wanted = r.person.preferredLanguage ?? 'en';
    const language = letterTemplateExists(wanted) ? wanted : 'en';
    const interpreterLanguage = r.person.preferredLanguage
      ? languageName(r.person.preferredLanguage)
      : undefined;
    return {
      template: `letters/person/${language}/referral-letter`,
      language,
      context: {
        title: `Your referral ${r.reference}`,
        reference: r.reference,
        givenName: r.person.givenName,
        receivedAt: r.receivedAt,
        today: new Date().toISOString(),
        reasons: r.reasons.map((d) => PLAIN_REASONS[d]),
        status: r.status,
        accepted: r.status === 'accepted',
        declined: r.status === 'declined',
        linkWorkerName: await this.linkWorkerName(r),
        interpreterNeeded: r.person.interpreterNeeded === true,
        interpreterLanguage,
      },
    };
  }

  private async linkWorkerName(r: StaffReferralView): Promise<string | undefined> {
    if (!r.assignedLinkWorkerId) return undefined;
    const [user] = await this.users.findByIds([r.assignedLinkWorkerId]);
    return user?.name;
  }
}

/** Language folders are ISO codes; anything else never reaches the file system. */
export function letterTemplateExists(language: string): boolean {
  return (
    /^[a-z]{2,3}$/.test(language) &&
    existsSync(join(TEMPLATES_DIR, 'letters', 'person', language, 'referral-letter.hbs'))
  );
}
