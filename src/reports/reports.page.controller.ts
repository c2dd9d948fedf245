import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';

const PERIOD_WORDS = {
  from: 'The start date must be a real date, like 2026-04-01',
  to: 'The end date must be a real date, like 2026-06-30',
} as const;
import { resolvePeriod } from './report-period';
import { ReportsRenderer, type ReportKind, type ReportRequest } from './reports.renderer';
import { DIMENSION_LABELS, DIMENSIONS } from './service-access/dimensions';

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
  constructor(private readonly renderer: ReportsRenderer) {}

  @Allow('commissioner', 'admin')
  @Get()
  builder(@Res() res: Response): void {
    res.render('reports/index', this.builderModel({}));
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
  @Get('unmet-need')
  unmetNeed(@Query() query: RawQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.show('unmet-need', query, req, res);
  }

  /** A report, or the builder again with what is wrong with the period or breakdown (422). */
  private async show(kind: ReportKind, query: RawQuery, req: Request, res: Response) {
    const request = toRequest(query);
    const dateShape = /^\d{4}-\d{2}-\d{2}$/;
    await handlePageForm(req, res, {
      check: () =>
        (['from', 'to'] as const)
          .filter((f) => request[f] !== undefined && !dateShape.test(request[f] ?? ''))
          .map((field) => ({ field, message: PERIOD_WORDS[field] })),
      act: () => this.renderer.send(res, kind, request, req.user as AuthenticatedUser),
      view: 'reports/index',
      model: () => this.builderModel(request),
    });
  }

  private builderModel(request: ReportRequest) {
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
      },
      dimensions: DIMENSIONS.map((d) => ({
        value: d,
        text: DIMENSION_LABELS[d],
        checked: chosen.includes(d),
      })),
      formats: [
        { value: 'html', text: 'Printable report (HTML)' },
        { value: 'csv', text: 'Spreadsheet (CSV)' },
      ],
      periodQuery: new URLSearchParams({ from: period.from, to: period.to }).toString(),
    };
  }
}
