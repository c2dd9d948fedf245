import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { CaseworkService } from '../casework/casework.service';
import { handlePageForm } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { PlacementPortService } from '../directory/placement-port.service';
import { CapacityService } from './capacity.service';
import { OfferPlacementDto } from './placement.dto';
import { OFFER_WORDS } from './placement-words';
import { actorOf, str, type Form } from './placement-forms';
import { PlacementsService } from './placements.service';

const OFFER_VIEW = 'placements/offer';

/** The link worker's side: offering a case a place in a group, and the case's placement history. */
@ApiExcludeController()
@Controller('cases')
export class OfferPageController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly capacity: CapacityService,
    private readonly directory: PlacementPortService,
    private readonly casework: CaseworkService,
  ) {}

  @Allow('link_worker')
  @Get(':id/offer')
  async offerPage(
    @Param('id', UuidParam) caseId: string,
    @Query('groupId') groupId: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    res.render(OFFER_VIEW, await this.offerModel(caseId, str(groupId), actorOf(req)));
  }

  @Allow('link_worker')
  @Post(':id/offer')
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
    await handlePageForm(req, res, {
      dto: OfferPlacementDto,
      words: OFFER_WORDS,
      shaped,
      refusal: (e) => [{ field: 'groupId', message: e.message }],
      act: (v) => this.placements.offer(caseId, v, actor),
      flash: (made) =>
        made.status === 'waitlisted'
          ? `The group is full: added to its waitlist at position ${made.position}`
          : 'Place offered. The group has been asked to accept it.',
      redirect: (made) => `/placements/${made.id}`,
      view: OFFER_VIEW,
      model: () => this.offerModel(caseId, shaped.groupId, actor),
    });
  }

  /** Every placement of one case, newest first: for its link worker, and read-only for admins. */
  @Allow('link_worker', 'admin')
  @Get(':id/placements')
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
      this.placements.attendanceCounts(
        page.items.map((p) => p.id),
        actor,
      ),
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

  private async offerModel(caseId: string, groupId: string, actor: AuthenticatedUser) {
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
