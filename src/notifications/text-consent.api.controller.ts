import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { TextConsentDto } from './notifications.dto';
import { TextConsentService } from './text-consent.service';

/** The person's consent to text messages, kept by their link worker. */
@ApiTags('notifications')
@Controller('api/cases/:id/text-consent')
export class TextConsentApiController {
  constructor(private readonly consent: TextConsentService) {}

  @Allow('link_worker', 'team_lead', 'admin')
  @Get()
  @ApiOkResponse({
    description:
      '{caseId, status: agreed|withdrawn|not_recorded, agreedOn, withdrawnAt, mobile (masked)}',
  })
  get(@Param('id', UuidParam) caseId: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.consent.get(caseId, actor);
  }

  @Allow('link_worker')
  @Put()
  @ApiOkResponse({ description: 'Consent recorded with the date the person gave it' })
  agree(
    @Param('id', UuidParam) caseId: string,
    @Body() body: TextConsentDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.consent.agree(caseId, body, actor);
  }

  @Allow('link_worker')
  @Delete()
  @ApiOkResponse({ description: 'Consent withdrawn: texts not yet sent are cancelled' })
  withdraw(@Param('id', UuidParam) caseId: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.consent.withdraw(caseId, actor);
  }
}
