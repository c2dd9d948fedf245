import { isEmailAddress, maskAddress, ukMobile } from './addresses';

describe('addresses', () => {
  it('masks an email to its first letter and domain, and a phone to its last three digits', () => {
    expect(maskAddress('sam.okafor@practice.nhs.uk')).toBe('s•••@practice.nhs.uk');
    expect(maskAddress('+447700900123')).toBe('•••••••123');
    expect(maskAddress(null)).toBe('(removed)');
  });

  it('turns UK mobile numbers, however written, into +447…', () => {
    expect(ukMobile('07700 900123')).toBe('+447700900123');
    expect(ukMobile('+44 (0)7700-900123'.replace('(0)', ''))).toBe('+447700900123');
    expect(ukMobile('0044 7700 900123')).toBe('+447700900123');
  });

  it('refuses landlines, short numbers and nothing at all', () => {
    expect(ukMobile('0115 496 0000')).toBeUndefined();
    expect(ukMobile('07700 9001')).toBeUndefined();
    expect(ukMobile(null)).toBeUndefined();
  });

  it('knows an email address when it sees one', () => {
    expect(isEmailAddress('a@b.org')).toBe(true);
    expect(isEmailAddress('a@b')).toBe(false);
    expect(isEmailAddress('no at sign.org')).toBe(false);
  });
});
