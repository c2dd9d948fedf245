import { In, type EntityManager } from 'typeorm';
import { GroupSession } from './group-session.entity';
import { normaliseSessions, WEEKDAYS, type Session } from './schedule';

const toSession = (row: GroupSession): Session => ({
  weekday: WEEKDAYS[row.weekday - 1],
  start: row.startsAt.slice(0, 5),
  end: row.endsAt?.slice(0, 5) ?? null,
  recurrence: row.recurrence,
});

/** Each group's sessions, by day and time; a group without any has an empty list. */
export async function loadSessions(
  em: EntityManager,
  groupIds: string[],
): Promise<Map<string, Session[]>> {
  const byGroup = new Map<string, Session[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const rows = await em.find(GroupSession, { where: { groupId: In(groupIds) } });
  for (const row of rows) byGroup.get(row.groupId)?.push(toSession(row));
  for (const [id, sessions] of byGroup) byGroup.set(id, normaliseSessions(sessions));
  return byGroup;
}

/** Replaces the group's sessions, in the caller's transaction. */
export async function saveSessions(
  em: EntityManager,
  groupId: string,
  sessions: readonly Session[],
): Promise<void> {
  await em.delete(GroupSession, { groupId });
  if (sessions.length === 0) return;
  await em.insert(
    GroupSession,
    normaliseSessions(sessions).map((s) => ({
      groupId,
      weekday: WEEKDAYS.indexOf(s.weekday) + 1,
      startsAt: s.start,
      endsAt: s.end,
      recurrence: s.recurrence,
    })),
  );
}
