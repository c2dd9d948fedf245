import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/common/vocabulary';
import { ServicesService } from '../../src/services/services.service';
import { ukDate } from '../../src/common/uk-date';
import { newCase } from './casework-factory';
import { newApprovedGroup, vettingOfficer } from './directory-factory';
import type { OwnState, Ownership, RecordKind } from './matrix-writes';
import { capacityBody, newPlacementGroup } from './placements-factory';
import { assignReferral, createReferral } from './referrals-factory';
import type { TestContext, TestUser } from './test-app';

/** One user per role who acts, and a second of each who owns the "another's" records. */
export interface Cast {
  actors: Record<Role, TestUser>;
  lw2: TestUser;
  gc2: TestUser;
  referrer2: TestUser;
  /** An approved group with room, of the acting coordinator's organisation, and another's. */
  groupId: string;
  group2Id: string;
  /** A second service, where a referral may be routed. */
  otherServiceId: string;
}

export async function buildCast(ctx: TestContext): Promise<Cast> {
  const own = await newPlacementGroup(ctx, { places: 200 });
  const other = await newPlacementGroup(ctx, { places: 200 });
  return {
    actors: {
      admin: await vettingOfficer(ctx),
      team_lead: await ctx.newUser('team_lead'),
      link_worker: await ctx.newUser('link_worker', { caseloadLimit: 200 }),
      group_coordinator: own.coordinator,
      referrer: await ctx.newUser('referrer'),
      commissioner: await ctx.newUser('commissioner'),
    },
    lw2: await ctx.newUser('link_worker', { caseloadLimit: 200 }),
    gc2: other.coordinator,
    referrer2: await ctx.newUser('referrer'),
    groupId: own.id,
    group2Id: other.id,
    otherServiceId: (
      await ctx.app.get(ServicesService).create({ name: `Other service ${randomUUID()}` }, null)
    ).id,
  };
}

/**
 * A second person of the same link worker, the other one of a pair to merge; their case is closed
 * (it still makes the link worker hold them), so it takes no room in the caseload.
 */
async function secondPerson(ctx: TestContext, lw: TestUser): Promise<string> {
  const { caseId, personId } = await newCase(ctx, lw);
  await expectOk(
    await ctx.http
      .post(`/api/cases/${caseId}/close`)
      .set('Authorization', lw.auth)
      .send({ reason: 'other' }),
    'close the second person’s case',
  );
  return personId;
}

async function expectOk<T extends { status: number; text: string }>(res: T, what: string) {
  if (res.status >= 300) throw new Error(`${what} → ${res.status} ${res.text.slice(0, 300)}`);
  return res;
}

/**
 * A fresh record of the kind, in the state, as seen by a caller of the role; returns the ids its
 * routes' path parameters take (and `groupId` for bodies that name one).
 */
export async function makeRecord(
  ctx: TestContext,
  cast: Cast,
  kind: RecordKind,
  ownership: Ownership,
  role: Role,
  ownState?: OwnState,
): Promise<Record<string, string>> {
  const { actors } = cast;
  const mine = ownership !== 'another';
  const lw = mine ? actors.link_worker : cast.lw2;
  const gc = mine ? actors.group_coordinator : cast.gc2;
  const groupId = mine ? cast.groupId : cast.group2Id;
  const as = (u: TestUser) => (req: ReturnType<TestContext['http']['post']>) =>
    req.set('Authorization', u.auth);

  if (kind === 'case' || kind === 'crisis' || kind === 'person') {
    const { caseId, personId } = await newCase(ctx, lw);
    const ids: Record<string, string> = {
      id: kind === 'person' ? personId : caseId,
      ...(kind === 'person' ? { otherPersonId: await secondPerson(ctx, lw) } : {}),
      groupId,
      reassignTo: mine ? cast.lw2.id : actors.link_worker.id,
    };
    if (kind === 'crisis') {
      const crisis = await expectOk(
        await as(lw)(ctx.http.post(`/api/cases/${caseId}/crisis-points`)).send({
          type: 'destitution',
          occurredAt: ukDate(),
          pausePlacements: false,
        }),
        'crisis',
      );
      ids.crisisId = (crisis.body as { id: string }).id;
      if (ownership === 'closed') {
        await expectOk(
          await as(lw)(
            ctx.http.post(`/api/cases/${caseId}/crisis-points/${ids.crisisId}/resolve`),
          ).send({ resolvedAt: ukDate(), resumePlacements: false }),
          'resolve',
        );
      }
    } else if (ownership === 'closed' && kind === 'case') {
      await expectOk(
        await as(lw)(ctx.http.post(`/api/cases/${caseId}/close`)).send({ reason: 'other' }),
        'close',
      );
    } else if (ownership === 'closed') {
      await expectOk(
        await as(actors.admin)(ctx.http.post(`/api/people/${personId}/erase`)),
        'erase',
      );
    }
    return ids;
  }

  if (kind === 'contact' || kind === 'appointment' || kind === 'task') {
    return workDayRecord(ctx, kind, ownership, lw);
  }

  if (kind === 'cover') {
    // Another's: between lw2 and a colleague who never acts here.
    const colleague = mine ? cast.lw2 : await ctx.newUser('link_worker');
    const grant = await expectOk(
      await as(lw)(ctx.http.post('/api/cover')).send({
        coverUserId: colleague.id,
        from: ukDate(),
        to: ukDate(),
      }),
      'cover',
    );
    const id = (grant.body as { id: string }).id;
    if (ownership === 'closed')
      await expectOk(await as(lw)(ctx.http.delete(`/api/cover/${id}`)), 'end cover');
    return { id };
  }

  if (kind === 'textableCase') {
    const { caseId } = await newCase(ctx, lw, { person: { phone: '07700 900123' } });
    const url = `/api/cases/${caseId}`;
    if (ownState === 'agreed') {
      await expectOk(
        await as(lw)(ctx.http.put(`${url}/text-consent`)).send({ agreedOn: ukDate() }),
        'agree to texts',
      );
    }
    if (ownership === 'closed') {
      await expectOk(
        await as(lw)(ctx.http.post(`${url}/close`)).send({ reason: 'other' }),
        'close',
      );
    }
    return { id: caseId };
  }

  if (kind === 'referral') {
    const referrer = mine ? actors.referrer : cast.referrer2;
    const { id } = await createReferral(ctx, referrer);
    await expectOk(await assignReferral(ctx, actors.admin, id, lw.id), 'assign');
    if (ownership === 'closed') {
      await expectOk(
        await as(lw)(ctx.http.post(`/api/referrals/${id}/decline`)).send({
          reason: 'not_appropriate',
        }),
        'decline',
      );
    }
    return {
      id,
      linkWorkerId: role === 'link_worker' ? actors.link_worker.id : lw.id,
      otherServiceId: cast.otherServiceId,
    };
  }

  if (kind === 'service') {
    const name = `Matrix service ${randomUUID()}`;
    const { id } = await ctx.app.get(ServicesService).create({ name }, null);
    return { id, serviceName: `${name} renamed` };
  }

  if (kind === 'user') {
    const user = await ctx.newUser('link_worker');
    return { id: user.id, userName: `Renamed ${randomUUID().slice(0, 8)}` };
  }

  if (kind === 'listingChange') {
    const group = await newApprovedGroup(ctx, { level: 1, organisationId: gc.organisationId! });
    const proposed = await ctx.http
      .patch(`/api/groups/${group.id}`)
      .set('Authorization', gc.auth)
      .send({ description: `Now also on Saturdays ${randomUUID().slice(0, 8)}` });
    if (proposed.status !== 202) throw new Error(`propose → ${proposed.status} ${proposed.text}`);
    const changeId = (proposed.body as { id: string }).id;
    if (ownership === 'closed') {
      await expectOk(
        await as(actors.admin)(
          ctx.http.post(`/api/groups/${group.id}/changes/${changeId}/reject`),
        ).send({ reason: 'Set up for the matrix' }),
        'reject',
      );
    }
    return { id: group.id, changeId };
  }

  if (kind === 'outboxMessage') {
    // A "received" email, as if Notify had refused it for good (or had sent it). Its referrer is
    // new: the acting referrer's organisation may have turned email off in another rule's cell.
    const { reference } = await createReferral(ctx, await ctx.newUser('referrer'));
    const sent = ownership === 'closed';
    const { rows } = await ctx.db.query<{ id: string }>(
      `UPDATE notification_outbox SET status = $2, attempts = 3, last_error = $3
        WHERE event = 'referral.received' AND body LIKE $1 RETURNING id`,
      [
        `%${reference}%`,
        sent ? 'sent' : 'permanent_failure',
        sent ? null : 'Notify answered 400: BadRequestError',
      ],
    );
    if (rows.length !== 1) throw new Error(`no "received" message for ${reference}`);
    return { id: rows[0].id };
  }

  if (kind === 'organisation') {
    const caller = actors[role];
    const id =
      ownership !== 'another' && caller.organisationId
        ? caller.organisationId
        : (await ctx.newOrganisation()).id;
    await ctx.db.query('DELETE FROM notification_preference WHERE organisation_id = $1', [id]);
    if (ownership === 'closed') {
      const chooser = caller.organisationId === id ? caller : actors.admin;
      await expectOk(
        await as(chooser)(ctx.http.put(`/api/organisations/${id}/notification-preferences`)).send({
          emailEnabled: true,
          frequency: 'each_event',
        }),
        'email choice',
      );
    }
    return { id };
  }

  if (kind === 'placement') {
    const { caseId } = await newCase(ctx, lw);
    const offered = await expectOk(
      await as(lw)(ctx.http.post(`/api/cases/${caseId}/placements`)).send({ groupId }),
      'offer',
    );
    const id = (offered.body as { id: string }).id;
    if (ownState === 'accepted' || ownership === 'closed') {
      await expectOk(await as(gc)(ctx.http.post(`/api/placements/${id}/accept`)), 'accept');
    }
    if (ownership === 'closed') {
      await expectOk(
        await as(gc)(ctx.http.post(`/api/placements/${id}/end`)).send({ reason: 'other' }),
        'end',
      );
    }
    return { id };
  }

  if (kind === 'group') {
    const group = await newApprovedGroup(ctx, { level: 1, organisationId: gc.organisationId! });
    await expectOk(
      await ctx.http
        .put(`/api/groups/${group.id}/capacity`)
        .set('Authorization', gc.auth)
        .send(capacityBody()),
      'capacity',
    );
    if (ownState === 'suspended' || ownership === 'closed') {
      const how = ownership === 'closed' ? 'remove' : 'suspend';
      await expectOk(
        await as(actors.admin)(ctx.http.post(`/api/groups/${group.id}/${how}`)).send({
          reason: 'Set up for the matrix',
        }),
        how,
      );
    }
    return { id: group.id };
  }

  // A notification to the caller (another's: to a user who never calls), read already if closed.
  const recipient = mine ? actors[role] : cast.referrer2;
  const { rows } = await ctx.db.query<{ id: string }>(
    `INSERT INTO notification (recipient_user_id, kind, text, read_at)
     VALUES ($1, 'new_offer', 'A new offer', ${ownership === 'closed' ? 'now()' : 'NULL'}) RETURNING id`,
    [recipient.id],
  );
  return { id: rows[0].id };
}

/** A contact, appointment or task on a fresh case of the link worker, in the state asked for. */
async function workDayRecord(
  ctx: TestContext,
  kind: 'contact' | 'appointment' | 'task',
  ownership: Ownership,
  lw: TestUser,
): Promise<Record<string, string>> {
  const post = async (path: string, body: object, what: string) =>
    (
      (await expectOk(await ctx.http.post(path).set('Authorization', lw.auth).send(body), what))
        .body as { id: string }
    ).id;
  const { caseId } = await newCase(ctx, lw);
  if (kind === 'contact') {
    const contactId = await post(
      `/api/cases/${caseId}/contacts`,
      { at: new Date(Date.now() - 3_600_000).toISOString(), mode: 'phone', note: 'Rang' },
      'contact',
    );
    if (ownership === 'closed') {
      await post(`/api/cases/${caseId}/close`, { reason: 'other' }, 'close');
    }
    return { id: caseId, contactId };
  }
  if (kind === 'appointment') {
    const id = await post(
      `/api/cases/${caseId}/appointments`,
      {
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        durationMinutes: 30,
        mode: 'phone',
      },
      'appointment',
    );
    // Started an hour ago, so its outcome can be recorded.
    await ctx.db.query(
      `UPDATE appointment SET starts_at = now() - interval '1 hour' WHERE id = $1`,
      [id],
    );
    if (ownership === 'closed') {
      await post(`/api/appointments/${id}/outcome`, { attended: false }, 'outcome');
    }
    return { id };
  }
  const id = await post(
    `/api/cases/${caseId}/tasks`,
    { title: 'Ring the housing officer', dueOn: ukDate() },
    'task',
  );
  if (ownership === 'closed') await post(`/api/tasks/${id}/complete`, {}, 'complete');
  return { id };
}
