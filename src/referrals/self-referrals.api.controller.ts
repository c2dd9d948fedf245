import { Body, Controller, Headers, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public, ThrottleGroup } from '../common/auth/auth.decorators';
import { invalid } from '../common/domain-error';
import { parseIdempotencyKey } from './idempotency';
import { SelfReferralDto } from './referral.dto';
import { ReferralsService } from './referrals.service';
import { IDEMPOTENCY_HEADER } from './referrals.api.controller';

/**
 * A person refers themself: no login, throttled per client. `website` is a honeypot that people
 * never see; a filled one is refused with 422 (and nothing is stored) rather than faked, so a
 * person whose browser auto-filled it is told plainly.
 */
@ApiTags('referrals')
@Controller('api/self-referrals')
export class SelfReferralsApiController {
  constructor(private readonly referrals: ReferralsService) {}

  @Public()
  @ThrottleGroup('public_form')
  @Post()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ description: '{id, reference, status:"received", receivedAt}' })
  create(
    @Body() body: SelfReferralDto,
    @Req() req: Request,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const { website, ...referral } = body;
    if (website && website.trim() !== '') throw spamTrap();
    return this.referrals.create(
      { ...referral, channel: 'self' },
      null,
      parseIdempotencyKey(idempotencyKey),
      req.ip,
    );
  }
}

export const spamTrap = () =>
  invalid('rejected_as_automated', 'The form could not be accepted; please try again', [
    { field: 'website', message: 'must be left empty' },
  ]);
