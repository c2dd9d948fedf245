import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory's own messages (a group's listing to confirm, lapsed, a change answered) go to its
 * coordinators through the outbox too. They concern no service, so their `service_id` is null, and
 * only the all-services scope (the worker, admins) sees them; every other row stays under its
 * service's policy.
 */
export class DirectoryMessages1796410105476 implements MigrationInterface {
  name = 'DirectoryMessages1796410105476';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "notification_outbox" ALTER COLUMN "service_id" DROP NOT NULL',
    );
    await queryRunner.query('DROP POLICY "service_scope" ON "notification_outbox"');
    await queryRunner.query(
      `CREATE POLICY "service_scope" ON "notification_outbox"
         USING (service_id = ANY ((SELECT linkway_visible_services())::uuid[])
                OR (service_id IS NULL AND current_setting('linkway.services', true) = '*'))
         WITH CHECK (service_id = ANY ((SELECT linkway_visible_services())::uuid[])
                OR (service_id IS NULL AND current_setting('linkway.services', true) = '*'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "notification_outbox" WHERE service_id IS NULL');
    await queryRunner.query('DROP POLICY "service_scope" ON "notification_outbox"');
    await queryRunner.query(
      `CREATE POLICY "service_scope" ON "notification_outbox"
         USING (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))
         WITH CHECK (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))`,
    );
    await queryRunner.query(
      'ALTER TABLE "notification_outbox" ALTER COLUMN "service_id" SET NOT NULL',
    );
  }
}
