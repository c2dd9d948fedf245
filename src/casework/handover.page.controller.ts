import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { UsersService } from '../auth/users.service';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { FieldError } from '../common/domain-error';
import { handlePageForm, labelled } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { dateFromParts, text } from './case-forms';
import { CaseFileService } from './case-file.service';
import { CoverService } from './cover.service';
import { GrantCoverDto, ReassignCaseDto, ReassignCaseloadDto } from './handover.dto';
import { ReassignmentService } from './reassignment.service';

type FormBody = Record<string, unknown>;
const REASSIGN_VIEW = 'casework/reassign-form';
const CASELOAD_VIEW = 'casework/reassign-caseload';
const COVER_VIEW = 'casework/cover';

/** Each form's fields, asked for in its own words when missing or wrong. */
const MESSAGES: Record<string, string> = {
  linkWorkerId: 'Choose the link worker',
  fromLinkWorkerId: 'Choose the link worker who is leaving',
  toLinkWorkerId: 'Choose the link worker who takes the cases',
  coverUserId: 'Choose the colleague who covers',
  reason: 'Say why, in 500 characters or fewer',
  from: 'Enter the first day of cover as a real date, for example 3 8 2026',
  to: 'Enter the last day of cover as a real date, for example 14 8 2026',
};
const inWords = (errors: FieldError[]) =>
  errors.map((e) =>
    MESSAGES[e.field] ? { field: e.field, message: MESSAGES[e.field] } : labelled(e),
  );

const choose = (text: string) => [{ value: '', text }];

/** Handing cases over: reassigning one case, a leaver's caseload, and cover while away. */
@ApiExcludeController()
@Controller()
export class HandoverPageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly reassignment: ReassignmentService,
    private readonly cover: CoverService,
    private readonly users: UsersService,
  ) {}

  @Allow('team_lead', 'admin')
  @Get('cases/:id/reassign')
  async reassignForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(REASSIGN_VIEW, { ...(await this.reassignModel(id, actor)), values: {} });
  }

  @Allow('team_lead', 'admin')
  @Post('cases/:id/reassign')
  async reassign(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      dto: ReassignCaseDto,
      shaped: { linkWorkerId: text(body, 'linkWorkerId'), reason: text(body, 'reason') },
      fields: inWords,
      refusal: (e) =>
        e.errors?.length ? inWords(e.errors) : [{ field: 'linkWorkerId', message: e.message }],
      act: (v) => this.reassignment.reassign(id, v, actor),
      flash: 'The case is reassigned. The person is not told the reason.',
      redirect: '/cases',
      view: REASSIGN_VIEW,
      model: () => this.reassignModel(id, actor),
    });
  }

  @Allow('team_lead', 'admin')
  @Get('caseloads/reassign')
  async caseloadForm(@CurrentUser() actor: AuthenticatedUser, @Res() res: Response) {
    res.render(CASELOAD_VIEW, { ...(await this.caseloadModel(actor)), values: {} });
  }

  @Allow('team_lead', 'admin')
  @Post('caseloads/reassign')
  async reassignCaseload(
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      dto: ReassignCaseloadDto,
      shaped: {
        fromLinkWorkerId: text(body, 'fromLinkWorkerId'),
        toLinkWorkerId: text(body, 'toLinkWorkerId'),
        reason: text(body, 'reason'),
      },
      fields: inWords,
      refusal: (e) =>
        e.errors?.length ? inWords(e.errors) : [{ field: 'toLinkWorkerId', message: e.message }],
      act: (v) => this.reassignment.reassignCaseload(v, actor),
      flash: (r) =>
        r.reassigned === 0
          ? 'That link worker holds no open cases: nothing was handed over.'
          : `${r.reassigned} open case${r.reassigned === 1 ? ' is' : 's are'} handed over.`,
      redirect: '/cases',
      view: CASELOAD_VIEW,
      model: () => this.caseloadModel(actor),
    });
  }

  @Allow('link_worker', 'team_lead', 'admin')
  @Get('cover')
  async coverPage(@CurrentUser() actor: AuthenticatedUser, @Res() res: Response) {
    res.render(COVER_VIEW, { ...(await this.coverModel(actor)), values: {} });
  }

  @Allow('link_worker', 'team_lead', 'admin')
  @Post('cover')
  async grantCover(
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const forOwnCaseload = actor.role === 'link_worker';
    // The API may leave it out (then it is the caller's own); a team lead's form must name it.
    const noOwner =
      !forOwnCaseload && !text(body, 'linkWorkerId')
        ? [{ field: 'linkWorkerId', message: MESSAGES.linkWorkerId }]
        : [];
    let ownerTold = false;
    await handlePageForm(req, res, {
      dto: GrantCoverDto,
      shaped: {
        coverUserId: text(body, 'coverUserId'),
        from: dateFromParts(body, 'from'),
        to: dateFromParts(body, 'to'),
        ...(forOwnCaseload ? {} : { linkWorkerId: text(body, 'linkWorkerId') }),
      },
      dateFields: ['from', 'to'],
      // First in the summary, as it is first on the form.
      fields: (errors) => {
        ownerTold = true;
        return [...noOwner, ...inWords(errors)];
      },
      check: () => (ownerTold ? [] : noOwner),
      act: (v) => this.cover.grant(v, actor),
      flash: (c) =>
        `${c.coverUserName ?? 'Your colleague'} covers the caseload from ${c.from} to ${c.to}.`,
      redirect: '/cover',
      view: COVER_VIEW,
      model: () => this.coverModel(actor),
    });
  }

  @Allow('link_worker', 'team_lead', 'admin')
  @Post('cover/:id/end')
  async endCover(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      act: () => this.cover.end(id, actor),
      flash: 'Cover has ended. The cases are hidden from your colleague again.',
      redirect: '/cover',
      view: COVER_VIEW,
      model: () => this.coverModel(actor),
    });
  }

  private async reassignModel(id: string, actor: AuthenticatedUser) {
    const header = await this.caseFile.header(id, actor);
    const colleagues = (await this.users.linkWorkersOf(header.serviceId)).filter(
      (u) => u.id !== header.linkWorkerId,
    );
    const [current] = await this.users.findByIds([header.linkWorkerId]);
    return {
      title: `Reassign the case – ${header.givenName}`,
      theCase: header,
      currentName: current?.name ?? 'A former colleague',
      linkWorkers: [
        ...choose('Choose a link worker'),
        ...colleagues.map((u) => ({ value: u.id, text: u.name })),
      ],
      backHref: '/cases',
    };
  }

  private async caseloadModel(actor: AuthenticatedUser) {
    // Leavers may already be deactivated; only active link workers can take cases on.
    const all = await this.users.list({ role: 'link_worker' }, actor);
    const takers = actor.serviceId ? await this.users.linkWorkersOf(actor.serviceId) : all;
    return {
      title: 'Hand over a caseload',
      leavers: [
        ...choose('Choose a link worker'),
        ...all.map((u) => ({ value: u.id, text: u.name })),
      ],
      takers: [
        ...choose('Choose a link worker'),
        ...takers.map((u) => ({ value: u.id, text: u.name })),
      ],
      backHref: '/cases',
    };
  }

  private async coverModel(actor: AuthenticatedUser) {
    const grants = await this.cover.list(actor);
    const colleagues =
      actor.role === 'admin' || !actor.serviceId
        ? (await this.users.list({ role: 'link_worker' })).map((u) => ({ id: u.id, name: u.name }))
        : await this.users.linkWorkersOf(actor.serviceId);
    const options = colleagues
      .filter((u) => u.id !== actor.id)
      .map((u) => ({ value: u.id, text: u.name }));
    return {
      title:
        actor.role === 'link_worker' ? 'Cover for your caseload' : 'Cover between link workers',
      forOwnCaseload: actor.role === 'link_worker',
      given: grants.filter((g) => actor.role !== 'link_worker' || g.linkWorkerId === actor.id),
      held: actor.role === 'link_worker' ? grants.filter((g) => g.coverUserId === actor.id) : [],
      colleagues: [...choose('Choose a colleague'), ...options],
      linkWorkers: [...choose('Choose a link worker'), ...options],
    };
  }
}
