import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type EntityManager,
} from 'typeorm';
import { Person } from './person.entity';

/**
 * One blind-index token of a person's name (person-seal.ts): a word of it, or one of intake's two
 * duplicate tokens. A row per token, not an array on `person`: under row-level security a query's
 * own conditions can use an index only when their operators are leakproof, which bytea equality
 * is and array containment (`@>`, GIN) is not, so a token array could only be searched by reading
 * every person of the service.
 */
@Entity('person_name_token')
@Index(['token'])
export class PersonNameToken {
  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @PrimaryColumn({ type: 'bytea' })
  token: Buffer;

  /** The person's service (row-level security checks it); written with the person's. */
  @Column({ type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;
}

/** Puts a person's name tokens in place of any they had, in the caller's transaction. */
export async function replaceNameTokens(
  em: EntityManager,
  person: { id: string; serviceId: string },
  tokens: Buffer[],
): Promise<void> {
  await em.query('DELETE FROM person_name_token WHERE person_id = $1', [person.id]);
  if (tokens.length)
    await em.query(
      `INSERT INTO person_name_token (person_id, service_id, token)
       SELECT $1, $2, t FROM unnest($3::bytea[]) AS t`,
      [person.id, person.serviceId, tokens],
    );
}
