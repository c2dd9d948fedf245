import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { pageLimit } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { DirectoryImportService } from './directory-import.service';
import { DirectoryService } from './directory.service';
import { GroupStatusService } from './group-status.service';
import { VettingService } from './vetting.service';
import { GroupSearchService } from './group-search.service';
import {
  CreateGroupDto,
  ImportDirectoryDto,
  ListGroupsQuery,
  OptionalReasonDto,
  ReasonDto,
  RecordVettingCheckDto,
  ReportIncidentDto,
  SearchGroupsQuery,
  UpdateGroupDto,
} from './group.dto';
import { IncidentService } from './incident.service';
import { ListingChangesService } from './listing-changes.service';
import { ListingConfirmationService } from './listing-confirmation.service';

@ApiTags('groups')
@Controller('api/groups')
export class GroupApiController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly vetting: VettingService,
    private readonly status: GroupStatusService,
    private readonly search: GroupSearchService,
    private readonly incidents: IncidentService,
    private readonly importer: DirectoryImportService,
    private readonly confirmation: ListingConfirmationService,
    private readonly changes: ListingChangesService,
  ) {}

  @Allow('admin', 'group_coordinator')
  @Post()
  @ApiCreatedResponse({ description: 'The new group, pending vetting (level 0)' })
  create(@Body() body: CreateGroupDto, @CurrentUser() actor: AuthenticatedUser) {
    return this.directory.createGroup(body, actor);
  }

  /** Link workers see every group; coordinators their own organisation's. */
  @Allow('admin', 'link_worker', 'group_coordinator')
  @Get()
  list(@Query() query: ListGroupsQuery, @CurrentUser() actor: AuthenticatedUser) {
    return this.directory.listGroups({ ...query, limit: pageLimit(query) }, actor);
  }

  /** Offerable groups for a case, each with available places and waitlist length. */
  @Allow('admin', 'link_worker')
  @Get('search')
  @ApiOkResponse({ description: '{items, nextCursor, requiredLevel, excluded?}' })
  searchGroups(@Query() query: SearchGroupsQuery, @CurrentUser() actor: AuthenticatedUser) {
    return this.search.search(query, actor);
  }

  /** Admin: import an HSDS/ORUK JSON feed or a CSV; new groups arrive pending. */
  @Allow('admin')
  @Post('import')
  @HttpCode(200)
  importDirectory(@Body() body: ImportDirectoryDto, @CurrentUser() actor: AuthenticatedUser) {
    return this.importer.import(body.content, body.format, { actorId: actor.id });
  }

  @Allow('admin', 'link_worker', 'group_coordinator')
  @Get(':id')
  get(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.directory.getGroup(id, actor);
  }

  /**
   * An admin's edit applies at once (200, the group). A coordinator's change to the public details
   * waits for an admin (202, the pending change); until approved nothing of it shows.
   */
  @Allow('admin', 'group_coordinator')
  @Patch(':id')
  @ApiOkResponse({ description: 'The group, changed (an admin’s edit, or nothing to change)' })
  @ApiAcceptedResponse({ description: 'The pending change, waiting for an admin' })
  async update(
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateGroupDto,
    @CurrentUser() actor: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    const edit = await this.directory.updateGroup(id, body, actor);
    if ('applied' in edit) return edit.applied;
    res.status(202);
    return edit.pending;
  }

  /** The changes sent for the group, newest first, with each field before and after. */
  @Allow('admin', 'group_coordinator')
  @Get(':id/changes')
  async listChanges(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return { items: await this.changes.list(id, actor), nextCursor: null };
  }

  @Allow('admin', 'group_coordinator')
  @Get(':id/changes/:changeId')
  getChange(
    @Param('id', UuidParam) id: string,
    @Param('changeId', UuidParam) changeId: string,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.changes.one(id, changeId, actor);
  }

  @Allow('admin')
  @Post(':id/changes/:changeId/approve')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The approved change, and the group as it now is' })
  approveChange(
    @Param('id', UuidParam) id: string,
    @Param('changeId', UuidParam) changeId: string,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.changes.approve(id, changeId, actor);
  }

  @Allow('admin')
  @Post(':id/changes/:changeId/reject')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The rejected change, with the reason the coordinator sees' })
  rejectChange(
    @Param('id', UuidParam) id: string,
    @Param('changeId', UuidParam) changeId: string,
    @Body() body: ReasonDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.changes.reject(id, changeId, body.reason, actor);
  }

  /** Its coordinator (or an admin) says the listing is still right: the schedule starts again. */
  @Allow('admin', 'group_coordinator')
  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The group, with lastConfirmedAt and listingStatus' })
  confirm(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.confirmation.confirm(id, actor);
  }

  @Allow('admin')
  @Post(':id/vetting-checks')
  @ApiCreatedResponse({
    description: 'The recorded check and the group’s derived level and status',
  })
  recordCheck(
    @Param('id', UuidParam) id: string,
    @Body() body: RecordVettingCheckDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.vetting.recordVettingCheck(id, body, actor);
  }

  @Allow('admin')
  @Post(':id/suspend')
  @HttpCode(200)
  suspend(
    @Param('id', UuidParam) id: string,
    @Body() body: ReasonDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.status.suspend(id, body.reason, actor);
  }

  @Allow('admin')
  @Post(':id/reinstate')
  @HttpCode(200)
  reinstate(
    @Param('id', UuidParam) id: string,
    @Body() body: OptionalReasonDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.status.reinstate(id, actor, body.reason);
  }

  @Allow('admin')
  @Post(':id/remove')
  @HttpCode(200)
  remove(
    @Param('id', UuidParam) id: string,
    @Body() body: OptionalReasonDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.status.remove(id, actor, body.reason);
  }

  @Allow('admin', 'link_worker', 'group_coordinator')
  @Post(':id/incidents')
  @ApiCreatedResponse({ description: 'The recorded incident' })
  reportIncident(
    @Param('id', UuidParam) id: string,
    @Body() body: ReportIncidentDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.incidents.report(id, body, actor);
  }

  /** Admins see every incident; others only those they reported. */
  @Allow('admin', 'link_worker', 'group_coordinator')
  @Get(':id/incidents')
  listIncidents(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.incidents.list(id, actor).then((items) => ({ items, nextCursor: null }));
  }
}
