import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { UsersService } from '../auth/users.service';
import { DomainError } from '../common/domain-error';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { formErrors, validateForm, type FormErrors } from '../web/page-form';
import { setFlash } from '../web/view-context.middleware';
import { isStaff } from './referral-access';
import { ReferralDocumentsService } from './referral-documents.service';
import { REFERRAL_FORM_COPY, REFERRAL_FORM_OPTIONS, shapeReferralForm } from './referral-form';
import { ContactAttemptDto, CreateReferralDto, DeclineReferralDto } from './referral.dto';
import type { StaffReferralView } from './referral.views';
import { ReferralsService } from './referrals.service';

type Form = Record<string, unknown>;
const REFERRER_FORM = { options: REFERRAL_FORM_OPTIONS, copy: REFERRAL_FORM_COPY.referrer };
const INBOX_VIEWS = ['unassigned', 'mine', 'all'] as const;

/** Referral pages: the referrer's form, the inbox, detail and letters (self-referral has its own). */
@ApiExcludeController()
@Controller()
export class ReferralsPageController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly documents: ReferralDocumentsService,
    private readonly users: UsersService,
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
    const again = (errors: FormErrors) =>
      res.status(422).render('referrals/form', {
        title: 'Send a referral',
        ...REFERRER_FORM,
        values: form,
        ...errors,
      });
    const { value, errors } = await validateForm(CreateReferralDto, shapeReferralForm(form, true));
    if (errors) return again(errors);
    try {
      const created = await this.referrals.create(value, actor);
      setFlash(req, `Referral ${created.reference} sent. We will keep you updated here.`);
      res.redirect(303, isStaff(actor) ? `/referrals/${created.id}` : '/referrals/mine');
    } catch (e) {
      if (e instanceof DomainError && e.errors) return again(formErrors(e.errors));
      throw e;
    }
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

  @Allow('link_worker', 'admin')
  @Get('referrals')
  async inbox(
    @CurrentUser() actor: AuthenticatedUser,
    @Query('view') view: string | undefined,
    @Query('cursor') cursor: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const current = (INBOX_VIEWS as readonly string[]).includes(view ?? '') ? view! : 'unassigned';
    const filter =
      current === 'unassigned'
        ? { unassigned: true, status: 'received' as const }
        : current === 'mine'
          ? { assignedTo: 'me', status: 'assigned' as const }
          : {};
    const page = await this.referrals.list(actor, {
      ...filter,
      limit: 50,
      cursor: cursorOf(cursor),
    });
    res.render('referrals/inbox', {
      title: 'Referral inbox',
      referrals: page.items,
      tabs: INBOX_VIEWS.map((v) => ({
        view: v,
        text: {
          unassigned: 'Waiting for a link worker',
          mine: 'Assigned to me',
          all: 'All referrals',
        }[v],
        current: v === current,
      })),
      nextHref: page.nextCursor
        ? `/referrals?view=${current}&cursor=${page.nextCursor}`
        : undefined,
      isLinkWorker: actor.role === 'link_worker',
    });
  }

  @Allow('referrer', 'link_worker', 'admin')
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
    const r: StaffReferralView = referral;
    const open = r.status === 'received' || r.status === 'assigned';
    const mayWork =
      actor.role === 'admin' ||
      r.assignedLinkWorkerId === null ||
      r.assignedLinkWorkerId === actor.id;
    const linkWorkers =
      actor.role === 'admin' && open ? await this.users.list({ role: 'link_worker' }) : [];
    const assignedName = r.assignedLinkWorkerId
      ? (await this.users.findByIds([r.assignedLinkWorkerId]))[0]?.name
      : undefined;
    res.render('referrals/detail', {
      title: `Referral ${r.reference}`,
      referral: r,
      assignedName,
      options: REFERRAL_FORM_OPTIONS,
      canAssignToMe: open && actor.role === 'link_worker' && r.assignedLinkWorkerId === null,
      linkWorkers: linkWorkers.map((u) => ({ value: u.id, text: u.name })),
      canAccept: r.status === 'assigned' && mayWork,
      canDecline: open && mayWork,
      canContact: r.status !== 'declined' && mayWork,
    });
  }

  @Allow('link_worker', 'admin')
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
    await this.act(req, res, id, async () => {
      await this.referrals.assign(id, target.toLowerCase(), actor);
      return target === actor.id ? 'The referral is assigned to you.' : 'The referral is assigned.';
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
    await this.act(req, res, id, async () => {
      const { caseId } = await this.referrals.accept(id, actor);
      return { message: 'Referral accepted: a case is open.', next: `/cases/${caseId}` };
    });
  }

  @Allow('link_worker', 'admin')
  @Post('referrals/:id/decline')
  async decline(
    @Param('id', UuidParam) id: string,
    @Body() form: Form,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.act(req, res, id, async () => {
      const { value, errors } = await validateForm(DeclineReferralDto, {
        reason: form.reason,
        note: typeof form.note === 'string' && form.note.trim() ? form.note : undefined,
      });
      if (errors) return { problem: 'Choose why the referral is declined.' };
      await this.referrals.decline(id, value, actor);
      return 'Referral declined.';
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
    await this.act(req, res, id, async () => {
      const { value, errors } = await validateForm(ContactAttemptDto, {
        method: form.method,
        outcome: form.outcome,
        note: typeof form.note === 'string' && form.note.trim() ? form.note : undefined,
      });
      if (errors) return { problem: 'Choose how you tried to make contact and what happened.' };
      await this.referrals.recordContactAttempt(id, value, actor);
      return 'Contact attempt recorded.';
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

  /** Runs a change from a detail-page form; rule breaks come back as a message on the page. */
  private async act(
    req: Request,
    res: Response,
    id: string,
    change: () => Promise<string | { problem: string } | { message: string; next: string }>,
  ): Promise<void> {
    let next = `/referrals/${id}`;
    try {
      const outcome = await change();
      if (typeof outcome === 'string') setFlash(req, outcome);
      else if ('problem' in outcome) setFlash(req, outcome.problem, 'important');
      else {
        setFlash(req, outcome.message);
        next = outcome.next;
      }
    } catch (e) {
      // Refusals render the 403/404 page, as on every other route; only rule breaks become a message.
      if (!(e instanceof DomainError) || e.kind === 'not_found' || e.kind === 'forbidden') throw e;
      setFlash(req, e.message, 'important');
    }
    res.redirect(303, next);
  }
}

const cursorOf = (c: string | undefined) => (c && /^[A-Za-z0-9_-]{1,200}$/.test(c) ? c : undefined);
