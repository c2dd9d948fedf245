export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __linkwayPg?: { stop(): Promise<void> } }).__linkwayPg;
  await server?.stop();
}
