import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { pageLimit } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { parseIdempotencyKey } from './idempotency';
import { LinkWorkerSuggestionsService } from './link-worker-suggestions.service';
import { ReferralDocumentsService } from './referral-documents.service';
import {
  AssignReferralDto,
  BulkAssignReferralsDto,
  BulkDeclineReferralsDto,
  ContactAttemptDto,
  CreateReferralDto,
  DeclineReferralDto,
  DocumentFormatQuery,
  ListReferralsQuery,
  RouteReferralDto,
} from './referral.dto';
import { ReferralsService } from './referrals.service';

export const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key and body returns the first answer and creates nothing',
};

@ApiTags('referrals')
@Controller('api/referrals')
export class ReferralsApiController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly documents: ReferralDocumentsService,
    private readonly suggestions: LinkWorkerSuggestionsService,
  ) {}

  @Allow('referrer', 'link_worker', 'admin')
  @Post()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ description: '{id, reference, status:"received", receivedAt}' })
  @ApiUnprocessableEntityResponse({ description: 'No consent, an unknown code, a bad NHS number…' })
  @ApiConflictResponse({ description: 'The Idempotency-Key was used with a different body' })
  create(
    @Body() body: CreateReferralDto,
    @CurrentUser() actor: AuthenticatedUser,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.referrals.create(body, actor, parseIdempotencyKey(idempotencyKey));
  }

  @Allow('referrer', 'team_lead', 'link_worker', 'admin')
  @Get()
  @ApiOkResponse({ description: 'Staff: all, in triage order. Referrers: their organisation’s.' })
  list(@Query() query: ListReferralsQuery, @CurrentUser() actor: AuthenticatedUser) {
    return this.referrals.list(actor, { ...query, limit: pageLimit(query) });
  }

  @Allow('referrer', 'team_lead', 'link_worker', 'admin')
  @Get(':id')
  get(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.referrals.get(id, actor);
  }

  @Allow('team_lead', 'link_worker', 'admin')
  @Post('bulk-assign')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      '{items}: every referral assigned, or none (all or nothing, one transaction); a refusal names the referral in errors[].field as referralIds.N',
  })
  @ApiConflictResponse({
    description: 'caseload_full (the link worker has no room for them all), or one is closed',
  })
  async assignMany(@Body() body: BulkAssignReferralsDto, @CurrentUser() actor: AuthenticatedUser) {
    return { items: await this.referrals.assignMany(body.referralIds, body.linkWorkerId, actor) };
  }

  @Allow('team_lead', 'link_worker', 'admin')
  @Post('bulk-decline')
  @HttpCode(200)
  @ApiOkResponse({ description: '{items}: every referral declined, or none (all or nothing)' })
  async declineMany(
    @Body() body: BulkDeclineReferralsDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return {
      items: await this.referrals.declineMany(
        body.referralIds,
        { reason: body.reason, note: body.note },
        actor,
      ),
    };
  }

  @Allow('team_lead', 'link_worker', 'admin')
  @Post(':id/assign')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'caseload_full, or the referral is closed' })
  assign(
    @Param('id', UuidParam) id: string,
    @Body() body: AssignReferralDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.referrals.assign(id, body.linkWorkerId.toLowerCase(), actor);
  }

  @Allow('admin')
  @Post(':id/route')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'The referral was already accepted or declined' })
  @ApiUnprocessableEntityResponse({ description: 'No service has this id' })
  route(
    @Param('id', UuidParam) id: string,
    @Body() body: RouteReferralDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.referrals.route(id, { ...body, serviceId: body.serviceId.toLowerCase() }, actor);
  }

  @Allow('link_worker', 'admin')
  @Post(':id/accept')
  @ApiCreatedResponse({ description: '{caseId}: a case is opened' })
  accept(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.referrals.accept(id, actor);
  }

  @Allow('team_lead', 'link_worker', 'admin')
  @Post(':id/decline')
  @HttpCode(200)
  decline(
    @Param('id', UuidParam) id: string,
    @Body() body: DeclineReferralDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.referrals.decline(id, body, actor);
  }

  @Allow('link_worker', 'admin')
  @Post(':id/contact-attempts')
  recordContactAttempt(
    @Param('id', UuidParam) id: string,
    @Body() body: ContactAttemptDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.referrals.recordContactAttempt(id, body, actor);
  }

  /**
   * The link workers of the referral's service with room in their caseload, those who speak the
   * person's language first. A suggestion only: assignment never enforces it.
   */
  @Allow('team_lead', 'link_worker', 'admin')
  @Get(':id/suggested-link-workers')
  suggestedLinkWorkers(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.suggestions.suggest(id, actor);
  }

  @Allow('referrer', 'team_lead', 'link_worker', 'admin')
  @Get(':id/message-back')
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ description: 'PRSB message back to GP and referrer; ?format=html to print' })
  async messageBack(
    @Param('id', UuidParam) id: string,
    @Query() query: DocumentFormatQuery,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    const message = await this.documents.messageBack(id, actor);
    if (query.format !== 'html') {
      res.json(message);
      return;
    }
    res.render('letters/message-back', {
      layout: 'letters/layout',
      title: `Social prescribing referral ${message.referral.reference}`,
      message,
    });
  }

  @Allow('link_worker', 'admin')
  @Get(':id/letter')
  @ApiProduces('text/html')
  @ApiOkResponse({
    description: 'A plain-language letter to the person, in their language if available',
  })
  async letter(
    @Param('id', UuidParam) id: string,
    @Query() _query: DocumentFormatQuery,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    const letter = await this.documents.personLetter(id, actor);
    res.render(letter.template, {
      layout: 'letters/layout',
      lang: letter.language,
      ...letter.context,
    });
  }
}
