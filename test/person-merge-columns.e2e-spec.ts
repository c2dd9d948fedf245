import { DataSource } from 'typeorm';
import { MigrationProfile } from '../src/casework/migration-profile.entity';
import {
  PERSON_CHOICES,
  PERSON_COLUMNS,
  PERSON_KEYED_COLUMNS,
  PROFILE_CHOICES,
  PROFILE_COLUMNS,
} from '../src/casework/person-merge-fields';
import { Person } from '../src/casework/person.entity';
import { TestContext } from './support/test-app';

/**
 * Merge must decide what happens to every column of a person: this reads the columns from the
 * database itself, so a column added later fails here until merge's rules name it.
 */
describe('person merge covers every column', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  const columnsOf = async (table: string) =>
    (
      await ctx.db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name`,
        [table],
      )
    ).rows.map((r) => r.column_name);

  it.each([
    ['person', PERSON_COLUMNS],
    ['migration_profile', PROFILE_COLUMNS],
  ])(
    'has a merge rule for each column of %s, and no rule for a column that is gone',
    async (table, rules) => {
      expect(await columnsOf(table)).toEqual(Object.keys(rules).sort());
    },
  );

  it('lets the reviewer choose exactly the columns whose rule is "choose"', () => {
    const dataSource = ctx.app.get(DataSource);
    const chosenProperties = (
      entity: typeof Person | typeof MigrationProfile,
      rules: Record<string, string>,
    ) =>
      Object.entries(rules)
        .filter(([, rule]) => rule === 'choose')
        .map(([column]) => {
          const meta = dataSource.getMetadata(entity).findColumnWithDatabaseName(column);
          if (!meta) throw new Error(`no property for ${column}`);
          return meta.propertyName;
        })
        .sort();
    expect(chosenProperties(Person, PERSON_COLUMNS)).toEqual([...PERSON_CHOICES].sort());
    expect(chosenProperties(MigrationProfile, PROFILE_COLUMNS)).toEqual(
      [...PROFILE_CHOICES].sort(),
    );
  });

  it('knows what happens to every column elsewhere that holds a person’s id', async () => {
    const { rows } = await ctx.db.query<{ col: string }>(
      `SELECT c.table_name || '.' || c.column_name AS col
         FROM information_schema.columns c
         JOIN information_schema.tables t
           ON t.table_name = c.table_name AND t.table_schema = c.table_schema
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND (c.column_name = 'person_id' OR c.column_name LIKE '%\\_person\\_id')
        ORDER BY 1`,
    );
    expect(rows.map((r) => r.col)).toEqual(Object.keys(PERSON_KEYED_COLUMNS).sort());
  });

  it('finds every foreign key to person among those columns', async () => {
    const { rows } = await ctx.db.query<{ col: string }>(
      `SELECT cl.relname || '.' || a.attname AS col
         FROM pg_constraint k
         JOIN pg_class cl ON cl.oid = k.conrelid
         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey)
        WHERE k.contype = 'f' AND k.confrelid = 'person'::regclass`,
    );
    for (const { col } of rows) expect(Object.keys(PERSON_KEYED_COLUMNS)).toContain(col);
  });
});
