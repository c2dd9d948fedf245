import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, AnyRole } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { CaseworkService } from '../casework/casework.service';
import { DomainError } from '../common/domain-error';
import { UuidParam } from '../common/http/uuid-param.pipe';
import {
  PLACEMENT_DECLINE_REASONS,
  PLACEMENT_END_REASONS,
  PLACEMENT_STATUSES,
  labelFor,
  type PlacementStatus,
} from '../common/vocabulary';
import { DirectoryService } from '../directory/directory.service';
import { formErrors, validateForm, type FormErrors } from '../web/page-form';
import { setFlash } from '../common/views/flash';
import { CapacityService } from './capacity.service';
import { NotificationsService } from './notifications.service';
import {
  AttendanceDto,
  DeclinePlacementDto,
  EndPlacementDto,
  OfferPlacementDto,
  SetCapacityDto,
} from './placement.dto';
import { PlacementsService, type AnyPlacementView } from './placements.service';

type Form = Record<string, unknown>;
const actorOf = (req: Request) => req.user as AuthenticatedUser;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const bool = (v: unknown) => (v === 'true' ? true : v === 'false' ? false : v);
const int = (v: unknown) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v);
const choices = (codes: readonly string[]) => codes.map((c) => ({ value: c, text: labelFor(c) }));
const RESERVING: PlacementStatus[] = ['offered', 'accepted', 'paused'];

/** The group's inbox and capacity settings, the link worker's "offer a place" flow, notifications. */
@ApiExcludeController()
@Controller()
export class PlacementsPageController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly capacity: CapacityService,
    private readonly notifications: NotificationsService,
    private readonly directory: DirectoryService,
    private readonly casework: CaseworkService,
  ) {}

  // ---- inbox and one placement ---------------------------------------------------------------

  @Allow('group_coordinator', 'link_worker', 'admin')
  @Get('placements')
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
  @Get('placements/:id')
  async detail(@Param('id', UuidParam) id: string, @Req() req: Request, @Res() res: Response) {
    await this.renderDetail(res, id, actorOf(req), 200);
  }

  @Allow('group_coordinator')
  @Post('placements/:id/accept')
  async accept(@Param('id', UuidParam) id: string, @Req() req: Request, @Res() res: Response) {
    await this.act(req, res, id, () => this.placements.accept(id, actorOf(req)), 'Offer accepted');
  }

  @Allow('group_coordinator')
  @Post('placements/:id/decline')
  async decline(
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const { value, errors } = await validateForm(DeclinePlacementDto, { reason: str(body.reason) });
    if (errors) return this.renderDetail(res, id, actorOf(req), 422, errors, body);
    await this.act(
      req,
      res,
      id,
      () => this.placements.decline(id, value.reason, actorOf(req)),
      'Offer declined. The place has been freed.',
    );
  }

  @Allow('group_coordinator')
  @Post('placements/:id/attendance')
  async attendance(
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const [d, m, y] = ['date-day', 'date-month', 'date-year'].map((k) => str(body[k]));
    const date =
      y && m && d ? `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : '';
    const { value, errors } = await validateForm(AttendanceDto, {
      date,
      attended: bool(body.attended),
    });
    if (errors) return this.renderDetail(res, id, actorOf(req), 422, errors, body);
    await this.act(
      req,
      res,
      id,
      () => this.placements.recordAttendance(id, value, actorOf(req)),
      'Attendance recorded',
    );
  }

  @Allow('group_coordinator', 'link_worker', 'admin')
  @Post('placements/:id/end')
  async end(
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const { value, errors } = await validateForm(EndPlacementDto, { reason: str(body.reason) });
    if (errors) return this.renderDetail(res, id, actorOf(req), 422, errors, body);
    await this.act(
      req,
      res,
      id,
      () => this.placements.end(id, value.reason, actorOf(req)),
      'Placement ended',
    );
  }

  // ---- capacity ------------------------------------------------------------------------------

  @Allow('group_coordinator', 'admin')
  @Get('groups/:id/capacity')
  async capacityPage(
    @Param('id', UuidParam) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const current = await this.capacity.getCapacity(id, actorOf(req));
    res.render('placements/capacity', {
      ...(await this.capacityContext(id)),
      current,
      values: {
        places: current.places,
        weeklyIntakeLimit: current.weeklyIntakeLimit ?? '',
        waitlistEnabled: String(current.waitlistEnabled),
        intakePaused: String(current.intakePaused),
        offerExpiryDays: current.offerExpiryDays,
      },
    });
  }

  @Allow('group_coordinator', 'admin')
  @Post('groups/:id/capacity')
  async saveCapacity(
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const actor = actorOf(req);
    const current = await this.capacity.getCapacity(id, actor);
    const weekly = str(body.weeklyIntakeLimit);
    const { value, errors } = await validateForm(SetCapacityDto, {
      places: int(str(body.places)),
      weeklyIntakeLimit: weekly === '' ? null : int(weekly),
      waitlistEnabled: bool(body.waitlistEnabled),
      intakePaused: bool(body.intakePaused),
      offerExpiryDays: int(str(body.offerExpiryDays)),
    });
    const rerender = async (status: number, e: FormErrors) =>
      res.status(status).render('placements/capacity', {
        ...(await this.capacityContext(id)),
        current,
        values: body,
        ...e,
      });
    if (errors) return rerender(422, errors);
    try {
      await this.capacity.setCapacity(id, value, actor);
    } catch (e) {
      if (!(e instanceof DomainError) || e.kind === 'not_found') throw e;
      return rerender(e.kind === 'conflict' ? 409 : 422, messageErrors('places', e.message));
    }
    setFlash(req, 'Capacity saved');
    res.redirect(303, `/groups/${id}/capacity`);
  }

  // ---- offering a place ----------------------------------------------------------------------

  @Allow('link_worker')
  @Get('cases/:id/offer')
  async offerPage(
    @Param('id', UuidParam) caseId: string,
    @Query('groupId') groupId: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    res.render('placements/offer', await this.offerContext(caseId, str(groupId), actorOf(req)));
  }

  @Allow('link_worker')
  @Post('cases/:id/offer')
  async offer(
    @Param('id', UuidParam) caseId: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const actor = actorOf(req);
    const shaped = {
      groupId: str(body.groupId),
      ...(str(body.note) ? { note: str(body.note) } : {}),
    };
    const { value, errors } = await validateForm(OfferPlacementDto, shaped);
    const rerender = async (status: number, e: FormErrors) =>
      res.status(status).render('placements/offer', {
        ...(await this.offerContext(caseId, shaped.groupId, actor)),
        values: body,
        ...e,
      });
    if (errors) return rerender(422, errors);
    try {
      const made = await this.placements.offer(caseId, value, actor);
      setFlash(
        req,
        made.status === 'waitlisted'
          ? `The group is full: added to its waitlist at position ${made.position}`
          : 'Place offered. The group has been asked to accept it.',
      );
      res.redirect(303, `/placements/${made.id}`);
    } catch (e) {
      if (!(e instanceof DomainError) || e.kind === 'not_found') throw e;
      return rerender(e.kind === 'conflict' ? 409 : 422, messageErrors('groupId', e.message));
    }
  }

  // ---- a case's placement history -----------------------------------------------------------

  /** Every placement of one case, newest first: for its link worker, and read-only for admins. */
  @Allow('link_worker', 'admin')
  @Get('cases/:id/placements')
  async caseHistory(
    @Param('id', UuidParam) caseId: string,
    @Query('cursor') cursor: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const actor = actorOf(req);
    const page = await this.placements.historyForCase(caseId, actor, {
      limit: 50,
      cursor: cursor && /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? cursor : undefined,
    });
    const [theCase, person, attendance] = await Promise.all([
      this.casework.caseForActor(caseId, actor),
      this.casework.groupFacingSummary(caseId),
      this.placements.attendanceCounts(page.items.map((p) => p.id)),
    ]);
    res.render('placements/history', {
      title: `Placements – ${person.givenName}`,
      caseId,
      givenName: person.givenName,
      canOffer: actor.role === 'link_worker' && theCase.status === 'open',
      items: page.items.map((p) => ({
        ...p,
        attendance: attendance.get(p.id) ?? { attended: 0, missed: 0 },
      })),
      nextHref: page.nextCursor
        ? `/cases/${caseId}/placements?cursor=${page.nextCursor}`
        : undefined,
    });
  }

  // ---- notifications -------------------------------------------------------------------------

  @AnyRole()
  @Get('notifications')
  async notificationsPage(@Req() req: Request, @Res() res: Response) {
    const page = await this.notifications.listFor(actorOf(req), { limit: 100 });
    res.render('placements/notifications', { title: 'Notifications', items: page.items });
  }

  @AnyRole()
  @Post('notifications/:id/read')
  async readNotification(
    @Param('id', UuidParam) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const n = await this.notifications.markRead(id, actorOf(req));
    res.redirect(303, n.link && n.link.startsWith('/') ? n.link : '/notifications');
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async act(
    req: Request,
    res: Response,
    id: string,
    change: () => Promise<AnyPlacementView>,
    done: string,
  ): Promise<void> {
    try {
      await change();
    } catch (e) {
      if (!(e instanceof DomainError) || e.kind === 'not_found') throw e;
      const status = e.kind === 'conflict' ? 409 : 422;
      return this.renderDetail(
        res,
        id,
        actorOf(req),
        status,
        messageErrors('', e.message),
        req.body as Form,
      );
    }
    setFlash(req, done);
    res.redirect(303, `/placements/${id}`);
  }

  private async renderDetail(
    res: Response,
    id: string,
    actor: AuthenticatedUser,
    status: number,
    errors?: FormErrors,
    values?: Form,
  ): Promise<void> {
    const p = await this.placements.get(id, actor);
    const coordinator = actor.role === 'group_coordinator';
    res.status(status).render('placements/detail', {
      title: coordinator
        ? `Offer for ${'person' in p ? p.person.givenName : 'a person'}`
        : 'Placement',
      p,
      isCoordinator: coordinator,
      canAnswer: coordinator && p.status === 'offered',
      canAttend: coordinator && p.status === 'accepted',
      canEnd:
        (RESERVING.includes(p.status) || p.status === 'waitlisted') &&
        (coordinator || actor.role === 'link_worker'),
      declineReasons: choices(PLACEMENT_DECLINE_REASONS),
      endReasons: choices(PLACEMENT_END_REASONS),
      attendedOptions: [
        { value: 'true', text: 'Attended' },
        { value: 'false', text: 'Did not attend' },
      ],
      values: values ?? {},
      ...(errors ?? {}),
    });
  }

  private async groupsOf(organisationId: string) {
    const ids = await this.directory.groupIdsOfOrganisation(organisationId);
    const names = await this.directory.groupNames(ids);
    return ids.map((id) => ({ id, name: names.get(id) ?? 'Group' }));
  }

  private async capacityContext(groupId: string) {
    const names = await this.directory.groupNames([groupId]);
    return {
      title: `Capacity for ${names.get(groupId) ?? 'this group'}`,
      groupId,
      groupName: names.get(groupId) ?? 'this group',
      yesNo: [
        { value: 'true', text: 'Yes' },
        { value: 'false', text: 'No' },
      ],
    };
  }

  private async offerContext(caseId: string, groupId: string, actor: AuthenticatedUser) {
    const profile = await this.casework.matchingProfile(caseId, actor);
    const person = await this.casework.groupFacingSummary(caseId);
    const isUuid = /^[0-9a-f-]{36}$/i.test(groupId);
    const group = isUuid ? await this.directory.groupForPlacement(groupId) : undefined;
    const load = group ? await this.capacity.load(group.id) : undefined;
    return {
      title: group ? `Offer a place in ${group.name}` : 'Offer a place',
      caseId,
      givenName: person.givenName,
      consentToShare: profile.consentToShare,
      group,
      load,
      declines: load
        ? Object.entries(load.recentDeclines).map(([reason, n]) => ({ reason, n }))
        : [],
      full: load ? load.reserved >= load.places : false,
    };
  }
}

function messageErrors(field: string, message: string): FormErrors {
  const built = formErrors([{ field: field || 'form', message }]);
  built.fieldErrors[field || 'form'] = message;
  return {
    errors: built.errors.map((e) => ({ ...e, message, href: field ? e.href : '#main-content' })),
    fieldErrors: field ? { [field]: message } : {},
  };
}
