import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { OnwardReferralDto, OutcomeDto, RecordCrisisDto, ResolveCrisisDto } from './case.dto';
import { CaseRecordsService } from './case-records.service';
import { CrisisService } from './crisis.service';

/** Crisis points, onward referrals and outcome measures on a case. */
@ApiTags('cases')
@Allow('link_worker', 'admin')
@Controller('api/cases/:id')
export class CaseSupportApiController {
  constructor(
    private readonly crises: CrisisService,
    private readonly records: CaseRecordsService,
  ) {}

  @Post('crisis-points')
  @ApiCreatedResponse({ description: 'The case is in crisis and due for review within 7 days' })
  recordCrisis(
    @Param('id', UuidParam) id: string,
    @Body() body: RecordCrisisDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.crises.record(id, actor, body);
  }

  @Post('crisis-points/:crisisId/resolve')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The resolved crisis point' })
  resolveCrisis(
    @Param('id', UuidParam) id: string,
    @Param('crisisId', UuidParam) crisisId: string,
    @Body() body: ResolveCrisisDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.crises.resolve(id, crisisId, actor, body);
  }

  @Post('onward-referrals')
  referOnward(
    @Param('id', UuidParam) id: string,
    @Body() body: OnwardReferralDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.records.referOnward(id, actor, body);
  }

  @Post('outcomes')
  @ApiCreatedResponse({ description: 'The measure with computed scores (SWEMWBS: raw and metric)' })
  recordOutcome(
    @Param('id', UuidParam) id: string,
    @Body() body: OutcomeDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.records.recordOutcome(id, actor, body);
  }
}
