import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { handlePageForm, labelled } from '../../common/forms/page-form';
import { ReportPeriodQuery } from '../reports.dto';
import { ReportsRenderer } from '../reports.renderer';

/**
 * Link workers' activity: contacts per person, sessions before the first group place, the
 * did-not-attend rate and days to first contact, suppressed as every report is. A team lead reads
 * its own service's; a commissioner its services'; an admin any.
 */
@ApiTags('reports')
@Controller('api/reports')
export class ActivityApiController {
  constructor(private readonly renderer: ReportsRenderer) {}

  @Allow('team_lead', 'commissioner', 'admin')
  @Get('activity')
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({
    description:
      'Contacts, people contacted and contacts per person; sessions before the first group place; appointments, did-not-attend and its rate (95% Wilson interval); median days from referral to first contact; by month. Suppressed.',
  })
  async activity(
    @Query() query: ReportPeriodQuery,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    await this.renderer.send(res, 'activity', query, actor);
  }
}

type RawQuery = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** The team lead's view of its service's activity (an admin may look at any service's). */
@ApiExcludeController()
@Controller('team')
export class ActivityPageController {
  constructor(private readonly renderer: ReportsRenderer) {}

  @Allow('team_lead', 'admin')
  @Get('activity')
  async page(@Query() query: RawQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const request = {
      from: first(query.from),
      to: first(query.to),
      serviceId: first(query.serviceId),
      format: 'html' as const,
      pagePath: '/team/activity',
    };
    await handlePageForm(req, res, {
      check: () =>
        (['from', 'to'] as const)
          .filter((f) => request[f] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(request[f] ?? ''))
          .map((field) => labelled({ field, message: 'must be a date like 2026-04-01' })),
      act: () => this.renderer.send(res, 'activity', request, req.user as AuthenticatedUser),
      view: 'reports/activity',
      model: () => ({
        title: 'Link workers’ activity',
        caption: 'Linkway',
        from: request.from,
        to: request.to,
        formAction: '/team/activity',
        activity: { summary: [], trend: [], notes: [] },
      }),
    });
  }
}
