import { humanLabel } from '../common/views/labels';
import type { TransferSummary } from './case-closure.service';
import { SWEMWBS_COPYRIGHT } from './scoring/swemwbs';

export const TRANSFER_LETTER_VIEW = 'letters/transfer-summary';

const SCORE_LABELS: Record<string, string> = {
  raw: 'Raw score (7–35)',
  metric: 'Metric score',
  lifeSatisfaction: 'Life satisfaction (0–10)',
  worthwhile: 'Things done are worthwhile (0–10)',
  happiness: 'Happiness yesterday (0–10)',
  anxiety: 'Anxiety yesterday (0–10, lower is better)',
  total: 'Total (3–9, lower is less lonely)',
};

/** What the printable letter shows: plain sentences and labels, no codes. */
export function transferLetterModel(s: TransferSummary) {
  return {
    layout: false,
    title: `Transfer summary for ${s.givenName}`,
    ...s,
    closeReasonLabel: humanLabel(s.closeReason),
    needs: s.needs.map((n) => ({ ...n, domainName: humanLabel(n.domain) })),
    whatHelped: s.whatHelped.map((w) => humanLabel(w)),
    outcomes: s.outcomes.map((o) => ({
      name: humanLabel(o.instrument.toLowerCase()),
      rows: Object.keys(SCORE_LABELS)
        .filter((k) => typeof o.first.scores[k] === 'number')
        .map((k) => ({
          measure: SCORE_LABELS[k],
          first: o.first.scores[k],
          last: o.last?.scores[k] ?? null,
        })),
      firstTimepoint: humanLabel(o.first.timepoint),
      lastTimepoint: o.last ? humanLabel(o.last.timepoint) : null,
    })),
    showsSwemwbs: s.outcomes.some((o) => o.instrument === 'SWEMWBS'),
    swemwbsCopyright: SWEMWBS_COPYRIGHT,
  };
}
