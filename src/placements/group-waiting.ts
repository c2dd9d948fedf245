import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { GroupWaitingReader } from '../casework/casework.ports';

/** Cases whose person waits for a group: an offer not yet answered, or a waitlist place. */
@Injectable()
export class GroupWaiting implements GroupWaitingReader {
  async casesWaiting(em: EntityManager, linkWorkerIds?: readonly string[]): Promise<string[]> {
    const rows = await em.query<{ case_id: string }[]>(
      `SELECT DISTINCT case_id FROM placement
        WHERE status IN ('offered', 'waitlisted')
          AND ($1::uuid[] IS NULL OR link_worker_id = ANY($1::uuid[]))`,
      [linkWorkerIds ?? null],
    );
    return rows.map((r) => r.case_id);
  }
}
