import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { GroupUtilisationService } from './group-utilisation/group-utilisation.service';
import { groupUtilisationCsv } from './group-utilisation/group-utilisation.csv';
import { groupUtilisationView } from './group-utilisation/group-utilisation.view';
import { resolveDimensions, resolveEquityDimension, resolvePeriod } from './report-period';
import type { ReportFormat } from './reports.dto';
import { serviceAccessCsv } from './service-access/service-access.csv';
import { totalFirstContact } from './service-access/service-access.rows';
import { ServiceAccessService } from './service-access/service-access.service';
import { serviceAccessView } from './service-access/service-access.view';
import { UnmetNeedService } from './unmet-need/unmet-need.service';
import { unmetNeedCsv } from './unmet-need/unmet-need.csv';
import { unmetNeedView } from './unmet-need/unmet-need.view';
import { ukDate } from '../common/uk-date';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { ReportScope } from './report-scope';
import { activityCsv } from './activity/activity.csv';
import { withFirstContact } from './activity/activity.figures';
import { ActivityService } from './activity/activity.service';
import { activityView } from './activity/activity.view';
import { EquityService } from './equity/equity.service';
import { equityCsv } from './equity/equity.csv';
import { equityView } from './equity/equity.view';
import { longDate, longDateTime } from './output/view-cells';

export type ReportKind =
  'service-access' | 'group-utilisation' | 'unmet-need' | 'equity' | 'activity';

export interface ReportRequest {
  from?: string;
  to?: string;
  by?: string;
  serviceId?: string;
  format?: ReportFormat;
  /** The page a printable report's period form goes back to. */
  pagePath?: string;
}

/** A built report's figures in each format, rendered only when asked for. */
interface Rendered {
  json: () => object | Promise<object>;
  csv: () => string;
  view: () => object | Promise<object>;
}

/** Builds a report and sends it as JSON, CSV or the printable HTML page, for the API and the pages. */
@Injectable()
export class ReportsRenderer {
  constructor(
    private readonly serviceAccess: ServiceAccessService,
    private readonly groupUtilisation: GroupUtilisationService,
    private readonly unmetNeed: UnmetNeedService,
    private readonly equity: EquityService,
    private readonly scopes: ReportScope,
    private readonly activity: ActivityService,
  ) {}

  async build(
    kind: ReportKind,
    request: ReportRequest,
    actor: AuthenticatedUser,
  ): Promise<Rendered> {
    const period = resolvePeriod(request);
    const scope = await this.scopes.resolve(actor, request.serviceId);
    switch (kind) {
      case 'service-access': {
        const dimensions = resolveDimensions(request.by);
        // Link workers' activity in the same period and scope, for JSON and the page only: the CSV
        // stays one table (the activity's own is /api/reports/activity). Its database work runs
        // beside the report's read, on a connection of its own, so PostgreSQL works on it while
        // this process adds up the report's chunks. Its days to first contact are the report's
        // grand total's (the same referrals), not read twice. Suppression, which is CPU work in
        // this process, comes after both: run beside a read, it held up the event loop past the
        // pool's connection timeout. If one read fails the request fails at once; the other's
        // statement runs on to its end, unread.
        const [figures, activityCases] = await Promise.all([
          this.serviceAccess.read({ ...period, dimensions }, scope),
          request.format === 'csv' ? undefined : this.activity.readCases(period, scope),
        ]);
        const report = await this.serviceAccess.publish(figures);
        const firstContact = totalFirstContact(figures.aggregates);
        const activity =
          activityCases &&
          (await this.activity.publish(
            withFirstContact(activityCases, {
              first_contact_n: firstContact.n,
              median_days_to_first_contact: firstContact.median,
            }),
          ));
        return {
          json: () => ({ ...report, activity }),
          csv: () => serviceAccessCsv(report),
          view: () => ({
            ...serviceAccessView(report),
            activity: activity && activityView(activity),
          }),
        };
      }
      case 'group-utilisation': {
        const report = await this.groupUtilisation.report(period, scope);
        return {
          json: () => report,
          csv: () => groupUtilisationCsv(report),
          view: () => groupUtilisationView(report),
        };
      }
      case 'equity': {
        const report = await this.equity.report(
          { ...period, by: resolveEquityDimension(request.by) },
          scope,
        );
        return {
          json: () => report,
          csv: () => equityCsv(report),
          view: () => equityView(report),
        };
      }
      case 'unmet-need': {
        const report = await this.unmetNeed.report(period, scope);
        return {
          json: () => report,
          csv: () => unmetNeedCsv(report),
          view: () => unmetNeedView(report),
        };
      }
      case 'activity': {
        const figures = await this.activity.figures(period, scope);
        return {
          json: () => figures,
          csv: () => activityCsv(figures),
          view: () => ({
            title: 'Link workers’ activity',
            caption: 'Linkway',
            period: `${longDate(period.from)} to ${longDate(period.to)}`,
            generatedAt: longDateTime(figures.generatedAt),
            threshold: figures.threshold,
            from: period.from,
            to: period.to,
            formAction: request.pagePath ?? '/team/activity',
            activity: activityView(figures),
          }),
        };
      }
    }
  }

  async send(
    res: Response,
    kind: ReportKind,
    request: ReportRequest,
    actor: AuthenticatedUser,
  ): Promise<void> {
    const rendered = await this.build(kind, request, actor);
    res.setHeader('Cache-Control', 'no-store');
    switch (request.format ?? 'json') {
      case 'csv':
        res
          .type('text/csv; charset=utf-8')
          .attachment(`${kind}-${ukDate()}.csv`)
          .send(rendered.csv());
        return;
      case 'html':
        res.render(`reports/${kind}`, await rendered.view());
        return;
      default:
        res.json(await rendered.json());
    }
  }
}
