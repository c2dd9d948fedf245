import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { currentEnvironment } from '../config/environment';
import { dataSourceOptions, entitiesGlob } from './data-source-options';
import { startEmbeddedPostgres } from './embedded-postgres';
import { PROJECT_ROOT } from './project-paths';

/**
 * npm run migration:generate -- Name | migration:run | migration:revert
 * Uses DATABASE_URL, or the embedded database in DATA_DIR, exactly as the app does.
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const env = currentEnvironment();
  const embedded = env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres(env.DATA_DIR, console.log);
  const url = env.DATABASE_URL ?? embedded!.url;
  const dataSource = new DataSource({ ...dataSourceOptions(url), entities: [entitiesGlob()] });
  await dataSource.initialize();
  try {
    switch (command) {
      case 'run': {
        const ran = await dataSource.runMigrations({ transaction: 'each' });
        console.log(
          ran.length ? ran.map((m) => `applied ${m.name}`).join('\n') : 'No pending migrations',
        );
        break;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the last migration');
        break;
      case 'generate':
        await generate(dataSource, name);
        break;
      default:
        throw new Error('Usage: migration-cli generate <Name> | run | revert');
    }
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

/** Writes the difference between the entities and the migrated database as a migration to review. */
async function generate(dataSource: DataSource, name: string | undefined): Promise<void> {
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
    throw new Error('Give the migration a PascalCase name');
  await dataSource.runMigrations({ transaction: 'each' });
  const sql = await dataSource.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) {
    console.log('No changes: the database already matches the entities');
    return;
  }
  const timestamp = Date.now();
  const line = (q: { query: string; parameters?: unknown[] }) =>
    `    await queryRunner.query(${JSON.stringify(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`;
  const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map(line).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${[...sql.downQueries].reverse().map(line).join('\n')}
  }
}
`;
  const file = join(PROJECT_ROOT, 'migrations', `${timestamp}-${name}.ts`);
  writeFileSync(file, source);
  console.log(`Wrote ${file}: read it, adjust it, then commit it`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
