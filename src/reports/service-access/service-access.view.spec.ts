import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { viewEnvironment } from '../../../test/support/handlebars';
import { TEMPLATES_DIR } from '../../database/project-paths';
import { loadLpSolver } from '../statistics/lp-solver';
import { buildServiceAccessReport } from './service-access.report';
import { serviceAccessView } from './service-access.view';

const TOTAL = {
  grouped: [],
  key: {},
  referrals: 40,
  accepted: 30,
  placed: 20,
  attended: 10,
  completed: 10,
  median_days_to_first_contact: 2,
  n_first_contact: 30,
  median_days_to_placement: 9,
  n_placement: 20,
  swemwbs_mean: null,
  swemwbs_sd: null,
  swemwbs_n: 0,
};

describe('the printable service-access report', () => {
  it('names each field in the completeness table', async () => {
    const report = buildServiceAccessReport(
      {
        dimensions: [],
        period: { from: '2026-01-01', to: '2026-12-31' },
        threshold: 5,
        generatedAt: new Date('2027-01-02T10:00:00Z'),
        aggregates: [TOTAL],
        completeness: {
          people: 40,
          countryOfBirth: 30,
          nationality: 20,
          yearOfArrival: 10,
          mainLanguage: 35,
          migrantStatus: 25,
          interpreterNeeded: 40,
        },
      },
      await loadLpSolver(),
    );
    const template = readFileSync(join(TEMPLATES_DIR, 'reports', 'service-access.hbs'), 'utf8');
    const html = viewEnvironment().compile(template)(serviceAccessView(report));
    const table = html.slice(html.indexOf('Table 2: completeness'));
    const rowHeaders = [...table.matchAll(/<th scope="row" class="govuk-table__header">([^<]*)</g)]
      .slice(0, 6)
      .map((m) => m[1]);
    expect(rowHeaders).toEqual([
      'Country of birth',
      'Nationality',
      'Year of arrival',
      'Main language',
      'Migrant status',
      'Interpreter needed',
    ]);
    expect(table).toContain('63.0%');
  });
});
