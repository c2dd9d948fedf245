import type { Dimension } from './dimensions';
import type { ServiceAccessShape } from './service-access.types';

/** Definitions, period, threshold and caveats printed with every service-access report. */
export function serviceAccessNotes(
  period: { from: string; to: string },
  threshold: number,
  dimensions: readonly Dimension[],
  shape: ServiceAccessShape = 'full',
): string[] {
  const notes = [
    `Period: referrals received from ${period.from} to ${period.to} inclusive (UK time). Each referral is followed to today, so recent referrals have had less time to be placed or to complete.`,
    `Disclosure control: protection intervals with an audit (as tau-Argus does). Counts from 1 to ${threshold - 1} are suppressed and shown as [c] (null in JSON) — the threshold is ${threshold}. Further counts are suppressed (secondary suppression, choosing the cells whose loss costs least) until every suppressed count could, given everything in this report — totals, breakdowns, the monthly trend, the funnel stages, and for needs that each referral gives at least one need and each need at most once — be any of at least ${threshold + 1} whole numbers; a linear programme checks each one. The completeness shares are not part of that check: each is withheld by its own rule (see Completeness) wherever it could give back a suppressed count. Where a stage of the funnel is suppressed, the later stages of the same row are too. A cross-tabulation lists every combination of its categories, so whether a row appears says nothing. Zero is shown as 0, except that the zeros making up a suppressed total may be suppressed with it. [z] means not applicable. The uptake rate is suppressed when referrals or placed is. Each median and mean is published only beside the count it is computed over, when that count is shown and at least ${threshold}: median days to placement beside placed, median days to first contact beside referrals, the SWEMWBS change beside its n; otherwise it is [c] (or [z] when the count is 0), so whether it appears says nothing about a suppressed count.`,
    'Referrals: referrals received in the period, from every channel including self-referral. A person referred twice counts twice. Accepted: a link worker opened a case from the referral. Placed: a community group accepted a placement for that case. Attended: at least one attendance was recorded. Completed: the case was closed with its goals met.',
    'Uptake rate: placed ÷ referrals, with a 95% Wilson score confidence interval (which stays within 0–1 and behaves at small numbers).',
    `Median days to first contact and to placement are measured from receipt of the referral. Median days to placement is over the placed referrals and is shown only where placed is shown and at least ${threshold}; median days to first contact is over the referrals with a first contact recorded (before or after acceptance) and is shown only where referrals is shown and at least ${threshold} referrals have one.`,
    'SWEMWBS change: the latest review or exit metric score minus the baseline score, per case with both; mean with a 95% t-based confidence interval; n is the number of such cases. A change of 3 or more points is usually taken as meaningful for an individual.',
    'Migrant status is the broad category the person agreed to record with their link worker (JSNA guide categories: UK born, settled long-term, EEA national, third-country national, international student, asylum seeker, refused asylum seeker, refugee, undocumented, trafficked person, unaccompanied child). It is self-reported and never verified: Linkway does not check immigration status and shares nothing with immigration enforcement.',
    'A long-term international migrant (UN definition) is someone who moves to a country other than that of their usual residence for a period of at least a year. Linkway records the year of arrival, not intended length of stay, so it cannot apply this definition exactly; people who arrived within the last year may be short-term migrants.',
    'Years since arrival uses the Census 2021 length-of-residence bands (under 2, 2 to 5, 5 to 10, 10 or more years), from the year of arrival only, counted at the referral date.',
    'Completeness is the share of the people in the report (each person once) with the field recorded. "Prefer not to say" counts as recorded: the question was asked and answered. "Not recorded" does not. Main language falls back to the preferred language given at referral, and interpreter need to the referral\'s answer, when the migration profile does not record them. Completeness is withheld ([c]) when fewer people than the threshold are in the report, when the people with or without the field recorded number from 1 to the threshold minus one, and when the report is broken down by that field and its "not recorded" category, or the total, is suppressed, since the share would give it back. The shares are withheld by this rule rather than checked by the linear programme.',
    "Caveats: migration fields are optional and recorded only with the person's agreement, so they are often missing — read breakdowns by migrant status, country of birth and year of arrival with the completeness table. Small numbers give wide intervals. Only people who reached social prescribing are counted: the report says nothing about people who were never referred.",
  ];
  if (shape === 'marginsOnly') {
    notes.push(
      dimensions.length > 2
        ? 'Only the breakdowns by each field on its own, the trend and the totals are published: a cross-tabulation of three or more fields is too sparse to protect.'
        : 'Only the breakdowns by each field on its own, the trend and the totals are published: the cross-tabulation is too sparse to protect within the work the disclosure check may do. Choose a longer period or fewer categories.',
    );
  }
  if (shape === 'nothing') {
    notes.push(
      'Every figure is suppressed: this breakdown is too sparse to protect within the work the disclosure check may do. Choose a longer period or fewer breakdowns.',
    );
  }
  if (dimensions.includes('area')) {
    notes.push(
      'Area is the local authority of the person\'s postcode from the ONS Postcode Directory lookup; "unknown" where no postcode was given or it is not in the lookup. For a person whose record was erased or anonymised, it is the area kept when that was done (the postcode itself is gone).',
    );
  }
  if (dimensions.includes('need')) {
    notes.push(
      "Need is the reason given on the referral. A referral gives at least one need and can give several (each once), so need rows add up to at least the total — or, crossed with another breakdown, to at least that category's margin — and each is at most it.",
    );
  }
  if (dimensions.includes('ageBand')) {
    notes.push('Age band is the age at the date the referral was received.');
  }
  if (dimensions.includes('sex')) {
    notes.push(
      'Sex is as the person described it, grouped as female, male, other (any other description) and prefer not to say; free-text answers are never shown.',
    );
  }
  return notes;
}
