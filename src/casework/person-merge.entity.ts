import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person merged into another: both ids stay known after the merged person's row is gone. Plain
 * ids, not relations, because the merged person no longer exists (and the kept one may itself be
 * merged later, when these rows follow it). Intake links a later referral with the same NHS
 * number to a kept person (see CaseworkService.registerPerson).
 */
@Entity('person_merge')
@Check('CHK_person_merge_not_self', 'merged_person_id <> kept_person_id')
export class PersonMerge {
  @PrimaryColumn({ type: 'uuid' })
  mergedPersonId: string;

  @Index('IDX_person_merge_kept')
  @Column({ type: 'uuid' })
  keptPersonId: string;

  @Column({ type: 'uuid' })
  serviceId: string;

  @Column({ type: 'uuid' })
  mergedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  mergedAt: Date;

  /** The fields whose value was taken from the merged person (names only, never values). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  fieldsFromMerged: string[];
}

/**
 * Two people someone decided are not the same person: intake's flag for the pair is no longer
 * shown, and is not raised again. Stored once per pair, the lower id first.
 */
@Entity('person_duplicate_dismissal')
@Check('CHK_person_duplicate_dismissal_order', 'person_id < other_person_id')
export class PersonDuplicateDismissal {
  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @Index('IDX_person_duplicate_dismissal_other')
  @PrimaryColumn({ type: 'uuid' })
  otherPersonId: string;

  @Column({ type: 'uuid' })
  serviceId: string;

  @Column({ type: 'uuid' })
  dismissedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  dismissedAt: Date;
}

/** A pair as it is stored: the lower id first. */
export const orderedPair = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);
