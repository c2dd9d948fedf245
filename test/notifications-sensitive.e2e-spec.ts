import { PERSON_SEAL, phoneToken, type PersonSeal } from '../src/casework/person-seal';
import { DigestJob } from '../src/notifications/digest.job';
import { OutboxWorker } from '../src/notifications/outbox.worker';
import { PersonRemindersJob } from '../src/notifications/person-reminders.job';
import {
  buildMatrixWorld,
  MARKERS,
  SENSITIVE_CODES,
  type MatrixWorld,
} from './support/matrix-world';
import { newPlacementGroup } from './support/placements-factory';
import { TestContext } from './support/test-app';

const DAY = 86_400_000;

/** Words that would tell a reader why a person is supported: never in any message. */
const SENSITIVE_WORDS = [
  ...Object.values(MARKERS),
  ...SENSITIVE_CODES,
  ...SENSITIVE_CODES.map((c) => c.replace(/_/g, ' ')),
  'trafficking',
  'torture',
  'asylum',
  'immigration',
  'safeguarding',
  'crisis',
  'mental health',
  'low mood',
];

/**
 * Every message one person's whole journey causes (referrer, coordinator, link worker, the
 * person's own texts and the digests), rendered and read back from the outbox and the in-app
 * list: none carries immigration, safeguarding, crisis or health detail, or the family name.
 */
describe('notifications carry no sensitive detail', () => {
  let ctx: TestContext;
  let world: MatrixWorld;

  beforeAll(async () => {
    ctx = await TestContext.create({ SMS_CONTACT_PHONE: '0115 496 0000' });
    world = await buildMatrixWorld(ctx);
  }, 120_000);
  afterAll(() => ctx.close());

  it('scans every rendered message of a full journey for the case’s sensitive strings', async () => {
    const lw = world.owners.link_worker;
    const caseUrl = `/api/cases/${world.caseId}`;
    // Names and contact details are sealed at rest (person-seal.ts): the phone goes in as the app writes it.
    const seal = ctx.app.get<PersonSeal>(PERSON_SEAL);
    await ctx.db.query('UPDATE person SET phone_encrypted = $2, phone_index = $3 WHERE id = $1', [
      world.personId,
      seal.cipher.encrypt('07700 900777'),
      phoneToken(seal, '07700 900777'),
    ]);
    await ctx.http
      .put(`${caseUrl}/text-consent`)
      .set('Authorization', lw.auth)
      .send({ agreedOn: '2026-01-20' })
      .expect(200);
    const group = await newPlacementGroup(ctx, { places: 2, waitlistEnabled: true }, 3);
    const placed = await ctx.http
      .post(`${caseUrl}/placements`)
      .set('Authorization', lw.auth)
      .send({ groupId: group.id })
      .expect(201);
    await ctx.http
      .post(`/api/placements/${placed.body.id}/accept`)
      .set('Authorization', group.coordinator.auth)
      .send({ firstSessionAt: new Date(Date.now() + DAY).toISOString() })
      .expect(200);
    await ctx.app.get(PersonRemindersJob).run(new Date());
    await ctx.db.query(`UPDATE support_case SET review_by = '2026-01-02' WHERE id = $1`, [
      world.caseId,
    ]);
    await ctx.app.get(DigestJob).run(new Date());
    await ctx.http
      .post(`${caseUrl}/close`)
      .set('Authorization', lw.auth)
      .send({ reason: 'goals_met' })
      .expect(200);
    await ctx.app.get(OutboxWorker).deliverDue(new Date());

    const { rows: messages } = await ctx.db.query<{
      event: string;
      subject: string | null;
      body: string;
    }>('SELECT event, subject, body FROM notification_outbox');
    const { rows: notes } = await ctx.db.query<{ text: string }>('SELECT text FROM notification');
    const events = new Set(messages.map((m) => m.event));
    for (const expected of [
      'referral.received',
      'referral.accepted',
      'placement.offered',
      'placement.started',
      'placement.starts_tomorrow',
      'digest.daily',
      'case.closed',
    ])
      expect(events).toContain(expected);

    const texts = [
      ...messages.map((m) => `${m.event}: ${m.subject ?? ''}\n${m.body}`),
      ...notes.map((n) => n.text),
    ];
    const leaks = texts.flatMap((text) =>
      SENSITIVE_WORDS.filter((w) => text.toLowerCase().includes(w.toLowerCase())).map(
        (w) => `"${w}" in ${text.slice(0, 80)}`,
      ),
    );
    expect(leaks).toEqual([]);
  });
});
