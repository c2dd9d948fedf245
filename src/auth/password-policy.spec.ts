import { passwordProblem } from './password-policy';

describe('Password policy', () => {
  it.each([
    'aaaaaaaaaaaa',
    '123456789012',
    'passwordpassword',
    'qwertyuiopasdf',
    'abcdefghijklmnop',
  ])('refuses %j as too easy to guess, saying why in plain words', (password) => {
    const problem = passwordProblem(password);
    expect(problem).toMatch(/^is too easy to guess\. \S/);
  });

  it('refuses the published demo password, which names the service', () => {
    expect(passwordProblem('linkway-demo-2026')).toBe('must not contain the name of this service');
    expect(passwordProblem('My LinkWay garden 77')).toBe(
      'must not contain the name of this service',
    );
  });

  it('refuses a password containing the person’s name or email address, in any case', () => {
    const person = { email: 'sam.okafor@clinic.example', name: 'Samuel Okafor' };
    expect(passwordProblem('sam.okafor@clinic.example1', person)).toBe(
      'must not contain your name or email address',
    );
    expect(passwordProblem('purple-OKAFOR-tractor', person)).toBe(
      'must not contain your name or email address',
    );
    expect(passwordProblem('samuel rides a purple tractor', person)).toBe(
      'must not contain your name or email address',
    );
    expect(passwordProblem('purple tractor rides north', person)).toBeUndefined();
  });

  it('keeps the length rule, counting characters rather than UTF-16 units', () => {
    expect(passwordProblem('tiny-pw')).toBe('must be at least 12 characters');
    expect(passwordProblem('ماء-بارد-جدا')).not.toBe('must be at least 12 characters');
  });

  it('accepts long passphrases with no composition rules', () => {
    for (const ok of ['correct horse battery staple', 'a brand new passphrase', 'twelve chars!']) {
      expect(passwordProblem(ok)).toBeUndefined();
    }
  });

  it('loads the dictionaries only when a password is checked, not when the policy is imported', () => {
    const loaded: string[] = [];
    const dictionaries = ['@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'];
    try {
      jest.isolateModules(() => {
        for (const name of dictionaries) {
          jest.doMock(name, () => {
            loaded.push(name);
            return jest.requireActual<object>(name);
          });
        }
        const policy = jest.requireActual<typeof import('./password-policy')>('./password-policy');
        expect(loaded).toEqual([]);
        expect(policy.passwordProblem('tiny-pw')).toBe('must be at least 12 characters');
        expect(loaded).toEqual([]);
        expect(policy.passwordProblem('passwordpassword')).toMatch(/^is too easy to guess/);
        expect(loaded).toEqual(['@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en']);
      });
    } finally {
      for (const name of dictionaries) jest.dontMock(name);
    }
  });
});
