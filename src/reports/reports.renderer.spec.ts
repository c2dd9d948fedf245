import type { Response } from 'express';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { ActivityService } from './activity/activity.service';
import type { EquityService } from './equity/equity.service';
import type { GroupUtilisationService } from './group-utilisation/group-utilisation.service';
import type { ReportScope } from './report-scope';
import { ReportsRenderer } from './reports.renderer';
import { loadLpSolver } from './statistics/lp-solver';
import { buildServiceAccessReport } from './service-access/service-access.report';
import { emptyCompleteness } from './service-access/service-access.rows';
import type { ServiceAccessService } from './service-access/service-access.service';
import type { UnmetNeedService } from './unmet-need/unmet-need.service';

/** A response that keeps what was sent. */
function fakeResponse() {
  const sent: { type?: string; body?: unknown } = {};
  const res = {
    setHeader: () => res,
    type: (type: string) => ((sent.type = type), res),
    attachment: () => res,
    send: (body: unknown) => ((sent.body = body), res),
    json: (body: unknown) => ((sent.body = body), res),
    render: () => res,
  };
  return { res: res as unknown as Response, sent };
}

describe('the service-access report’s formats', () => {
  let activityRuns: number;
  let events: string[];
  let activityPublished: unknown;
  let renderer: ReportsRenderer;

  beforeAll(async () => {
    const report = buildServiceAccessReport(
      {
        dimensions: [],
        period: { from: '2026-01-01', to: '2026-12-31' },
        threshold: 5,
        generatedAt: new Date('2027-01-02T10:00:00Z'),
        aggregates: [],
        completeness: emptyCompleteness(),
      },
      await loadLpSolver(),
    );
    const later = <T>(value: T, ms: number) =>
      new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
    // The report's figures: its grand total and one channel's row.
    const aggregate = (grouped: string[], n: number, median: number) => ({
      grouped,
      key: {},
      n_first_contact: n,
      median_days_to_first_contact: median,
    });
    const reportFigures = {
      aggregates: [aggregate(['channel'], 4, 9), aggregate([], 12, 3.5)],
    };
    const serviceAccess = {
      read: async () => {
        events.push('report read');
        return later(reportFigures, 20).finally(() => events.push('report read done'));
      },
      publish: () => (events.push('report published'), Promise.resolve(report)),
    };
    const activity = {
      readCases: () => {
        activityRuns++;
        events.push('activity read');
        return later({ summary: { people_contacted: 7 } }, 5).finally(() =>
          events.push('activity read done'),
        );
      },
      publish: (input: unknown) => (
        events.push('activity published'),
        (activityPublished = input),
        Promise.resolve({ workers: 'the activity figures' })
      ),
    };
    const scopes = { resolve: () => Promise.resolve({ serviceIds: ['s'] }) };
    renderer = new ReportsRenderer(
      serviceAccess as unknown as ServiceAccessService,
      {} as GroupUtilisationService,
      {} as UnmetNeedService,
      {} as EquityService,
      scopes as unknown as ReportScope,
      activity as unknown as ActivityService,
    );
  });
  beforeEach(() => {
    activityRuns = 0;
    events = [];
    activityPublished = undefined;
  });

  const send = async (format: 'json' | 'csv') => {
    const { res, sent } = fakeResponse();
    await renderer.send(res, 'service-access', { format }, {} as AuthenticatedUser);
    return sent;
  };

  it('carries the link workers’ activity in JSON', async () => {
    const sent = await send('json');
    expect(sent.body).toMatchObject({ activity: { workers: 'the activity figures' } });
    expect(activityRuns).toBe(1);
  });

  it('gives the activity the report’s own days to first contact, over the same referrals', async () => {
    await send('json');
    expect(activityPublished).toEqual({
      summary: { people_contacted: 7, first_contact_n: 12, median_days_to_first_contact: 3.5 },
    });
  });

  it('reads both side by side, and suppresses only once both reads are done', async () => {
    // Suppression is CPU work in this process: beside a read still waiting for a connection it
    // held up the event loop past the pool's connection timeout, and the request failed.
    await send('json');
    expect(events).toEqual([
      'report read',
      'activity read',
      'activity read done',
      'report read done',
      'report published',
      'activity published',
    ]);
  });

  it('does not work out the activity for the CSV, which has no place for it', async () => {
    const sent = await send('csv');
    expect(sent.type).toMatch(/text\/csv/);
    expect(String(sent.body)).not.toContain('the activity figures');
    expect(activityRuns).toBe(0);
  });
});
