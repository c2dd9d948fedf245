import { hasOwn } from './values';

/** Which GOV.UK tag colour each status code gets. */
const STATUS_COLOURS: Readonly<Record<string, string>> = {};
function colour(cls: string, codes: string[]): void {
  for (const c of codes) (STATUS_COLOURS as Record<string, string>)[c] = cls;
}
colour('govuk-tag--grey', [
  'received',
  'pending',
  'new',
  'draft',
  'submitted',
  'closed',
  'ended',
  'withdrawn',
  'cancelled',
  'duplicate',
  'inactive',
  'not_started',
  'not_recorded',
  'routine',
]);
colour('govuk-tag--blue', [
  'assigned',
  'offered',
  'waitlisted',
  'triaged',
  'in_review',
  'under_review',
  'in_progress',
  'open',
  'referred',
  'sent',
  'baseline',
  'review',
]);
colour('govuk-tag--green', [
  'accepted',
  'approved',
  'active',
  'attending',
  'attended',
  'completed',
  'verified',
  'valid',
  'current',
  'goals_met',
  'exit',
  'confirmed',
]);
colour('govuk-tag--red', [
  'declined',
  'removed',
  'expired',
  'rejected',
  'refused',
  'failed',
  'overdue',
  'in_crisis',
  'crisis',
  'urgent',
  'safeguarding_concern',
  'did_not_attend',
  'full',
  'lapsed',
]);
colour('govuk-tag--yellow', [
  'paused',
  'suspended',
  'on_hold',
  'due',
  'due_soon',
  'expiring',
  'expiring_soon',
  'soon',
  'sustained',
  'incomplete',
  'nearly_full',
  'unconfirmed',
]);
colour('govuk-tag--orange', ['at_risk', 'high']);

/** The `govuk-tag--*` class for a status code; unknown codes are grey. */
export function statusColourClass(code: unknown): string {
  if (code === null || code === undefined) return 'govuk-tag--grey';
  const key = String(code)
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return hasOwn(STATUS_COLOURS, key) ? STATUS_COLOURS[key] : 'govuk-tag--grey';
}
