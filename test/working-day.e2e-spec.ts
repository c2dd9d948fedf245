import { addDays, ukDate } from '../src/casework/casework-dates';
import { ServicesService } from '../src/services/services.service';
import { NEXT_REVIEW_SQL } from '../migrations/1796407417682-WorkingDay';
import { newCase } from './support/casework-factory';
import { assignReferral, createReferral } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

const HOUR = 3_600_000;
const past = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const future = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

describe('A link worker’s working day (contract: "The working day of a link worker")', () => {
  let ctx: TestContext;
  let worker: TestUser;
  let colleague: TestUser;
  let teamLead: TestUser;
  let admin: TestUser;
  let elsewhere: TestUser;
  let elsewhereLead: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    worker = await ctx.newUser('link_worker');
    colleague = await ctx.newUser('link_worker');
    teamLead = await ctx.newUser('team_lead');
    const other = await ctx.app.get(ServicesService).create({ name: 'Over the river' }, admin.id);
    elsewhere = await ctx.newUser('link_worker', { serviceId: other.id });
    elsewhereLead = await ctx.newUser('team_lead', { serviceId: other.id });
  });
  afterAll(() => ctx.close());

  const get = (path: string, user: TestUser) => ctx.http.get(path).set('Authorization', user.auth);
  const post = (path: string, user: TestUser, body: object = {}) =>
    ctx.http.post(path).set('Authorization', user.auth).send(body);
  const reviewByOf = async (caseId: string) =>
    (
      await ctx.db.query<{ r: string }>(
        `SELECT to_char(review_by, 'YYYY-MM-DD') AS r FROM support_case WHERE id = $1`,
        [caseId],
      )
    ).rows[0].r;

  describe('contacts', () => {
    it('records a contact with its interpreter and duration, sealing the note at rest', async () => {
      const { caseId } = await newCase(ctx, worker);
      const res = await post(`/api/cases/${caseId}/contacts`, worker, {
        at: past(2),
        mode: 'home_visit',
        initiatedBy: 'person',
        durationMinutes: 50,
        interpreter: { language: 'ti', mode: 'phone' },
        note: 'Talked about the walking group. Worried about the rent.',
      }).expect(201);
      expect(res.body).toMatchObject({
        kind: 'contact',
        mode: 'home_visit',
        initiatedBy: 'person',
        durationMinutes: 50,
        interpreter: { language: 'ti', mode: 'phone' },
        note: 'Talked about the walking group. Worried about the rent.',
        recordedBy: worker.id,
      });
      const { rows } = await ctx.db.query(
        'SELECT note, service_id FROM case_contact WHERE id = $1',
        [res.body.id],
      );
      expect(rows[0].note).toMatch(/^v1:/);
      expect(rows[0].note).not.toContain('rent');
      expect(rows[0].service_id).toBe(worker.serviceId);
    });

    it('refuses a contact in the future with words to act on, and changes nothing', async () => {
      const { caseId } = await newCase(ctx, worker);
      const before = await ctx.snapshot();
      const res = await post(`/api/cases/${caseId}/contacts`, worker, {
        at: future(3),
        mode: 'phone',
      }).expect(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.detail).toMatch(/cannot be in the future/);
      expect(res.body.errors).toEqual([{ field: 'at', message: 'must not be in the future' }]);
      await post(`/api/cases/${caseId}/contacts`, worker, {
        at: past(1),
        mode: 'carrier_pigeon',
        interpreter: { language: 'xx', mode: 'telepathy' },
      }).expect(422);
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('shows one history from the first try at reaching the person to the latest contact', async () => {
      const referrer = await ctx.newUser('referrer');
      const referral = await createReferral(ctx, referrer);
      await assignReferral(ctx, admin, referral.id, worker.id).expect(200);
      await post(`/api/referrals/${referral.id}/contact-attempts`, worker, {
        method: 'phone',
        outcome: 'no_answer',
        note: 'Rang twice',
      }).expect(201);
      await ctx.db.query(
        `UPDATE referral_contact_attempt SET attempted_at = now() - interval '2 days' WHERE referral_id = $1`,
        [referral.id],
      );
      const accepted = await post(`/api/referrals/${referral.id}/accept`, worker).expect(201);
      const caseId = accepted.body.caseId as string;
      await post(`/api/cases/${caseId}/contacts`, worker, {
        at: new Date().toISOString(),
        mode: 'video',
      }).expect(201);

      const history = await get(`/api/cases/${caseId}/contacts`, worker).expect(200);
      expect(history.body.items.map((i: { kind: string }) => i.kind)).toEqual([
        'contact',
        'referral_attempt',
      ]);
      expect(history.body.items[1]).toMatchObject({
        method: 'phone',
        outcome: 'no_answer',
        note: 'Rang twice',
      });
      // The case's first contact tells the referral when the person was first reached.
      const { rows } = await ctx.db.query('SELECT first_contact_at FROM referral WHERE id = $1', [
        referral.id,
      ]);
      expect(rows[0].first_contact_at).not.toBeNull();
    });

    it('lets the team lead read the history without notes, an admin with them; others are told nothing', async () => {
      const { caseId } = await newCase(ctx, worker);
      await post(`/api/cases/${caseId}/contacts`, worker, {
        at: past(1),
        mode: 'phone',
        note: 'Private words',
      }).expect(201);
      const lead = await get(`/api/cases/${caseId}/contacts`, teamLead).expect(200);
      expect(lead.body.items[0].note).toBeNull();
      expect(lead.text).not.toContain('Private words');
      const asAdmin = await get(`/api/cases/${caseId}/contacts`, admin).expect(200);
      expect(asAdmin.body.items[0].note).toBe('Private words');
      for (const outsider of [colleague, elsewhere, elsewhereLead]) {
        await get(`/api/cases/${caseId}/contacts`, outsider).expect(404);
      }
      const before = await ctx.snapshot();
      await post(`/api/cases/${caseId}/contacts`, colleague, { at: past(1), mode: 'phone' }).expect(
        404,
      );
      await post(`/api/cases/${caseId}/contacts`, elsewhere, { at: past(1), mode: 'phone' }).expect(
        404,
      );
      await post(`/api/cases/${caseId}/contacts`, admin, { at: past(1), mode: 'phone' }).expect(
        403,
      );
      await post(`/api/cases/${caseId}/contacts`, teamLead, { at: past(1), mode: 'phone' }).expect(
        403,
      );
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('lets the author correct a note for 24 hours; after that a correction is appended and the original kept', async () => {
      const { caseId } = await newCase(ctx, worker);
      const contact = await post(`/api/cases/${caseId}/contacts`, worker, {
        at: past(1),
        mode: 'face_to_face',
        note: 'Met at the libary',
      }).expect(201);
      const url = `/api/cases/${caseId}/contacts/${contact.body.id}/corrections`;

      const fixed = await post(url, worker, { note: 'Met at the library' }).expect(200);
      expect(fixed.body.how).toBe('replaced');
      expect(fixed.body.contact.note).toBe('Met at the library');
      expect(fixed.body.contact.amendments).toEqual([]);

      await ctx.db.query(
        `UPDATE case_contact SET recorded_at = now() - interval '25 hours' WHERE id = $1`,
        [contact.body.id],
      );
      const amended = await post(url, worker, { note: 'It was the Hyson Green library' }).expect(
        200,
      );
      expect(amended.body.how).toBe('amended');
      expect(amended.body.contact.note).toBe('Met at the library');
      expect(amended.body.contact.amendments).toMatchObject([
        { note: 'It was the Hyson Green library', writtenBy: worker.id },
      ]);
      const history = await get(`/api/cases/${caseId}/contacts`, worker).expect(200);
      expect(history.body.items[0].note).toBe('Met at the library');
      expect(history.body.items[0].amendments).toHaveLength(1);
      await post(url, worker, { note: '' }).expect(422);
    });
  });

  describe('appointments', () => {
    it('refuses a booking in the past and changes nothing', async () => {
      const { caseId } = await newCase(ctx, worker);
      const before = await ctx.snapshot();
      const res = await post(`/api/cases/${caseId}/appointments`, worker, {
        startsAt: past(2),
        durationMinutes: 30,
        mode: 'phone',
      }).expect(422);
      expect(res.body.detail).toMatch(/cannot be booked in the past/);
      await post(`/api/cases/${caseId}/appointments`, worker, {
        startsAt: future(2),
        durationMinutes: 30,
        mode: 'email',
      }).expect(422);
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('lists the caller’s own appointments in a range, never a colleague’s', async () => {
      const { caseId } = await newCase(ctx, worker);
      const mine = await post(`/api/cases/${caseId}/appointments`, worker, {
        startsAt: future(30),
        durationMinutes: 45,
        mode: 'face_to_face',
        location: 'Hyson Green Library, room 2',
        interpreterLanguage: 'so',
      }).expect(201);
      const theirs = await newCase(ctx, colleague);
      await post(`/api/cases/${theirs.caseId}/appointments`, colleague, {
        startsAt: future(30),
        durationMinutes: 45,
        mode: 'phone',
      }).expect(201);
      const from = ukDate();
      const to = addDays(from, 3);
      const list = await get(`/api/appointments?from=${from}&to=${to}`, worker).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toContain(mine.body.id);
      expect(
        list.body.items.every((a: { linkWorkerId: string }) => a.linkWorkerId === worker.id),
      ).toBe(true);
      expect(list.body.items.find((a: { id: string }) => a.id === mine.body.id)).toMatchObject({
        givenName: 'Amina',
        location: 'Hyson Green Library, room 2',
        status: 'booked',
      });
      await get(`/api/appointments?from=${to}&to=${from}`, worker).expect(422);
      await get('/api/appointments', teamLead).expect(403);
    });

    it('turns an attended appointment into a contact, once, and only after it started', async () => {
      const { caseId } = await newCase(ctx, worker);
      const booked = await post(`/api/cases/${caseId}/appointments`, worker, {
        startsAt: future(1),
        durationMinutes: 40,
        mode: 'video',
        interpreterLanguage: 'ar',
      }).expect(201);
      const outcome = `/api/appointments/${booked.body.id}/outcome`;
      const early = await post(outcome, worker, { attended: true }).expect(422);
      expect(early.body.detail).toMatch(/once the appointment has started/);

      await ctx.db.query(
        `UPDATE appointment SET starts_at = now() - interval '2 hours' WHERE id = $1`,
        [booked.body.id],
      );
      await post(outcome, colleague, { attended: true }).expect(404);
      await post(outcome, elsewhere, { attended: true }).expect(404);
      const done = await post(outcome, worker, { attended: true, note: 'Good session' }).expect(
        200,
      );
      expect(done.body).toMatchObject({ status: 'attended', contactId: expect.any(String) });
      const history = await get(`/api/cases/${caseId}/contacts`, worker).expect(200);
      expect(history.body.items[0]).toMatchObject({
        id: done.body.contactId,
        mode: 'video',
        durationMinutes: 40,
        interpreter: { language: 'ar', mode: 'video' },
        note: 'Good session',
        appointmentId: booked.body.id,
      });
      await post(outcome, worker, { attended: false }).expect(409);
    });

    it('cancels the appointments still to come when the case closes; one that started can still be recorded', async () => {
      const { caseId } = await newCase(ctx, worker);
      const book = (hours: number) =>
        post(`/api/cases/${caseId}/appointments`, worker, {
          startsAt: future(hours),
          durationMinutes: 30,
          mode: 'home_visit',
          location: '12 Alfreton Road',
        }).expect(201);
      const started = await book(1);
      const later = await book(26);
      await ctx.db.query(
        `UPDATE appointment SET starts_at = now() - interval '1 hour' WHERE id = $1`,
        [started.body.id],
      );
      await post(`/api/cases/${caseId}/close`, worker, { reason: 'other' }).expect(200);

      const statusOf = async (id: string) =>
        (await ctx.db.query('SELECT status FROM appointment WHERE id = $1', [id])).rows[0].status;
      expect(await statusOf(later.body.id)).toBe('cancelled');
      expect(await statusOf(started.body.id)).toBe('booked');
      const diary = await get(
        `/api/appointments?from=${ukDate()}&to=${addDays(ukDate(), 3)}`,
        worker,
      ).expect(200);
      expect(diary.body.items.find((a: { id: string }) => a.id === later.body.id)).toMatchObject({
        status: 'cancelled',
      });
      await post(`/api/appointments/${started.body.id}/outcome`, worker, {
        attended: true,
      }).expect(200);
    });

    it('records a did-not-attend without a contact', async () => {
      const { caseId } = await newCase(ctx, worker);
      const booked = await post(`/api/cases/${caseId}/appointments`, worker, {
        startsAt: future(1),
        durationMinutes: 30,
        mode: 'phone',
      }).expect(201);
      await ctx.db.query(
        `UPDATE appointment SET starts_at = now() - interval '1 hour' WHERE id = $1`,
        [booked.body.id],
      );
      const res = await post(`/api/appointments/${booked.body.id}/outcome`, worker, {
        attended: false,
        note: 'No answer at the door',
      }).expect(200);
      expect(res.body).toMatchObject({ status: 'did_not_attend', contactId: null });
      expect(await ctx.count(`case_contact WHERE case_id = '${caseId}'`)).toBe(0);
    });
  });

  describe('reviews', () => {
    it('moves the case’s review date to the next review', async () => {
      const { caseId } = await newCase(ctx, worker);
      const next = addDays(ukDate(), 42);
      const res = await post(`/api/cases/${caseId}/reviews`, worker, {
        reviewedAt: ukDate(),
        nextReviewBy: next,
        note: 'Going to the choir weekly',
      }).expect(201);
      expect(res.body).toMatchObject({ reviewBy: next, nextReviewBy: next });
      expect((await get(`/api/cases/${caseId}`, worker).expect(200)).body.reviewBy).toBe(next);
      expect(await reviewByOf(caseId)).toBe(next);
    });

    it.each([
      ['not after the review', 0, /must be after the date of this review/],
      ['more than 92 days later', 93, /within 92 days/],
    ])('refuses a next review %s, changing nothing', async (_, days, message) => {
      const { caseId } = await newCase(ctx, worker);
      const before = await ctx.snapshot();
      const was = await reviewByOf(caseId);
      const res = await post(`/api/cases/${caseId}/reviews`, worker, {
        reviewedAt: ukDate(),
        nextReviewBy: addDays(ukDate(), days),
      }).expect(422);
      expect(res.body.detail).toMatch(message);
      expect(res.body.errors[0].field).toBe('nextReviewBy');
      expect(await ctx.snapshot()).toEqual(before);
      expect(await reviewByOf(caseId)).toBe(was);
    });

    it('accepts exactly 92 days, and refuses a review dated in the future', async () => {
      const { caseId } = await newCase(ctx, worker);
      await post(`/api/cases/${caseId}/reviews`, worker, {
        reviewedAt: ukDate(),
        nextReviewBy: addDays(ukDate(), 92),
      }).expect(201);
      await post(`/api/cases/${caseId}/reviews`, worker, {
        reviewedAt: addDays(ukDate(), 1),
        nextReviewBy: addDays(ukDate(), 20),
      }).expect(422);
    });

    it('keeps the next review within 7 days while the case is in crisis, and a crisis brings it forward', async () => {
      const { caseId } = await newCase(ctx, worker);
      await post(`/api/cases/${caseId}/reviews`, worker, {
        reviewedAt: ukDate(),
        nextReviewBy: addDays(ukDate(), 60),
      }).expect(201);
      await post(`/api/cases/${caseId}/crisis-points`, worker, {
        type: 'eviction_or_homelessness',
        occurredAt: ukDate(),
        pausePlacements: false,
      }).expect(201);
      expect(await reviewByOf(caseId)).toBe(addDays(ukDate(), 7));

      const tooFar = await post(`/api/cases/${caseId}/reviews`, worker, {
        reviewedAt: ukDate(),
        nextReviewBy: addDays(ukDate(), 8),
      }).expect(422);
      expect(tooFar.body.detail).toMatch(/in crisis/);
      await post(`/api/cases/${caseId}/reviews`, worker, {
        reviewedAt: ukDate(),
        nextReviewBy: addDays(ukDate(), 7),
      }).expect(201);
    });

    it('is for the assigned link worker only', async () => {
      const { caseId } = await newCase(ctx, worker);
      const body = { reviewedAt: ukDate(), nextReviewBy: addDays(ukDate(), 10) };
      await post(`/api/cases/${caseId}/reviews`, colleague, body).expect(404);
      await post(`/api/cases/${caseId}/reviews`, elsewhere, body).expect(404);
      await post(`/api/cases/${caseId}/reviews`, admin, body).expect(403);
      await post(`/api/cases/${caseId}/reviews`, teamLead, body).expect(403);
    });

    it('migrates passed review dates to the next date of each case’s 28-day cycle, crisis cases to today', async () => {
      const today = ukDate();
      const opened = (daysAgo: number) => addDays(today, -daysAgo);
      const { caseId: steady } = await newCase(ctx, worker);
      const { caseId: crisis } = await newCase(ctx, worker);
      const { caseId: onCycle } = await newCase(ctx, worker);
      const { caseId: closed } = await newCase(ctx, worker);
      const { caseId: fine } = await newCase(ctx, worker);
      const set = (id: string, openedOn: string, reviewBy: string | null, extra = '') =>
        ctx.db.query(
          `UPDATE support_case SET opened_at = ($2::date + time '12:00') AT TIME ZONE 'Europe/London',
                  review_by = $3 ${extra} WHERE id = $1`,
          [id, openedOn, reviewBy],
        );
      await set(steady, opened(40), addDays(opened(40), 28));
      await set(crisis, opened(90), addDays(opened(90), 7), ', in_crisis = true');
      await set(onCycle, opened(56), null);
      await set(closed, opened(100), addDays(opened(100), 28), ", status = 'closed'");
      await set(fine, opened(3), addDays(today, 25));

      await ctx.db.query(NEXT_REVIEW_SQL);

      expect(await reviewByOf(steady)).toBe(addDays(opened(40), 56)); // in 16 days
      expect(await reviewByOf(crisis)).toBe(today);
      expect(await reviewByOf(onCycle)).toBe(today); // exactly 56 days: due today, not overdue
      expect(await reviewByOf(closed)).toBe(addDays(opened(100), 28));
      expect(await reviewByOf(fine)).toBe(addDays(today, 25));
    });
  });

  describe('tasks', () => {
    it('gives a task to the case’s link worker unless told, only within the service', async () => {
      const { caseId } = await newCase(ctx, worker);
      const own = await post(`/api/cases/${caseId}/tasks`, worker, {
        title: 'Ring the housing officer',
        dueOn: addDays(ukDate(), 2),
      }).expect(201);
      expect(own.body.assigneeId).toBe(worker.id);
      const shared = await post(`/api/cases/${caseId}/tasks`, worker, {
        title: 'Take the bus pass form to the drop-in',
        dueOn: ukDate(),
        assigneeId: colleague.id,
      }).expect(201);
      expect(shared.body.assigneeId).toBe(colleague.id);

      const before = await ctx.snapshot();
      for (const assigneeId of [elsewhere.id, teamLead.id, admin.id]) {
        const res = await post(`/api/cases/${caseId}/tasks`, worker, {
          title: 'Not for them',
          dueOn: ukDate(),
          assigneeId,
        }).expect(422);
        expect(res.body.detail).toBe('A task can only be given to a link worker of this service');
        expect(res.body.errors).toEqual([
          { field: 'assigneeId', message: 'must be a link worker of this service' },
        ]);
      }
      expect(await ctx.snapshot()).toEqual(before);

      const mine = await get('/api/tasks?status=open', worker).expect(200);
      expect(mine.body.items.map((t: { id: string }) => t.id)).toContain(own.body.id);
      expect(mine.body.items.map((t: { id: string }) => t.id)).not.toContain(shared.body.id);
      const theirs = await get('/api/tasks?status=open', colleague).expect(200);
      expect(theirs.body.items).toMatchObject([
        { id: shared.body.id, title: 'Take the bus pass form to the drop-in', givenName: 'Amina' },
      ]);
      const { rows } = await ctx.db.query('SELECT title FROM case_task WHERE id = $1', [
        own.body.id,
      ]);
      expect(rows[0].title).toMatch(/^v1:/);
    });

    it('is completed by its assignee or the case’s link worker, once', async () => {
      const { caseId } = await newCase(ctx, worker);
      const task = await post(`/api/cases/${caseId}/tasks`, worker, {
        title: 'Book the interpreter',
        dueOn: addDays(ukDate(), -1),
        assigneeId: colleague.id,
      }).expect(201);
      expect(task.body.overdue).toBe(true);
      await post(`/api/tasks/${task.body.id}/complete`, elsewhere).expect(404);
      await post(`/api/tasks/${task.body.id}/complete`, admin).expect(403);
      const done = await post(`/api/tasks/${task.body.id}/complete`, colleague).expect(200);
      expect(done.body).toMatchObject({ completedBy: colleague.id, overdue: false });
      await post(`/api/tasks/${task.body.id}/complete`, worker).expect(409);
      const open = await get('/api/tasks?status=open', colleague).expect(200);
      expect(open.body.items.map((t: { id: string }) => t.id)).not.toContain(task.body.id);
      const doneList = await get('/api/tasks?status=done', colleague).expect(200);
      expect(doneList.body.items.map((t: { id: string }) => t.id)).toContain(task.body.id);
    });
  });

  describe('calendar feed', () => {
    it('gives the appointments as iCalendar with only the case reference and the place, behind a revocable token', async () => {
      const referrer = await ctx.newUser('referrer');
      const referral = await createReferral(ctx, referrer, {
        person: { givenName: 'Selam', familyName: 'Tesfamariam' },
      });
      await assignReferral(ctx, admin, referral.id, worker.id).expect(200);
      const accepted = await post(`/api/referrals/${referral.id}/accept`, worker).expect(201);
      await post(`/api/cases/${accepted.body.caseId}/appointments`, worker, {
        startsAt: future(24),
        durationMinutes: 60,
        mode: 'face_to_face',
        location: 'Radford Care Group, Ilkeston Road',
      }).expect(201);

      const issued = await post('/api/calendar-feed', worker).expect(201);
      const path = new URL(issued.body.url as string).pathname;
      const token = /\/calendar\/(.+)\.ics$/.exec(path)?.[1] ?? '';
      const { rows } = await ctx.db.query(
        'SELECT token_hash FROM calendar_feed WHERE user_id = $1 AND revoked_at IS NULL',
        [worker.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).not.toContain(token);

      const feed = await ctx.http.get(path).expect(200);
      expect(feed.headers['content-type']).toContain('text/calendar');
      expect(feed.text).toContain('BEGIN:VCALENDAR');
      expect(feed.text).toContain(`SUMMARY:${referral.reference}`);
      expect(feed.text).toContain('LOCATION:Radford Care Group\\, Ilkeston Road');
      expect(feed.text).not.toMatch(/Selam|Tesfamariam/);
      expect((await get('/api/calendar-feed', worker).expect(200)).body).toMatchObject({
        active: true,
        lastReadAt: expect.any(String),
      });

      const rotated = await post('/api/calendar-feed', worker).expect(201);
      await ctx.http.get(path).expect(404);
      const newPath = new URL(rotated.body.url as string).pathname;
      await ctx.http.get(newPath).expect(200);
      await ctx.http.delete('/api/calendar-feed').set('Authorization', worker.auth).expect(204);
      await ctx.http.get(newPath).expect(404);
      const unknown = await ctx.http.get('/calendar/not-a-token.ics').expect(404);
      // A calendar app is a machine: it is told in problem+json, and no session is started.
      expect(unknown.headers['content-type']).toContain('application/problem+json');
      expect(unknown.headers['set-cookie']).toBeUndefined();
      await post('/api/calendar-feed', teamLead).expect(403);
    });
  });

  it('documents every route of the day in OpenAPI, with its problems', async () => {
    const { body } = await ctx.http.get('/api/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/cases/{id}/contacts',
        '/api/cases/{id}/contacts/{contactId}/corrections',
        '/api/cases/{id}/appointments',
        '/api/cases/{id}/reviews',
        '/api/cases/{id}/tasks',
        '/api/appointments',
        '/api/appointments/{id}/outcome',
        '/api/appointments/{id}/cancel',
        '/api/tasks',
        '/api/tasks/{id}/complete',
        '/api/calendar-feed',
        '/api/reports/activity',
      ]),
    );
    const contact = body.paths['/api/cases/{id}/contacts'].post;
    expect(Object.keys(contact.responses)).toEqual(expect.arrayContaining(['201', '404', '422']));
    expect(contact.requestBody.content['application/json'].schema.$ref).toMatch(/RecordContactDto/);
  });

  it('includes the day’s records in a subject access export, and erasure clears their words', async () => {
    const { caseId, personId } = await newCase(ctx, worker);
    await post(`/api/cases/${caseId}/contacts`, worker, {
      at: past(1),
      mode: 'phone',
      note: 'Spoke about her son',
    }).expect(201);
    await post(`/api/cases/${caseId}/appointments`, worker, {
      startsAt: future(5),
      durationMinutes: 30,
      mode: 'home_visit',
      location: '12 Alfreton Road',
    }).expect(201);
    await post(`/api/cases/${caseId}/tasks`, worker, {
      title: 'Ask about her son’s school',
      dueOn: ukDate(),
    }).expect(201);
    const exported = await get(`/api/people/${personId}/export`, admin).expect(200);
    expect(exported.body.workingDay[0]).toMatchObject({
      contacts: [{ note: 'Spoke about her son' }],
      appointments: [{ location: '12 Alfreton Road' }],
      tasks: [{ title: 'Ask about her son’s school' }],
    });

    await post(`/api/people/${personId}/erase`, admin).expect(200);
    const { rows } = await ctx.db.query(
      `SELECT (SELECT note FROM case_contact WHERE case_id = $1) AS note,
              (SELECT location FROM appointment WHERE case_id = $1) AS location,
              (SELECT mode FROM case_contact WHERE case_id = $1) AS mode`,
      [caseId],
    );
    expect(rows[0]).toEqual({ note: null, location: null, mode: 'phone' });
    const again = await get(`/api/people/${personId}/export`, admin).expect(200);
    expect(again.body.workingDay[0].tasks[0].title).toBe('[erased]');
  });
});
