// The bootstrap first: it loads reflect-metadata before any decorated class.
import { parseArgs, runCli } from './cli-bootstrap';
import { replayErasures } from './erasure-replay';

// npm run erasures:replay -- --source <URL of the database the backup was taken of> [--since <ISO time>]
//   Run against the restored database (DATABASE_URL / DATA_DIR), before it serves anyone. Without
//   --source, every erasure in the restored database's own audit log is applied again.
const { options } = parseArgs(process.argv.slice(2));
const since = options.since ? new Date(options.since) : undefined;
if (since && Number.isNaN(since.getTime())) {
  console.error(`--since must be a date and time (ISO 8601), not "${options.since}"`);
  process.exitCode = 2;
} else {
  void runCli(async (app) => {
    await replayErasures(app, { sourceUrl: options.source || undefined, since }, (line) =>
      console.log(line),
    );
  });
}
