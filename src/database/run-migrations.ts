import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * Applies pending migrations as the URL's own user, on a connection of their own: the app's pool
 * is the row-level security role, which may not change the schema.
 */
export async function runPendingMigrations(
  url: string,
  log: (message: string) => void,
): Promise<void> {
  const owner = new DataSource({ ...dataSourceOptions(url), extra: { max: 1 } });
  await owner.initialize();
  try {
    const ran = await owner.runMigrations({ transaction: 'each' });
    for (const m of ran) log(`Applied migration ${m.name}`);
  } finally {
    await owner.destroy();
  }
}
