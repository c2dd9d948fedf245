import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm, type PageForm } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import {
  PLACEMENT_DECLINE_REASONS,
  PLACEMENT_END_REASONS,
  PLACEMENT_STATUSES,
  type PlacementStatus,
} from '../common/vocabulary';
import { PlacementPortService } from '../directory/placement-port.service';
import { AttendanceDto, DeclinePlacementDto, EndPlacementDto } from './placement.dto';
import { ANSWER_WORDS } from './placement-words';
import { actorOf, bool, choices, str, type Form } from './placement-forms';
import { PlacementsService } from './placements.service';

const DETAIL_VIEW = 'placements/detail';
const RESERVING: PlacementStatus[] = ['offered', 'accepted', 'paused'];

/** The inbox of placements and one placement: the group's answer, attendance, ending it. */
@ApiExcludeController()
@Controller('placements')
export class PlacementsPageController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly directory: PlacementPortService,
  ) {}

  @Allow('group_coordinator', 'link_worker', 'admin')
  @Get()
  async inbox(@Req() req: Request, @Res() res: Response, @Query('status') status?: string) {
    const actor = actorOf(req);
    const filter = (PLACEMENT_STATUSES as readonly string[]).includes(status ?? '')
      ? (status as PlacementStatus)
      : undefined;
    const page = await this.placements.list(actor, { limit: 100, status: filter });
    const groups =
      actor.role === 'group_coordinator' && actor.organisationId
        ? await this.groupsOf(actor.organisationId)
        : [];
    res.render('placements/inbox', {
      title: actor.role === 'group_coordinator' ? 'Offers of places' : 'Placements',
      isCoordinator: actor.role === 'group_coordinator',
      items: page.items.map((p) => ({
        ...p,
        canAnswer: p.status === 'offered' && actor.role === 'group_coordinator',
      })),
      groups,
      status: filter,
      statusOptions: [{ value: '', text: 'All' }, ...choices(PLACEMENT_STATUSES)],
      declineReasons: choices(PLACEMENT_DECLINE_REASONS),
    });
  }

  @Allow('group_coordinator', 'link_worker', 'admin')
  @Get(':id')
  async detail(@Param('id', UuidParam) id: string, @Req() req: Request, @Res() res: Response) {
    res.render(DETAIL_VIEW, { ...(await this.detailModel(id, actorOf(req))), values: {} });
  }

  @Allow('group_coordinator')
  @Post(':id/accept')
  async accept(@Param('id', UuidParam) id: string, @Req() req: Request, @Res() res: Response) {
    await this.change(req, res, id, {
      act: () => this.placements.accept(id, actorOf(req)),
      flash: 'Offer accepted',
    });
  }

  @Allow('group_coordinator')
  @Post(':id/decline')
  async decline(
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.change(req, res, id, {
      dto: DeclinePlacementDto,
      words: { reason: 'Select why you are declining the offer' },
      shaped: { reason: str(body.reason) },
      act: (v) => this.placements.decline(id, v.reason, actorOf(req)),
      flash: 'Offer declined. The place has been freed.',
    });
  }

  @Allow('group_coordinator')
  @Post(':id/attendance')
  async attendance(
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const [d, m, y] = ['date-day', 'date-month', 'date-year'].map((k) => str(body[k]));
    const date =
      y && m && d ? `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : '';
    await this.change(req, res, id, {
      dto: AttendanceDto,
      words: ANSWER_WORDS,
      shaped: { date, attended: bool(body.attended) },
      dateFields: ['date'],
      act: (v) => this.placements.recordAttendance(id, v, actorOf(req)),
      flash: 'Attendance recorded',
    });
  }

  @Allow('group_coordinator', 'link_worker', 'admin')
  @Post(':id/end')
  async end(
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.change(req, res, id, {
      dto: EndPlacementDto,
      words: { reason: 'Select why the placement is ending' },
      shaped: { reason: str(body.reason) },
      act: (v) => this.placements.end(id, v.reason, actorOf(req)),
      // A placement the group never answered was an offer: ending it withdraws the offer.
      flash: (p) =>
        p.status === 'withdrawn'
          ? 'They have left the waitlist'
          : p.respondedAt === null
            ? 'Offer withdrawn. The place has been freed.'
            : 'Placement ended',
    });
  }

  /** Every form on the placement page comes back to it: after the change, or with what went wrong. */
  private change<T extends object, R>(
    req: Request,
    res: Response,
    id: string,
    form: Omit<PageForm<T, R>, 'view' | 'model' | 'redirect'>,
  ): Promise<void> {
    return handlePageForm(req, res, {
      ...form,
      redirect: `/placements/${id}`,
      view: DETAIL_VIEW,
      model: () => this.detailModel(id, actorOf(req)),
    });
  }

  private async detailModel(id: string, actor: AuthenticatedUser) {
    const p = await this.placements.get(id, actor);
    const coordinator = actor.role === 'group_coordinator';
    const personName = 'person' in p ? p.person.givenName : p.personName;
    return {
      title: coordinator
        ? `Offer for ${personName ?? 'a person'}`
        : `Placement${personName ? ` for ${personName}` : ''}`,
      p,
      isCoordinator: coordinator,
      canAnswer: coordinator && p.status === 'offered',
      canAttend: coordinator && p.status === 'accepted',
      // An offer not yet answered is declined by the group, or withdrawn by the link worker.
      canEnd:
        (RESERVING.includes(p.status) || p.status === 'waitlisted') &&
        (actor.role === 'link_worker' || (coordinator && p.status !== 'offered')),
      endAction:
        p.status === 'waitlisted' ? 'waitlist' : p.status === 'offered' ? 'withdraw' : 'end',
      declineReasons: choices(PLACEMENT_DECLINE_REASONS),
      endReasons: choices(PLACEMENT_END_REASONS),
      endQuestions: {
        waitlist: 'are they leaving the waitlist?',
        withdraw: 'are you withdrawing the offer?',
        end: 'is the placement ending?',
      },
      endButtons: {
        waitlist: 'Leave the waitlist',
        withdraw: 'Withdraw offer',
        end: 'End placement',
      },
      attendedOptions: [
        { value: 'true', text: 'Attended' },
        { value: 'false', text: 'Did not attend' },
      ],
    };
  }

  private async groupsOf(organisationId: string) {
    const ids = await this.directory.groupIdsOfOrganisation(organisationId);
    const names = await this.directory.groupNames(ids);
    return ids.map((id) => ({ id, name: names.get(id) ?? 'Group' }));
  }
}
