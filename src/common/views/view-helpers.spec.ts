import { renderString } from '../../../test/support/handlebars';
import { formatDate, formatDateTime, isoDate } from './dates';
import { humanLabel } from './labels';
import { statusColourClass } from './status-colours';
import { safeJson } from './values';

describe('view helpers', () => {
  it('names languages from their codes, and shows an unknown code as it is', () => {
    expect(renderString('{{languageName "so"}} / {{languageName "xx-made-up"}}')).toBe(
      'Somali / xx-made-up',
    );
  });

  it('compares loosely with eq and neq', () => {
    expect(renderString('{{#if (eq a "3")}}yes{{else}}no{{/if}}', { a: 3 })).toBe('yes');
    expect(renderString('{{#if (eq a b)}}yes{{else}}no{{/if}}', { a: 'x', b: 'y' })).toBe('no');
    expect(renderString('{{#if (eq a b)}}yes{{else}}no{{/if}}', {})).toBe('yes');
    expect(renderString('{{#if (neq a "x")}}yes{{else}}no{{/if}}', { a: 'y' })).toBe('yes');
    expect(renderString('{{#if (eq a b)}}yes{{else}}no{{/if}}', { a: {}, b: {} })).toBe('no');
  });

  it('combines with and, or, not (empty arrays are false)', () => {
    const t = '{{#if (and a b)}}A{{/if}}{{#if (or a c)}}O{{/if}}{{#if (not c)}}N{{/if}}';
    expect(renderString(t, { a: true, b: 'x', c: [] })).toBe('AON');
    expect(renderString(t, { a: true, b: 0, c: [1] })).toBe('O');
  });

  it('compares numbers with gt, gte, lt, lte', () => {
    const t = '{{#if (gte a 500)}}5xx{{else if (lt a 400)}}ok{{else}}4xx{{/if}}';
    expect(renderString(t, { a: 503 })).toBe('5xx');
    expect(renderString(t, { a: '404' })).toBe('4xx');
    expect(renderString(t, { a: 200 })).toBe('ok');
    expect(renderString('{{#if (gt a 1)}}y{{else}}n{{/if}}', {})).toBe('n');
    expect(renderString('{{#if (lte a 1)}}y{{else}}n{{/if}}', { a: 1 })).toBe('y');
  });

  it('prints JSON that cannot break out of HTML', () => {
    expect(safeJson({ a: '</script><b>&' })).toBe(
      '{"a":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}',
    );
    expect(safeJson(undefined)).toBe('null');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(safeJson(circular)).toBe('null');
    const html = renderString('<div data-x="{{json v}}"></div>', { v: { q: '"' } });
    expect(html).toBe('<div data-x="{&quot;q&quot;:&quot;\\&quot;&quot;}"></div>');
  });

  it('gives a bare {{label}} the context’s own label, so a table of rows keeps its row headers', () => {
    const rows = [{ label: 'Black: African' }, { label: 'White: Other White' }, { label: 7 }, {}];
    expect(renderString('{{#each rows}}<th>{{label}}</th>{{/each}}', { rows })).toBe(
      '<th>Black: African</th><th>White: Other White</th><th>7</th><th></th>',
    );
  });

  it('labels codes', () => {
    expect(humanLabel('gp_practice')).toBe('GP practice');
    expect(humanLabel('nhs_service')).toBe('NHS service');
    expect(humanLabel('esol')).toBe('ESOL');
    expect(humanLabel('uk_born')).toBe('UK born');
    expect(humanLabel('asylum_seeker')).toBe('Asylum seeker');
    expect(humanLabel('link_worker')).toBe('Link worker');
    expect(humanLabel('nhs_number_check')).toBe('NHS number check');
    expect(humanLabel(null)).toBe('');
    expect(humanLabel('toString')).toBe('ToString');
    expect(renderString('{{label c}}', { c: 'family_or_friend' })).toBe('Family or friend');
    expect(renderString('{{label c t}}', { c: 'other', t: { other: 'Something else' } })).toBe(
      'Something else',
    );
    expect(renderString('{{label c}}', { c: ['food', 'gp_practice'] })).toBe('Food, GP practice');
  });

  it('formats dates in en-GB for Europe/London', () => {
    expect(formatDate('2026-11-23')).toBe('23 November 2026');
    expect(formatDate('2026-11-23T10:00:00Z')).toBe('23 November 2026');
    expect(formatDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026'); // BST
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('31 December 2026'); // GMT
    expect(formatDate('not a date')).toBe('');
    expect(formatDate('2026-02-30')).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(renderString('{{formatDate d}}', { d: '2026-03-01' })).toBe('1 March 2026');
  });

  it('formats date-times the GOV.UK way', () => {
    expect(formatDateTime('2026-11-23T14:05:00Z')).toBe('23 November 2026 at 2:05pm');
    expect(formatDateTime('2026-07-01T08:00:00Z')).toBe('1 July 2026 at 9am');
    expect(formatDateTime('2026-07-01T11:00:00Z')).toBe('1 July 2026 at midday');
    expect(formatDateTime('2026-11-23T00:00:00Z')).toBe('23 November 2026 at midnight');
    expect(formatDateTime('2026-11-23T00:30:00Z')).toBe('23 November 2026 at 12:30am');
    expect(formatDateTime('2026-11-23T12:05:00Z')).toBe('23 November 2026 at 12:05pm');
    expect(formatDateTime('2026-11-23')).toBe('23 November 2026');
    expect(formatDateTime(null)).toBe('');
  });

  it('gives ISO calendar dates in Europe/London', () => {
    expect(isoDate('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(isoDate(new Date('2026-01-05T12:00:00Z'))).toBe('2026-01-05');
    expect(isoDate('2026-11-23')).toBe('2026-11-23');
    expect(isoDate('')).toBe('');
  });

  it('checks membership with includes', () => {
    const t = '{{#if (includes list v)}}yes{{else}}no{{/if}}';
    expect(renderString(t, { list: ['1', 'b'], v: 1 })).toBe('yes');
    expect(renderString(t, { list: ['a'], v: 'b' })).toBe('no');
    expect(renderString(t, { v: 'b' })).toBe('no');
    expect(renderString(t, { list: 'abc', v: 'b' })).toBe('yes');
  });

  it('maps statuses to tag colours', () => {
    expect(statusColourClass('received')).toBe('govuk-tag--grey');
    expect(statusColourClass('pending')).toBe('govuk-tag--grey');
    expect(statusColourClass('assigned')).toBe('govuk-tag--blue');
    expect(statusColourClass('offered')).toBe('govuk-tag--blue');
    expect(statusColourClass('waitlisted')).toBe('govuk-tag--blue');
    expect(statusColourClass('accepted')).toBe('govuk-tag--green');
    expect(statusColourClass('approved')).toBe('govuk-tag--green');
    expect(statusColourClass('active')).toBe('govuk-tag--green');
    expect(statusColourClass('declined')).toBe('govuk-tag--red');
    expect(statusColourClass('removed')).toBe('govuk-tag--red');
    expect(statusColourClass('expired')).toBe('govuk-tag--red');
    expect(statusColourClass('in_crisis')).toBe('govuk-tag--red');
    expect(statusColourClass('in crisis')).toBe('govuk-tag--red');
    expect(statusColourClass('paused')).toBe('govuk-tag--yellow');
    expect(statusColourClass('suspended')).toBe('govuk-tag--yellow');
    expect(statusColourClass('something_new')).toBe('govuk-tag--grey');
    expect(statusColourClass('__proto__')).toBe('govuk-tag--grey');
    expect(renderString('{{statusColour s}}', { s: 'ACCEPTED' })).toBe('govuk-tag--green');
  });

  it('pluralises with the count', () => {
    expect(renderString('{{plural n "referral"}}', { n: 1 })).toBe('1 referral');
    expect(renderString('{{plural n "referral"}}', { n: 0 })).toBe('0 referrals');
    expect(renderString('{{plural n "person" "people"}}', { n: 1204 })).toBe('1,204 people');
  });

  it('falls back with default and joins with concat', () => {
    expect(renderString('{{default a b "c"}}', { b: '' })).toBe('');
    expect(renderString('{{default a b "c"}}', {})).toBe('c');
    expect(renderString('{{concat "a-" n}}', { n: 2 })).toBe('a-2');
  });
});
