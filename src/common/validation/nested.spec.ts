import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsInt, validate } from 'class-validator';
import { flattenValidationErrors } from '../http/validation';
import { NestedList, NestedObject } from './nested';

class Entry {
  @IsInt()
  n: number;
}

class Body {
  @NestedList(() => Entry)
  entries: Entry[];

  @NestedObject(() => Entry)
  one: Entry;
}

async function problemsOf(raw: Record<string, unknown>) {
  const errors = await validate(plainToInstance(Body, { entries: [], one: { n: 1 }, ...raw }), {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  return flattenValidationErrors(errors);
}

describe('Nested objects and lists of objects', () => {
  it.each([[null], [1], ['x'], [[]], [[{ n: 1 }]], [true]])(
    'refuses a list entry that is not an object: %j',
    async (entry) => {
      const problems = await problemsOf({ entries: [{ n: 1 }, entry] });
      expect(problems.map((p) => p.field)).toContain('entries');
    },
  );

  it('validates each object entry by its own rules, naming the entry', async () => {
    expect(await problemsOf({ entries: [{ n: 1 }, { n: 'two' }] })).toEqual([
      { field: 'entries.1.n', message: 'must be an integer number' },
    ]);
    expect(await problemsOf({ entries: [{ n: 1 }, { n: 2 }] })).toEqual([]);
  });

  it.each([[[]], [[{ n: 1 }]], ['x'], [7]])(
    'refuses a non-object in place of an object: %j',
    async (one) => {
      const fields = (await problemsOf({ one })).map((p) => p.field);
      expect(new Set(fields)).toEqual(new Set(['one']));
    },
  );
});

/** Every DTO module under src/, loaded so its decorators register their metadata. */
type DtoClass = abstract new (...args: never[]) => unknown;

function loadEveryDto(): DtoClass[] {
  const src = join(__dirname, '..', '..');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) =>
    /\.dto\.ts$/.test(f),
  );
  expect(files.length).toBeGreaterThan(5);
  return files.flatMap((f) =>
    Object.values(require(join(src, f)) as Record<string, unknown>).filter(
      (v): v is DtoClass => typeof v === 'function',
    ),
  );
}

describe('Every DTO', () => {
  it('checks that a nested value is an object (or each entry is) wherever it validates nested rules', () => {
    const storage = getMetadataStorage();
    const unguarded: string[] = [];
    let checked = 0;
    for (const dto of loadEveryDto()) {
      const rules = storage.getTargetValidationMetadatas(dto, '', true, false);
      for (const nested of rules.filter((r) => r.type === 'nestedValidation')) {
        checked += 1;
        const guarded = rules.some(
          (r) =>
            r.propertyName === nested.propertyName &&
            r.name === 'isObject' &&
            Boolean(r.each) === Boolean(nested.each),
        );
        if (!guarded) unguarded.push(`${dto.name}.${nested.propertyName}`);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(unguarded).toEqual([]);
  });
});
