import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mean and standard deviation that roll up. The service-access report counts each breakdown
 * cell once, in parallel, and adds cells up to the margins, the trend and the total rather than
 * reading every referral once per grouping set. Counts add; a mean and a standard deviation do
 * not, so cells carry PostgreSQL's own `avg`/`stddev_samp` state for float8 ({N, Σx, Σ(x−x̄)²})
 * and the roll-up merges states with the same `float8_combine` a parallel `avg` uses. The
 * finals are the built-in `float8_avg` and `float8_stddev_samp`.
 */
export class ReportMomentsAggregates1796540000000 implements MigrationInterface {
  name = 'ReportMomentsAggregates1796540000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE AGGREGATE linkway_moments(double precision) (
        SFUNC = float8_accum, STYPE = double precision[], INITCOND = '{0,0,0}',
        COMBINEFUNC = float8_combine, PARALLEL = SAFE)`);
    await queryRunner.query(`
      CREATE AGGREGATE linkway_moments_merge(double precision[]) (
        SFUNC = float8_combine, STYPE = double precision[], INITCOND = '{0,0,0}',
        COMBINEFUNC = float8_combine, PARALLEL = SAFE)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP AGGREGATE linkway_moments_merge(double precision[])');
    await queryRunner.query('DROP AGGREGATE linkway_moments(double precision)');
  }
}
