import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccountCommandError, main } from '../scripts/account.js';
import { ApiClient, newCreator } from './support/http-client.js';
import { type RunningApi, startApi } from './support/stack.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api.close();
});

const login = (email: string, password: string) => new ApiClient(api.url).post('/api/v1/auth/login', { email, password });

describe('npm run account -- reset-password', () => {
  it('gives the account a new password, printed once, and signs out every session of it', async () => {
    const creator = await newCreator(api.url);
    expect((await creator.client.get('/api/v1/me')).status).toBe(200);
    const lines: string[] = [];

    await main(['reset-password', creator.email.toUpperCase()], (line) => lines.push(line));

    expect(lines[0]).toBe(`Password of ${creator.email} reset; 1 session(s) signed out.`);
    const password = /^New password: (\S+)$/.exec(lines[1])?.[1];
    expect(password).toHaveLength(16);
    expect((await creator.client.get('/api/v1/me')).status).toBe(401);
    expect((await login(creator.email, creator.password)).status).toBe(401);
    expect((await login(creator.email, password!)).status).toBe(200);
  });

  it('takes the password the operator chose, and refuses a weak one or an unknown email, changing nothing', async () => {
    const creator = await newCreator(api.url);
    const lines: string[] = [];
    await expect(main(['reset-password', creator.email, '--password', 'password123'], () => undefined)).rejects.toThrow(
      AccountCommandError,
    );
    await expect(main(['reset-password', 'nobody@example.com'], () => undefined)).rejects.toThrow(
      'no account has the email nobody@example.com',
    );
    await expect(main(['reset-passwd', creator.email], () => undefined)).rejects.toThrow(/^Usage: npm run account/);
    expect((await login(creator.email, creator.password)).status).toBe(200);

    await main(['reset-password', creator.email, '--password', 'a long new passphrase'], (line) => lines.push(line));
    expect(lines).toHaveLength(1);
    expect((await login(creator.email, 'a long new passphrase')).status).toBe(200);
  });
});
