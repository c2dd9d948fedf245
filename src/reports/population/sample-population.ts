import { basename, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../database/project-paths';

const SAMPLE = resolve(PROJECT_ROOT, 'src/reports/population/sample');

/**
 * The SYNTHETIC population sample for the demo area (Nottingham E06000018, Rushcliffe
 * E07000176), in the real files' layouts: invented figures, never real Census counts (see the
 * folder's README for the real sources).
 */
export const SAMPLE_POPULATION_FILES = [
  'census2021-ts021-ltla-SYNTHETIC.csv',
  'census2021-ts004-ltla-SYNTHETIC.csv',
  'census2021-ts007a-ltla-SYNTHETIC.csv',
  'census2021-ts008-ltla-SYNTHETIC.csv',
  'ethnic-group-by-age-ltla-SYNTHETIC.csv',
  'sex-by-age-ltla-SYNTHETIC.csv',
].map((f) => resolve(SAMPLE, f));

/**
 * The ONS table a file holds, from its Nomis or ONS download name (census2021-ts021-ltla.csv →
 * TS021), marked SYNTHETIC when the file is, so the equity report's notes say so.
 */
export function populationSourceOf(file: string): string {
  const table =
    /(ts\d{3}[a-z]?|rm\d{3})/i.exec(basename(file))?.[1]?.toUpperCase() ?? 'Census 2021';
  return /synthetic/i.test(basename(file)) ? `SYNTHETIC ${table}` : table;
}
