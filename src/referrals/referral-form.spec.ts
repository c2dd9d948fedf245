import { dateFrom, shapeReferralForm } from './referral-form';

describe('referral form shaping', () => {
  it('joins date boxes and keeps part-filled dates invalid', () => {
    const f = { 'd-day': '2', 'd-month': '4', 'd-year': '1990' };
    expect(dateFrom(f, 'd')).toBe('1990-04-02');
    expect(dateFrom({ 'd-day': '2' }, 'd')).toBe('incomplete');
    expect(dateFrom({}, 'd')).toBeUndefined();
  });

  it('nests dotted fields, turns yes/no into booleans and one checkbox into a list', () => {
    const shaped = shapeReferralForm(
      {
        channel: 'library',
        'person.givenName': ' Amina ',
        'person.interpreterNeeded': 'yes',
        reasons: 'housing',
        'consent.referralDiscussed': 'true',
        'consent.shareWithProviders': 'no',
        _csrf: 'x',
      },
      true,
    );
    expect(shaped).toMatchObject({
      channel: 'library',
      person: { givenName: 'Amina', interpreterNeeded: true },
      reasons: ['housing'],
      consent: { referralDiscussed: true, shareWithProviders: false },
    });
    expect(shaped).not.toHaveProperty('_csrf');
    expect(shapeReferralForm({}, false)).not.toHaveProperty('channel');
  });
});
