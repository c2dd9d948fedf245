import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { PERSON_MERGING, type PersonMergingEvent } from '../casework/casework.events';
import { OutboxMessage } from './outbox-message.entity';
import { TextMessageConsent } from './text-consent.entity';

/**
 * A person merged into another: the texts sent (or waiting) to them follow, and one consent to
 * texts remains, the one given or withdrawn most recently, since that is the person's latest
 * wish. Its history stays in the audit log, which follows the merge too.
 */
@Injectable()
export class NotificationsPeopleListener {
  @OnEvent(PERSON_MERGING, { suppressErrors: false })
  async merge({ mergedPersonId, keptPersonId, manager }: PersonMergingEvent): Promise<void> {
    await manager.update(
      OutboxMessage,
      { recipientPersonId: mergedPersonId },
      { recipientPersonId: keptPersonId },
    );
    const merged = await manager.findOne(TextMessageConsent, {
      where: { personId: mergedPersonId },
    });
    if (!merged) return;
    const kept = await manager.findOne(TextMessageConsent, { where: { personId: keptPersonId } });
    if (kept && kept.updatedAt >= merged.updatedAt) {
      await manager.delete(TextMessageConsent, { id: merged.id });
      return;
    }
    if (kept) await manager.delete(TextMessageConsent, { id: kept.id });
    await manager.update(TextMessageConsent, { id: merged.id }, { personId: keptPersonId });
  }
}
