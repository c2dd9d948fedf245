import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The link workers' activity at a million referrals (2.4 million contacts): each case first
 * placed in the period counts its sessions before the place by probing its contacts, and the
 * probes read the contact rows (for their mode, and their service for row-level security)
 * scattered over the heap; days to first contact read every referral of the period from the
 * wide referral rows. Both become index-only. The contacts' index replaces the plain
 * (case_id, at) one, which served only what the covering one serves.
 */
export class ActivityCoveringIndexes1796560000000 implements MigrationInterface {
  name = 'ActivityCoveringIndexes1796560000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_case_contact_case_sessions" ON "case_contact" ("case_id", "at")
         INCLUDE ("mode", "service_id")`,
    );
    await queryRunner.query('DROP INDEX "IDX_2979a509405c39357b4ccd970b"');
    await queryRunner.query(
      `CREATE INDEX "IDX_referral_received_first_contact" ON "referral" ("received_at")
         INCLUDE ("first_contact_at", "service_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_referral_received_first_contact"');
    await queryRunner.query(
      'CREATE INDEX "IDX_2979a509405c39357b4ccd970b" ON "case_contact" ("case_id", "at")',
    );
    await queryRunner.query('DROP INDEX "IDX_case_contact_case_sessions"');
  }
}
