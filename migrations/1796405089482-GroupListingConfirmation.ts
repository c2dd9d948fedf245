import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The confirmation schedule of a group's listing (issue 21). Existing groups start from their last
 * vetting date (the latest verified check), or from when they were added if never vetted; they
 * count as reviewed by an admin when a vetting officer last recorded a check.
 */
export class GroupListingConfirmation1796405089482 implements MigrationInterface {
  name = 'GroupListingConfirmation1796405089482';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "community_group" ADD "last_confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()',
    );
    await queryRunner.query(
      'ALTER TABLE "community_group" ADD "assured_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query(
      'ALTER TABLE "community_group" ADD "confirmation_reminded_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query(
      'ALTER TABLE "community_group" ADD "listing_lapse_noticed_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query(
      `UPDATE community_group g
          SET last_confirmed_at = COALESCE(v.last_verified, g.created_at),
              assured_at = v.last_recorded
         FROM community_group g2
         LEFT JOIN (SELECT group_id, max(verified_at) AS last_verified, max(recorded_at) AS last_recorded
                      FROM group_vetting_check GROUP BY group_id) v ON v.group_id = g2.id
        WHERE g2.id = g.id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "community_group" DROP COLUMN "listing_lapse_noticed_at"');
    await queryRunner.query('ALTER TABLE "community_group" DROP COLUMN "confirmation_reminded_at"');
    await queryRunner.query('ALTER TABLE "community_group" DROP COLUMN "assured_at"');
    await queryRunner.query('ALTER TABLE "community_group" DROP COLUMN "last_confirmed_at"');
  }
}
