import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const HSDS = join(__dirname, '..', 'fixtures', 'hsds-3.1');
/** Reads a schema; the largest are kept gzipped in the repository. */
const schema = (name: string): object => {
  const path = join(HSDS, name);
  const text = existsSync(path)
    ? readFileSync(path, 'utf8')
    : gunzipSync(readFileSync(`${path}.gz`)).toString('utf8');
  return JSON.parse(text) as object;
};

/** HSDS schemas carry descriptive keywords (core, constraints…) that are not JSON Schema. */
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// The per-object schemas refer to each other by file name (e.g. "metadata.json").
for (const file of readdirSync(HSDS).filter((f) => f.endsWith('.json') && f !== 'openapi.json'))
  ajv.addSchema(schema(file), file);
const bySchemaFile = (file: string) => ajv.getSchema(file)!;

/** Validators for what /openreferral/* returns, from the vendored HSDS 3.1 schemas. */
export const HSDS_VALIDATORS = {
  service: ajv.compile(schema('compiled/service.json')),
  serviceListItem: ajv.compile(schema('compiled/service_list.json')),
  organizationListItem: ajv.compile(schema('compiled/organization_list.json')),
  serviceAtLocation: ajv.compile(schema('compiled/service_at_location.json')),
  serviceAtLocationListItem: ajv.compile(schema('compiled/service_at_location_list.json')),
  schedule: bySchemaFile('schedule.json'),
  taxonomy: bySchemaFile('taxonomy.json'),
  taxonomyTerm: bySchemaFile('taxonomy_term.json'),
  page: ajv.compile({
    ...(
      JSON.parse(readFileSync(join(HSDS, 'openapi.json'), 'utf8')) as {
        components: { schemas: { Page: object } };
      }
    ).components.schemas.Page,
    required: [
      'total_items',
      'total_pages',
      'page_number',
      'size',
      'first_page',
      'last_page',
      'empty',
      'contents',
    ],
  }),
};

export function expectValidHsds(validate: keyof typeof HSDS_VALIDATORS, value: unknown): void {
  const ok = HSDS_VALIDATORS[validate](value);
  expect(HSDS_VALIDATORS[validate].errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}
