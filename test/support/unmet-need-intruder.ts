import {
  UNMET_MEASURES,
  type UnmetMeasure,
  type UnmetNeedReport,
} from '../../src/reports/unmet-need/unmet-need.service';
import type { IntruderView } from './intruder';

const REASONS: UnmetMeasure[] = ['noGroupForNeed', 'noGroupInLanguage', 'noGroupAtLevel'];

/**
 * What a reader can write down about the published report, from its meaning. `uncovered` are the
 * domains no offerable group serves, as the public directory shows: every need in one of them is
 * unmet for want of a group (no group for need = needs), and in any other domain none is (0).
 */
export function unmetNeedIntruderView(
  report: UnmetNeedReport,
  uncovered: readonly string[],
): IntruderView {
  const tables = { domain: report.byDomain, language: report.byLanguage, area: report.byArea };
  const rows = [
    ...Object.entries(tables).flatMap(([table, list]) =>
      list.map((r) => ({ name: `${table}/${Object.values(r.key)[0]}`, table, shown: r.counts })),
    ),
    { name: 'totals', table: 'totals', shown: report.totals },
  ];
  const hidden = (name: string, m: UnmetMeasure) =>
    rows.find((r) => r.name === name)?.shown[m] === null;
  return {
    cells: rows.flatMap((r) =>
      UNMET_MEASURES.map((m) => {
        // Zeros are shown, except those making up a suppressed total or a suppressed whole.
        const mayBeZero =
          (r.name !== 'totals' && hidden('totals', m)) ||
          (REASONS.includes(m) && hidden(r.name, 'unmet')) ||
          (m === 'unmet' && hidden(r.name, 'needs'));
        return { name: `${r.name}:${m}`, value: r.shown[m], atLeast: mayBeZero ? 0 : 1 };
      }),
    ),
    equations: [
      ...Object.keys(tables).flatMap((table) =>
        UNMET_MEASURES.map((m) => ({
          plus: rows.filter((r) => r.table === table).map((r) => `${r.name}:${m}`),
          minus: [`totals:${m}`],
        })),
      ),
      ...rows.map((r) => ({
        plus: REASONS.map((m) => `${r.name}:${m}`),
        minus: [`${r.name}:unmet`],
      })),
      ...report.byDomain.flatMap((r) =>
        uncovered.includes(r.key.domain)
          ? [
              {
                plus: [`domain/${r.key.domain}:noGroupForNeed`],
                minus: [`domain/${r.key.domain}:needs`],
              },
            ]
          : [],
      ),
    ],
    inequalities: [
      ...rows.map((r) => ({ small: [`${r.name}:unmet`], large: [`${r.name}:needs`] })),
      ...report.byDomain.flatMap((r) =>
        uncovered.includes(r.key.domain)
          ? []
          : [{ small: [`domain/${r.key.domain}:noGroupForNeed`], large: [] }],
      ),
    ],
  };
}
