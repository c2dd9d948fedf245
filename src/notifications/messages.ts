/**
 * The emails Linkway sends to staff and referrers, in English (they are not person-facing; texts
 * to a person come from the message files in their language). Each names what happened and
 * links to it: a reference, a group's name for its own coordinators, a date. Never a person's
 * name, needs, immigration, safeguarding, crisis or health detail.
 */
import { DECLINE_REASON_IN_WORDS } from '../referrals/referral.types';
import type { ReferralDeclineReason } from '../common/vocabulary';
import { formatDate } from '../common/views/dates';
import { humanLabel } from '../common/views/labels';

export interface EmailText {
  subject: string;
  body: string;
}

/** The in-app line and, when the event is emailed, its email. */
/** The in-app line (with a link inside Linkway) and, when the event is emailed, its email. */
export interface Message {
  text: string;
  link: string;
  email?: EmailText;
}

/** Where the message's link goes in an email: the messenger puts the full address there. */
export const LINK = '{{link}}';

export const withLink = (text: string) => `${text}\n\nOpen it in Linkway: ${LINK}`;

export const referrerMessages = {
  received: (reference: string, path: string): Message => ({
    text: `Your referral ${reference} has been received.`,
    link: path,
    email: {
      subject: `Referral ${reference} received`,
      body: withLink(
        `Your referral ${reference} has been received. A link worker will be allocated and will contact the person to talk about what matters to them.\n\nQuote ${reference} if you need to ask about it.`,
      ),
    },
  }),
  accepted: (reference: string, path: string): Message => ({
    text: `Referral ${reference} was accepted: support has started.`,
    link: path,
    email: {
      subject: `Referral ${reference} accepted`,
      body: withLink(
        `Referral ${reference} has been accepted. The person is now working with a link worker, who will support them to connect with community groups and services.`,
      ),
    },
  }),
  declined: (reference: string, reason: ReferralDeclineReason, path: string): Message => ({
    text: `Referral ${reference} was not taken up.`,
    link: path,
    email: {
      subject: `Referral ${reference} not taken up`,
      body: withLink(
        `Referral ${reference} has not been taken up. ${DECLINE_REASON_IN_WORDS[reason]}`,
      ),
    },
  }),
  placeStarted: (reference: string, path: string): Message => ({
    text: `Referral ${reference}: the person has started with a community group.`,
    link: path,
    email: {
      subject: `Referral ${reference}: a community group place has started`,
      body: withLink(
        `The person you referred (${reference}) has started with a community group their link worker connected them to.`,
      ),
    },
  }),
  supportEnded: (reference: string, path: string): Message => ({
    text: `Referral ${reference}: support from the link worker has ended.`,
    link: path,
    email: {
      subject: `Referral ${reference}: support has ended`,
      body: `Support from the link worker for referral ${reference} has ended.\n\nThe message back to the GP and referrer (PRSB Social Prescribing Information Standard) is here: ${LINK}`,
    },
  }),
};

export const coordinatorMessages = {
  offered: (groupName: string, expiresAt: Date | null, path: string): Message => {
    const by = expiresAt ? ` by ${formatDate(expiresAt)}` : '';
    return {
      text: `New offer of a place in ${groupName}. Please accept or decline it.`,
      link: path,
      email: {
        subject: `A new offer of a place in ${groupName}`,
        body: withLink(
          `A link worker has offered someone a place in ${groupName}. Please accept or decline the offer${by}.`,
        ),
      },
    };
  },
  waitlisted: (groupName: string, position: number | null, path: string): Message => ({
    text: `Someone joined the waitlist for ${groupName}${position ? ` at position ${position}` : ''}.`,
    link: path,
  }),
  expiring: (groupName: string, path: string): Message => ({
    text: `An offer of a place in ${groupName} expires within a day. Please accept or decline it.`,
    link: path,
    email: {
      subject: `An offer of a place in ${groupName} expires tomorrow`,
      body: withLink(
        `An offer of a place in ${groupName} expires tomorrow. Please accept or decline it before then, so the place is not lost.`,
      ),
    },
  }),
  offeredFromWaitlist: (groupName: string, path: string): Message => ({
    text: `A place freed up in ${groupName} and has been offered to the next person on your waitlist.`,
    link: path,
    email: {
      subject: `A waitlisted person has been offered a place in ${groupName}`,
      body: withLink(
        `A place freed up in ${groupName} and has been offered to the next person on your waitlist. Please accept or decline the offer.`,
      ),
    },
  }),
};

export const DIGEST_SUBJECT = 'Your daily Linkway summary';

/**
 * Which group and whose place, for the in-app line a link worker reads about their own case: the
 * group's name and the person's given name. The email beside it stays without either.
 */
export interface PlacementAbout {
  group: string;
  person: string;
}

const reasonWords = (code: string | null | undefined) =>
  code ? humanLabel(code).toLowerCase() : 'other';

export const linkWorkerMessages = {
  accepted: (about: PlacementAbout, path: string): Message => ({
    text: `${about.group} accepted your offer of a place for ${about.person}.`,
    link: path,
  }),
  declined: (about: PlacementAbout, reason: string | null | undefined, path: string): Message => ({
    text: `${about.group} declined your offer of a place for ${about.person} (${reasonWords(reason)}).`,
    link: path,
    email: {
      subject: 'An offer of a place was declined',
      body: withLink(`A group declined your offer of a place (${reasonWords(reason)}).`),
    },
  }),
  endedByGroup: (
    about: PlacementAbout,
    reason: string | null | undefined,
    path: string,
  ): Message => ({
    text: `${about.group} ended ${about.person}’s placement (${reasonWords(reason)}).`,
    link: path,
  }),
  expired: (path: string): Message => ({
    text: 'An offer of a place expired before the group answered it.',
    link: path,
    email: {
      subject: 'An offer of a place expired',
      body: withLink('An offer of a place expired before the group answered it.'),
    },
  }),
  placeFreed: (path: string): Message => ({
    text: 'A place freed up: your waitlisted person has now been offered a place.',
    link: path,
    email: {
      subject: 'A waitlisted place has been offered',
      body: withLink('A place freed up: your waitlisted person has now been offered a place.'),
    },
  }),
  groupSuspended: (path: string): Message => ({
    text: 'A group you placed someone with has been suspended. Please review the placement.',
    link: path,
    email: {
      subject: 'A group has been suspended',
      body: withLink(
        'A group you placed someone with has been suspended. Please review the placement.',
      ),
    },
  }),
};

/** What the group side hears of changes the case side makes. */
export const groupSideMessages = {
  /** The group had not answered yet: nothing started, so nothing "ended". */
  offerWithdrawnByCase: (path: string): Message => ({
    text: 'An offer of a place with your group was withdrawn by the person’s link worker. There is nothing to answer.',
    link: path,
  }),
  endedByCase: (path: string): Message => ({
    text: 'A placement with your group has ended.',
    link: path,
  }),
  endedWithCase: (path: string): Message => ({
    text: 'A placement with your group has ended because the person’s support has closed.',
    link: path,
  }),
  withdrawnWithCase: (path: string): Message => ({
    text: 'Someone on your waitlist no longer needs a place.',
    link: path,
  }),
  paused: (path: string): Message => ({
    text: 'A placement with your group has been paused. The place stays held; the link worker will be in touch.',
    link: path,
  }),
  resumed: (offered: boolean, path: string): Message => ({
    text: offered
      ? 'A paused offer of a place has resumed. Please accept or decline it.'
      : 'A paused placement with your group has resumed.',
    link: path,
  }),
};
