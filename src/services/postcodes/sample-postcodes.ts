import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../database/project-paths';

/**
 * The small Nottingham extract shipped for tests and the demo, in ONSPD layout. Its ward and
 * LSOA codes are illustrative; import the real directory for real reporting.
 */
export const SAMPLE_POSTCODES_CSV = resolve(
  PROJECT_ROOT,
  'src/services/postcodes/onspd-nottingham-sample.csv',
);
