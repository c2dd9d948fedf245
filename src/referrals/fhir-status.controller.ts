import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { FHIR_CONTENT_TYPE, FhirOperationOutcomeFilter } from './fhir-operation-outcome.filter';
import { FhirInvalidError } from './fhir-service-request.mapper';
import { searchSet, toServiceRequest, toTask } from './fhir-status.mapper';
import { ReferralsService } from './referrals.service';

const BASED_ON =
  /^ServiceRequest\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * How a referral is going, for GP systems: the ServiceRequest as received with its status now,
 * and the Task that tracks it (PRSB Social Prescribing Information Standard's message back, as
 * FHIR). For the referring organisation, link workers of the service, and admins.
 */
@ApiTags('fhir')
@Controller('fhir')
@UseFilters(FhirOperationOutcomeFilter)
export class FhirStatusController {
  constructor(private readonly referrals: ReferralsService) {}

  @Allow('referrer', 'link_worker', 'admin')
  @Get('Task')
  @ApiQuery({ name: 'based-on', example: 'ServiceRequest/6f1c1a5e-0000-4000-8000-000000000000' })
  @ApiOkResponse({ description: 'A searchset Bundle with the referral’s one Task' })
  async tasks(
    @Query('based-on') basedOn: unknown,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const id = typeof basedOn === 'string' ? BASED_ON.exec(basedOn)?.[1] : undefined;
    if (!id)
      throw new FhirInvalidError([
        {
          severity: 'error',
          code: 'invalid',
          diagnostics: 'based-on must name one ServiceRequest: ServiceRequest/<id>',
          expression: ['based-on'],
        },
      ]);
    const { referral, progress } = await this.referrals.forStatusReport(id.toLowerCase(), actor);
    res
      .type(FHIR_CONTENT_TYPE)
      .send(JSON.stringify(searchSet([toTask(referral, progress)], req.originalUrl)));
  }

  @Allow('referrer', 'link_worker', 'admin')
  @Get('ServiceRequest/:id')
  @ApiOkResponse({
    description: 'The referral as received, as a ServiceRequest with its status now',
  })
  async serviceRequest(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    const { referral, progress, showsPerson } = await this.referrals.forStatusReport(id, actor);
    res
      .type(FHIR_CONTENT_TYPE)
      .send(JSON.stringify(toServiceRequest(referral, progress, showsPerson)));
  }
}
