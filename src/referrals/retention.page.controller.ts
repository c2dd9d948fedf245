import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { formatDate } from '../common/views/dates';
import { handlePageForm } from '../common/forms/page-form';
import { RetentionService, type RetentionReport } from './retention.service';

const KIND_LABELS = {
  declined_referral: 'Declined referrals',
  undecided_referral: 'Referrals never accepted or declined',
  closed_case: 'Closed cases',
} as const;

const VIEW = 'referrals/retention';

const months = (n: number) => (n % 12 === 0 ? `${n / 12} years` : `${n} months`);

/** Retention for admins: who is due for anonymisation now, and applying it (as the API does). */
@ApiExcludeController()
@Allow('admin')
@Controller('admin/retention')
export class RetentionPageController {
  constructor(private readonly retention: RetentionService) {}

  @Get()
  async show(@Res() res: Response): Promise<void> {
    res.render(VIEW, this.model(await this.retention.dryRun()));
  }

  @Post()
  async apply(
    @Body() body: Record<string, unknown>,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await handlePageForm(req, res, {
      check: () =>
        body.confirm === 'yes'
          ? []
          : [
              {
                field: 'confirm',
                message: 'Tick the box to confirm that these people should be anonymised',
              },
            ],
      act: () => this.retention.apply(actor.id),
      flash: (run) =>
        run.ran
          ? {
              message: `${run.total} ${run.total === 1 ? 'person was' : 'people were'} anonymised. Report counts are unchanged.`,
              kind: 'success',
            }
          : {
              message:
                'Nothing was done: retention is already being applied. Try again in a few minutes.',
              kind: 'important',
            },
      redirect: '/admin/retention',
      view: VIEW,
      model: async () => this.model(await this.retention.dryRun()),
    });
  }

  private model(report: RetentionReport) {
    const { periods, cutoffs, counts } = report;
    return {
      title: 'Retention',
      report,
      rows: [
        {
          record: KIND_LABELS.declined_referral,
          period: `${months(periods.declinedReferralMonths)} after the decision`,
          before: formatDate(cutoffs.declinedReferral),
          due: counts.declined_referral,
        },
        {
          record: KIND_LABELS.undecided_referral,
          period: `${months(periods.undecidedReferralMonths)} after the last change`,
          before: formatDate(cutoffs.undecidedReferral),
          due: counts.undecided_referral,
        },
        {
          record: KIND_LABELS.closed_case,
          period: `${months(periods.closedCaseMonths)} after closure`,
          before: formatDate(cutoffs.closedCase),
          due: counts.closed_case,
        },
      ],
      confirmItems: [
        {
          value: 'yes',
          text: 'I have checked the dry run and these people should be anonymised now',
        },
      ],
    };
  }
}
