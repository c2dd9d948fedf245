import { validateSync } from 'class-validator';
import { IsNhsNumber, isValidNhsNumber, normaliseNhsNumber } from './nhs-number';

describe('isValidNhsNumber', () => {
  it('accepts a number whose check digit matches', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
  });

  it('accepts spaces, which are stripped', () => {
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
  });

  it('accepts a check digit of 0 where 11 − remainder is 11', () => {
    // 2·10 + 1·2 = 22, remainder 0, so the check digit is 0.
    expect(isValidNhsNumber('2000000010')).toBe(true);
    expect(isValidNhsNumber('2000000011')).toBe(false);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
  });

  it('rejects every number whose check would be 10', () => {
    // 6·2 = 12, remainder 1, so the check would be 10: such numbers are never issued.
    for (let last = 0; last <= 9; last++) {
      expect(isValidNhsNumber(`000000006${last}`)).toBe(false);
    }
  });

  it.each([
    ['943476591A'],
    ['943-476-5919'],
    ['94347659190'],
    ['943476591'],
    [''],
    [' '],
    ['９４３４７６５９１９'],
  ])('rejects %p', (value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it.each([[9434765919], [null], [undefined], [{}]])('rejects non-string %p', (value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });
});

describe('normaliseNhsNumber', () => {
  it('strips spaces', () => {
    expect(normaliseNhsNumber(' 943 476 5919 ')).toBe('9434765919');
  });

  it('returns undefined for anything other than ten digits', () => {
    expect(normaliseNhsNumber('943 476 591')).toBeUndefined();
  });
});

describe('@IsNhsNumber', () => {
  class Person {
    @IsNhsNumber()
    nhsNumber: unknown;
  }

  function errorsFor(nhsNumber: unknown) {
    const person = new Person();
    person.nhsNumber = nhsNumber;
    return validateSync(person);
  }

  it('passes a valid number', () => {
    expect(errorsFor('943 476 5919')).toEqual([]);
  });

  it('fails an invalid number with a clear message', () => {
    const [error] = errorsFor('9434765918');
    expect(error.property).toBe('nhsNumber');
    expect(error.constraints).toEqual({ isNhsNumber: 'nhsNumber must be a valid NHS number' });
  });
});
