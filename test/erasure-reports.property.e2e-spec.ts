import { createReadStream } from 'node:fs';
import { PERSON_SEAL, type PersonSeal } from '../src/casework/person-seal';
import { DIMENSIONS } from '../src/reports/service-access/dimensions';
import { EQUITY_DIMENSIONS } from '../src/reports/equity/equity.types';
import { PopulationImportService } from '../src/reports/population/population-import.service';
import {
  populationSourceOf,
  SAMPLE_POPULATION_FILES,
} from '../src/reports/population/sample-population';
import { ReportsFactory, type JourneyOptions } from './support/reports-factory';
import { TestContext, type TestUser } from './support/test-app';

/** Change it (PROPERTY_SEED=…) to explore other histories; a failure names the seed that found it. */
const SEED = Number(process.env.PROPERTY_SEED ?? 22_2026);
const ROUNDS = 2;
const PEOPLE_PER_ROUND = 14;
const PERIOD = 'from=2026-01-01&to=2026-12-31';

/** mulberry32: small, seeded, the same sequence on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const chance = (p: number) => next() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { pick, chance, int };
}
type Random = ReturnType<typeof random>;

const pad = (n: number) => String(n).padStart(2, '0');
const DOMAINS = ['housing', 'money', 'social_connection', 'mental_health', 'language'];
const LANGUAGES = ['en', 'ar', 'fa', 'ti', null];

/** A random journey over few enough categories that many cells pass the threshold. */
function randomJourney(r: Random, groups: string[]): JourneyOptions {
  const day = `2026-${pad(r.int(1, 10))}-${pad(r.int(1, 28))}`;
  const accepted = r.chance(0.7);
  const placed = accepted && r.chance(0.5);
  return {
    channel: r.pick(['gp_practice', 'charity', 'self'] as const),
    receivedAt: `${day}T${pad(r.int(0, 23))}:30:00Z`,
    // At least one, each once, as every door and the database require.
    reasons: [...new Set(DOMAINS.filter(() => r.chance(0.4)).concat('social_connection'))].slice(
      0,
      3,
    ),
    sex: r.pick(['female', 'male', 'prefer_not_to_say', 'Woman', null]),
    // Birthdays near the referral day, and none, test the band at the referral date.
    dateOfBirth: r.chance(0.85)
      ? `${r.int(1935, 2016)}-${day.slice(5, 7)}-${pad(r.int(1, 28))}`
      : null,
    postcode: r.pick(['NG7 1AA', 'ng71aa', 'NG2 6AA', 'ZZ9 9ZZ', null]),
    preferredLanguage: r.pick(LANGUAGES),
    ...(r.chance(0.8)
      ? {
          migrantStatus: r.pick([
            'refugee',
            'asylum_seeker',
            'uk_born',
            'not_recorded',
            null,
          ] as const),
          countryOfBirth: r.pick(['AF', 'SY', 'ER', 'GB', 'PL', null]),
          yearOfArrival: r.chance(0.8) ? r.int(1990, 2027) : null,
        }
      : {}),
    accepted,
    firstContactAfterDays: r.chance(0.8) ? r.int(0, 20) : undefined,
    placedAfterDays: placed ? r.int(3, 40) : undefined,
    groupId: placed ? r.pick(groups) : undefined,
    attended: placed && r.chance(0.6),
    completed: accepted && r.chance(0.3),
    swemwbs: accepted && r.chance(0.5) ? [r.int(15, 25), r.int(15, 30)] : undefined,
    needs: accepted
      ? DOMAINS.filter(() => r.chance(0.5)).map((domain) => ({ domain, severity: r.int(0, 4) }))
      : undefined,
    requiredLevel: r.int(1, 3),
  };
}

/**
 * Issue 22's promise, over random histories: erasing any people leaves every breakdown of the
 * service-access, unmet-need, group-utilisation and equity reports exactly as it was, and every
 * referral's report facts with them.
 */
describe('erasure keeps every report figure (property over random histories)', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let make: ReportsFactory;
  let seal: PersonSeal;

  beforeAll(async () => {
    ctx = await TestContext.create({ SUPPRESSION_THRESHOLD: '2' });
    admin = await ctx.newUser('admin');
    make = new ReportsFactory(ctx.db);
    seal = ctx.app.get<PersonSeal>(PERSON_SEAL);
    await make.postcodeAreas();
    const population = ctx.app.get(PopulationImportService);
    for (const file of SAMPLE_POPULATION_FILES) {
      await population.import(createReadStream(file), { source: populationSourceOf(file) });
    }
  });
  afterAll(() => ctx.close());

  const get = async (path: string) => {
    const res = await ctx.http.get(path).set('Authorization', admin.auth);
    expect(res.status).toBe(200);
    return JSON.parse(
      JSON.stringify(res.body, (key, value: unknown) =>
        key === 'generatedAt' ? undefined : value,
      ),
    ) as unknown;
  };

  /** Every breakdown the four reports publish, by path. */
  async function everyBreakdown(): Promise<Record<string, unknown>> {
    const paths = [
      `/api/reports/service-access?${PERIOD}&by=${DIMENSIONS.join(',')}`,
      ...DIMENSIONS.map((d) => `/api/reports/service-access?${PERIOD}&by=${d}`),
      ...EQUITY_DIMENSIONS.map((d) => `/api/reports/equity?${PERIOD}&by=${d}`),
      `/api/reports/unmet-need?${PERIOD}`,
      `/api/reports/group-utilisation?${PERIOD}`,
    ];
    const out: Record<string, unknown> = {};
    for (const path of paths) out[path] = await get(path);
    return out;
  }

  /** Every referral's facts as the reports read them (whether live or frozen aside). */
  const facts = async () =>
    (await ctx.db.query('SELECT * FROM report_referral_facts ORDER BY id')).rows.map(
      ({ frozen: _frozen, ...rest }: Record<string, unknown>) => rest,
    );

  it(`gives identical figures in every breakdown after erasing random people (seed ${SEED})`, async () => {
    const r = random(SEED);
    const groups = [
      await make.group({
        name: 'Walk',
        needsServed: ['social_connection', 'mental_health'],
        level: 1,
      }),
      await make.group({
        name: 'Cafe',
        needsServed: ['language', 'money'],
        languages: ['ar', 'fa'],
        level: 3,
      }),
    ];
    const living: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < PEOPLE_PER_ROUND; i++) {
        const { personId } = await make.journey(randomJourney(r, groups));
        await ctx.db.query(
          `UPDATE person SET given_name_encrypted = $2, ethnicity = $3, religion = $4 WHERE id = $1`,
          [
            personId,
            seal.cipher.encrypt(`Person${round}x${i}`),
            r.pick(['white_british', 'asian_indian', 'black_african', 'prefer_not_to_say', null]),
            r.pick(['no_religion', 'muslim', null]),
          ],
        );
        await ctx.db.query(
          'UPDATE migration_profile SET nationality = $2, main_language = $3 WHERE person_id = $1',
          [personId, r.pick(['AF', 'SY', null]), r.pick(LANGUAGES)],
        );
        living.push(personId);
      }
      const factsBefore = await facts();
      const before = await everyBreakdown();

      const erased = living.filter(() => r.chance(0.4));
      expect(erased.length).toBeGreaterThan(0);
      for (const personId of erased) {
        const res = await ctx.http
          .post(`/api/people/${personId}/erase`)
          .set('Authorization', admin.auth)
          .send({});
        expect(res.status).toBe(200);
        living.splice(living.indexOf(personId), 1);
      }

      const { rows } = await ctx.db.query(
        `SELECT count(*)::int AS n FROM person
          WHERE erased_at IS NOT NULL AND (date_of_birth IS NOT NULL OR postcode IS NOT NULL)`,
      );
      expect(rows[0].n).toBe(0);
      expect(await facts()).toEqual(factsBefore);
      expect(await everyBreakdown()).toEqual(before);
    }
  });
});
