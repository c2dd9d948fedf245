import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scope function in every row-level security policy, marked parallel safe. Unmarked, it was
 * parallel unsafe, so no statement the app ran over a service-owned table could use parallel
 * workers: the reports scanned a million fact rows in one process while the same statement as
 * the owner, who bypasses the policies, used them. It reads a setting (which PostgreSQL copies to
 * every worker) and the services table, and writes nothing; the policies call it once per
 * statement, as an init plan, in the leader.
 */
export class ScopeFunctionParallelSafe1796600000000 implements MigrationInterface {
  name = 'ScopeFunctionParallelSafe1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER FUNCTION linkway_visible_services() PARALLEL SAFE');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER FUNCTION linkway_visible_services() PARALLEL UNSAFE');
  }
}
