/**
 * The share of people with a field recorded, published only when it cannot give away a small
 * number. The share stands for two counts — people with the field recorded and people without —
 * so it obeys the same threshold as any count: withheld when either is from 1 to threshold − 1.
 * When the report is broken down by the same field and its "not recorded" category is
 * suppressed, the share would give that category back (total × (1 − share)), and with it
 * perhaps the cell suppressed beside it, so it is withheld too.
 */
export function publishedShare(
  recorded: number,
  people: number,
  threshold: number,
  notRecordedSuppressed: boolean,
): number | null {
  const small = (count: number) => count >= 1 && count < threshold;
  if (people < threshold || small(recorded) || small(people - recorded)) return null;
  if (notRecordedSuppressed) return null;
  return Math.round((recorded / people) * 100) / 100;
}
