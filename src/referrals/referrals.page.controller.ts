import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UsersService } from '../auth/users.service';
import type { DomainError, FieldError } from '../common/domain-error';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { handlePageForm, labelled, type PageForm } from '../common/forms/page-form';
import { canWorkOnReferral, isStaff } from './referral-access';
import { languageName } from '../common/validation/iso-codes';
import { LinkWorkerSuggestionsService } from './link-worker-suggestions.service';
import { ReferralDocumentsService } from './referral-documents.service';
import { REFERRAL_FORM_COPY, REFERRAL_FORM_OPTIONS, shapeReferralForm } from './referral-form';
import { CONTACT_ATTEMPT_WORDS, DECLINE_WORDS, REFERRAL_WORDS } from './referral-words';
import {
  BulkAssignReferralsDto,
  BulkDeclineReferralsDto,
  ContactAttemptDto,
  CreateReferralDto,
  DeclineReferralDto,
} from './referral.dto';
import type { StaffReferralListItem, StaffReferralView } from './referral.views';
import { ReferralsService } from './referrals.service';

type Form = Record<string, unknown>;
const REFERRER_FORM = { options: REFERRAL_FORM_OPTIONS, copy: REFERRAL_FORM_COPY.referrer };
type InboxView = 'unassigned' | 'mine' | 'assigned' | 'all';
/** A team lead holds no referrals of its own; it sees who holds what. */
const viewsFor = (actor: AuthenticatedUser): readonly InboxView[] =>
  actor.role === 'team_lead' ? ['unassigned', 'assigned', 'all'] : ['unassigned', 'mine', 'all'];
const VIEW_NAMES: Record<InboxView, string> = {
  unassigned: 'Waiting for a link worker',
  mine: 'Assigned to me',
  assigned: 'Assigned',
  all: 'All referrals',
};
const INBOX_VIEW = 'referrals/inbox';
const inboxView = (actor: AuthenticatedUser, view: string | undefined): InboxView =>
  viewsFor(actor).find((v) => v === view) ?? 'unassigned';
const listOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : [];

/** The bulk form's fields, asked for in its own words. */
const BULK_MESSAGES: Record<string, FieldError> = {
  referralIds: {
    field: 'referralIds',
    message: 'Select the referrals first (at most 50 at a time)',
  },
  linkWorkerId: { field: 'linkWorkerId', message: 'Choose the link worker to assign them to' },
  reason: { field: 'reason', message: 'Choose why the referrals are declined' },
  note: { field: 'note', message: 'Write a note of 2,000 characters or fewer' },
};
const DETAIL_VIEW = 'referrals/detail';

/** Referral pages: the referrer's form, the inbox, detail and letters (self-referral has its own). */
@ApiExcludeController()
@Controller()
export class ReferralsPageController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly documents: ReferralDocumentsService,
    private readonly users: UsersService,
    private readonly suggestions: LinkWorkerSuggestionsService,
  ) {}

  @Allow('referrer', 'link_worker', 'admin')
  @Get('referrals/new')
  newReferral(@Res() res: Response): void {
    res.render('referrals/form', { title: 'Send a referral', ...REFERRER_FORM });
  }

  @Allow('referrer', 'link_worker', 'admin')
  @Post('referrals/new')
  async sendReferral(
    @Body() form: Form,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await handlePageForm(req, res, {
      dto: CreateReferralDto,
      shaped: shapeReferralForm(form, true),
      words: REFERRAL_WORDS,
      dateFields: ['person.dateOfBirth'],
      act: (v) => this.referrals.create(v, actor),
      flash: (created) => `Referral ${created.reference} sent. We will keep you updated here.`,
      redirect: (created) => (isStaff(actor) ? `/referrals/${created.id}` : '/referrals/mine'),
      view: 'referrals/form',
      model: () => ({ title: 'Send a referral', ...REFERRER_FORM }),
    });
  }

  @Allow('referrer')
  @Get('referrals/mine')
  async mine(
    @CurrentUser() actor: AuthenticatedUser,
    @Query('cursor') cursor: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const page = await this.referrals.list(actor, { limit: 50, cursor: cursorOf(cursor) });
    res.render('referrals/mine', {
      title: 'My referrals',
      referrals: page.items,
      nextHref: page.nextCursor ? `/referrals/mine?cursor=${page.nextCursor}` : undefined,
    });
  }

  @Allow('team_lead', 'link_worker', 'admin')
  @Get('referrals')
  async inbox(
    @CurrentUser() actor: AuthenticatedUser,
    @Query('view') view: string | undefined,
    @Query('cursor') cursor: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    res.render(INBOX_VIEW, { ...(await this.inboxModel(actor, view, cursor)), values: {} });
  }

  /**
   * The inbox's bulk form: the chosen referrals assigned to one link worker, or declined for one
   * reason, all in one transaction (all change or none, as the API).
   */
  @Allow('team_lead', 'link_worker', 'admin')
  @Post('referrals/bulk')
  async bulk(
    @Body() form: Form,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const view = typeof form.view === 'string' ? form.view : undefined;
    const back = `/referrals?view=${inboxView(actor, view)}`;
    const referralIds = listOf(form.referralIds);
    const common = {
      fields: (errors: FieldError[]) =>
        errors.map((e) => BULK_MESSAGES[e.field.split('.')[0]] ?? labelled(e)),
      refusal: (e: DomainError) => [{ field: '', message: e.message }],
      redirect: back,
      view: INBOX_VIEW,
      model: () => this.inboxModel(actor, view, undefined),
      values: { ...form, referralIds },
    };
    if (form.action === 'decline') {
      await handlePageForm(req, res, {
        ...common,
        dto: BulkDeclineReferralsDto,
        shaped: { referralIds, reason: optionalText(form.reason), note: optionalText(form.note) },
        act: (v) => this.referrals.declineMany(v.referralIds, v, actor),
        flash: (done) => `${done.length} referral${done.length === 1 ? '' : 's'} declined.`,
      });
      return;
    }
    await handlePageForm(req, res, {
      ...common,
      dto: BulkAssignReferralsDto,
      shaped: { referralIds, linkWorkerId: optionalText(form.linkWorkerId) },
      act: (v) => this.referrals.assignMany(v.referralIds, v.linkWorkerId, actor),
      flash: (done) => `${done.length} referral${done.length === 1 ? '' : 's'} assigned.`,
    });
  }

  private async inboxModel(
    actor: AuthenticatedUser,
    view: string | undefined,
    cursor: string | undefined,
  ) {
    const current = inboxView(actor, view);
    const filter =
      current === 'unassigned'
        ? { unassigned: true, status: 'received' as const }
        : current === 'mine'
          ? { assignedTo: 'me', status: 'assigned' as const }
          : current === 'assigned'
            ? { status: 'assigned' as const }
            : {};
    const page = await this.referrals.list(actor, {
      ...filter,
      limit: 50,
      cursor: cursorOf(cursor),
    });
    const linkWorkers = actor.serviceId
      ? await this.users.linkWorkersOf(actor.serviceId)
      : await this.users.list({ role: 'link_worker' });
    // Another link worker's case comes as its status only (no person): nothing to act on here.
    const referrals = (page.items as Partial<StaffReferralListItem>[]).map((r) => ({
      ...r,
      language: r.person?.preferredLanguage
        ? (languageName(r.person.preferredLanguage) ?? r.person.preferredLanguage)
        : undefined,
      open: !!r.person && (r.status === 'received' || r.status === 'assigned'),
    }));
    return {
      title: 'Referral inbox',
      view: current,
      referrals,
      canBulk: referrals.some((r) => r.open),
      tabs: viewsFor(actor).map((v) => ({ view: v, text: VIEW_NAMES[v], current: v === current })),
      nextHref: page.nextCursor
        ? `/referrals?view=${current}&cursor=${page.nextCursor}`
        : undefined,
      isLinkWorker: actor.role === 'link_worker',
      assignees: [
        { value: '', text: 'Choose a link worker' },
        ...linkWorkers.map((u) => ({
          value: u.id,
          text: u.id === actor.id ? `${u.name} (me)` : u.name,
        })),
      ],
      declineReasons: [
        { value: '', text: 'Choose a reason' },
        ...REFERRAL_FORM_OPTIONS.declineReasons,
      ],
    };
  }

  @Allow('referrer', 'team_lead', 'link_worker', 'admin')
  @Get('referrals/:id')
  async detail(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    const referral = await this.referrals.get(id, actor);
    if (!('person' in referral)) {
      // A referrer, or a link worker once the referral is another link worker's case.
      res.render('referrals/status', {
        title: `Referral ${referral.reference}`,
        referral,
        forReferrer: !isStaff(actor),
      });
      return;
    }
    res.render(DETAIL_VIEW, { ...(await this.detailModel(referral, actor)), values: {} });
  }

  @Allow('team_lead', 'link_worker', 'admin')
  @Post('referrals/:id/assign')
  async assign(
    @Param('id', UuidParam) id: string,
    @Body() form: Form,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const target =
      typeof form.linkWorkerId === 'string' && form.linkWorkerId ? form.linkWorkerId : actor.id;
    await this.change(req, res, id, actor, {
      fields: (errors) =>
        errors.map((e) =>
          e.field === 'linkWorkerId'
            ? { field: 'linkWorkerId', message: 'Select a link worker of this service' }
            : labelled(e),
        ),
      act: () => this.referrals.assign(id, target.toLowerCase(), actor),
      flash: target === actor.id ? 'The referral is assigned to you.' : 'The referral is assigned.',
      values: { linkWorkerId: form.linkWorkerId },
    });
  }

  @Allow('link_worker', 'admin')
  @Post('referrals/:id/accept')
  async accept(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.change(req, res, id, actor, {
      act: () => this.referrals.accept(id, actor),
      flash: 'Referral accepted: a case is open.',
      redirect: ({ caseId }) => `/cases/${caseId}`,
    });
  }

  @Allow('team_lead', 'link_worker', 'admin')
  @Post('referrals/:id/decline')
  async decline(
    @Param('id', UuidParam) id: string,
    @Body() form: Form,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const note = optionalText(form.note);
    await this.change(req, res, id, actor, {
      dto: DeclineReferralDto,
      shaped: { reason: form.reason, note },
      fields: (errors) =>
        errors.map((e) => ({
          ...labelled(e, DECLINE_WORDS),
          field: e.field === 'note' ? 'declineNote' : e.field,
        })),
      act: (v) => this.referrals.decline(id, v, actor),
      flash: 'Referral declined.',
      values: { reason: form.reason, declineNote: form.note },
    });
  }

  @Allow('link_worker', 'admin')
  @Post('referrals/:id/contact-attempts')
  async contactAttempt(
    @Param('id', UuidParam) id: string,
    @Body() form: Form,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.change(req, res, id, actor, {
      dto: ContactAttemptDto,
      shaped: { method: form.method, outcome: form.outcome, note: optionalText(form.note) },
      words: CONTACT_ATTEMPT_WORDS,
      act: (v) => this.referrals.recordContactAttempt(id, v, actor),
      flash: 'Contact attempt recorded.',
      values: { method: form.method, outcome: form.outcome, note: form.note },
    });
  }

  @Allow('referrer', 'link_worker', 'admin')
  @Get('referrals/:id/message-back')
  async messageBack(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    const message = await this.documents.messageBack(id, actor);
    res.render('letters/message-back', {
      layout: 'letters/layout',
      title: `Social prescribing referral ${message.referral.reference}`,
      message,
    });
  }

  @Allow('link_worker', 'admin')
  @Get('referrals/:id/letter')
  async letter(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    const letter = await this.documents.personLetter(id, actor);
    res.render(letter.template, {
      layout: 'letters/layout',
      lang: letter.language,
      ...letter.context,
    });
  }

  /** Every form on a referral's page comes back to it: after the change, or with what went wrong. */
  private change<T extends object, R>(
    req: Request,
    res: Response,
    id: string,
    actor: AuthenticatedUser,
    form: Omit<PageForm<T, R>, 'view' | 'model' | 'redirect'> & Pick<PageForm<T, R>, 'redirect'>,
  ): Promise<void> {
    return handlePageForm(req, res, {
      redirect: `/referrals/${id}`,
      ...form,
      view: DETAIL_VIEW,
      model: async () =>
        this.detailModel((await this.referrals.get(id, actor)) as StaffReferralView, actor),
    });
  }

  /**
   * A referral's page. Team leads triage (assign, decline) but do not take referrals on, contact
   * people or send letters: those are the link worker's.
   */
  private async detailModel(r: StaffReferralView, actor: AuthenticatedUser) {
    const open = r.status === 'received' || r.status === 'assigned';
    const mayWork = canWorkOnReferral(actor, r);
    const isTeamLead = actor.role === 'team_lead';
    // Only a link worker of the referral's own service can be assigned.
    const linkWorkers =
      (actor.role === 'admin' || isTeamLead) && open
        ? await this.users.linkWorkersOf(r.serviceId)
        : [];
    const assignedName = r.assignedLinkWorkerId
      ? (await this.users.findByIds([r.assignedLinkWorkerId]))[0]?.name
      : undefined;
    const suggested = open ? await this.suggestions.suggestFor(r) : [];
    return {
      title: `Referral ${r.reference}`,
      referral: r,
      assignedName,
      suggested: suggested.map((s) => ({
        ...s,
        languageNames: s.languages.map((l) => languageName(l) ?? l).join(', '),
      })),
      personLanguageName: r.person.preferredLanguage
        ? (languageName(r.person.preferredLanguage) ?? r.person.preferredLanguage)
        : undefined,
      options: REFERRAL_FORM_OPTIONS,
      canAssignToMe: open && actor.role === 'link_worker' && r.assignedLinkWorkerId === null,
      linkWorkers: linkWorkers.map((u) => ({ value: u.id, text: u.name })),
      canAccept: r.status === 'assigned' && mayWork && !isTeamLead,
      canDecline: open && mayWork,
      canContact: r.status !== 'declined' && mayWork && !isTeamLead,
      showsLetters: !isTeamLead,
    };
  }
}

const optionalText = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

const cursorOf = (c: string | undefined) => (c && /^[A-Za-z0-9_-]{1,200}$/.test(c) ? c : undefined);
