import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { humanLabel } from '../common/views/labels';
import { VETTING_WORDS } from './group-words';
import { handlePageForm, type PageForm } from '../common/forms/page-form';
import { changeModel, CHECK_OPTIONS, dateFromParts, groupRows, text } from './directory-forms';
import { DirectoryService } from './directory.service';
import { GroupStatesService } from './group-states.service';
import { GroupStatusService } from './group-status.service';
import { VettingService } from './vetting.service';
import { ReasonDto, RecordVettingCheckDto } from './group.dto';
import { IncidentService } from './incident.service';
import { ListingChangesService } from './listing-changes.service';
import { ListingConfirmationService } from './listing-confirmation.service';
import { VettingCheckNoticeService } from './vetting-notice.service';
import { currentExpiries, expiresWithinNoticePeriod } from './vetting-rules';

type FormBody = Record<string, unknown>;

/** The vetting officer's screen: groups whose checks expire soonest first; checks, suspension. */
@ApiExcludeController()
@Allow('admin')
@Controller('admin/vetting')
export class VettingPageController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly states: GroupStatesService,
    private readonly vetting: VettingService,
    private readonly status: GroupStatusService,
    private readonly incidents: IncidentService,
    private readonly notices: VettingCheckNoticeService,
    private readonly confirmation: ListingConfirmationService,
    private readonly changes: ListingChangesService,
  ) {}

  @Get()
  async list(@CurrentUser() actor: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const now = new Date();
    const [states, incidentCounts, notices, waiting] = await Promise.all([
      this.states.allGroupStates({ includeRemoved: true }),
      this.incidents.countsByGroup(),
      this.notices.forUser(actor.id, 10),
      this.changes.waiting(actor),
    ]);
    const rows = states
      .map((s) => {
        const next = currentExpiries(s.checks, now)[0];
        return {
          id: s.group.id,
          name: s.group.name,
          status: s.vettingStatus,
          level: s.safeguardingLevel,
          nextCheck: next ? humanLabel(next.check) : null,
          nextExpiry: next?.expiresAt ?? null,
          expiringSoon: next ? expiresWithinNoticePeriod(next.expiresAt, now) : false,
          incidents: incidentCounts.get(s.group.id) ?? 0,
          listing: s.listingLapsed ? 'lapsed' : s.listingStatus,
          lastConfirmedAt: s.group.lastConfirmedAt,
          rank:
            s.listingLapsed && s.vettingStatus === 'approved' ? 0 : STATUS_RANK[s.vettingStatus],
        };
      })
      .sort(
        (a, b) =>
          a.rank - b.rank ||
          (a.nextExpiry?.getTime() ?? Infinity) - (b.nextExpiry?.getTime() ?? Infinity) ||
          a.name.localeCompare(b.name),
      );
    res.render('admin/vetting', { title: 'Vetting', rows, notices, waiting });
  }

  @Get(':id')
  async groupPage(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    res.render('admin/vetting-group', await this.model(id, actor, {}));
  }

  @Post(':id/checks')
  async recordCheck(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.change(req, res, id, actor, {
      dto: RecordVettingCheckDto,
      words: VETTING_WORDS,
      shaped: {
        check: body.check ?? '',
        evidence: body.evidence ?? '',
        verifiedAt: dateFromParts(body, 'verifiedAt'),
        expiresAt: dateFromParts(body, 'expiresAt'),
      },
      dateFields: ['verifiedAt', 'expiresAt'],
      act: (v) => this.vetting.recordVettingCheck(id, v, actor),
      flash: (c) => `${humanLabel(c.check)} was recorded.`,
    });
  }

  @Post(':id/confirm')
  async confirm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.change(req, res, id, actor, {
      act: () => this.confirmation.confirm(id, actor),
      flash: 'The group’s details are confirmed as right.',
    });
  }

  @Post(':id/changes/:changeId/approve')
  async approveChange(
    @Param('id', UuidParam) id: string,
    @Param('changeId', UuidParam) changeId: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.change(req, res, id, actor, {
      act: () => this.changes.approve(id, changeId, actor),
      flash: 'The changes were approved. They now show in the directory.',
    });
  }

  @Post(':id/changes/:changeId/reject')
  async rejectChange(
    @Param('id', UuidParam) id: string,
    @Param('changeId', UuidParam) changeId: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.change(req, res, id, actor, {
      dto: ReasonDto,
      shaped: { reason: body.reason ?? '' },
      fields: () => [
        {
          field: 'reason',
          message: text(body.reason)
            ? 'The reason must be 2,000 characters or fewer'
            : 'Enter why the changes are not approved, for the coordinator',
        },
      ],
      act: (v) => this.changes.reject(id, changeId, v.reason, actor),
      flash: 'The changes were not approved. The coordinator can see why.',
    });
  }

  @Post(':id/suspend')
  async suspend(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.change(req, res, id, actor, {
      dto: ReasonDto,
      words: VETTING_WORDS,
      shaped: { reason: body.reason ?? '' },
      act: (v) => this.status.suspend(id, v.reason, actor),
      flash:
        'The group is suspended and hidden from search. Link workers have been asked to review its placements.',
    });
  }

  @Post(':id/reinstate')
  async reinstate(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.change(req, res, id, actor, {
      act: () => this.status.reinstate(id, actor, text(body.reason)),
      flash: 'The group is reinstated.',
    });
  }

  @Post(':id/remove')
  async remove(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.change(req, res, id, actor, {
      act: () => this.status.remove(id, actor, text(body.reason)),
      flash: 'The group was removed from the directory.',
    });
  }

  /** Every form on the vetting page comes back to it: after the change, or with what went wrong. */
  private change<T extends object, R>(
    req: Request,
    res: Response,
    id: string,
    actor: AuthenticatedUser,
    form: Omit<PageForm<T, R>, 'view' | 'model' | 'redirect'>,
  ): Promise<void> {
    return handlePageForm(req, res, {
      ...form,
      redirect: `/admin/vetting/${id}`,
      view: 'admin/vetting-group',
      model: () => this.model(id, actor, req.body as FormBody),
    });
  }

  private async model(id: string, actor: AuthenticatedUser, values: FormBody) {
    const g = await this.directory.getGroup(id, actor);
    const incidents = await this.incidents.list(id, actor);
    const waiting = g.pendingChangeId ? await this.changes.one(id, g.pendingChangeId, actor) : null;
    return {
      waiting: waiting ? changeModel(waiting) : null,
      title: `Vetting: ${g.name}`,
      group: g,
      rows: groupRows(g),
      checks: (g.vettingChecks ?? []).map((c) => ({ ...c, checkLabel: humanLabel(c.check) })),
      incidents: incidents.map((i) => ({ ...i, typeLabel: humanLabel(i.type) })),
      checkOptions: [{ value: '', text: 'Choose a check' }, ...CHECK_OPTIONS],
      values,
      canSuspend: g.vettingStatus !== 'suspended' && g.vettingStatus !== 'removed',
      canReinstate: g.vettingStatus === 'suspended',
      canRemove: g.vettingStatus !== 'removed',
    };
  }
}

const STATUS_RANK: Record<string, number> = {
  expired: 0,
  suspended: 1,
  approved: 2,
  pending: 3,
  removed: 4,
};
