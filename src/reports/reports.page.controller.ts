import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../common/auth/auth.decorators';
import { DomainError } from '../common/domain-error';
import { formErrors } from '../web/page-form';
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
  serviceAccess(@Query() query: RawQuery, @Res() res: Response): Promise<void> {
    return this.show('service-access', query, res);
  }

  @Allow('commissioner', 'admin')
  @Get('group-utilisation')
  groupUtilisation(@Query() query: RawQuery, @Res() res: Response): Promise<void> {
    return this.show('group-utilisation', query, res);
  }

  @Allow('commissioner', 'admin')
  @Get('unmet-need')
  unmetNeed(@Query() query: RawQuery, @Res() res: Response): Promise<void> {
    return this.show('unmet-need', query, res);
  }

  private async show(kind: ReportKind, query: RawQuery, res: Response): Promise<void> {
    const request = toRequest(query);
    const dateShape = /^\d{4}-\d{2}-\d{2}$/;
    try {
      const bad = (['from', 'to'] as const).filter(
        (f) => request[f] !== undefined && !dateShape.test(request[f] ?? ''),
      );
      if (bad.length > 0) {
        throw new DomainError(
          'invalid',
          'invalid_period',
          'The period is not valid',
          bad.map((field) => ({ field, message: 'must be a date' })),
        );
      }
      await this.renderer.send(res, kind, request);
    } catch (error: unknown) {
      if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
      const { errors, fieldErrors } = formErrors(error.errors ?? []);
      res.status(422).render('reports/index', {
        ...this.builderModel(request),
        errors,
        fieldErrors,
      });
    }
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
