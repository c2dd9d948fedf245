import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict } from '../common/domain-error';
import { RetentionApplyQuery, RetentionDryRunQuery } from './retention.dto';
import { RetentionService, type RetentionReport } from './retention.service';

const REPORT =
  '{dryRun, ran, asOf, periods, cutoffs, counts:{declined_referral, undecided_referral, closed_case}, total, people:[{personId, kind, since}], truncated}';

/** Retention of personal data (admin): what is due for anonymisation, and applying it now. */
@ApiTags('data protection')
@Allow('admin')
@Controller('api/admin/retention')
export class RetentionApiController {
  constructor(private readonly retention: RetentionService) {}

  @Get()
  @ApiOkResponse({ description: `Dry run: who would be anonymised now, by kind. ${REPORT}` })
  report(@Query() _query: RetentionDryRunQuery): Promise<RetentionReport> {
    return this.retention.dryRun();
  }

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ description: `Anonymises everyone past retention now. ${REPORT}` })
  @ApiConflictResponse({ description: 'retention_running: another run is in progress' })
  async apply(
    @Query() query: RetentionApplyQuery,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<RetentionReport> {
    if (query.dryRun === 'true') return this.retention.dryRun();
    const run = await this.retention.apply(actor.id);
    if (!run.ran) throw conflict('retention_running', 'Retention is already being applied');
    return run;
  }
}
