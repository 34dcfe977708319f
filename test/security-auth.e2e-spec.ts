import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { ApiClient, type Reply } from './support/http-client.js';
import { EventStreamReader } from './support/openapi.js';
import { TestRedisServer } from './support/redis-server.js';
import { connectDatabase, eventually, type RunningApi, startApi } from './support/stack.js';

/*
 * Authentication: rate limits on sign-in and sign-up (Redis, shared by replicas), sessions revoked
 * on logout and password change, cookie flags, CSRF on cookie writes, API tokens, hashes at rest.
 * The limits are on here (the other suites run with AUTH_RATE_LIMITS=off). Each test speaks from
 * addresses of its own through X-Forwarded-For (the API trusts its loopback proxy), so counters
 * never mix.
 */

const LIMITS = { AUTH_RATE_LIMITS: 'on' };
let nextAddress = 1;
/** a fresh client address from TEST-NET-2, one per call */
const address = (): string => `198.51.100.${nextAddress++}`;
const from = (ip: string) => ({ 'x-forwarded-for': ip });

function expect429(reply: Reply, maxSeconds: number, message: RegExp): void {
  expect(reply.status).toBe(429);
  expect(reply.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(message) });
  const retryAfter = Number(reply.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
}

/** A new creator signed up from an address of its own (newCreator would spend 127.0.0.1's sign-ups). */
async function signUp(url: string): Promise<{ client: ApiClient; id: string; email: string; password: string }> {
  const client = new ApiClient(url);
  const username = `auth_${process.pid % 10000}_${nextAddress}_${Date.now() % 100000}`;
  const email = `${username}@example.com`;
  const password = 'correct horse battery';
  const reply = await client.post('/api/v1/auth/signup', { email, password, username }, from(address()));
  if (reply.status !== 201) throw new Error(`signup failed: ${reply.status} ${reply.text}`);
  return { client, id: reply.body.creator.id, email, password };
}

const login = (api: RunningApi, email: string, password: string, ip: string): Promise<Reply> =>
  new ApiClient(api.url).post('/api/v1/auth/login', { email, password }, from(ip));

describe('authentication', () => {
  let api: RunningApi;
  let db: pg.Client;

  beforeAll(async () => {
    api = await startApi(LIMITS);
    db = await connectDatabase();
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });

  describe('rate limits', () => {
    it('allows 10 sign-in attempts a minute from one address, then answers 429 with Retry-After; other addresses go on', async () => {
      const ip = address();
      for (let i = 0; i < 10; i++) expect((await login(api, `nobody${i}@example.com`, 'wrong password', ip)).status).toBe(401);
      expect429(
        await login(api, 'nobody@example.com', 'wrong password', ip),
        60,
        /sign-in attempts from your network; try again in \d+ seconds/,
      );
      expect((await login(api, 'nobody@example.com', 'wrong password', address())).status).toBe(401);
    });

    it('locks an account for 15 minutes after 5 wrong passwords, from any addresses, even for the right password', async () => {
      const creator = await signUp(api.url);
      const other = await signUp(api.url);
      for (let i = 0; i < 5; i++) {
        const email = i % 2 ? creator.email.toUpperCase() : ` ${creator.email} `;
        expect((await login(api, email, `guess ${i}`, address())).status).toBe(401);
      }
      const locked = await login(api, creator.email, creator.password, address());
      expect429(locked, 15 * 60, /wrong passwords for this account; try again in \d+ minutes/);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expect(locked.headers.get('set-cookie')).toBeNull();
      // the creator's signed-in sessions keep working, and other accounts are not affected
      expect((await creator.client.get('/api/v1/me')).status).toBe(200);
      expect((await login(api, other.email, other.password, address())).status).toBe(200);
    });

    it('counts the same for an unknown email, so the answer does not tell whether an account exists', async () => {
      const email = `ghost-${Date.now()}@example.com`;
      for (let i = 0; i < 5; i++) expect((await login(api, email, `guess ${i}`, address())).status).toBe(401);
      expect429(await login(api, email, 'guess', address()), 15 * 60, /wrong passwords for this account/);
    });

    it('starts the count over after a successful sign-in', async () => {
      const creator = await signUp(api.url);
      for (let i = 0; i < 4; i++) expect((await login(api, creator.email, `guess ${i}`, address())).status).toBe(401);
      expect((await login(api, creator.email, creator.password, address())).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await login(api, creator.email, `guess ${i}`, address())).status).toBe(401);
      expect((await login(api, creator.email, creator.password, address())).status).toBe(429);
    });

    it('counts wrong passwords on password change and account deletion against the same account', async () => {
      const creator = await signUp(api.url);
      for (let i = 0; i < 3; i++) {
        expect(
          (
            await creator.client.post('/api/v1/me/password', {
              currentPassword: `guess ${i}`,
              newPassword: 'a brand new password',
            })
          ).status,
        ).toBe(403);
      }
      for (let i = 0; i < 2; i++)
        expect((await creator.client.delete('/api/v1/me', { password: `guess ${i}` })).status).toBe(401);
      expect429(await creator.client.delete('/api/v1/me', { password: creator.password }), 15 * 60, /wrong passwords/);
      expect((await login(api, creator.email, creator.password, address())).status).toBe(429);
      expect((await creator.client.get('/api/v1/me')).status).toBe(200);
    });

    it('allows 10 sign-ups an hour from one address and 5 with one email', async () => {
      const ip = address();
      const signup = (email: string, username: string, at = ip) =>
        new ApiClient(api.url).post('/api/v1/auth/signup', { email, password: 'long enough password', username }, from(at));
      const stamp = `${process.pid % 1000}${Date.now() % 100000}`;
      for (let i = 0; i < 10; i++) expect((await signup(`s${stamp}${i}@example.com`, `s${stamp}_${i}`)).status).toBe(201);
      expect429(
        await signup(`s${stamp}x@example.com`, `s${stamp}_x`),
        3600,
        /sign-ups from your network; try again in \d+ minutes/,
      );

      const email = `same${stamp}@example.com`;
      expect((await signup(email, `m${stamp}_0`, address())).status).toBe(201);
      for (let i = 1; i < 5; i++) expect((await signup(email, `m${stamp}_${i}`, address())).status).toBe(409);
      expect429(await signup(email, `m${stamp}_5`, address()), 3600, /sign-ups with this email/);
    });

    it('is shared by every API replica: attempts on two processes add up', async () => {
      const second = await startApi(LIMITS);
      try {
        const ip = address();
        for (let i = 0; i < 10; i++)
          expect((await login(i % 2 ? second : api, `nobody${i}@example.com`, 'x', ip)).status).toBe(401);
        expect((await login(api, 'nobody@example.com', 'x', ip)).status).toBe(429);
        expect((await login(second, 'nobody@example.com', 'x', ip)).status).toBe(429);
      } finally {
        await second.close();
      }
    });

    it('keeps no email or address in Redis, only hashes, and every counter expires', async () => {
      const ip = address();
      const email = `hashed-${Date.now()}@example.com`;
      expect((await login(api, email, 'x', ip)).status).toBe(401);
      const redis = new Redis(process.env.REDIS_URL!);
      try {
        const keys = await redis.keys('linkpulse:rate:*');
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) {
          expect(key).not.toContain(email);
          expect(key).not.toContain(ip);
          expect(await redis.pttl(key)).toBeGreaterThan(0);
        }
      } finally {
        redis.disconnect();
      }
    });

    it('fails open when Redis is down: sign-in keeps working, unlimited', async () => {
      const redis = await TestRedisServer.start();
      const isolated = await startApi({ ...LIMITS, REDIS_URL: redis.url });
      try {
        const creator = await signUp(isolated.url);
        await redis.stop();
        const ip = address();
        for (let i = 0; i < 12; i++) {
          const started = Date.now();
          expect((await login(isolated, creator.email, creator.password, ip)).status).toBe(200);
          expect(Date.now() - started).toBeLessThan(1500);
        }
      } finally {
        await isolated.close();
        await redis.stop();
      }
    }, 60_000);
  });

  describe('sessions', () => {
    it('live streams end when their session is logged out, their token revoked, or the password changed', async () => {
      const creator = await signUp(api.url);
      const cookieOf = (client: ApiClient): string => (client as unknown as { cookie: string }).cookie;
      const second = new ApiClient(api.url);
      expect(
        (await second.post('/api/v1/auth/login', { email: creator.email, password: creator.password }, from(address()))).status,
      ).toBe(200);
      const revoked = (await creator.client.post('/api/v1/tokens', { name: 'revoked' })).body;
      const kept = (await creator.client.post('/api/v1/tokens', { name: 'kept' })).body;
      const open = (headers: Record<string, string>) => EventStreamReader.open(`${api.url}/api/v1/analytics/live`, headers);
      const streams = {
        loggedOut: await open({ cookie: cookieOf(creator.client) }),
        passwordChanged: await open({ cookie: cookieOf(second) }),
        tokenRevoked: await open({ authorization: `Bearer ${revoked.token}` }),
        tokenKept: await open({ authorization: `Bearer ${kept.token}` }),
      };
      const ended = new Set<string>();
      for (const [name, stream] of Object.entries(streams)) {
        expect(stream.status).toBe(200);
        void stream.finished().then(() => ended.add(name));
      }
      await eventually(
        async () => Object.values(streams).every((stream) => stream.text.includes(': connected')),
        10_000,
        'streams',
      );
      try {
        expect((await creator.client.post('/api/v1/auth/logout')).status).toBe(204);
        expect((await new ApiClient(api.url).withToken(kept.token).delete(`/api/v1/tokens/${revoked.id}`)).status).toBe(204);
        const change = await new ApiClient(api.url)
          .withToken(kept.token)
          .post('/api/v1/me/password', { currentPassword: creator.password, newPassword: 'a brand new password' });
        expect(change.status).toBe(204);
        // each stream asks at its next heartbeat (every 15 s)
        await eventually(async () => ended.size >= 3, 25_000, 'the three revoked streams to end');
        expect([...ended].sort()).toEqual(['loggedOut', 'passwordChanged', 'tokenRevoked']);
        await eventually(async () => streams.tokenKept.text.includes(': heartbeat'), 5_000, 'the kept stream’s heartbeat');
        expect((await new ApiClient(api.url).withToken(kept.token).get('/api/v1/me')).status).toBe(200);
        expect(ended.has('tokenKept')).toBe(false);
      } finally {
        for (const stream of Object.values(streams)) await stream.close();
      }
    }, 60_000);

    it('logout revokes the session: the old cookie is refused afterwards', async () => {
      const creator = await signUp(api.url);
      const cookie = (creator.client as unknown as { cookie: string }).cookie;
      const logout = await creator.client.post('/api/v1/auth/logout');
      expect(logout.status).toBe(204);
      expect(logout.headers.get('set-cookie')).toMatch(/^lp_session=;/);
      const replayed = await fetch(`${api.url}/api/v1/me`, { headers: { cookie } });
      expect(replayed.status).toBe(401);
      const token = cookie.split('=')[1];
      const { rows } = await db.query('SELECT count(*)::int AS n FROM sessions WHERE token_hash = $1', [
        createHash('sha256').update(token).digest(),
      ]);
      expect(rows[0].n).toBe(0);
    });

    it('a password change revokes every other session, renews this one, and keeps API tokens', async () => {
      const creator = await signUp(api.url);
      const oldCookie = (creator.client as unknown as { cookie: string }).cookie;
      const elsewhere = new ApiClient(api.url);
      expect(
        (await elsewhere.post('/api/v1/auth/login', { email: creator.email, password: creator.password }, from(address())))
          .status,
      ).toBe(200);
      const token = (await creator.client.post('/api/v1/tokens', { name: 'integration' })).body.token;

      const change = await creator.client.post('/api/v1/me/password', {
        currentPassword: creator.password,
        newPassword: 'the new password 2',
      });
      expect(change.status).toBe(204);
      expect(change.headers.get('set-cookie')).toMatch(/^lp_session=[\w-]{43};/);

      expect((await creator.client.get('/api/v1/me')).status).toBe(200);
      expect((await fetch(`${api.url}/api/v1/me`, { headers: { cookie: oldCookie } })).status).toBe(401);
      expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
      expect((await creator.client.withToken(token).get('/api/v1/me')).status).toBe(200);
      expect((await login(api, creator.email, creator.password, address())).status).toBe(401);
      expect((await login(api, creator.email, 'the new password 2', address())).status).toBe(200);
      const { rows } = await db.query('SELECT count(*)::int AS n FROM sessions WHERE creator_id = $1', [creator.id]);
      expect(rows[0].n).toBe(2); // the renewed one and the sign-in just above
    });

    it('a password change made with an API token revokes every session and sets no cookie', async () => {
      const creator = await signUp(api.url);
      const token = (await creator.client.post('/api/v1/tokens', { name: 'integration' })).body.token;
      const change = await creator.client
        .withToken(token)
        .post('/api/v1/me/password', { currentPassword: creator.password, newPassword: 'the new password 3' });
      expect(change.status).toBe(204);
      expect(change.headers.get('set-cookie')).toBeNull();
      expect((await creator.client.get('/api/v1/me')).status).toBe(401);
    });

    it('refuses a wrong current password (403), a short new one and the same one (400)', async () => {
      const creator = await signUp(api.url);
      const change = (body: unknown) => creator.client.post('/api/v1/me/password', body);
      expect((await change({ currentPassword: 'nope', newPassword: 'long enough 1' })).body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'currentPassword is wrong',
      });
      expect((await change({ currentPassword: creator.password, newPassword: 'short' })).body.message).toEqual([
        'newPassword must be between 8 and 200 characters',
      ]);
      expect((await change({ currentPassword: creator.password, newPassword: creator.password })).body.message).toBe(
        'newPassword must differ from currentPassword',
      );
      expect((await change({ currentPassword: creator.password })).status).toBe(400);
      expect((await login(api, creator.email, creator.password, address())).status).toBe(200);
    });

    it('refuses an expired session', async () => {
      const creator = await signUp(api.url);
      await db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE creator_id = $1`, [creator.id]);
      expect((await creator.client.get('/api/v1/me')).status).toBe(401);
    });

    it('sets the cookie httpOnly, SameSite=Lax, for 30 days, on / — and Secure in production or behind https', async () => {
      const signup = await new ApiClient(api.url).post(
        '/api/v1/auth/signup',
        { email: `cookie${Date.now()}@example.com`, password: 'long enough password', username: `cookie_${Date.now() % 1e8}` },
        from(address()),
      );
      const cookie = signup.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^lp_session=[\w-]{43}; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/);

      const secureSettings: Record<string, string>[] = [
        { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-32-characters!' },
        { PUBLIC_URL: 'https://lnk.example.com' },
      ];
      for (const env of secureSettings) {
        const secure = await startApi(env);
        try {
          const other = await signUp(secure.url);
          const reply = await other.client.post(
            '/api/v1/auth/login',
            { email: other.email, password: other.password },
            from(address()),
          );
          expect(reply.headers.get('set-cookie')).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
        } finally {
          await secure.close();
        }
      }
    });
  });

  describe('CSRF and tokens', () => {
    it('refuses cookie-authenticated writes without X-Requested-With: linkpulse; reads and token writes need none', async () => {
      const creator = await signUp(api.url);
      const cookie = (creator.client as unknown as { cookie: string }).cookie;
      const post = (headers: Record<string, string>) =>
        fetch(`${api.url}/api/v1/links`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ url: 'https://example.com/' }),
        });
      const refused = await post({ cookie });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'Cookie-authenticated writes need the header X-Requested-With: linkpulse',
      });
      expect((await post({ cookie, 'x-requested-with': 'XMLHttpRequest' })).status).toBe(403);
      expect((await post({ cookie, 'x-requested-with': 'linkpulse' })).status).toBe(201);
      expect((await fetch(`${api.url}/api/v1/links`, { headers: { cookie } })).status).toBe(200);
      const token = (await creator.client.post('/api/v1/tokens', { name: 'script' })).body.token;
      expect((await post({ authorization: `Bearer ${token}` })).status).toBe(201);
      const { rows } = await db.query('SELECT count(*)::int AS n FROM links WHERE creator_id = $1', [creator.id]);
      expect(rows[0].n).toBe(2);
    });

    it('takes no HTML form anywhere: a cross-site form post to sign-in is a 415 and signs nobody in', async () => {
      const creator = await signUp(api.url);
      const bodies: [string, string][] = [
        [
          'application/x-www-form-urlencoded',
          `email=${encodeURIComponent(creator.email)}&password=${encodeURIComponent(creator.password)}`,
        ],
        ['text/plain', JSON.stringify({ email: creator.email, password: creator.password })],
        [
          'multipart/form-data; boundary=x',
          `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${creator.email}\r\n--x--\r\n`,
        ],
      ];
      for (const [type, body] of bodies) {
        const reply = await fetch(`${api.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': type, origin: 'https://evil.example' },
          body,
        });
        expect(reply.status).toBe(415);
        expect(reply.headers.get('set-cookie')).toBeNull();
        expect(await reply.json()).toEqual({
          statusCode: 415,
          error: 'Unsupported Media Type',
          message: 'Request bodies must be JSON, sent with Content-Type: application/json',
        });
        expect(reply.headers.get('access-control-allow-origin')).toBeNull();
      }
    });

    it('API tokens: lp_ and 43 characters, shown once, stored as a SHA-256 hash, revocable, dead with their account', async () => {
      const creator = await signUp(api.url);
      const created = await creator.client.post('/api/v1/tokens', { name: 'script' });
      expect(created.body.token).toMatch(/^lp_[\w-]{43}$/);
      const listed = await creator.client.get('/api/v1/tokens');
      expect(listed.text).not.toContain(created.body.token);
      expect(listed.body.items[0].prefix).toBe(created.body.token.slice(0, 9));
      const { rows } = await db.query('SELECT token_hash FROM api_tokens WHERE id = $1', [created.body.id]);
      expect(rows[0].token_hash).toEqual(createHash('sha256').update(created.body.token).digest());

      const client = creator.client.withToken(created.body.token);
      expect((await client.get('/api/v1/me')).status).toBe(200);
      expect((await creator.client.delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(204);
      expect((await client.get('/api/v1/me')).status).toBe(401);

      const second = (await creator.client.post('/api/v1/tokens', { name: 'second' })).body.token;
      expect((await creator.client.delete('/api/v1/me', { password: creator.password })).status).toBe(204);
      expect((await creator.client.withToken(second).get('/api/v1/me')).status).toBe(401);
      expect((await new ApiClient(api.url).get('/api/v1/me', { authorization: 'Bearer lp_forged' })).status).toBe(401);
      expect((await new ApiClient(api.url).get('/api/v1/me', { authorization: `Basic ${second}` })).status).toBe(401);
    });

    it('stores passwords as argon2id (19 MiB, 2 passes, 1 lane) and sessions as SHA-256 hashes, never in clear', async () => {
      const creator = await signUp(api.url);
      const { rows } = await db.query('SELECT password_hash FROM creators WHERE id = $1', [creator.id]);
      const [, algorithm, version, parameters] = rows[0].password_hash.split('$');
      expect({
        algorithm,
        version,
        parameters: Object.fromEntries(parameters.split(',').map((p: string) => p.split('='))),
      }).toEqual({
        algorithm: 'argon2id',
        version: 'v=19',
        parameters: { m: '19456', t: '2', p: '1' },
      });
      const cookie = (creator.client as unknown as { cookie: string }).cookie.split('=')[1];
      const sessions = await db.query('SELECT token_hash::text AS hash FROM sessions WHERE creator_id = $1', [creator.id]);
      expect(sessions.rows).toEqual([{ hash: `\\x${createHash('sha256').update(cookie).digest('hex')}` }]);
    });
  });
});
