import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { SERVER_URL_ENV } from '../setup/test-database';

/**
 * A query that outlives the app's query timeout must not leave its connection in the pool:
 * TypeORM hands the connection back as if all were well, and the next request to borrow it
 * would queue behind a statement that may never be answered.
 */
describe('reliability: a query that times out', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    const url = process.env[SERVER_URL_ENV]!;
    dataSource = await new DataSource(dataSourceOptions(url, { queryTimeoutMs: 300 })).initialize();
  });
  afterEach(() => dataSource.destroy());

  const backendPid = async () =>
    ((await dataSource.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[])[0].pid;

  it('closes its connection, so the next query gets a fresh one and its answer', async () => {
    const before = await backendPid();

    await expect(dataSource.query('SELECT pg_sleep(2)')).rejects.toThrow('Query read timeout');

    const after = await backendPid();
    expect(after).not.toBe(before);
  });

  it('closes it when the timeout strikes inside a transaction too', async () => {
    await expect(dataSource.transaction((em) => em.query('SELECT pg_sleep(2)'))).rejects.toThrow(
      'Query read timeout',
    );

    await expect(dataSource.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });
});
