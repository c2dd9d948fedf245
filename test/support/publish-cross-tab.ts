import type { LpSolver } from '../../src/reports/statistics/lp-solver';
import {
  crossTabSums,
  protectSlots,
  type CrossTabSlot,
} from '../../src/reports/statistics/protected-tables';
import {
  allCombinations,
  slotCounts,
  type CrossTabData,
  type PublishedSlot,
  type SlotName,
} from './cross-tab-report';

/** The slots a report publishes: cells, then (with two breakdowns) margins, months, the total. */
function layout(data: CrossTabData, listedOnly: boolean): SlotName[] {
  const nonZero = (slot: SlotName) => !listedOnly || slotCounts(data, slot)[0] > 0;
  const slots: SlotName[] = allCombinations(data)
    .map((key): SlotName => ({ kind: 'cell', key }))
    .filter(nonZero);
  if (data.dimensions.length > 1) {
    for (const d of data.dimensions) {
      for (const category of data.categories[d]) {
        const margin: SlotName = { kind: 'margin', dimension: d, category };
        if (nonZero(margin)) slots.push(margin);
      }
    }
  }
  for (const month of data.months) {
    const slot: SlotName = { kind: 'month', month };
    if (nonZero(slot)) slots.push(slot);
  }
  slots.push({ kind: 'total' });
  return slots;
}

function asCrossTab(slot: SlotName): CrossTabSlot {
  switch (slot.kind) {
    case 'cell':
      return { section: 'rows', key: slot.key };
    case 'margin':
      return {
        section: 'breakdowns',
        dimension: slot.dimension,
        key: { [slot.dimension]: slot.category },
      };
    case 'month':
      return { section: 'trend', key: { month: slot.month } };
    case 'total':
      return { section: 'totals', key: {} };
  }
}

/** Published as the new method does it: the full grid, protected together. */
export function publishProtected(
  data: CrossTabData,
  threshold: number,
  solver: LpSolver,
): PublishedSlot[] {
  const slots = layout(data, false);
  const sums = crossTabSums(slots.map(asCrossTab), data.dimensions);
  const countSlots = slots.map((slot) => {
    const values = slotCounts(data, slot);
    return { counts: Object.fromEntries(data.stages.map((s, i) => [s, values[i]])) };
  });
  const ties = data.stages.slice(1).map((stage, i) => ({
    parts: [stage],
    whole: data.stages[i],
    exact: false,
  }));
  const result = protectSlots(countSlots, data.stages, sums, ties, threshold, solver);
  if (result.unprotected.length > 0) throw new Error('the method left a cell unprotected');
  return slots.map((slot, i) => ({ slot, values: data.stages.map((s) => result.published[i][s]) }));
}

/** What the new method's rules let a reader assume: where a suppressed figure may be zero. */
export function protectedMayHideZero(data: CrossTabData) {
  return (
    slot: SlotName,
    stage: number,
    hidden: (s: SlotName, stage: number) => boolean,
  ): boolean => {
    if (stage > 0 && hidden(slot, stage - 1)) return true;
    if (slot.kind === 'total') return false;
    if (slot.kind === 'cell' && data.dimensions.length > 1) {
      return data.dimensions.some((d) =>
        hidden({ kind: 'margin', dimension: d, category: slot.key[d] }, stage),
      );
    }
    return hidden({ kind: 'total' }, stage);
  };
}

/** What linked suppression's rules let a reader assume: only later stages of a hidden row may be zero. */
export function currentMayHideZero(
  slot: SlotName,
  stage: number,
  hidden: (s: SlotName, stage: number) => boolean,
): boolean {
  return stage > 0 && hidden(slot, stage - 1);
}
