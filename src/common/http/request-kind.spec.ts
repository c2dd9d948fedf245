import { isMachineRequest } from './request-kind';

describe('isMachineRequest', () => {
  it.each([
    '/api/cases',
    '/API/cases',
    '/Api',
    '/fhir/ServiceRequest',
    '/FHIR/x',
    '/openreferral',
    '/health',
  ])('treats %s as a machine route, whatever its case', (path) =>
    expect(isMachineRequest({ path })).toBe(true),
  );

  it.each(['/', '/cases', '/apis', '/api-docs-page', '/referrals/api'])(
    'treats %s as a page',
    (path) => expect(isMachineRequest({ path })).toBe(false),
  );
});
