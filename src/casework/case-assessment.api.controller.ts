import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import {
  ConsentToShareDto,
  EquityDetailsDto,
  MigrationProfileDto,
  NeedsAssessmentDto,
  SafeguardingDto,
} from './case.dto';
import { ConsentService } from './consent.service';
import { MigrationProfileService } from './migration-profile.service';
import { NeedsService } from './needs.service';
import { PersonEquityService } from './person-equity.service';
import { SafeguardingService } from './safeguarding.service';

/** Migration profile, holistic needs and safeguarding flags of a case. */
@ApiTags('cases')
@Allow('link_worker', 'admin')
@Controller('api/cases/:id')
export class CaseAssessmentApiController {
  constructor(
    private readonly profiles: MigrationProfileService,
    private readonly needs: NeedsService,
    private readonly safeguarding: SafeguardingService,
    private readonly consent: ConsentService,
    private readonly equity: PersonEquityService,
  ) {}

  @Get('equity')
  @ApiOkResponse({ description: "{sex, ethnicity, religion}: the person's equity answers" })
  getEquity(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.equity.get(id, actor);
  }

  @Put('equity')
  @ApiOkResponse({
    description:
      'Corrects sex, ethnic group or religion; fields left out are kept, null clears one',
  })
  putEquity(
    @Param('id', UuidParam) id: string,
    @Body() body: EquityDetailsDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.equity.put(id, actor, body);
  }

  @Put('consent')
  @ApiOkResponse({
    description:
      '{caseId, shareWithProviders}: the person gives or withdraws consent to share with groups',
  })
  putConsent(
    @Param('id', UuidParam) id: string,
    @Body() body: ConsentToShareDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.consent.set(id, actor, body);
  }

  @Get('migration-profile')
  @ApiOkResponse({ description: 'Every read is written to the audit log' })
  getMigrationProfile(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.profiles.get(id, actor);
  }

  @Put('migration-profile')
  @ApiOkResponse({ description: 'Fields left out are kept; null clears a field' })
  putMigrationProfile(
    @Param('id', UuidParam) id: string,
    @Body() body: MigrationProfileDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.profiles.put(id, actor, body);
  }

  @Get('needs')
  @ApiOkResponse({ description: 'The latest assessment and every earlier one, newest first' })
  getNeeds(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.needs.history(id, actor);
  }

  @Put('needs')
  @ApiOkResponse({ description: 'Appends a dated assessment' })
  putNeeds(
    @Param('id', UuidParam) id: string,
    @Body() body: NeedsAssessmentDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.needs.assess(id, actor, body);
  }

  @Put('safeguarding')
  @ApiOkResponse({ description: '{requiredLevel, flags, …}: the group level the flags require' })
  putSafeguarding(
    @Param('id', UuidParam) id: string,
    @Body() body: SafeguardingDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.safeguarding.set(id, actor, body);
  }
}
