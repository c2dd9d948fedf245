import type { OutcomeInstrument, OutcomeTimepoint } from '../common/vocabulary';
import type { OutcomeScores } from './scoring/score-outcome';
import { swemwbsChange, type SwemwbsChange } from './scoring/swemwbs';

export interface OutcomeRecord {
  id: string;
  instrument: OutcomeInstrument;
  timepoint: OutcomeTimepoint;
  scores: OutcomeScores;
  recordedAt: string;
}

export interface OutcomeChange {
  instrument: OutcomeInstrument;
  from: { timepoint: OutcomeTimepoint; recordedAt: string };
  to: { timepoint: OutcomeTimepoint; recordedAt: string };
  /** Later minus earlier, for every numeric score (e.g. SWEMWBS raw and metric). */
  difference: Record<string, number>;
  /** SWEMWBS only: whether the metric change reaches the meaningful threshold. */
  swemwbs?: SwemwbsChange;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The change between each pair of consecutive measures of the same instrument (baseline →
 * review → exit), so the case shows how the person's wellbeing moved over time.
 */
export function outcomeChanges(records: readonly OutcomeRecord[]): OutcomeChange[] {
  const byInstrument = new Map<OutcomeInstrument, OutcomeRecord[]>();
  for (const r of [...records].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))) {
    byInstrument.set(r.instrument, [...(byInstrument.get(r.instrument) ?? []), r]);
  }
  const changes: OutcomeChange[] = [];
  for (const [instrument, list] of byInstrument) {
    for (let i = 1; i < list.length; i++) {
      const [before, after] = [list[i - 1], list[i]];
      const difference: Record<string, number> = {};
      for (const [key, value] of Object.entries(after.scores)) {
        const earlier = before.scores[key];
        if (typeof value === 'number' && typeof earlier === 'number') {
          difference[key] = round2(value - earlier);
        }
      }
      const change: OutcomeChange = {
        instrument,
        from: { timepoint: before.timepoint, recordedAt: before.recordedAt },
        to: { timepoint: after.timepoint, recordedAt: after.recordedAt },
        difference,
      };
      if (
        instrument === 'SWEMWBS' &&
        typeof before.scores.metric === 'number' &&
        typeof after.scores.metric === 'number'
      ) {
        change.swemwbs = swemwbsChange(before.scores.metric, after.scores.metric);
      }
      changes.push(change);
    }
  }
  return changes;
}
