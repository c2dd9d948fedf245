import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { RetentionService, type RetentionReport } from './retention.service';

// node dist/referrals/retention.cli.js --dry-run   (what would be anonymised; changes nothing)
// node dist/referrals/retention.cli.js --apply     (anonymises now; audited as the system)
async function main(argv: readonly string[]): Promise<void> {
  const mode = argv.includes('--apply') ? 'apply' : argv.includes('--dry-run') ? 'dry-run' : null;
  if (!mode) {
    console.error('Usage: retention.cli.js --dry-run | --apply');
    process.exitCode = 2;
    return;
  }
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const retention = app.get(RetentionService);
    const report = mode === 'apply' ? await retention.apply(null) : await retention.dryRun();
    print(report);
    if (!report.ran) process.exitCode = 1;
  } finally {
    await app.close();
  }
}

function print(report: RetentionReport): void {
  if (!report.ran) {
    console.log('Another instance is applying retention now; nothing was done.');
    return;
  }
  const verb = report.dryRun ? 'Would anonymise' : 'Anonymised';
  console.log(`${verb} ${report.total} people (as of ${report.asOf}):`);
  for (const [kind, n] of Object.entries(report.counts)) console.log(`  ${kind}: ${n}`);
  console.log(
    `Periods: declined referrals ${report.periods.declinedReferralMonths} months, ` +
      `undecided referrals ${report.periods.undecidedReferralMonths} months, ` +
      `closed cases ${report.periods.closedCaseMonths} months.`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
