import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  PERSON_DUPLICATE_DISMISSED,
  PERSON_MERGING,
  type PersonDuplicateDismissedEvent,
  type PersonMergingEvent,
} from '../casework/casework.events';

/**
 * A referral's possible duplicates, as flagged at intake (`possible_duplicates`, a JSON list),
 * rewritten for referrals about `$2` or flagging `$1`: the merged person `$1` becomes the kept
 * person `$2`, a person is flagged once, and never as a duplicate of the referral's own person.
 */
const REFLAG_AFTER_MERGE = `
  UPDATE referral r
     SET possible_duplicates = coalesce((
           SELECT jsonb_agg(x.d ORDER BY x.ord)
             FROM (SELECT DISTINCT ON (pid) pid, ord,
                          jsonb_set(e.d, '{personId}', to_jsonb(pid)) AS d
                     FROM jsonb_array_elements(r.possible_duplicates) WITH ORDINALITY AS e(d, ord),
                          LATERAL (SELECT CASE WHEN e.d->>'personId' = $1::text THEN $2::text
                                               ELSE e.d->>'personId' END AS pid) p
                    ORDER BY pid, ord) x
            WHERE x.pid <> r.person_id::text), '[]'::jsonb)
   WHERE r.person_id = $2
      OR r.possible_duplicates @> jsonb_build_array(jsonb_build_object('personId', $1::text))`;

/** Drops the flag of `$2` from referrals about `$1`, and of `$1` from those about `$2`. */
const UNFLAG_PAIR = `
  UPDATE referral r
     SET possible_duplicates = coalesce((
           SELECT jsonb_agg(e.d ORDER BY e.ord)
             FROM jsonb_array_elements(r.possible_duplicates) WITH ORDINALITY AS e(d, ord)
            WHERE e.d->>'personId' <> CASE WHEN r.person_id = $1::uuid THEN $2::uuid
                                           ELSE $1::uuid END::text),
           '[]'::jsonb)
   WHERE (r.person_id = $1::uuid
          AND r.possible_duplicates @> jsonb_build_array(jsonb_build_object('personId', $2::text)))
      OR (r.person_id = $2::uuid
          AND r.possible_duplicates @> jsonb_build_array(jsonb_build_object('personId', $1::text)))`;

/**
 * Casework owns people; referrals keep which person each referral is about and whom intake
 * flagged as possibly the same. When two people are merged, or a flag is dismissed, these follow
 * inside casework's transaction.
 */
@Injectable()
export class ReferralPeopleListener {
  @OnEvent(PERSON_MERGING, { suppressErrors: false })
  async merge({ mergedPersonId, keptPersonId, manager }: PersonMergingEvent): Promise<void> {
    await manager.query('UPDATE referral SET person_id = $2 WHERE person_id = $1', [
      mergedPersonId,
      keptPersonId,
    ]);
    await manager.query(REFLAG_AFTER_MERGE, [mergedPersonId, keptPersonId]);
  }

  @OnEvent(PERSON_DUPLICATE_DISMISSED, { suppressErrors: false })
  async dismiss({ personId, otherPersonId, manager }: PersonDuplicateDismissedEvent) {
    await manager.query(UNFLAG_PAIR, [personId, otherPersonId]);
  }
}
