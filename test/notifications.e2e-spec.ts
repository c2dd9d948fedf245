import { EventEmitter2 } from '@nestjs/event-emitter';
import { addDays } from '../src/casework/casework-dates';
import { emitInTurn } from '../src/common/events/emit-in-turn';
import { ukDate } from '../src/common/uk-date';
import { translate } from '../src/common/i18n/i18n';
import { DigestJob } from '../src/notifications/digest.job';
import { OutboxWorker } from '../src/notifications/outbox.worker';
import { PersonRemindersJob } from '../src/notifications/person-reminders.job';
import { PlacementJobsService } from '../src/placements/placement-jobs.service';
import { REFERRAL_RECEIVED } from '../src/referrals/referrals.events';
import { ALL_SERVICES, ScopedTransactions } from '../src/services/scoped-transactions';
import {
  EMAIL_TEMPLATE_ID,
  FAKE_API_KEY,
  FakeNotify,
  SMS_TEMPLATE_ID,
} from './support/fake-notify';
import { newPlacementGroup, offer } from './support/placements-factory';
import { assignReferral, createReferral } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

const DAY = 86_400_000;
const CONTACT_PHONE = '0115 496 0000';

interface OutboxRow {
  id: string;
  event: string;
  channel: string;
  status: string;
  attempts: number;
  subject: string | null;
  body: string;
  recipient_user_id: string | null;
  recipient_person_id: string | null;
  provider_id: string | null;
  service_id: string;
}

/**
 * Notifications through the real notifications-node-client against a local fake GOV.UK Notify
 * that checks what Notify checks (the JWT, template ids, personalisation, phone numbers).
 */
describe('notifications: the closed loop through GOV.UK Notify', () => {
  let ctx: TestContext;
  let notify: FakeNotify;
  let worker: OutboxWorker;
  let admin: TestUser;
  let referrer: TestUser;
  let lw: TestUser;

  beforeAll(async () => {
    notify = await FakeNotify.start();
    ctx = await TestContext.create({
      NOTIFY_API_KEY: FAKE_API_KEY,
      NOTIFY_BASE_URL: notify.url,
      NOTIFY_EMAIL_TEMPLATE_ID: EMAIL_TEMPLATE_ID,
      NOTIFY_SMS_TEMPLATE_ID: SMS_TEMPLATE_ID,
      NOTIFICATIONS_MAX_ATTEMPTS: '5',
      NOTIFICATIONS_RETRY_BASE_SECONDS: '10',
      PUBLIC_URL: 'https://linkway.example',
      SMS_CONTACT_PHONE: CONTACT_PHONE,
    });
    worker = ctx.app.get(OutboxWorker);
    admin = await ctx.newUser('admin');
    referrer = await ctx.newUser('referrer');
    lw = await ctx.newUser('link_worker');
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
    await notify.close();
  });
  afterEach(() => {
    expect(notify.rejected).toEqual([]);
    notify.healthy();
  });

  const as = (u: TestUser) => ({ Authorization: u.auth });
  const rows = async (where: string, params: unknown[] = []) =>
    (
      await ctx.db.query<OutboxRow>(
        `SELECT * FROM notification_outbox WHERE ${where} ORDER BY created_at, id`,
        params,
      )
    ).rows;
  /** Sends everything due at `at` (default now), however many rounds that takes. */
  async function deliver(at = new Date()) {
    let total = 0;
    for (;;) {
      const run = await worker.deliverDue(at);
      total += run.claimed;
      if (run.claimed === 0) return total;
    }
  }
  async function acceptedCase(person: Record<string, unknown> = {}) {
    const referral = await createReferral(ctx, referrer, { person });
    expect((await assignReferral(ctx, admin, referral.id, lw.id)).status).toBe(200);
    const res = await ctx.http.post(`/api/referrals/${referral.id}/accept`).set(as(lw)).expect(201);
    return { referral, caseId: res.body.caseId as string };
  }

  it('emails the referrer that the referral was received, through Notify, then delivered', async () => {
    const referral = await createReferral(ctx, referrer);
    const [row] = await rows('event = $1 AND recipient_user_id = $2', [
      'referral.received',
      referrer.id,
    ]);
    expect(row).toMatchObject({ channel: 'email', status: 'queued', attempts: 0 });

    await deliver();
    const [sent] = notify.byReference(row.id);
    expect(sent).toMatchObject({ type: 'email', to: referrer.email });
    expect(sent.personalisation.subject).toBe(`Linkway: Referral ${referral.reference} received`);
    expect(sent.personalisation.body).toContain(referral.reference);
    expect(sent.personalisation.body).toContain('https://linkway.example/referrals/mine');
    expect((await rows('id = $1', [row.id]))[0]).toMatchObject({
      status: 'sent',
      attempts: 1,
      provider_id: sent.id,
    });

    await worker.refreshStatuses(new Date());
    expect((await rows('id = $1', [row.id]))[0].status).toBe('delivered');
  });

  it('writes nothing when the change that caused a message rolls back', async () => {
    const before = await ctx.count('notification_outbox');
    const notes = await ctx.count('notification');
    await expect(
      ctx.app.get(ScopedTransactions).run(ALL_SERVICES, async (manager) => {
        const serviceId = (
          await manager.query<{ id: string }[]>('SELECT id FROM service WHERE is_default')
        )[0].id;
        await emitInTurn(ctx.app.get(EventEmitter2), REFERRAL_RECEIVED, {
          referralId: '6f1c1a5e-0000-4000-8000-000000000001',
          reference: 'LW-2026-999999',
          serviceId,
          organisationId: referrer.organisationId,
          createdById: referrer.id,
          manager,
        });
        throw new Error('the referral could not be stored');
      }),
    ).rejects.toThrow('could not be stored');
    expect(await ctx.count('notification_outbox')).toBe(before);
    expect(await ctx.count('notification')).toBe(notes);
  });

  it('tells the referrer of acceptance, a group place starting and the end of support', async () => {
    const { referral, caseId } = await acceptedCase();
    const group = await newPlacementGroup(ctx, { places: 2 });
    const placement = await offer(ctx, lw, caseId, group.id).expect(201);
    await ctx.http
      .post(`/api/placements/${placement.body.id}/accept`)
      .set(as(group.coordinator))
      .send({})
      .expect(200);
    await ctx.http
      .post(`/api/cases/${caseId}/close`)
      .set(as(lw))
      .send({ reason: 'goals_met' })
      .expect(200);

    const toReferrer = await rows('recipient_user_id = $1 AND body LIKE $2', [
      referrer.id,
      `%${referral.reference}%`,
    ]);
    expect(toReferrer.map((r) => r.event)).toEqual([
      'referral.received',
      'referral.accepted',
      'placement.started',
      'case.closed',
    ]);
    const closed = toReferrer[3];
    expect(closed.body).toContain(`https://linkway.example/referrals/${referral.id}/message-back`);
    expect(closed.body).toContain('PRSB Social Prescribing Information Standard');
    // The coordinator was emailed the offer; the referrer never learns the group's name.
    const [toGroup] = await rows('recipient_user_id = $1 AND event = $2', [
      group.coordinator.id,
      'placement.offered',
    ]);
    expect(toGroup.subject).toBe(`Linkway: A new offer of a place in ${group.name}`);
    expect(toReferrer.some((r) => r.body.includes(group.name))).toBe(false);

    await deliver();
    for (const r of toReferrer) expect(notify.byReference(r.id)).toHaveLength(1);
  });

  it('tells the group whether the link worker withdrew an offer it had not answered or ended a placement', async () => {
    const group = await newPlacementGroup(ctx, { places: 2 });
    const end = (id: string) =>
      ctx.http
        .post(`/api/placements/${id}/end`)
        .set(as(lw))
        .send({ reason: 'completed' })
        .expect(200);
    const unanswered = await offer(ctx, lw, (await acceptedCase()).caseId, group.id).expect(201);
    await end(unanswered.body.id);
    const started = await offer(ctx, lw, (await acceptedCase()).caseId, group.id).expect(201);
    await ctx.http
      .post(`/api/placements/${started.body.id}/accept`)
      .set(as(group.coordinator))
      .send({})
      .expect(200);
    await end(started.body.id);

    const inApp = await ctx.http.get('/api/notifications').set(as(group.coordinator)).expect(200);
    const about = (id: string) =>
      inApp.body.items
        .filter((n: { link: string }) => n.link === `/placements/${id}`)
        .map((n: { text: string }) => n.text);
    expect(about(unanswered.body.id)).toContain(
      'An offer of a place with your group was withdrawn by the person’s link worker. There is nothing to answer.',
    );
    expect(about(unanswered.body.id)).not.toContain('A placement with your group has ended.');
    expect(about(started.body.id)).toContain('A placement with your group has ended.');
  });

  it('gives the decline reason to the referrer in plain words', async () => {
    const referral = await createReferral(ctx, referrer);
    await assignReferral(ctx, admin, referral.id, lw.id).expect(200);
    await ctx.http
      .post(`/api/referrals/${referral.id}/decline`)
      .set(as(lw))
      .send({ reason: 'unable_to_contact', note: 'Phone switched off every time' })
      .expect(200);
    const [declined] = await rows('event = $1 AND body LIKE $2', [
      'referral.declined',
      `%${referral.reference}%`,
    ]);
    expect(declined.body).toContain(
      'We were not able to contact the person after several attempts.',
    );
    expect(declined.body).not.toContain('Phone switched off');
  });

  it('tells coordinators of an offer that expires tomorrow and of a waitlisted person offered a place', async () => {
    const group = await newPlacementGroup(ctx, {
      places: 1,
      waitlistEnabled: true,
      offerExpiryDays: 7,
    });
    const first = await acceptedCase();
    const second = await acceptedCase();
    await offer(ctx, lw, first.caseId, group.id).expect(201);
    const waiting = await offer(ctx, lw, second.caseId, group.id).expect(201);
    expect(waiting.body.status).toBe('waitlisted');

    const jobs = ctx.app.get(PlacementJobsService);
    await jobs.expireOverdueOffers(new Date(Date.now() + 6.5 * DAY));
    const coordinatorRows = () =>
      rows('recipient_user_id = $1', [group.coordinator.id]).then((r) => r.map((x) => x.event));
    expect(await coordinatorRows()).toEqual(['placement.offered', 'placement.expiring']);

    await jobs.expireOverdueOffers(new Date(Date.now() + 7.5 * DAY));
    expect(await coordinatorRows()).toEqual([
      'placement.offered',
      'placement.expiring',
      'placement.offered_from_waitlist',
    ]);
    const [freed] = await rows('recipient_user_id = $1 AND event = $2', [
      group.coordinator.id,
      'placement.offered_from_waitlist',
    ]);
    expect(freed.subject).toContain('A waitlisted person has been offered a place');
  });

  describe('texts to the person', () => {
    async function startingTomorrow(caseId: string, language = 'ar') {
      await ctx.db.query(
        `UPDATE person SET preferred_language = $2
          WHERE id = (SELECT person_id FROM support_case WHERE id = $1)`,
        [caseId, language],
      );
      const group = await newPlacementGroup(ctx, { places: 3 });
      const placement = await offer(ctx, lw, caseId, group.id).expect(201);
      const startsAt = new Date(Date.now() + DAY);
      await ctx.http
        .post(`/api/placements/${placement.body.id}/accept`)
        .set(as(group.coordinator))
        .send({ firstSessionAt: startsAt.toISOString() })
        .expect(200);
      return { group, startsAt, placementId: placement.body.id as string };
    }
    const personOf = async (caseId: string) =>
      (
        await ctx.db.query<{ person_id: string }>(
          'SELECT person_id FROM support_case WHERE id = $1',
          [caseId],
        )
      ).rows[0].person_id;

    it('texts nobody who has not agreed to texts', async () => {
      const { caseId } = await acceptedCase();
      await startingTomorrow(caseId);
      await ctx.app.get(PersonRemindersJob).run(new Date());
      expect(await rows('recipient_person_id = $1', [await personOf(caseId)])).toEqual([]);
    });

    it('reminds a person who agreed of their group’s start, in their language, once', async () => {
      const { caseId } = await acceptedCase({ phone: '07700 900461' });
      const consent = await ctx.http
        .put(`/api/cases/${caseId}/text-consent`)
        .set(as(lw))
        .send({ agreedOn: '2026-01-20' })
        .expect(200);
      expect(consent.body).toMatchObject({
        status: 'agreed',
        agreedOn: '2026-01-20',
        mobile: '•••••••461',
      });
      const { group, startsAt } = await startingTomorrow(caseId, 'ar');

      const job = ctx.app.get(PersonRemindersJob);
      expect((await job.run(new Date())).queued).toBeGreaterThanOrEqual(1);
      await job.run(new Date()); // a second run queues nothing more
      const personId = await personOf(caseId);
      const texts = await rows('recipient_person_id = $1', [personId]);
      expect(texts).toHaveLength(1);
      const expected = translate('ar', 'sms.groupStartReminder', {
        groupName: group.name,
        when: startsAt,
        address: 'NG7 1AA',
        phone: CONTACT_PHONE,
      });
      expect(texts[0]).toMatchObject({ channel: 'sms', event: 'placement.starts_tomorrow' });
      expect(texts[0].body).toBe(expected);

      await deliver();
      const [sent] = notify.byReference(texts[0].id);
      expect(sent).toMatchObject({ type: 'sms', to: '+447700900461' });
      expect(sent.personalisation).toEqual({ body: expected });
    });

    it('reminds a person who agreed of tomorrow’s appointments: with whom, when and where, once', async () => {
      const { caseId } = await acceptedCase({ givenName: 'Selam', phone: '07700 900463' });
      await ctx.http
        .put(`/api/cases/${caseId}/text-consent`)
        .set(as(lw))
        .send({ agreedOn: '2026-01-22' })
        .expect(200);
      await ctx.db.query(
        `UPDATE person SET preferred_language = 'ti'
          WHERE id = (SELECT person_id FROM support_case WHERE id = $1)`,
        [caseId],
      );
      const tomorrow = addDays(ukDate(), 1);
      const book = (body: object) =>
        ctx.http.post(`/api/cases/${caseId}/appointments`).set(as(lw)).send(body).expect(201);
      const visit = await book({
        startsAt: `${tomorrow}T14:30:00`,
        durationMinutes: 45,
        mode: 'face_to_face',
        location: 'Hyson Green Library',
      });
      const call = await book({
        startsAt: `${tomorrow}T16:00:00`,
        durationMinutes: 20,
        mode: 'phone',
      });
      const cancelled = await book({
        startsAt: `${tomorrow}T11:00:00`,
        durationMinutes: 30,
        mode: 'home_visit',
        location: '12 Alfreton Road',
      });
      await ctx.http
        .post(`/api/appointments/${cancelled.body.id}/cancel`)
        .set(as(lw))
        .send({})
        .expect(200);
      await book({
        startsAt: `${addDays(ukDate(), 2)}T10:00:00`,
        durationMinutes: 30,
        mode: 'phone',
      });

      const job = ctx.app.get(PersonRemindersJob);
      await job.run(new Date());
      await job.run(new Date()); // a second run queues nothing more
      const texts = await rows('recipient_person_id = $1', [await personOf(caseId)]);
      expect(texts.map((t) => [t.channel, t.event])).toEqual([
        ['sms', 'appointment.tomorrow'],
        ['sms', 'appointment.tomorrow'],
      ]);
      const { rows: named } = await ctx.db.query<{ name: string }>(
        'SELECT name FROM app_user WHERE id = $1',
        [lw.id],
      );
      const expected = (startsAt: string, place: string) =>
        translate('ti', 'sms.appointmentReminder', {
          linkWorkerName: named[0].name,
          when: new Date(startsAt),
          place,
          phone: CONTACT_PHONE,
        });
      expect(texts.map((t) => t.body).sort()).toEqual(
        [
          expected(visit.body.startsAt, 'Hyson Green Library'),
          expected(call.body.startsAt, translate('ti', 'selfReferral.contact.methods.phone')),
        ].sort(),
      );
      expect(texts.map((t) => t.body).join(' ')).not.toMatch(/Selam|Alfreton/);
    });

    it('stops queued texts when the person withdraws consent, and refuses a case not theirs', async () => {
      const { caseId } = await acceptedCase({ phone: '07700 900462' });
      await ctx.http
        .put(`/api/cases/${caseId}/text-consent`)
        .set(as(lw))
        .send({ agreedOn: '2026-01-21' })
        .expect(200);
      await startingTomorrow(caseId, 'so');
      await ctx.app.get(PersonRemindersJob).run(new Date());
      const personId = await personOf(caseId);
      expect((await rows('recipient_person_id = $1', [personId]))[0].status).toBe('queued');

      const other = await ctx.newUser('link_worker');
      await ctx.http.delete(`/api/cases/${caseId}/text-consent`).set(as(other)).expect(404);
      const withdrawn = await ctx.http
        .delete(`/api/cases/${caseId}/text-consent`)
        .set(as(lw))
        .expect(200);
      expect(withdrawn.body.status).toBe('withdrawn');
      expect((await rows('recipient_person_id = $1', [personId]))[0].status).toBe('cancelled');
      await deliver();
      expect(notify.received.filter((r) => r.to === '+447700900462')).toEqual([]);
    });

    it('refuses consent without a UK mobile number, or dated in the future', async () => {
      const { caseId } = await acceptedCase({ phone: '0115 496 0123' });
      const noMobile = await ctx.http
        .put(`/api/cases/${caseId}/text-consent`)
        .set(as(lw))
        .send({ agreedOn: '2026-01-20' })
        .expect(422);
      expect(noMobile.body.code).toBe('no_mobile_number');
      await ctx.http
        .put(`/api/cases/${caseId}/text-consent`)
        .set(as(lw))
        .send({ agreedOn: '2999-01-01' })
        .expect(422);
      const { rows: stored } = await ctx.db.query(
        `SELECT 1 FROM text_message_consent WHERE person_id = $1`,
        [await personOf(caseId)],
      );
      expect(stored).toEqual([]);
    });
  });

  describe('failures', () => {
    async function queuedEmail() {
      const referral = await createReferral(ctx, referrer);
      const [row] = await rows('event = $1 AND body LIKE $2', [
        'referral.received',
        `%${referral.reference}%`,
      ]);
      return row;
    }

    it('gives up at once on 400 and 403, and an admin sends it again to a corrected address', async () => {
      const bad = await queuedEmail();
      notify.failWith(400);
      await deliver();
      const [failed] = await rows('id = $1', [bad.id]);
      expect(failed).toMatchObject({ status: 'permanent_failure', attempts: 1 });

      const refused = await queuedEmail();
      notify.failWith(403);
      await deliver();
      expect((await rows('id = $1', [refused.id]))[0].status).toBe('permanent_failure');
      notify.healthy();

      const list = await ctx.http
        .get('/api/notifications/outbox?status=permanent_failure')
        .set(as(admin))
        .expect(200);
      const item = list.body.items.find((i: { id: string }) => i.id === bad.id);
      expect(item).toMatchObject({
        event: 'referral.received',
        channel: 'email',
        status: 'permanent_failure',
        attempts: 1,
        createdAt: expect.any(String),
      });
      expect(item.to).toMatch(/^r•••@test\.example$/);
      expect(JSON.stringify(list.body)).not.toContain(referrer.email);
      for (const i of list.body.items) expect(i.status).toBe('permanent_failure');

      await ctx.http
        .post(`/api/notifications/outbox/${bad.id}/retry`)
        .set(as(admin))
        .send({ address: 'not an address' })
        .expect(422);
      await ctx.http
        .post(`/api/notifications/outbox/${bad.id}/retry`)
        .set(as(referrer))
        .send({})
        .expect(403);
      const retried = await ctx.http
        .post(`/api/notifications/outbox/${bad.id}/retry`)
        .set(as(admin))
        .send({ address: 'practice.manager@gp.example' })
        .expect(200);
      expect(retried.body).toMatchObject({ status: 'queued', attempts: 0, to: 'p•••@gp.example' });
      await ctx.http
        .post(`/api/notifications/outbox/${bad.id}/retry`)
        .set(as(admin))
        .send({})
        .expect(409);
      await deliver();
      expect(notify.byReference(bad.id).map((r) => r.to)).toEqual(['practice.manager@gp.example']);
    });

    it('retries 429 and 500 with growing waits, and fails permanently after the last try', async () => {
      const row = await queuedEmail();
      const t0 = new Date(Date.now() + 1000);
      notify.failWith(429);
      await worker.deliverDue(t0);
      let [r] = await rows('id = $1', [row.id]);
      expect(r).toMatchObject({ status: 'failed', attempts: 1 });
      const { rows: due } = await ctx.db.query<{ wait: number }>(
        `SELECT extract(epoch FROM next_attempt_at - $2::timestamptz)::int AS wait
           FROM notification_outbox WHERE id = $1`,
        [row.id, t0],
      );
      expect(due[0].wait).toBe(10);

      notify.failWith(500);
      // Not due yet 5 seconds later; due after 10 s, then 20 s, 40 s, 80 s.
      expect((await worker.deliverDue(new Date(t0.getTime() + 5000))).claimed).toBe(0);
      for (const offset of [10, 30, 70, 150])
        await worker.deliverDue(new Date(t0.getTime() + offset * 1000));
      [r] = await rows('id = $1', [row.id]);
      expect(r).toMatchObject({ status: 'permanent_failure', attempts: 5 });
      expect(notify.byReference(row.id)).toEqual([]);
    });

    it('delays and loses nothing through a minute-long Notify outage', async () => {
      const queued = [];
      for (let i = 0; i < 6; i++) queued.push(await queuedEmail());
      const t0 = Date.now() + 1000;
      let clock = t0;
      notify.failWith(500, () => clock < t0 + 60_000);
      // The worker ticks every 5 seconds of the controlled clock for three minutes.
      while (clock <= t0 + 180_000) {
        await worker.deliverDue(new Date(clock));
        clock += 5_000;
      }
      for (const row of queued) {
        const [r] = await rows('id = $1', [row.id]);
        expect(r.status).toBe('sent');
        expect(r.attempts).toBeGreaterThan(1);
        expect(notify.byReference(row.id)).toHaveLength(1);
      }
    });
  });

  describe('preferences and the daily digest', () => {
    it('keeps an organisation’s digest choice, holds its emails and sends one summary a day', async () => {
      const practice = await ctx.newUser('referrer');
      await ctx.http
        .put(`/api/organisations/${practice.organisationId}/notification-preferences`)
        .set(as(practice))
        .send({ emailEnabled: true, frequency: 'daily_digest' })
        .expect(200);
      await ctx.http
        .put(`/api/organisations/${referrer.organisationId}/notification-preferences`)
        .set(as(practice))
        .send({ emailEnabled: false, frequency: 'each_event' })
        .expect(404);
      const mine = await ctx.http
        .get('/api/notifications/preferences')
        .set(as(practice))
        .expect(200);
      expect(mine.body).toEqual({
        emailEnabled: true,
        frequency: 'daily_digest',
        source: 'organisation',
      });

      const a = await createReferral(ctx, practice);
      const b = await createReferral(ctx, practice);
      const held = await rows('recipient_user_id = $1', [practice.id]);
      expect(held.map((r) => r.status)).toEqual(['held', 'held']);
      await deliver();
      expect(notify.received.filter((r) => r.to === practice.email)).toEqual([]);

      const digest = ctx.app.get(DigestJob);
      await digest.run(new Date());
      await digest.run(new Date());
      const after = await rows('recipient_user_id = $1', [practice.id]);
      expect(after.map((r) => [r.event, r.status])).toEqual([
        ['referral.received', 'digested'],
        ['referral.received', 'digested'],
        ['digest.daily', 'queued'],
      ]);
      expect(after[2].body).toContain(a.reference);
      expect(after[2].body).toContain(b.reference);
      await deliver();
      expect(notify.received.filter((r) => r.to === practice.email)).toHaveLength(1);
    });

    it('sends nothing by email to a user who turned email off, but still shows it in the app', async () => {
      const quiet = await ctx.newUser('referrer');
      await ctx.http
        .put('/api/notifications/preferences')
        .set(as(quiet))
        .send({ emailEnabled: false, frequency: 'each_event' })
        .expect(200);
      await ctx.http
        .put('/api/notifications/preferences')
        .set(as(quiet))
        .send({ emailEnabled: 'no', frequency: 'weekly' })
        .expect(422);
      await createReferral(ctx, quiet);
      expect(await rows('recipient_user_id = $1', [quiet.id])).toEqual([]);
      const inApp = await ctx.http.get('/api/notifications').set(as(quiet)).expect(200);
      expect(inApp.body.items.map((n: { kind: string }) => n.kind)).toEqual(['referral_received']);
    });

    it('sends a link worker a digest of their overdue reviews, by date and link only', async () => {
      const worker2 = await ctx.newUser('link_worker');
      const referral = await createReferral(ctx, referrer);
      await assignReferral(ctx, admin, referral.id, worker2.id).expect(200);
      const { body } = await ctx.http
        .post(`/api/referrals/${referral.id}/accept`)
        .set(as(worker2))
        .expect(201);
      await ctx.db.query(`UPDATE support_case SET review_by = '2026-01-05' WHERE id = $1`, [
        body.caseId,
      ]);
      await ctx.app.get(DigestJob).run(new Date());
      const [digest] = await rows('recipient_user_id = $1 AND event = $2', [
        worker2.id,
        'digest.daily',
      ]);
      expect(digest.body).toContain('Reviews overdue');
      expect(digest.body).toContain(
        `Review was due 5 January 2026: https://linkway.example/cases/${body.caseId}`,
      );
    });
  });
});
