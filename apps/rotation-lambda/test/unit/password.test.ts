import { DEFAULT_EXCLUDE_CHARACTERS } from '../../src';
import { ConfigurationError } from '../../src/errors';
import { generatePassword } from '../../src/password';

describe('generatePassword', () => {
  it('has the requested length, no excluded character and one character of every class left', () => {
    for (let run = 0; run < 200; run++) {
      const password = generatePassword({ length: 16, excludeCharacters: DEFAULT_EXCLUDE_CHARACTERS });
      expect(password).toHaveLength(16);
      for (const excluded of DEFAULT_EXCLUDE_CHARACTERS) expect(password).not.toContain(excluded);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[-_.]/); // the punctuation the default exclusions leave
    }
  });

  it('skips a class that the exclusions empty, and uses only printable ASCII without space', () => {
    const password = generatePassword({ length: 64, excludeCharacters: '0123456789' });
    expect(password).toMatch(/^[!-~]{64}$/);
    expect(password).not.toMatch(/[0-9]/);
  });

  it('does not repeat itself', () => {
    const seen = new Set(
      Array.from({ length: 100 }, () => generatePassword({ length: 32, excludeCharacters: '' })),
    );
    expect(seen.size).toBe(100);
  });

  it('refuses exclusions that leave no character', () => {
    const everything = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join('');
    expect(() => generatePassword({ length: 32, excludeCharacters: everything })).toThrow(ConfigurationError);
  });
});
