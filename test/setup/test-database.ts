/** Where the test PostgreSQL server is, shared from the global setup to every test file. */
export const TEMPLATE_DATABASE = 'linkway_template';
export const SERVER_URL_ENV = 'LINKWAY_TEST_SERVER_URL';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
