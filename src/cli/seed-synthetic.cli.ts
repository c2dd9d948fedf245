// The bootstrap first: it loads reflect-metadata before any decorated class.
import { parseArgs, runCli } from './cli-bootstrap';
import { SyntheticDataService } from '../seeding/synthetic-data.service';

// npm run seed:synthetic -- --referrals 1000000 [--seed 42] [--batch 50000]
void runCli(async (app) => {
  const { options } = parseArgs(process.argv.slice(2));
  const referrals = Number(options.referrals ?? 10_000);
  const seed = Number(options.seed ?? 1);
  // About twenty progress lines whatever the size, in batches of 1,000 to 50,000 referrals.
  const batchSize = Number(
    options.batch ?? Math.min(50_000, Math.max(1_000, Math.ceil(referrals / 20 / 1000) * 1000)),
  );
  if (!Number.isSafeInteger(referrals) || referrals < 1)
    throw new Error('--referrals must be a whole number ≥ 1');
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new Error('--batch must be a whole number ≥ 1');
  console.log(`Generating ${referrals.toLocaleString('en-GB')} synthetic referrals (seed ${seed})`);
  const result = await app
    .get(SyntheticDataService)
    .generate({ referrals, seed, batchSize }, (p) => {
      const rate = Math.round(p.referrals / Math.max(p.elapsedMs / 1000, 0.001));
      process.stdout.write(
        `\r  ${p.referrals.toLocaleString('en-GB')} / ${p.of.toLocaleString('en-GB')} (${Math.round((100 * p.referrals) / p.of)}%), ${rate.toLocaleString('en-GB')} a second`,
      );
    });
  process.stdout.write('\n');
  console.log(`Done in ${(result.elapsedMs / 1000).toFixed(1)} s. Vacuuming and analysing…`);
  const vacuumStarted = Date.now();
  await app.get(SyntheticDataService).vacuum();
  console.log(`Vacuumed in ${((Date.now() - vacuumStarted) / 1000).toFixed(1)} s.`);
});
