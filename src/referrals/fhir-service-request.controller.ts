import { Body, Controller, Headers, Post, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { ReferralChannel } from '../common/vocabulary';
import { OrganisationsService } from '../organisations/organisations.service';
import { validateForm } from '../common/forms/page-form';
import { FHIR_CONTENT_TYPE, FhirOperationOutcomeFilter } from './fhir-operation-outcome.filter';
import {
  FhirInvalidError,
  mapServiceRequest,
  NEEDS_DOMAIN_SYSTEM,
} from './fhir-service-request.mapper';
import { parseIdempotencyKey } from './idempotency';
import { CreateReferralDto } from './referral.dto';
import { SNOMED } from './referral.types';
import { ReferralsService } from './referrals.service';

/**
 * FHIR R4 / UK Core intake. The body is a plain object on purpose: a FHIR resource has far more
 * fields than a DTO could whitelist, so the mapper checks its structure and the referral DTO then
 * checks the mapped values by the same rules as every other door.
 */
@ApiTags('fhir')
@Controller('fhir')
@UseFilters(FhirOperationOutcomeFilter)
export class FhirServiceRequestController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Allow('referrer', 'link_worker', 'admin')
  @Post('ServiceRequest')
  @ApiConsumes(FHIR_CONTENT_TYPE)
  @ApiBody({
    description:
      'A FHIR R4 / UK Core ServiceRequest (code SNOMED CT 871731000000106) with the patient as a ' +
      'contained Patient and the agreement as a contained active Consent referenced from supportingInfo',
    schema: {
      type: 'object',
      required: ['resourceType', 'status', 'code', 'subject', 'contained'],
      properties: {
        resourceType: { type: 'string', enum: ['ServiceRequest'] },
        status: { type: 'string', example: 'active' },
        code: { type: 'object' },
        subject: { type: 'object', example: { reference: '#patient' } },
        supportingInfo: { type: 'array', items: { type: 'object' } },
        contained: { type: 'array', items: { type: 'object' } },
      },
    },
  })
  @ApiCreatedResponse({ description: 'The ServiceRequest as recorded; Location is the referral' })
  async create(
    @Body() body: Record<string, unknown>,
    @CurrentUser() actor: AuthenticatedUser,
    @Headers('idempotency-key') idempotencyHeader: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const idempotencyKey = parseIdempotencyKey(idempotencyHeader);
    const { referral, notes, performerOdsCode } = mapServiceRequest(body);
    const channel = await this.channelOf(actor);
    const { value, errors } = await validateForm(CreateReferralDto, { ...referral, channel });
    if (errors) {
      throw new FhirInvalidError(
        errors.errors.map((e) => ({
          severity: 'error',
          code: 'invalid',
          diagnostics: e.message,
          expression: [e.field],
        })),
      );
    }
    const created = await this.referrals.create(value, actor, idempotencyKey, undefined, {
      performerOdsCode,
    });
    res
      .status(201)
      .location(`/api/referrals/${created.id}`)
      .type(FHIR_CONTENT_TYPE)
      .send(
        JSON.stringify({
          resourceType: 'ServiceRequest',
          id: created.id,
          identifier: [
            { system: 'https://linkway.example/referral-reference', value: created.reference },
          ],
          status: 'active',
          intent: 'order',
          code: {
            coding: [{ system: SNOMED.system, ...SNOMED.referralToSocialPrescribing }],
          },
          reasonCode: value.reasons.map((code) => ({
            coding: [{ system: NEEDS_DOMAIN_SYSTEM, code }],
          })),
          authoredOn: created.receivedAt,
          ...(notes.length ? { note: notes.map((text) => ({ text })) } : {}),
        }),
      );
  }

  /** The channel is the sender's organisation's kind; staff without one send as an NHS service. */
  private async channelOf(actor: AuthenticatedUser): Promise<ReferralChannel> {
    if (!actor.organisationId) return 'nhs_service';
    return (await this.organisations.get(actor.organisationId)).kind;
  }
}
