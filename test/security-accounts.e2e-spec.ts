import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { ApiClient, newCreator } from './support/http-client.js';
import { connectDatabase, type RunningApi, startApi } from './support/stack.js';

/*
 * Accounts: one normalised email (no second budget of guesses through Unicode case folding), the
 * email changed only with the password and a few times an hour, usernames and passwords people
 * could be fooled or guessed by refused, and names let go kept from everyone else for
 * SLUG_QUARANTINE_DAYS. Rate limits are on here; each test speaks from addresses of its own.
 */

let nextAddress = 1;
const from = (): Record<string, string> => ({ 'x-forwarded-for': `198.51.100.${100 + nextAddress++}` });
const stamp = (): string => `${process.pid % 1000}${Date.now() % 100000}${nextAddress++}`;

describe('accounts', () => {
  let api: RunningApi;
  let db: pg.Client;

  beforeAll(async () => {
    api = await startApi({ AUTH_RATE_LIMITS: 'on' });
    db = await connectDatabase();
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });

  async function signUp(fields: { email?: string; username?: string; password?: string } = {}) {
    const id = stamp();
    const body = { email: `acc${id}@example.com`, username: `acc_${id}`, password: 'correct horse battery', ...fields };
    const client = new ApiClient(api.url);
    const reply = await client.post('/api/v1/auth/signup', body, from());
    return { client, reply, ...body };
  }

  const login = (email: string, password: string) =>
    new ApiClient(api.url).post('/api/v1/auth/login', { email, password }, from());

  it('stores the email normalised, and every spelling of it shares one budget of wrong passwords', async () => {
    const id = stamp();
    const account = await signUp({ email: `MİA${id}@Example.com` });
    expect(account.reply.status).toBe(201);
    expect(account.reply.body.creator.email).toBe(`mi\u0307a${id}@example.com`);
    const spellings = [`mİa${id}@example.com`, `MİA${id}@EXAMPLE.COM`, ` mi\u0307a${id}@example.com`, `ｍİａ${id}@example.com`];
    for (let i = 0; i < 5; i++) expect((await login(spellings[i % spellings.length], `guess ${i}`)).status).toBe(401);
    for (const spelling of spellings) expect((await login(spelling, account.password)).status).toBe(429);
  });

  it('signs in with any spelling of the email', async () => {
    const account = await signUp({ email: `Ana.${stamp()}@Example.COM` });
    expect((await login(account.email.toUpperCase(), account.password)).status).toBe(200);
  });

  it('changes the email only with the current password, and only 5 times an hour, so addresses cannot be probed', async () => {
    const account = await signUp();
    const other = await signUp();
    const change = (email: string, currentPassword?: string) =>
      account.client.patch('/api/v1/me', { email, ...(currentPassword === undefined ? {} : { currentPassword }) });
    const noPassword = await change(other.email);
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.message).toBe('currentPassword is required to change the email');
    expect((await change(other.email, 'wrong password')).status).toBe(403);
    expect((await change(other.email, account.password)).status).toBe(409);
    expect((await change(`Renamed.${stamp()}@Example.com`, account.password)).status).toBe(200);
    expect((await change(`x${stamp()}@example.com`, account.password)).status).toBe(200);
    expect((await change(`y${stamp()}@example.com`, account.password)).status).toBe(200);
    const limited = await change(`z${stamp()}@example.com`, account.password);
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(/Too many email changes for this account/);
    // a timezone change with the email as it is needs no password
    const me = (await account.client.get('/api/v1/me')).body;
    expect((await account.client.patch('/api/v1/me', { email: me.email, timezone: 'Asia/Tokyo' })).status).toBe(200);
  });

  it.each([
    ['admin', 400, 'The username "admin" is reserved'],
    ['api', 400, 'The username "api" is reserved'],
    ['app', 400, 'The username "app" is reserved'],
    ['linkpulse', 400, 'The username "linkpulse" is reserved'],
    ['adrnin', 400, 'The username "adrnin" is reserved'],
  ])('refuses the username %s', async (username, status, message) => {
    const reply = (await signUp({ username })).reply;
    expect([reply.status, reply.body.message]).toEqual([status, message]);
  });

  it('refuses a look-alike of an existing username (rn for m, 0 for o, 1 for l)', async () => {
    const id = stamp();
    expect((await signUp({ username: `mol_${id}` })).reply.status).toBe(201);
    for (const lookalike of [`rn0l_${id}`, `m01_${id}`]) {
      const reply = (await signUp({ username: lookalike })).reply;
      expect(reply.status).toBe(409);
      expect(reply.body.message).toBe(`This username looks too much like the existing "mol_${id}"`);
    }
  });

  it('refuses common passwords at sign-up and on password change', async () => {
    const reply = (await signUp({ password: 'password123' })).reply;
    expect([reply.status, reply.body.message]).toEqual([400, 'password is one of the most common passwords; choose another']);
    const account = await signUp();
    const change = await account.client.post('/api/v1/me/password', {
      currentPassword: account.password,
      newPassword: 'qwertyuiop',
    });
    expect([change.status, change.body.message]).toEqual([
      400,
      'newPassword is one of the most common passwords; choose another',
    ]);
  });

  describe('quarantine of names let go (SLUG_QUARANTINE_DAYS)', () => {
    it('a deleted link’s slug is reserved to no one else, its owner may take it back, and it answers the neutral page meanwhile', async () => {
      const owner = await newCreator(api.url);
      const other = await newCreator(api.url);
      const slug = `q${stamp()}`;
      const link = (await owner.client.post('/api/v1/links', { url: 'https://example.com/qr', slug })).body;
      expect((await owner.client.delete(`/api/v1/links/${link.id}`)).status).toBe(204);
      const page = await fetch(`${api.url}/${slug}`, { redirect: 'manual' });
      expect(page.status).toBe(404);
      expect(await page.text()).toContain('removed');
      for (const taken of [slug, slug.toUpperCase()]) {
        const reply = await other.client.post('/api/v1/links', { url: 'https://evil.example/', slug: taken });
        expect(reply.status).toBe(409);
        expect(reply.body.message).toMatch(/belonged to a removed link and is reserved until \d{4}-\d{2}-\d{2}/);
      }
      const { rows } = await db.query(`SELECT reserved_until - released_at AS days FROM name_quarantine WHERE name = $1`, [slug]);
      expect(rows[0].days).toEqual({ days: 90 });
      expect((await owner.client.post('/api/v1/links', { url: 'https://example.com/back', slug })).status).toBe(201);
    });

    it('a renamed link’s old slug is reserved too', async () => {
      const owner = await newCreator(api.url);
      const other = await newCreator(api.url);
      const slug = `r${stamp()}`;
      const link = (await owner.client.post('/api/v1/links', { url: 'https://example.com/', slug })).body;
      expect((await owner.client.patch(`/api/v1/links/${link.id}`, { slug: `${slug}x` })).status).toBe(200);
      expect((await other.client.post('/api/v1/links', { url: 'https://example.com/', slug })).status).toBe(409);
      const otherLink = (await other.client.post('/api/v1/links', { url: 'https://example.com/' })).body;
      expect((await other.client.patch(`/api/v1/links/${otherLink.id}`, { slug })).status).toBe(409);
    });

    it('a deleted account’s username and slugs are reserved to everyone; a renamed username to all but its owner', async () => {
      const gone = await signUp();
      const slug = `d${stamp()}`;
      expect((await gone.client.post('/api/v1/links', { url: 'https://example.com/', slug })).status).toBe(201);
      expect((await gone.client.delete('/api/v1/me', { password: gone.password })).status).toBe(204);
      const taker = await signUp({ username: gone.username });
      expect(taker.reply.status).toBe(409);
      expect(taker.reply.body.message).toMatch(/belonged to a removed or renamed account and is reserved until/);
      const other = await newCreator(api.url);
      expect((await other.client.post('/api/v1/links', { url: 'https://example.com/', slug })).status).toBe(409);

      const renamed = await signUp();
      expect((await renamed.client.patch('/api/v1/me', { username: `${renamed.username}_2` })).status).toBe(200);
      expect((await signUp({ username: renamed.username })).reply.status).toBe(409);
      expect((await renamed.client.patch('/api/v1/me', { username: renamed.username })).status).toBe(200);
    });
  });
});
