import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';

/**
 * Runs a command-line task inside the application context: the same configuration, database
 * (embedded unless DATABASE_URL is set) and migrations as the server, without the HTTP port.
 */
export async function runCli(task: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
    await task(app);
    await app.close();
  } catch (error: unknown) {
    console.error(error instanceof Error ? error.message : error);
    await app?.close().catch(() => undefined);
    process.exitCode = 1;
  }
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
