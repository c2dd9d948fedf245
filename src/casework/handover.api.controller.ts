import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { CoverService } from './cover.service';
import { GrantCoverDto, ReassignCaseDto, ReassignCaseloadDto } from './handover.dto';
import { ReassignmentService } from './reassignment.service';

class CoverListQuery {
  @ApiPropertyOptional({ description: 'Only cover in force today or still to come' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  current?: boolean;
}

/** Handing cases over: reassignment by a team lead or admin, and cover between colleagues. */
@ApiTags('cases')
@Controller('api')
export class HandoverApiController {
  constructor(
    private readonly reassignment: ReassignmentService,
    private readonly cover: CoverService,
  ) {}

  @Post('cases/:id/reassign')
  @Allow('team_lead', 'admin')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      'The case is with the new link worker from now on (409 when their caseload is full, 422 for a link worker of another service); the old one is told it does not exist',
  })
  reassign(
    @Param('id', UuidParam) id: string,
    @Body() body: ReassignCaseDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.reassignment.reassign(id, body, actor);
  }

  @Post('cases/reassign-caseload')
  @Allow('team_lead', 'admin')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      'Every open case of a leaver to one colleague, in one transaction: all move, or none do (409 when they do not all fit)',
  })
  reassignCaseload(@Body() body: ReassignCaseloadDto, @CurrentUser() actor: AuthenticatedUser) {
    return this.reassignment.reassignCaseload(body, actor);
  }

  @Post('cover')
  @Allow('link_worker', 'team_lead', 'admin')
  @ApiCreatedResponse({
    description:
      'From `from` to `to` (UK dates, both included) the colleague reads and works the caseload as its link worker, each read audited as cover',
  })
  grantCover(@Body() body: GrantCoverDto, @CurrentUser() actor: AuthenticatedUser) {
    return this.cover.grant(body, actor);
  }

  @Get('cover')
  @Allow('link_worker', 'team_lead', 'admin')
  async listCover(@Query() query: CoverListQuery, @CurrentUser() actor: AuthenticatedUser) {
    return { items: await this.cover.list(actor, query) };
  }

  @Delete('cover/:id')
  @Allow('link_worker', 'team_lead', 'admin')
  @ApiOkResponse({ description: 'Cover ends now, before its last day' })
  endCover(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.cover.end(id, actor);
  }
}
