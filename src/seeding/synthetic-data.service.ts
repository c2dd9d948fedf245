import { refreshReportFactsSql } from '../reports/service-access/service-access.sql';
import { createReadStream } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, type QueryRunner } from 'typeorm';
import { nameTokens, personSeal } from '../casework/person-seal';
import { FieldCipher } from '../common/crypto/field-cipher';
import { SESSION_MODES, VETTING_CHECKS_BY_LEVEL } from '../common/vocabulary';
import { securityConfig } from '../config/configuration';
import { PostcodeImportService } from '../services/postcodes/postcode-import.service';
import { SAMPLE_POSTCODES_CSV } from '../services/postcodes/sample-postcodes';
import {
  CHANNELS,
  CLOSE_REASONS,
  CONTACT_MODES,
  COUNTRIES,
  DECLINE_REASONS,
  DOMAINS,
  GROUPS,
  MIGRANT_STATUSES,
  SWEMWBS_METRIC,
  UK_BORN_ETHNICITIES,
  UK_BORN_RELIGIONS,
  weightedCase,
} from './synthetic-distributions';
import { setScope, ALL_SERVICES } from '../services/scoped-transactions';

/** The whole queue in the batch's own transaction (a seeding batch is bounded already). */
const REFRESH_WHOLE_QUEUE_SQL = refreshReportFactsSql(2_147_483_647);

export interface SyntheticOptions {
  readonly referrals: number;
  /** Same seed, same figures (PostgreSQL's setseed drives every draw; ids are random). */
  readonly seed?: number;
  readonly batchSize?: number;
  /** Referrals arrive between these many days ago, evenly (default: the last two years). */
  readonly receivedDaysAgo?: { readonly oldest: number; readonly newest: number };
  /**
   * A past to a live service (the demo's): the referrals go to a former link worker of each of
   * these services (added, already gone), every case taken on is closed, and people are placed
   * in the directory's own groups, so today's caseloads, inboxes and places are untouched.
   */
  readonly history?: { readonly serviceIds: readonly string[] };
}

interface BatchShape {
  readonly oldestDay: number;
  readonly newestDay: number;
  readonly closeEveryCase: boolean;
}

export interface SyntheticProgress {
  readonly referrals: number;
  readonly of: number;
  readonly elapsedMs: number;
}

const GIVEN_NAMES = [
  'Alex',
  'Sam',
  'Jo',
  'Amina',
  'Piotr',
  'Ioana',
  'Hamid',
  'Mei',
  'Olena',
  'Kofi',
];

/**
 * Realistic volumes for reports and benchmarks, written straight into every module's tables by
 * set-based SQL (generate_series into a temporary table per batch, then one INSERT … SELECT per
 * table), not through the HTTP API: a million referrals take a few minutes. Referrals spread
 * over the last two years, with plausible channels, statuses, migrant statuses (including
 * not recorded), languages, placements, attendance, needs and SWEMWBS scores. Person details
 * are sealed with the real data key so the referral screens can open them; every synthetic
 * person is called "Synthetic".
 */
@Injectable()
export class SyntheticDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly postcodes: PostcodeImportService,
    @Inject(securityConfig.KEY) private readonly security: ConfigType<typeof securityConfig>,
  ) {}

  /**
   * A bulk load's last step: VACUUM (ANALYZE) of the whole database, as autovacuum would get to in
   * time. It sets the visibility map, without which the reports' index-only scans read the heap
   * too (the activity's people contacted took four times as long at 100,000 referrals). The app's
   * role may vacuum the tables through MAINTAIN (migration Services), which needs PostgreSQL 17:
   * on an older server each table is skipped with a warning, and autovacuum does it later.
   */
  async vacuum(): Promise<void> {
    await this.dataSource.query('VACUUM (ANALYZE)');
  }

  async generate(
    options: SyntheticOptions,
    onProgress: (progress: SyntheticProgress) => void = () => undefined,
  ): Promise<SyntheticProgress> {
    const total = options.referrals;
    if (!Number.isSafeInteger(total) || total < 1) throw new RangeError('referrals must be ≥ 1');
    const batchSize = options.batchSize ?? 50_000;
    const started = Date.now();

    const [{ n }] = await this.dataSource.query('SELECT count(*)::int AS n FROM postcode_area');
    if (n === 0) await this.postcodes.import(createReadStream(SAMPLE_POSTCODES_CSV));
    const postcodes = (
      (await this.dataSource.query(
        'SELECT postcode FROM postcode_area WHERE local_authority_code IS NOT NULL ORDER BY postcode LIMIT 5000',
      )) as { postcode: string }[]
    ).map((r) => `${r.postcode.slice(0, -3)} ${r.postcode.slice(-3)}`);
    const workers = options.history
      ? await this.formerLinkWorkers(options.history.serviceIds)
      : (
          (await this.dataSource.query(
            `SELECT id FROM app_user WHERE role = 'link_worker' ORDER BY id LIMIT 50`,
          )) as { id: string }[]
        ).map((r) => r.id);
    const groups = options.history ? await this.directoryGroups() : await this.ensureGroups();
    const shape: BatchShape = {
      oldestDay: options.receivedDaysAgo?.oldest ?? 730,
      newestDay: options.receivedDaysAgo?.newest ?? 0,
      closeEveryCase: !!options.history,
    };
    if (!(shape.oldestDay > shape.newestDay && shape.newestDay >= 0))
      throw new RangeError('receivedDaysAgo: oldest must be after newest, and newest ≥ 0');
    const cipher = new FieldCipher(this.security.dataEncryptionKey);
    const tokens = GIVEN_NAMES.map((name) =>
      cipher.encrypt(JSON.stringify({ givenName: 'Synthetic', familyName: name })),
    );
    // Every synthetic person is called Synthetic, sealed once as casework seals names.
    const seal = personSeal(this.security.dataEncryptionKey);
    const person = {
      givenName: seal.cipher.encrypt('Synthetic'),
      nameTokens: nameTokens(seal, 'Synthetic'),
    };

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT setseed($1)', [((options.seed ?? 1) % 1000) / 1000]);
      for (let done = 0; done < total;) {
        const size = Math.min(batchSize, total - done);
        await runner.startTransaction();
        try {
          await setScope(runner.manager, ALL_SERVICES);
          await this.batch(runner, size, shape, { postcodes, workers, groups, tokens, person });
          // The batch's report facts, in its own transaction: the first report then has nothing to catch up.
          await runner.query(REFRESH_WHOLE_QUEUE_SQL);
          await runner.commitTransaction();
        } catch (error) {
          await runner.rollbackTransaction();
          throw error;
        }
        done += size;
        onProgress({ referrals: done, of: total, elapsedMs: Date.now() - started });
      }
      await runner.startTransaction();
      await setScope(runner.manager, ALL_SERVICES);
      await this.reconcileCapacity(runner);
      await runner.query(REFRESH_WHOLE_QUEUE_SQL);
      await runner.commitTransaction();
      await runner.query('ANALYZE');
    } finally {
      await runner.release();
    }
    return { referrals: total, of: total, elapsedMs: Date.now() - started };
  }

  /**
   * One former link worker per service, for a history: an account no one can sign in to (no
   * password hash matches '!'), deactivated, so it is never offered for assignment or cover.
   */
  private async formerLinkWorkers(serviceIds: readonly string[]): Promise<string[]> {
    if (serviceIds.length === 0) throw new RangeError('history needs at least one service');
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO app_user (email, name, role, password_hash, service_id, deactivated_at)
       SELECT 'former.link.worker.' || s.n || '@history.invalid', 'Former link worker ' || s.n,
              'link_worker', '!', s.id, now()
         FROM unnest($1::uuid[]) WITH ORDINALITY AS s(id, n)
       RETURNING id`,
      [serviceIds],
    );
    return rows.map((r) => r.id);
  }

  /** The directory's own groups that are not removed, for a history; synthetic ones if none. */
  private async directoryGroups(): Promise<{ id: string; organisationId: string }[]> {
    const rows: { id: string; organisation_id: string }[] = await this.dataSource.query(
      `SELECT id, organisation_id FROM community_group
        WHERE removed_at IS NULL AND (external_id IS NULL OR external_id NOT LIKE 'synthetic:%')
        ORDER BY name`,
    );
    if (rows.length === 0) return this.ensureGroups();
    return rows.map((g) => ({ id: g.id, organisationId: g.organisation_id }));
  }

  /** Synthetic community groups, vetted to their level, with capacity rows; reused on later runs. */
  private async ensureGroups(): Promise<{ id: string; organisationId: string }[]> {
    const existing: { id: string; organisation_id: string }[] = await this.dataSource.query(
      `SELECT id, organisation_id FROM community_group WHERE external_id LIKE 'synthetic:%' ORDER BY external_id`,
    );
    if (existing.length > 0) {
      return existing.map((g) => ({ id: g.id, organisationId: g.organisation_id }));
    }
    return this.dataSource.transaction(async (em) => {
      const created: { id: string; organisationId: string }[] = [];
      for (const [i, g] of GROUPS.entries()) {
        const [{ id: organisationId }] = await em.query(
          `INSERT INTO organisation (name, kind, postcode) VALUES ($1, 'community_group', 'NG7 5LL') RETURNING id`,
          [`${g.name} (synthetic)`],
        );
        const [{ id }] = await em.query(
          `INSERT INTO community_group (organisation_id, name, description, activity_types, needs_served,
             languages, postcode, area, delivery_mode, accessibility, external_id)
           VALUES ($1, $2, 'Synthetic group for reports and benchmarks.', $3, $4, $5, 'NG7 5LL', 'NG7',
             'in_person', $6, $7) RETURNING id`,
          [
            organisationId,
            `${g.name} (synthetic)`,
            g.activities,
            g.needs,
            g.languages,
            JSON.stringify({
              childcare: false,
              travelSupport: i % 3 === 0,
              stepFree: true,
              womenOnly: g.activities.includes('womens_group'),
              interpreters: i % 4 === 0,
            }),
            `synthetic:${String(i).padStart(3, '0')}`,
          ],
        );
        const checks = ([1, 2, 3] as const)
          .filter((level) => level <= g.level)
          .flatMap((level) => VETTING_CHECKS_BY_LEVEL[level]);
        await em.query(
          `INSERT INTO group_vetting_check (group_id, "check", evidence, verified_at, expires_at, verified_by)
           SELECT $1, c, 'Synthetic evidence', now() - interval '30 days', now() + interval '335 days', $1
             FROM unnest($2::text[]) AS c`,
          [id, checks],
        );
        await em.query(
          `INSERT INTO group_capacity (group_id, places, waitlist_enabled, offer_expiry_days)
           VALUES ($1, 20, true, 14)`,
          [id],
        );
        created.push({ id, organisationId });
      }
      return created;
    });
  }

  private async batch(
    runner: QueryRunner,
    size: number,
    shape: BatchShape,
    context: {
      postcodes: string[];
      workers: string[];
      groups: { id: string; organisationId: string }[];
      tokens: string[];
      person: { givenName: string; nameTokens: Buffer[] };
    },
  ): Promise<void> {
    const countries = COUNTRIES.map(([c]) => c);
    const languages = COUNTRIES.map(([, l]) => l);
    const ethnicities = COUNTRIES.map(([, , e]) => e);
    const religions = COUNTRIES.map(([, , , r]) => r);
    await runner.query(
      `CREATE TEMP TABLE syn ON COMMIT DROP AS
       SELECT d.*,
              ${weightedCase('d.r_channel', CHANNELS)} AS channel,
              ${weightedCase('d.r_status', MIGRANT_STATUSES)} AS migrant_status,
              1 + floor(d.r_country * ${countries.length})::int AS country_idx,
              now() - (${shape.newestDay} + d.r_time * ${shape.oldestDay - shape.newestDay}) * interval '1 day' AS received_at,
              ${weightedCase('d.r_close', CLOSE_REASONS)} AS close_reason,
              ${weightedCase('d.r_decline', DECLINE_REASONS)} AS decline_reason,
              ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[
                  ($1::text[])[1 + floor(d.r_need1 * 16)::int],
                  CASE WHEN d.r_need2 < 0.6 THEN ($1::text[])[1 + floor(d.r_need2 / 0.6 * 16)::int] END,
                  CASE WHEN d.r_need3 < 0.25 THEN ($1::text[])[1 + floor(d.r_need3 / 0.25 * 16)::int] END
                ]) AS x WHERE x IS NOT NULL ORDER BY x) AS reasons
         FROM (SELECT i, gen_random_uuid() AS person_id, gen_random_uuid() AS referral_id,
                      gen_random_uuid() AS case_id, gen_random_uuid() AS placement_id,
                      random() AS r_channel, random() AS r_status, random() AS r_country,
                      random() AS r_time, random() AS r_close, random() AS r_decline,
                      random() AS r_need1, random() AS r_need2, random() AS r_need3,
                      random() AS r_sex, random() AS r_age, random() AS r_postcode,
                      random() AS r_profile, random() AS r_field, random() AS r_arrival,
                      random() AS r_accept, random() AS r_contact, random() AS r_place,
                      random() AS r_group, random() AS r_attend, random() AS r_score,
                      random() AS r_change, random() AS r_worker, random() AS r_days,
                      random() AS r_equity, random() AS r_ethnicity, random() AS r_religion
                 FROM generate_series(1, $2::int) AS i) d`,
      [DOMAINS, size],
    );
    await runner.query(`ALTER TABLE syn ADD COLUMN accepted boolean, ADD COLUMN placed text,
      ADD COLUMN closed boolean, ADD COLUMN worker uuid, ADD COLUMN group_idx int,
      ADD COLUMN service_id uuid`);
    await runner.query(
      `UPDATE syn SET
         accepted = r_accept < CASE WHEN received_at > now() - interval '14 days' THEN 0.3 ELSE 0.78 END,
         closed = ${shape.closeEveryCase} OR (received_at < now() - interval '120 days' AND r_close < 0.999 AND r_days < 0.75),
         placed = CASE WHEN r_place < 0.48 THEN 'accepted' WHEN r_place < 0.6 THEN 'declined'
                       WHEN r_place < 0.66 THEN 'expired' ELSE 'none' END,
         worker = COALESCE(($1::uuid[])[1 + floor(r_worker * cardinality($1::uuid[]))::int], '00000000-0000-4000-8000-000000000001'),
         group_idx = 1 + floor(r_group * $2::int)::int`,
      [context.workers, context.groups.length],
    );
    // Each referral goes to its link worker's service, written out rather than left to the
    // triggers, which would look each parent up row by row.
    await runner.query(
      `UPDATE syn SET service_id = COALESCE(u.service_id, (SELECT id FROM service WHERE is_default))
         FROM syn s2 LEFT JOIN app_user u ON u.id = s2.worker
        WHERE s2.i = syn.i`,
    );
    await runner.query(
      `INSERT INTO person (id, given_name_encrypted, date_of_birth, sex, postcode,
         preferred_language, interpreter_needed, ethnicity, religion, created_at, updated_at,
         service_id)
       SELECT person_id, $3,
              CASE WHEN r_age < 0.05 THEN NULL
                   ELSE (received_at - (16 + floor(power(r_age, 1.3) * 70)) * interval '1 year'
                         - floor(r_days * 360) * interval '1 day')::date END,
              CASE WHEN r_sex < 0.55 THEN 'female' WHEN r_sex < 0.97 THEN 'male' END,
              CASE WHEN r_postcode < 0.08 THEN NULL WHEN r_postcode < 0.11 THEN 'ZZ9 9ZZ'
                   ELSE ($1::text[])[1 + floor(r_postcode * cardinality($1::text[]))::int] END,
              CASE WHEN migrant_status IN ('uk_born') OR r_field < 0.3 THEN 'en'
                   ELSE ($2::text[])[country_idx] END,
              CASE WHEN migrant_status = 'uk_born' THEN false
                   WHEN r_field < 0.5 THEN ($2::text[])[country_idx] <> 'en' END,
              CASE WHEN r_equity < 0.25 THEN NULL
                   WHEN migrant_status = 'uk_born' OR r_field < 0.3
                   THEN ${weightedCase('r_ethnicity', UK_BORN_ETHNICITIES)}
                   ELSE ($4::text[])[country_idx] END,
              CASE WHEN r_equity < 0.4 THEN NULL
                   WHEN migrant_status = 'uk_born' OR r_field < 0.3
                   THEN ${weightedCase('r_religion', UK_BORN_RELIGIONS)}
                   ELSE ($5::text[])[country_idx] END,
              received_at, received_at, service_id
         FROM syn`,
      [context.postcodes, languages, context.person.givenName, ethnicities, religions],
    );
    await runner.query(
      `INSERT INTO person_name_token (person_id, service_id, token)
       SELECT person_id, service_id, t.token FROM syn, unnest($1::bytea[]) AS t(token)`,
      [context.person.nameTokens],
    );
    await runner.query(
      `INSERT INTO migration_profile (person_id, country_of_birth, nationality, year_of_arrival,
         main_language, migrant_status, interpreter_needed, updated_at, service_id)
       SELECT person_id,
              CASE WHEN migrant_status = 'uk_born' THEN 'GB' WHEN r_field < 0.35 THEN NULL
                   ELSE ($1::text[])[country_idx] END,
              CASE WHEN migrant_status = 'uk_born' THEN 'GB' WHEN r_field < 0.55 THEN NULL
                   ELSE ($1::text[])[country_idx] END,
              CASE WHEN migrant_status = 'uk_born' OR r_arrival < 0.4 THEN NULL
                   ELSE (extract(year FROM received_at) - floor(power(r_arrival, 2) * 25))::smallint END,
              CASE WHEN migrant_status = 'uk_born' THEN 'en' WHEN r_field < 0.45 THEN NULL
                   ELSE ($2::text[])[country_idx] END,
              migrant_status,
              CASE WHEN migrant_status = 'uk_born' THEN false WHEN r_field < 0.4 THEN NULL
                   ELSE ($2::text[])[country_idx] <> 'en' END,
              received_at, service_id
         FROM syn WHERE accepted AND r_profile < 0.85`,
      [countries, languages],
    );
    await runner.query(
      `INSERT INTO referral (id, reference, status, channel, person_id, person_details_encrypted, reasons,
         urgency, consent_referral_discussed, consent_date, consent_share_with_providers,
         assigned_link_worker_id, assigned_at, first_contact_at, accepted_at, case_id, declined_at,
         decline_reason, received_at, updated_at, service_id)
       SELECT referral_id, 'SYN-' || upper(substr(md5(referral_id::text), 1, 14)),
              CASE WHEN accepted THEN 'accepted'
                   WHEN received_at > now() - interval '14 days' THEN 'assigned' ELSE 'declined' END,
              channel, person_id, ($1::text[])[1 + (i % cardinality($1::text[]))], reasons,
              CASE WHEN r_days < 0.8 THEN 'routine' WHEN r_days < 0.95 THEN 'soon' ELSE 'urgent' END,
              true, received_at::date, r_contact < 0.85,
              worker, received_at + interval '4 hours',
              CASE WHEN accepted OR r_contact < 0.7
                   THEN received_at + power(r_contact, 2) * interval '14 days' END,
              CASE WHEN accepted THEN received_at + interval '1 day' + r_days * interval '10 days' END,
              CASE WHEN accepted THEN case_id END,
              CASE WHEN NOT accepted AND received_at <= now() - interval '14 days'
                   THEN received_at + interval '12 days' END,
              CASE WHEN NOT accepted AND received_at <= now() - interval '14 days'
                   THEN CASE WHEN r_contact < 0.5 THEN 'unable_to_contact' WHEN r_contact < 0.8
                             THEN 'person_declined' ELSE 'redirected' END END,
              received_at, received_at, service_id
         FROM syn`,
      [context.tokens],
    );
    await runner.query(
      `INSERT INTO support_case (id, person_id, referral_id, link_worker_id, status, opened_at, closed_at,
         close_reason, review_by, required_level, consent_to_share, created_at, updated_at,
         service_id)
       SELECT case_id, person_id, referral_id, worker,
              CASE WHEN closed THEN 'closed' ELSE 'open' END,
              received_at + interval '1 day' + r_days * interval '10 days',
              CASE WHEN closed
                   THEN LEAST(received_at + interval '90 days' + r_change * interval '60 days', now()) END,
              CASE WHEN closed THEN close_reason END,
              CASE WHEN NOT closed THEN (now() + interval '30 days')::date END,
              CASE WHEN migrant_status IN ('trafficked_person') THEN 3
                   WHEN migrant_status = 'unaccompanied_child' OR r_score < 0.08 THEN 2 ELSE 1 END,
              true, received_at, received_at, service_id
         FROM syn WHERE accepted`,
    );
    await runner.query(
      `INSERT INTO placement (id, case_id, person_id, link_worker_id, group_id, group_organisation_id,
         status, offered_at, expires_at, responded_at, decline_reason, end_reason, ended_at, created_by,
         created_at, updated_at, service_id)
       SELECT placement_id, case_id, person_id, worker,
              ($1::uuid[])[group_idx], ($2::uuid[])[group_idx],
              CASE WHEN placed = 'accepted' AND (closed OR received_at < now() - interval '120 days')
                   THEN 'ended' ELSE placed END,
              received_at + interval '5 days', received_at + interval '19 days',
              CASE WHEN placed IN ('accepted', 'declined')
                   THEN received_at + interval '6 days' + power(r_days, 2) * interval '20 days' END,
              CASE WHEN placed = 'declined' THEN decline_reason END,
              CASE WHEN placed = 'accepted' AND (closed OR received_at < now() - interval '120 days')
                   THEN 'completed' END,
              CASE WHEN placed = 'accepted' AND (closed OR received_at < now() - interval '120 days')
                   THEN LEAST(received_at + interval '90 days', now()) END,
              worker, received_at + interval '5 days', received_at + interval '6 days', service_id
         FROM syn
        WHERE accepted AND placed <> 'none'`,
      [context.groups.map((g) => g.id), context.groups.map((g) => g.organisationId)],
    );
    await runner.query(
      `INSERT INTO placement_attendance (placement_id, date, attended, recorded_by, recorded_at,
         service_id)
       SELECT s.placement_id, (s.received_at + interval '1 day' * (30 + 7 * k))::date,
              k = 0 OR s.r_attend < 0.7, s.worker, s.received_at + interval '1 day' * (30 + 7 * k),
              s.service_id
         FROM syn s JOIN placement p ON p.id = s.placement_id, generate_series(0, 2) AS k
        WHERE p.status IN ('accepted', 'ended') AND s.r_attend < 0.82 AND k <= floor(s.r_attend * 3)`,
    );
    await runner.query(
      `WITH assessed AS (
         INSERT INTO needs_assessment (id, case_id, assessed_at, assessed_by, service_id)
         SELECT gen_random_uuid(), case_id, received_at + interval '3 days', worker, service_id
           FROM syn WHERE accepted
         RETURNING id, case_id)
       INSERT INTO need_rating (assessment_id, domain, severity, priority, situational, service_id)
       SELECT a.id, d.domain, 1 + floor(random() * 4)::int, d.n = 1,
              d.domain IN ('housing', 'safety', 'immigration_legal', 'money', 'food'), s.service_id
         FROM assessed a JOIN syn s ON s.case_id = a.case_id,
              unnest(s.reasons) WITH ORDINALITY AS d(domain, n)`,
    );
    await this.sessions(runner);
    await runner.query(
      `WITH scored AS (
         SELECT case_id, worker, received_at, closed, service_id,
                7 + floor(power(r_score, 0.8) * 22)::int AS baseline,
                LEAST(35, GREATEST(7, 7 + floor(power(r_score, 0.8) * 22)::int
                  + round((r_change - 0.35) * 10)::int)) AS later
           FROM syn WHERE accepted AND r_score < 0.6
       )
       INSERT INTO outcome_measure (case_id, instrument, timepoint, answers, scores, recorded_at, recorded_by,
         service_id)
       SELECT case_id, 'SWEMWBS', t.timepoint,
              ARRAY(SELECT (t.raw / 7 + CASE WHEN k <= t.raw % 7 THEN 1 ELSE 0 END)::smallint
                      FROM generate_series(1, 7) k),
              jsonb_build_object('raw', t.raw, 'metric', ($1::float8[])[t.raw - 6]),
              LEAST(received_at + t.after, now()), worker, service_id
         FROM scored,
              LATERAL (VALUES ('baseline', baseline, interval '3 days'),
                              ('exit', later, interval '88 days')) AS t(timepoint, raw, after)
        WHERE t.timepoint = 'baseline' OR closed`,
      [SWEMWBS_METRIC],
    );
  }

  /**
   * A case's contacts, about weekly from when it opened (or its first contact) until it closed:
   * one to six of them. A session (SESSION_MODES: not a text or an email) may have been a
   * booked appointment: attended ones are recorded as the contact, and about one in seven was
   * missed, with no contact. Feeds the link workers' activity.
   */
  private async sessions(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TEMP TABLE syn_session ON COMMIT DROP AS
       SELECT *, mode = ANY ($1::text[]) AS session,
              mode = ANY ($1::text[]) AND r_booked < 0.6 AS booked
         FROM (SELECT s.case_id, s.worker, s.service_id, k.opened_at, c.at,
                      ${weightedCase('c.r_mode', CONTACT_MODES)} AS mode, c.r_booked,
                      c.r_missed < 0.15 AS missed,
                      gen_random_uuid() AS contact_id, gen_random_uuid() AS appointment_id
                 FROM syn s
                 JOIN support_case k ON k.id = s.case_id
                 CROSS JOIN LATERAL (
                   SELECT GREATEST(k.opened_at, r.first_contact_at) + n * interval '7 days'
                            + random() * interval '3 days' AS at,
                          random() AS r_mode, random() AS r_booked, random() AS r_missed
                     FROM referral r, generate_series(0, floor(random() * 6)::int) AS n
                    WHERE r.id = s.referral_id) c
                WHERE s.accepted AND c.at < COALESCE(k.closed_at, now())) drawn`,
      [SESSION_MODES],
    );
    await runner.query(
      `INSERT INTO appointment (id, case_id, link_worker_id, starts_at, duration_minutes, mode,
         status, outcome_recorded_at, outcome_recorded_by, contact_id, booked_by, created_at,
         updated_at, service_id)
       SELECT appointment_id, case_id, worker, at, 45, mode,
              CASE WHEN missed THEN 'did_not_attend' ELSE 'attended' END,
              LEAST(at + interval '1 hour', now()), worker,
              CASE WHEN NOT missed THEN contact_id END, worker,
              GREATEST(opened_at, at - interval '7 days'),
              LEAST(at + interval '1 hour', now()), service_id
         FROM syn_session WHERE booked`,
    );
    await runner.query(
      `INSERT INTO case_contact (id, case_id, at, mode, duration_minutes, appointment_id,
         recorded_by, recorded_at, service_id)
       SELECT contact_id, case_id, at, mode, CASE WHEN session THEN 45 END,
              CASE WHEN booked THEN appointment_id END, worker, LEAST(at + interval '1 hour', now()),
              service_id
         FROM syn_session WHERE NOT (booked AND missed)`,
    );
  }

  /** Places reserved by offered, accepted or paused placements, so capacity stays consistent. */
  private async reconcileCapacity(runner: QueryRunner): Promise<void> {
    await runner.query(
      `UPDATE group_capacity gc
          SET reserved = r.n, places = GREATEST(gc.places, r.n + 5)
         FROM (SELECT g.id, count(p.id) FILTER (WHERE p.status IN ('offered', 'accepted', 'paused'))::int AS n
                 FROM community_group g LEFT JOIN placement p ON p.group_id = g.id
                WHERE g.external_id LIKE 'synthetic:%' GROUP BY g.id) r
        WHERE gc.group_id = r.id`,
    );
  }
}
