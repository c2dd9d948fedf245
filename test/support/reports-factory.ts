import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { MigrantStatus, ReferralChannel } from '../../src/common/vocabulary';
import { REFRESH_REPORT_FACTS_SQL } from '../../src/reports/service-access/service-access.sql';

/**
 * Report fixtures written straight into the other modules' tables: reports read the tables, so
 * the tests control exactly what is there (dates, statuses, scores) without driving every flow.
 */
export interface JourneyOptions {
  channel?: ReferralChannel;
  receivedAt?: string;
  reasons?: string[];
  sex?: string | null;
  dateOfBirth?: string | null;
  postcode?: string | null;
  preferredLanguage?: string | null;
  migrantStatus?: MigrantStatus | null;
  countryOfBirth?: string | null;
  yearOfArrival?: number | null;
  /** Days from receipt to first contact. */
  firstContactAfterDays?: number;
  accepted?: boolean;
  /** Days from receipt to a group accepting a placement. */
  placedAfterDays?: number;
  groupId?: string;
  attended?: boolean;
  completed?: boolean;
  /** SWEMWBS metric scores at baseline and exit. */
  swemwbs?: [number, number];
  needs?: { domain: string; severity: number }[];
  requiredLevel?: number;
  /** The service the referral went to; the default service when not given. */
  serviceId?: string;
}

/** The default service, for rows written without one. */
const DEFAULT_SERVICE = '(SELECT id FROM service WHERE is_default)';

const addDays = (iso: string, days: number) =>
  new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();

/**
 * Reports read no names, so these people carry none: a placeholder where the sealed name goes
 * (the app would refuse to open it, which is the point: nothing here is meant to show a name).
 */
const UNSEALED_NAME = `'no name: a reports fixture'`;

export class ReportsFactory {
  private seq = 0;

  constructor(private readonly db: Pool) {}

  /** An accepted referral's case, its report facts drained, so what is added after must queue itself. */
  async drainedCase(o: JourneyOptions = {}): Promise<{ caseId: string; personId: string }> {
    const { caseId, personId } = await this.journey({ accepted: true, ...o });
    await this.db.query(REFRESH_REPORT_FACTS_SQL);
    return { caseId: caseId!, personId };
  }

  /** A contact on a case, by someone not otherwise in the fixtures. */
  contact(caseId: string, at: string, mode = 'phone') {
    return this.db.query(
      `INSERT INTO case_contact (case_id, at, mode, recorded_by) VALUES ($1, $2, $3, $4)`,
      [caseId, at, mode, randomUUID()],
    );
  }

  /** A person referred once, taken as far along the journey as the options say. */
  async journey(
    o: JourneyOptions = {},
  ): Promise<{ personId: string; referralId: string; caseId: string | null }> {
    const receivedAt = o.receivedAt ?? '2026-03-10T10:00:00Z';
    const personId = randomUUID();
    const referralId = randomUUID();
    const worker = randomUUID();
    await this.db.query(
      `INSERT INTO person (id, given_name_encrypted, date_of_birth, sex, postcode, preferred_language, service_id)
       VALUES ($1, ${UNSEALED_NAME}, $2, $3, $4, $5, COALESCE($6, ${DEFAULT_SERVICE}))`,
      [
        personId,
        o.dateOfBirth ?? null,
        o.sex ?? null,
        o.postcode ?? null,
        o.preferredLanguage ?? null,
        o.serviceId ?? null,
      ],
    );
    if (
      o.migrantStatus !== undefined ||
      o.countryOfBirth !== undefined ||
      o.yearOfArrival !== undefined
    ) {
      await this.db.query(
        `INSERT INTO migration_profile (person_id, migrant_status, country_of_birth, year_of_arrival)
         VALUES ($1, $2, $3, $4)`,
        [personId, o.migrantStatus ?? null, o.countryOfBirth ?? null, o.yearOfArrival ?? null],
      );
    }
    const accepted = o.accepted ?? o.placedAfterDays !== undefined;
    const caseId = accepted ? randomUUID() : null;
    await this.db.query(
      `INSERT INTO referral (id, reference, status, channel, person_id, person_details_encrypted, reasons,
         consent_referral_discussed, consent_date, received_at, first_contact_at, case_id, accepted_at,
         service_id)
       VALUES ($1, $2, $3, $4, $5, 'not-read-by-reports', $6, true, $7, $8, $9, $10, $11,
               COALESCE($12, ${DEFAULT_SERVICE}))`,
      [
        referralId,
        `T-${++this.seq}-${referralId.slice(0, 8)}`,
        accepted ? 'accepted' : 'received',
        o.channel ?? 'gp_practice',
        personId,
        o.reasons ?? ['social_connection'],
        receivedAt.slice(0, 10),
        receivedAt,
        o.firstContactAfterDays === undefined ? null : addDays(receivedAt, o.firstContactAfterDays),
        caseId,
        accepted ? addDays(receivedAt, 1) : null,
        o.serviceId ?? null,
      ],
    );
    if (caseId === null) return { personId, referralId, caseId };

    await this.db.query(
      `INSERT INTO support_case (id, person_id, referral_id, link_worker_id, status, opened_at, closed_at,
         close_reason, required_level)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        caseId,
        personId,
        referralId,
        worker,
        o.completed ? 'closed' : 'open',
        addDays(receivedAt, 1),
        o.completed ? addDays(receivedAt, 60) : null,
        o.completed ? 'goals_met' : null,
        o.requiredLevel ?? 1,
      ],
    );
    if (o.placedAfterDays !== undefined) {
      const placementId = randomUUID();
      await this.db.query(
        `INSERT INTO placement (id, case_id, person_id, link_worker_id, group_id, group_organisation_id,
           status, offered_at, responded_at, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'accepted', $7, $8, $4, $7)`,
        [
          placementId,
          caseId,
          personId,
          worker,
          o.groupId ?? randomUUID(),
          randomUUID(),
          addDays(receivedAt, 2),
          addDays(receivedAt, o.placedAfterDays),
        ],
      );
      if (o.attended) {
        await this.db.query(
          `INSERT INTO placement_attendance (placement_id, date, attended, recorded_by)
           VALUES ($1, $2::date, true, $3)`,
          [placementId, addDays(receivedAt, o.placedAfterDays + 7), worker],
        );
      }
    }
    if (o.swemwbs) {
      for (const [timepoint, metric, days] of [
        ['baseline', o.swemwbs[0], 2],
        ['exit', o.swemwbs[1], 50],
      ] as const) {
        await this.db.query(
          `INSERT INTO outcome_measure (case_id, instrument, timepoint, answers, scores, recorded_at, recorded_by)
           VALUES ($1, 'SWEMWBS', $2, '{3,3,3,3,3,3,3}', $3, $4, $5)`,
          [
            caseId,
            timepoint,
            JSON.stringify({ raw: 21, metric }),
            addDays(receivedAt, days),
            worker,
          ],
        );
      }
    }
    if (o.needs) {
      const assessmentId = randomUUID();
      await this.db.query(
        `INSERT INTO needs_assessment (id, case_id, assessed_at, assessed_by) VALUES ($1, $2, $3, $4)`,
        [assessmentId, caseId, addDays(receivedAt, 3), worker],
      );
      for (const need of o.needs) {
        await this.db.query(
          `INSERT INTO need_rating (assessment_id, domain, severity, situational) VALUES ($1, $2, $3, false)`,
          [assessmentId, need.domain, need.severity],
        );
      }
    }
    return { personId, referralId, caseId };
  }

  /** Two postcodes in the directory: NG7 1AA in Nottingham and NG2 6AA in Rushcliffe. */
  async postcodeAreas(): Promise<void> {
    await this.db.query(
      `INSERT INTO postcode_area (postcode, ward_code, lsoa_code, local_authority_code, local_authority_name)
       VALUES ('NG71AA', 'E05012277', 'E01033406', 'E06000018', 'Nottingham'),
              ('NG26AA', 'E05009725', 'E01028211', 'E07000176', 'Rushcliffe')`,
    );
  }

  /** Many identical journeys. */
  async journeys(n: number, o: JourneyOptions = {}): Promise<void> {
    for (let i = 0; i < n; i++) await this.journey(o);
  }

  /** A community group with capacity, vetted to `level` (0 = not approved). */
  async group(o: {
    name: string;
    needsServed?: string[];
    languages?: string[];
    activityTypes?: string[];
    level?: 0 | 1 | 2 | 3;
    places?: number;
    reserved?: number;
    waitlist?: number;
  }): Promise<string> {
    const id = randomUUID();
    const organisationId = randomUUID();
    await this.db.query(
      `INSERT INTO organisation (id, name, kind) VALUES ($1, $2, 'community_group')`,
      [organisationId, `${o.name} organisation`],
    );
    await this.db.query(
      `INSERT INTO community_group (id, organisation_id, name, description, activity_types, needs_served,
         languages, delivery_mode, accessibility)
       VALUES ($1, $2, $3, 'A group', $4, $5, $6, 'in_person', '{"childcare":false,"travelSupport":false,"stepFree":true,"womenOnly":false,"interpreters":false}')`,
      [
        id,
        organisationId,
        o.name,
        o.activityTypes ?? ['arts'],
        o.needsServed ?? [],
        o.languages ?? ['en'],
      ],
    );
    await this.db.query(
      `INSERT INTO group_capacity (group_id, places, reserved, waitlist_length, waitlist_enabled)
       VALUES ($1, $2, $3, $4, true)`,
      [id, o.places ?? 10, o.reserved ?? 0, o.waitlist ?? 0],
    );
    const checks = [
      ['safeguarding_policy', 'safeguarding_lead', 'insurance', 'basic_safeguarding_training'],
      ['dbs_enhanced', 'safeguarding_adults_training', 'incident_procedure', 'boundaries_policy'],
      [
        'trauma_informed_training',
        'modern_slavery_awareness',
        'professional_support_pathway',
        'interpreter_policy',
      ],
    ]
      .slice(0, o.level ?? 1)
      .flat();
    for (const check of checks) {
      await this.db.query(
        `INSERT INTO group_vetting_check (group_id, "check", evidence, verified_at, expires_at, verified_by)
         VALUES ($1, $2, 'certificate', now() - interval '10 days', now() + interval '300 days', $3)`,
        [id, check, randomUUID()],
      );
    }
    return id;
  }

  /** A placement offer made to a group in the period, and the group's answer. */
  async offer(
    groupId: string,
    status: 'offered' | 'accepted' | 'declined',
    declineReason?: string,
  ) {
    await this.db.query(
      `INSERT INTO placement (case_id, person_id, link_worker_id, group_id, group_organisation_id, status,
         offered_at, responded_at, decline_reason, created_by, created_at, service_id)
       VALUES ($1, $1, $1, $2, $1, $3, '2026-03-01T10:00:00Z', $4, $5, $1, '2026-03-01T10:00:00Z',
               ${DEFAULT_SERVICE})`,
      [
        randomUUID(),
        groupId,
        status,
        status === 'offered' ? null : '2026-03-02T10:00:00Z',
        declineReason ?? null,
      ],
    );
  }
}
