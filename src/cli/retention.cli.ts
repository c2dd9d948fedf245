// The bootstrap first: it loads reflect-metadata before any decorated class.
import { runCli } from './cli-bootstrap';
import { RetentionService, type RetentionReport } from '../referrals/retention.service';

// npm run retention -- --dry-run   (what would be anonymised; changes nothing)
// npm run retention -- --apply     (anonymises now; audited as the system)
const argv = process.argv.slice(2);
const mode = argv.includes('--apply') ? 'apply' : argv.includes('--dry-run') ? 'dry-run' : null;
if (!mode) {
  console.error('Usage: npm run retention -- --dry-run | --apply');
  process.exitCode = 2;
} else {
  void runCli(async (app) => {
    const retention = app.get(RetentionService);
    const report = mode === 'apply' ? await retention.apply(null) : await retention.dryRun();
    print(report);
    if (!report.ran) process.exitCode = 1;
  });
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
