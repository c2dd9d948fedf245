import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';
import { scopeOf } from '../services/scoped-transactions';
import { ServicesService } from '../services/services.service';
import { resolvePeriod } from './report-period';
import { ReportsRenderer, type ReportKind, type ReportRequest } from './reports.renderer';
import { DIMENSION_LABELS, DIMENSIONS } from './service-access/dimensions';
import { EQUITY_DIMENSIONS } from './equity/equity.types';
import { EQUITY_DIMENSION_LABELS } from './equity/equity.view';

const isEquity = (d: string) => (EQUITY_DIMENSIONS as readonly string[]).includes(d);

const PERIOD_WORDS = {
  from: 'The start date must be a real date, like 2026-04-01',
  to: 'The end date must be a real date, like 2026-06-30',
} as const;

type RawQuery = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Reads the builder form (GET, so no CSRF): `by` may come as several checkboxes. */
function toRequest(query: RawQuery): ReportRequest {
  const by = query.by;
  const format = first(query.format);
  return {
    from: first(query.from) || undefined,
    to: first(query.to) || undefined,
    by: Array.isArray(by) ? by.join(',') : by,
    serviceId: first(query.serviceId) || undefined,
    format: format === 'csv' ? 'csv' : 'html',
  };
}

/** The commissioner's report builder and the printable reports, for signed-in browsers. */
@ApiExcludeController()
@Controller('reports')
export class ReportsPageController {
  constructor(
    private readonly renderer: ReportsRenderer,
    private readonly services: ServicesService,
  ) {}

  @Allow('commissioner', 'admin')
  @Get()
  async builder(@CurrentUser() actor: AuthenticatedUser, @Res() res: Response): Promise<void> {
    res.render('reports/index', await this.builderModel({}, actor));
  }

  @Allow('commissioner', 'admin')
  @Get('service-access')
  serviceAccess(
    @Query() query: RawQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.show('service-access', query, req, res);
  }

  @Allow('commissioner', 'admin')
  @Get('group-utilisation')
  groupUtilisation(
    @Query() query: RawQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.show('group-utilisation', query, req, res);
  }

  @Allow('commissioner', 'admin')
  @Get('equity')
  equity(@Query() query: RawQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.show('equity', query, req, res);
  }

  @Allow('commissioner', 'admin')
  @Get('unmet-need')
  unmetNeed(@Query() query: RawQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.show('unmet-need', query, req, res);
  }

  /** A report, or the builder again with what is wrong with the period or breakdown (422). */
  private async show(kind: ReportKind, query: RawQuery, req: Request, res: Response) {
    const request = toRequest(query);
    const actor = req.user as AuthenticatedUser;
    const dateShape = /^\d{4}-\d{2}-\d{2}$/;
    await handlePageForm(req, res, {
      check: () =>
        (['from', 'to'] as const)
          .filter((f) => request[f] !== undefined && !dateShape.test(request[f] ?? ''))
          .map((field) => ({ field, message: PERIOD_WORDS[field] })),
      words: { serviceId: 'Select a service from the list' },
      act: () => this.renderer.send(res, kind, request, actor),
      view: 'reports/index',
      model: () => this.builderModel(request, actor),
    });
  }

  /** The services a report may cover for this reader: theirs only, for a limited commissioner. */
  private async serviceOptions(actor: AuthenticatedUser) {
    const scope = scopeOf(actor);
    const all = await this.services.list();
    const mine = scope.services === 'all' ? all : all.filter((s) => scope.services.includes(s.id));
    return [
      { value: '', text: scope.services === 'all' ? 'All services' : 'All your services' },
      ...mine.map((s) => ({ value: s.id, text: s.name })),
    ];
  }

  private async builderModel(request: ReportRequest, actor: AuthenticatedUser) {
    const chosen = (request.by ?? '').split(',');
    const period = (() => {
      try {
        return resolvePeriod({});
      } catch {
        return { from: '', to: '' };
      }
    })();
    return {
      title: 'Reports',
      values: {
        from: request.from ?? period.from,
        to: request.to ?? period.to,
        format: request.format ?? 'html',
        by: chosen,
        serviceId: request.serviceId ?? '',
      },
      serviceOptions: await this.serviceOptions(actor),
      dimensions: DIMENSIONS.map((d) => ({
        value: d,
        text: DIMENSION_LABELS[d],
        checked: chosen.includes(d),
      })),
      equityDimensions: EQUITY_DIMENSIONS.map((d, i) => ({
        value: d,
        text: EQUITY_DIMENSION_LABELS[d],
        checked: chosen.includes(d) || (i === 0 && !chosen.some((c) => isEquity(c))),
      })),
      formats: [
        { value: 'html', text: 'Printable report (HTML)' },
        { value: 'csv', text: 'Spreadsheet (CSV)' },
      ],
      periodQuery: new URLSearchParams({ from: period.from, to: period.to }).toString(),
    };
  }
}
