import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { lineChart } from '../common/charts/svg';
import { languageName } from '../common/validation/iso-codes';
import { formatDate } from '../common/views/dates';
import { humanLabel } from '../common/views/labels';
import { interpreterText } from '../common/views/view-helpers';
import { ETHNICITY_LABELS, RELIGION_LABELS, SEX_LABELS } from '../common/vocabulary';
import { canReadSensitiveDetail, canWorkOnCase } from './case-access';
import { SEVERITY_LABELS } from './case-forms';
import type { CaseDetail, TimelineEntry } from './case-file.service';
import { RELOCATION_REASONS } from './casework.vocabulary';
import { SWEMWBS_COPYRIGHT } from './scoring/swemwbs';

const SCORE_ORDER = [
  'raw',
  'metric',
  'lifeSatisfaction',
  'worthwhile',
  'happiness',
  'anxiety',
  'total',
  'band',
];

/**
 * The case page: summary, crisis banner, needs, safeguarding, crises, outcomes chart and timeline.
 * A team lead's case file comes without safeguarding and crisis detail (the service leaves it
 * out), so the page says whose it is to see rather than "none recorded", and offers no casework.
 */
export function casePageModel(c: CaseDetail, actor: AuthenticatedUser, linkWorkerName?: string) {
  const swemwbs = c.outcomes.filter((o) => o.instrument === 'SWEMWBS');
  const latestCrisis = c.openCrisisPoints[0];
  const sensitive = canReadSensitiveDetail(actor, c);
  return {
    title: `${c.person.givenName}${c.person.familyName ? ` ${c.person.familyName}` : ''}`,
    c,
    canWork: c.status === 'open' && canWorkOnCase(actor, c),
    showsSensitive: sensitive,
    // Placement history and the transfer letter are for the link worker and admins.
    showsPlacements: actor.role !== 'team_lead',
    backLink:
      actor.role === 'link_worker'
        ? { href: '/cases', text: 'Back to caseload' }
        : { href: '/cases', text: 'Back to cases' },
    crisisBanner: latestCrisis && {
      heading: `In crisis: ${humanLabel(latestCrisis.type)}`,
      date: latestCrisis.recordedAt,
      text: `Review by ${c.reviewBy ? formatDate(c.reviewBy) : 'a date not yet set'}.${latestCrisis.placementsPaused ? ' Placements are paused.' : ''}`,
    },
    summaryRows: [
      { key: 'Status', tag: c.status },
      {
        key: 'Review by',
        value: c.reviewBy ? formatDate(c.reviewBy) : undefined,
        tag: c.reviewOverdue ? 'overdue' : undefined,
      },
      ...(actor.role === 'link_worker'
        ? []
        : [{ key: 'Link worker', value: linkWorkerName ?? 'Not known' }]),
      { key: 'Opened', value: formatDate(c.openedAt) },
      // The level follows from safeguarding flags, so only those who may see the flags see it.
      ...(sensitive
        ? [{ key: 'Safeguarding level a group needs', value: String(c.requiredLevel) }]
        : []),
      { key: 'Preferred language', value: languageLabel(c.person.preferredLanguage) },
      {
        key: 'Interpreter needed',
        value:
          c.person.interpreterNeeded === null
            ? undefined
            : c.person.interpreterNeeded
              ? 'Yes'
              : 'No',
      },
      ...(c.person.interpreterNeeded
        ? [
            {
              key: 'Interpreter',
              value:
                interpreterText(c.person.interpreter, c.person.preferredLanguage ?? undefined) ||
                'No wishes recorded',
            },
          ]
        : []),
      { key: 'Phone', value: c.person.phone ?? undefined },
      {
        key: 'Best way to make contact',
        value: c.person.preferredContact ? humanLabel(c.person.preferredContact) : undefined,
      },
      ...equityRows(c.person),
      { key: 'What matters to me', value: c.whatMattersToMe ?? undefined },
      ...(c.closedAt ? [{ key: 'Closed', value: formatDate(c.closedAt) }] : []),
      ...(c.closeReason ? [{ key: 'Closed because', value: humanLabel(c.closeReason) }] : []),
    ],
    safeguardingRows: c.safeguarding && [
      { key: 'Flags', tags: c.safeguarding.flags },
      { key: 'Group level required', value: String(c.safeguarding.requiredLevel) },
      { key: 'Note', value: c.safeguarding.note ?? undefined },
      { key: 'Updated', value: formatDate(c.safeguarding.recordedAt) },
    ],
    needs: (c.needs?.needs ?? []).map((n) => {
      const previous = c.needsChange.find((x) => x.domain === n.domain)?.previousSeverity ?? null;
      return {
        ...n,
        domainName: humanLabel(n.domain),
        severityText: SEVERITY_LABELS[n.severity],
        kind: n.situational ? 'Situational' : 'Long-term',
        change:
          previous === null
            ? 'New'
            : previous === n.severity
              ? 'No change'
              : `Was ${SEVERITY_LABELS[previous] ?? previous}`,
      };
    }),
    outcomes: c.outcomes.map((o) => ({
      ...o,
      name: humanLabel(o.instrument.toLowerCase()),
      scoreText: SCORE_ORDER.filter((k) => o.scores[k] !== undefined)
        .map((k) => `${scoreName(k)}: ${humanLabel(String(o.scores[k]))}`)
        .join(', '),
    })),
    changes: c.outcomeChanges.map((ch) => ({
      text: `${humanLabel(ch.instrument.toLowerCase())}, ${humanLabel(ch.from.timepoint)} to ${humanLabel(ch.to.timepoint)}: ${Object.entries(
        ch.difference,
      )
        .map(([k, v]) => `${scoreName(k)} ${v > 0 ? '+' : ''}${v}`)
        .join(', ')}${ch.swemwbs ? ` (${humanLabel(ch.swemwbs)})` : ''}`,
    })),
    swemwbsChart:
      swemwbs.length > 0
        ? lineChart({
            id: 'swemwbs-over-time',
            title: 'SWEMWBS metric score over time',
            description: 'Scores range from 7 to 35; higher is better.',
            points: swemwbs.map((o) => ({
              label: `${humanLabel(o.timepoint)} ${formatDate(o.recordedAt)}`,
              value: Number(o.scores.metric),
            })),
          })
        : undefined,
    showsSwemwbs: swemwbs.length > 0,
    swemwbsCopyright: SWEMWBS_COPYRIGHT,
    transferSummaryHref:
      actor.role !== 'team_lead' &&
      c.status === 'closed' &&
      c.transferConsent &&
      c.closeReason &&
      RELOCATION_REASONS.includes(c.closeReason as never)
        ? `/cases/${c.id}/transfer-summary`
        : undefined,
  };
}

/** Sex, ethnic group and religion as the person gave them; "Not recorded" when not asked. */
function equityRows(p: CaseDetail['person']) {
  const label = <T extends string>(labels: Readonly<Record<T, string>>, v: string | null) =>
    v === null ? 'Not recorded' : (labels[v as T] ?? v);
  return [
    { key: 'Sex', value: label(SEX_LABELS, p.sex) },
    { key: 'Ethnic group', value: label(ETHNICITY_LABELS, p.ethnicity) },
    { key: 'Religion', value: label(RELIGION_LABELS, p.religion) },
  ];
}

/** "so" → "Somali"; an unknown code is shown as it is rather than hidden. */
function languageLabel(code: string | null): string | undefined {
  return code ? (languageName(code) ?? code) : undefined;
}

/** A score's key (`lifeSatisfaction`) as words ("Life satisfaction"). */
const scoreName = (key: string) => humanLabel(key.replace(/([A-Z])/g, '_$1').toLowerCase());

const TIMELINE_TEXT: Record<TimelineEntry['kind'], string> = {
  case_opened: 'Case opened',
  needs_assessed: 'Needs assessed',
  safeguarding_updated: 'Safeguarding flags updated',
  crisis_recorded: 'Crisis point recorded',
  crisis_resolved: 'Crisis point resolved',
  onward_referral: 'Onward referral made',
  outcome_recorded: 'Outcome measure recorded',
  case_closed: 'Case closed',
};

export function timelineModel(entries: TimelineEntry[]) {
  return entries.map((e) => {
    const codes = ['type', 'service', 'instrument', 'timepoint', 'reason']
      .map((k) => e.detail[k])
      .filter((v): v is string => typeof v === 'string')
      .map((v) => (/^[A-Z0-9]+$/.test(v) ? v : humanLabel(v)));
    return { at: e.at, text: TIMELINE_TEXT[e.kind], detail: codes.join(', ') };
  });
}
