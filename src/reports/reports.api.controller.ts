import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { EquityQuery, ReportPeriodQuery, ServiceAccessQuery } from './reports.dto';
import { ReportsRenderer } from './reports.renderer';

/** Aggregate reports for commissioners and admins: JSON, CSV (`?format=csv`) or printable HTML. */
@ApiTags('reports')
@Controller('api/reports')
export class ReportsApiController {
  constructor(private readonly renderer: ReportsRenderer) {}

  @Allow('commissioner', 'admin')
  @Get('service-access')
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({ description: 'Referrals to completion by the chosen breakdowns, suppressed' })
  async serviceAccess(
    @Query() query: ServiceAccessQuery,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    await this.renderer.send(res, 'service-access', query, actor);
  }

  @Allow('commissioner', 'admin')
  @Get('group-utilisation')
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({ description: 'Reserved places against capacity, waitlists and decline reasons' })
  async groupUtilisation(
    @Query() query: ReportPeriodQuery,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    await this.renderer.send(res, 'group-utilisation', query, actor);
  }

  @Allow('commissioner', 'admin')
  @Get('equity')
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({
    description:
      'Referrals per 1,000 residents (Census 2021) by one breakdown, with 95% intervals, rate ratios and age-standardised rates; small counts suppressed',
  })
  async equity(
    @Query() query: EquityQuery,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    await this.renderer.send(res, 'equity', query, actor);
  }

  @Allow('commissioner', 'admin')
  @Get('unmet-need')
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({ description: 'Needs no offerable group matched, by domain, language and area' })
  async unmetNeed(
    @Query() query: ReportPeriodQuery,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    await this.renderer.send(res, 'unmet-need', query, actor);
  }
}
