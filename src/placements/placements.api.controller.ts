import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { pageLimit } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { PlacementJobsService } from './placement-jobs.service';
import {
  AcceptPlacementDto,
  AttendanceDto,
  DeclinePlacementDto,
  EndPlacementDto,
  ListPlacementsQuery,
  OfferPlacementDto,
} from './placement.dto';
import { PlacementsService } from './placements.service';

@ApiTags('placements')
@Controller('api/placements')
export class PlacementsApiController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly jobs: PlacementJobsService,
  ) {}

  /** Coordinators: their organisation's groups, with only what a group needs about the person. */
  @Allow('group_coordinator', 'link_worker', 'admin')
  @Get()
  list(@Query() query: ListPlacementsQuery, @CurrentUser() actor: AuthenticatedUser) {
    return this.placements.list(actor, { ...query, limit: pageLimit(query) });
  }

  /** Runs the expiry job now (it also runs every 15 minutes). */
  @Allow('admin')
  @Post('expire-overdue')
  @HttpCode(200)
  expire() {
    return this.jobs.expireOverdueOffers(new Date());
  }

  @Allow('group_coordinator', 'link_worker', 'admin')
  @Get(':id')
  get(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.placements.get(id, actor);
  }

  @Allow('group_coordinator')
  @Post(':id/accept')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The accepted placement' })
  accept(
    @Param('id', UuidParam) id: string,
    @Body() body: AcceptPlacementDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.placements.accept(id, actor, body ?? {});
  }

  @Allow('group_coordinator')
  @Post(':id/decline')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The declined placement; its place goes to the waitlist' })
  decline(
    @Param('id', UuidParam) id: string,
    @Body() body: DeclinePlacementDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.placements.decline(id, body.reason, actor);
  }

  @Allow('group_coordinator')
  @Post(':id/attendance')
  @ApiCreatedResponse({ description: 'The placement with its attendance' })
  attendance(
    @Param('id', UuidParam) id: string,
    @Body() body: AttendanceDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.placements.recordAttendance(id, body, actor);
  }

  @Allow('group_coordinator', 'link_worker', 'admin')
  @Post(':id/end')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The ended placement; its place goes to the waitlist' })
  end(
    @Param('id', UuidParam) id: string,
    @Body() body: EndPlacementDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.placements.end(id, body.reason, actor);
  }
}

@ApiTags('placements')
@Controller('api/cases')
export class CasePlacementsApiController {
  constructor(private readonly placements: PlacementsService) {}

  /** 201 offered, or 201 waitlisted with a position; refusals carry the contract's codes. */
  @Allow('link_worker')
  @Post(':id/placements')
  @ApiCreatedResponse({
    description: '{id, status:"offered"} or {id, status:"waitlisted", position}',
  })
  offer(
    @Param('id', UuidParam) caseId: string,
    @Body() body: OfferPlacementDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.placements.offer(caseId, body, actor);
  }

  @Allow('link_worker', 'admin')
  @Get(':id/placements')
  history(
    @Param('id', UuidParam) caseId: string,
    @Query() query: ListPlacementsQuery,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.placements.historyForCase(caseId, actor, { ...query, limit: pageLimit(query) });
  }
}
