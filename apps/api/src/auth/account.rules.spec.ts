import { describe, expect, it } from '@jest/globals';
import { normaliseEmail, reservedUsernameProblem, usernameSkeleton, weakPasswordProblem } from './account.rules.js';

describe('normaliseEmail', () => {
  it('trims, applies NFKC and folds case once, so every spelling of one address is one key', () => {
    expect(normaliseEmail('  Maya@Example.COM ')).toBe('maya@example.com');
    expect(normaliseEmail('mİa@example.com')).toBe('mi\u0307a@example.com');
    expect(normaliseEmail('mİa@example.com')).toBe(normaliseEmail('MİA@EXAMPLE.COM'));
    // fullwidth letters and a ligature fold into their plain forms
    expect(normaliseEmail('ｍａｙａ@example.com')).toBe('maya@example.com');
    expect(normaliseEmail('ﬁona@example.com')).toBe('fiona@example.com');
    expect(normaliseEmail(normaliseEmail('Ǆ@example.com'))).toBe(normaliseEmail('Ǆ@example.com'));
  });
});

describe('usernames', () => {
  it.each(['admin', 'api', 'app', 'linkpulse', 'adrnin', 'linkpu1se', 'r00t'])('%s is reserved', (name) => {
    expect(reservedUsernameProblem(name)).toBe(`The username "${name}" is reserved`);
  });

  it.each(['maya', 'ana_k', 'apps_by_ana', 'linkpulse_fan'])('%s is free', (name) => {
    expect(reservedUsernameProblem(name)).toBeNull();
  });

  it('gives look-alikes one skeleton', () => {
    expect(usernameSkeleton('rnaya')).toBe(usernameSkeleton('maya'));
    expect(usernameSkeleton('1ucia')).toBe(usernameSkeleton('lucia'));
    expect(usernameSkeleton('vvill')).toBe(usernameSkeleton('will'));
    expect(usernameSkeleton('o_o')).toBe(usernameSkeleton('0_0'));
    expect(usernameSkeleton('maia')).not.toBe(usernameSkeleton('mala'));
  });
});

describe('weakPasswordProblem', () => {
  const account = { email: 'maya@example.com', username: 'maya_k' };

  it.each(['password123', 'Password123', 'qwertyuiop', '12345678', 'iloveyou1'])('refuses the common %s', (password) => {
    expect(weakPasswordProblem('password', password, account)).toBe(
      'password is one of the most common passwords; choose another',
    );
  });

  it('refuses the email, its local part, the username, and a handful of characters repeated', () => {
    expect(weakPasswordProblem('password', 'maya@example.com', account)).toMatch(/must not be your email or username/);
    expect(weakPasswordProblem('password', 'MAYA_K', { ...account, username: 'maya_k' })).toBe(
      'password must not be your email or username',
    );
    expect(weakPasswordProblem('newPassword', 'abababababab', account)).toBe('newPassword has too few different characters');
  });

  it('accepts a passphrase', () => {
    expect(weakPasswordProblem('password', 'correct horse battery', account)).toBeNull();
  });
});
