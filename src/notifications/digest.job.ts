import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Cron } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import { UsersService } from '../auth/users.service';
import { ukDate } from '../common/uk-date';
import { claimJobRun, jobSlot } from '../database/job-runs';
import { ALL_SERVICES, ScopedTransactions } from '../services/scoped-transactions';
import { isEmailAddress } from './addresses';
import { DIGEST_SECTIONS, type DigestSection } from './digest-sections';
import { DIGEST_SUBJECT } from './messages';
import { Messenger } from './messenger.service';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxService } from './outbox.service';
import { PreferencesService } from './preferences.service';

const JOB = 'notifications-daily-digest';
const DAY_MS = 86_400_000;

interface Digest {
  userId: string;
  /** The service whose records the digest is about; null for the directory's own messages. */
  serviceId: string | null;
  sections: { title: string; lines: string[] }[];
  held: OutboxMessage[];
}

/**
 * Each morning (07:00 UK time), one email per recipient and service: the emails they chose to
 * get as a digest (held in the outbox since the last one) and the digest sections (a link
 * worker's overdue reviews). One transaction: the held messages become `digested` with the
 * digest queued, or neither happens; a day's digest is queued once (its key is unique).
 */
@Injectable()
export class DigestJob {
  private readonly logger = new Logger('Digest');

  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly outbox: OutboxService,
    private readonly messenger: Messenger,
    private readonly users: UsersService,
    private readonly preferences: PreferencesService,
    private readonly modules: ModuleRef,
  ) {}

  @Cron('0 7 * * *', { name: JOB, timeZone: 'Europe/London' })
  async daily(): Promise<void> {
    try {
      await this.run(new Date(), true);
    } catch (e) {
      this.logger.error(`Daily digest failed: ${(e as Error).message}`);
    }
  }

  async run(now: Date, claimSlot = false): Promise<{ ran: boolean; queued: number }> {
    const today = ukDate(now);
    return this.scoped.run(ALL_SERVICES, async (em) => {
      if (claimSlot && !(await claimJobRun(em, JOB, jobSlot(now, DAY_MS))))
        return { ran: false, queued: 0 };
      const digests = await this.collect(today, em);
      const users = new Map(
        (
          await this.users.findByIds([...new Set([...digests.values()].map((d) => d.userId))], em)
        ).map((u) => [u.id, u]),
      );
      const choices = await this.preferences.choicesFor([...users.values()], em);
      let queued = 0;
      for (const d of digests.values()) {
        const user = users.get(d.userId);
        const wanted = !!user && choices.get(user.id) !== 'off' && isEmailAddress(user.email);
        const queuedNow =
          wanted &&
          (await this.outbox.enqueue(
            {
              serviceId: d.serviceId,
              event: 'digest.daily',
              channel: 'email',
              to: { userId: d.userId },
              address: user.email,
              subject: `Linkway: ${DIGEST_SUBJECT}`,
              body: bodyOf(d),
              dedupeKey: `digest:${d.userId}:${d.serviceId}:${today}`,
            },
            em,
          ));
        if (queuedNow) queued++;
        // A digest already sent today leaves what was held since for tomorrow's.
        if (d.held.length && (queuedNow || !wanted))
          await em.update(
            OutboxMessage,
            d.held.map((m) => m.id),
            wanted
              ? { status: 'digested' }
              : { status: 'cancelled', lastError: 'Email is turned off for this recipient' },
          );
      }
      return { ran: true, queued };
    });
  }

  private async collect(today: string, em: EntityManager): Promise<Map<string, Digest>> {
    const digests = new Map<string, Digest>();
    const digestOf = (userId: string, serviceId: string | null) => {
      const key = `${userId}:${serviceId}`;
      const found = digests.get(key) ?? { userId, serviceId, sections: [], held: [] };
      digests.set(key, found);
      return found;
    };
    const held = await em
      .createQueryBuilder(OutboxMessage, 'o')
      .where("o.status = 'held'")
      .orderBy('o.createdAt', 'ASC')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    for (const m of held) digestOf(m.recipientUserId!, m.serviceId).held.push(m);
    for (const section of this.sections()) {
      for (const part of await section.linesFor(today, (p) => this.messenger.url(p), em)) {
        digestOf(part.userId, part.serviceId).sections.push({
          title: section.title,
          lines: part.lines,
        });
      }
    }
    return digests;
  }

  private sections(): DigestSection[] {
    return DIGEST_SECTIONS.map((s) => this.modules.get(s, { strict: true }));
  }
}

function bodyOf(d: Digest): string {
  const parts: string[] = [];
  for (const s of d.sections)
    parts.push(`${s.title}\n\n${s.lines.map((l) => `* ${l}`).join('\n')}`);
  if (d.held.length)
    parts.push(
      `Since your last summary\n\n${d.held
        .map((m) => `* ${(m.subject ?? '').replace(/^Linkway: /, '')}\n${m.body}`)
        .join('\n\n')}`,
    );
  return parts.join('\n\n---\n\n');
}
