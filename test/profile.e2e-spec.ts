import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CaptureJobData, type CapturedHit, decodeCaptureBatch } from '@app/common';
import { Queue } from 'bullmq';
import type pg from 'pg';
import { type ApiClient, newCreator, type Reply } from './support/http-client.js';
import { connectDatabase, eventually, type RunningApi, startApi } from './support/stack.js';

function messageOf(reply: Reply): string {
  const { message } = reply.body as { message: string | string[] };
  return Array.isArray(message) ? message.join('; ') : message;
}

const PROFILE = '/api/v1/profile';
type Creator = Awaited<ReturnType<typeof newCreator>>;

describe('profile API and public page', () => {
  let api: RunningApi;
  let db: pg.Client;
  let captures: Queue<CaptureJobData>;
  let publicUrl: string;

  const createLink = async (client: ApiClient, body: Record<string, unknown>): Promise<{ id: string; slug: string }> => {
    const reply = await client.post('/api/v1/links', body);
    if (reply.status !== 201) throw new Error(`create failed: ${reply.status} ${reply.text}`);
    return reply.body;
  };

  /** The profile row and the profile columns of the creator's links, to prove nothing changed. */
  const storedProfile = async (creatorId: string): Promise<unknown> => {
    const profile = await db.query('SELECT title, bio, avatar_url, theme, updated_at FROM profiles WHERE creator_id = $1', [
      creatorId,
    ]);
    const links = await db.query(
      'SELECT id, on_profile, profile_position, updated_at FROM links WHERE creator_id = $1 ORDER BY id',
      [creatorId],
    );
    return { profile: profile.rows, links: links.rows };
  };

  /** The hits captured for a creator so far (no worker runs in this file, so they wait in the queue). */
  const capturedHits = async (creatorId: string): Promise<CapturedHit[]> => {
    const jobs = await captures.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
    return jobs.flatMap((job) => decodeCaptureBatch(job.data)).filter((hit) => hit.creatorId === creatorId);
  };

  const page = (username: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${api.url}/@${username}`, { redirect: 'manual', ...init });

  beforeAll(async () => {
    api = await startApi();
    db = await connectDatabase();
    captures = new Queue<CaptureJobData>('capture', { prefix: '{linkpulse}', connection: { url: process.env.REDIS_URL } });
    const probe = await newCreator(api.url);
    publicUrl = (await probe.client.get(PROFILE)).body.publicUrl.replace(/\/@[^/]+$/, '');
  });

  afterAll(async () => {
    await captures?.close();
    await db?.end();
    await api?.close();
  });

  describe('GET /profile', () => {
    it('starts with the username as title, no bio, no avatar, the light theme and no links', async () => {
      const ana = await newCreator(api.url);
      const reply = await ana.client.get(PROFILE);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        username: ana.username,
        title: ana.username,
        bio: '',
        avatarUrl: null,
        theme: 'light',
        links: [],
        publicUrl: `${publicUrl}/@${ana.username}`,
      });
    });

    it('lists the links on the profile in order, then the others (not archived) as hidden, newest first', async () => {
      const ana = await newCreator(api.url);
      const first = await createLink(ana.client, { url: 'https://example.com/first', title: 'First', onProfile: true });
      const hiddenOld = await createLink(ana.client, { url: 'https://example.com/hidden-old' });
      const second = await createLink(ana.client, { url: 'https://example.com/second', onProfile: true });
      const hiddenNew = await createLink(ana.client, { url: 'https://example.com/hidden-new', title: 'Hidden' });
      const archived = await createLink(ana.client, { url: 'https://example.com/archived', onProfile: true });
      await ana.client.patch(`/api/v1/links/${archived.id}`, { archived: true });

      const { body } = await ana.client.get(PROFILE);
      expect(body.links).toEqual([
        { linkId: first.id, position: 0, visible: true, slug: first.slug, title: 'First', url: 'https://example.com/first' },
        { linkId: second.id, position: 1, visible: true, slug: second.slug, title: null, url: 'https://example.com/second' },
        {
          linkId: hiddenNew.id,
          position: 2,
          visible: false,
          slug: hiddenNew.slug,
          title: 'Hidden',
          url: 'https://example.com/hidden-new',
        },
        {
          linkId: hiddenOld.id,
          position: 3,
          visible: false,
          slug: hiddenOld.slug,
          title: null,
          url: 'https://example.com/hidden-old',
        },
      ]);
    });
  });

  describe('PUT /profile', () => {
    it('saves the page and the order of its links; links left out leave the profile', async () => {
      const ana = await newCreator(api.url);
      const a = await createLink(ana.client, { url: 'https://example.com/a', title: 'A', onProfile: true });
      const b = await createLink(ana.client, { url: 'https://example.com/b', title: 'B', onProfile: true });
      const c = await createLink(ana.client, { url: 'https://example.com/c', title: 'C' });
      const d = await createLink(ana.client, { url: 'https://example.com/d', title: 'D', onProfile: true });

      const reply = await ana.client.put(PROFILE, {
        title: '  Ana Lima  ',
        bio: 'Ceramics & glaze recipes.\nNew drops every Friday.',
        avatarUrl: 'https://images.example.com/ana.jpg',
        theme: 'ocean',
        links: [
          { linkId: b.id, position: 5, visible: true },
          { linkId: c.id, position: 1, visible: true },
          { linkId: a.id, position: 9, visible: false },
        ],
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        username: ana.username,
        title: 'Ana Lima',
        bio: 'Ceramics & glaze recipes.\nNew drops every Friday.',
        avatarUrl: 'https://images.example.com/ana.jpg',
        theme: 'ocean',
        links: [
          { linkId: c.id, position: 0, visible: true, slug: c.slug, title: 'C', url: 'https://example.com/c' },
          { linkId: b.id, position: 1, visible: true, slug: b.slug, title: 'B', url: 'https://example.com/b' },
          expect.objectContaining({ linkId: d.id, visible: false }),
          expect.objectContaining({ linkId: a.id, visible: false }),
        ],
        publicUrl: `${publicUrl}/@${ana.username}`,
      });
      expect((await ana.client.get(PROFILE)).body).toEqual(reply.body);
      expect((await ana.client.get(`/api/v1/links/${d.id}`)).body.onProfile).toBe(false);
      expect((await ana.client.get(`/api/v1/links/${c.id}`)).body.onProfile).toBe(true);
    });

    it('keeps the fields left out, clears title and bio with null, and removes the avatar with null', async () => {
      const ana = await newCreator(api.url);
      await ana.client.put(PROFILE, {
        title: 'Kept',
        bio: 'Kept bio',
        avatarUrl: 'https://images.example.com/a.png',
        theme: 'dark',
      });
      const partial = await ana.client.put(PROFILE, { theme: 'forest' });
      expect(partial.body).toMatchObject({
        title: 'Kept',
        bio: 'Kept bio',
        avatarUrl: 'https://images.example.com/a.png',
        theme: 'forest',
      });
      const cleared = await ana.client.put(PROFILE, { title: null, bio: null, avatarUrl: null });
      expect(cleared.body).toMatchObject({ title: '', bio: '', avatarUrl: null, theme: 'forest' });
    });

    it('answers 404 for another creator’s link or an unknown one, and changes nothing at all', async () => {
      const ana = await newCreator(api.url);
      const bob = await newCreator(api.url);
      const mine = await createLink(ana.client, { url: 'https://example.com/mine', onProfile: true });
      const bobs = await createLink(bob.client, { url: 'https://example.com/bobs', onProfile: true });
      const anaBefore = await storedProfile(ana.id);
      const bobBefore = await storedProfile(bob.id);

      for (const stranger of [bobs.id, '00000000-0000-4000-8000-000000000000']) {
        const reply = await ana.client.put(PROFILE, {
          title: 'Should not be saved',
          theme: 'sunset',
          links: [
            { linkId: mine.id, position: 0, visible: false },
            { linkId: stranger, position: 1, visible: true },
          ],
        });
        expect(reply.status).toBe(404);
        expect(reply.body).toEqual({ statusCode: 404, error: 'Not Found', message: `Link ${stranger} not found` });
      }
      expect(await storedProfile(ana.id)).toEqual(anaBefore);
      expect(await storedProfile(bob.id)).toEqual(bobBefore);
    });

    it.each([
      ['a 101-character title', { title: 'T'.repeat(101) }, 'title must be shorter than or equal to 100 characters'],
      ['a 501-character bio', { bio: 'b'.repeat(501) }, 'bio must be shorter than or equal to 500 characters'],
      ['an http avatar', { avatarUrl: 'http://images.example.com/a.png' }, 'avatarUrl must be an https URL, not http:'],
      ['a javascript: avatar', { avatarUrl: 'javascript:alert(1)' }, 'avatarUrl must be an https URL, not javascript:'],
      ['a data: avatar', { avatarUrl: 'data:image/png;base64,AAAA' }, 'avatarUrl must be an https URL, not data:'],
      [
        'an avatar with credentials',
        { avatarUrl: 'https://u:p@images.example.com/a.png' },
        'avatarUrl must not contain a user name or password',
      ],
      [
        'an avatar URL over 2,048 characters',
        { avatarUrl: `https://example.com/${'a'.repeat(2040)}` },
        'avatarUrl must be at most 2048 characters',
      ],
      ['an unknown theme', { theme: 'neon' }, 'theme must be one of light, dark, sunset, ocean, forest'],
      ['a null theme', { theme: null }, 'theme must be one of'],
      ['links that are not a list', { links: 'all' }, 'links must be an array'],
      [
        'a link id that is not a UUID',
        { links: [{ linkId: 'abc', position: 0, visible: true }] },
        'links.0.linkId must be a UUID',
      ],
      [
        'a negative position',
        { links: [{ linkId: '00000000-0000-4000-8000-000000000000', position: -1, visible: true }] },
        'links.0.position must not be less than 0',
      ],
      [
        'a missing visible',
        { links: [{ linkId: '00000000-0000-4000-8000-000000000000', position: 0 }] },
        'links.0.visible must be a boolean value',
      ],
      ['an unknown field', { colour: 'red' }, 'property colour should not exist'],
    ])('refuses %s with 400 and changes nothing', async (_, body, message) => {
      const ana = await newCreator(api.url);
      await createLink(ana.client, { url: 'https://example.com/x', onProfile: true });
      const before = await storedProfile(ana.id);
      const reply = await ana.client.put(PROFILE, body);
      expect(reply.status).toBe(400);
      expect(messageOf(reply)).toContain(message);
      expect(await storedProfile(ana.id)).toEqual(before);
    });

    it('refuses a link listed twice with 400 and changes nothing', async () => {
      const ana = await newCreator(api.url);
      const link = await createLink(ana.client, { url: 'https://example.com/twice', onProfile: true });
      const before = await storedProfile(ana.id);
      const reply = await ana.client.put(PROFILE, {
        title: 'no',
        links: [
          { linkId: link.id, position: 0, visible: true },
          { linkId: link.id, position: 1, visible: false },
        ],
      });
      expect(reply.status).toBe(400);
      expect(messageOf(reply)).toBe(`links lists ${link.id} more than once`);
      expect(await storedProfile(ana.id)).toEqual(before);
    });

    it('needs a signed-in creator', async () => {
      expect((await fetch(`${api.url}${PROFILE}`)).status).toBe(401);
      expect(
        (await fetch(`${api.url}${PROFILE}`, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } }))
          .status,
      ).toBe(401);
    });
  });

  describe('GET /@username', () => {
    it("leads a renamed creator's old address to the new one while the old name is reserved, not after the account is gone", async () => {
      const ana = await newCreator(api.url);
      const renamed = `${ana.username}_new`.slice(0, 30);
      expect((await ana.client.patch('/api/v1/me', { username: renamed })).status).toBe(200);
      const old = await page(`${ana.username.toUpperCase()}?utm_source=ig`);
      expect(old.status).toBe(302);
      expect(old.headers.get('location')).toBe(`/@${renamed}?utm_source=ig`);
      expect(old.headers.get('cache-control')).toBe('no-store');
      expect((await page(renamed)).status).toBe(200);

      expect((await ana.client.delete('/api/v1/me', { password: ana.password })).status).toBe(204);
      expect((await page(ana.username)).status).toBe(404);
      expect((await page(renamed)).status).toBe(404);
    });

    let ana: Creator;
    let shown: { id: string; slug: string }[];
    let hidden: { id: string; slug: string };
    let archived: { id: string; slug: string };
    let expired: { id: string; slug: string };

    beforeAll(async () => {
      ana = await newCreator(api.url);
      const script = '<script>alert("x")</script>';
      const first = await createLink(ana.client, { url: 'https://example.com/shop', title: `Shop ${script}`, onProfile: true });
      const second = await createLink(ana.client, { url: 'https://www.example.org/podcast/', onProfile: true });
      hidden = await createLink(ana.client, { url: 'https://example.com/hidden', title: 'Hidden link', onProfile: true });
      archived = await createLink(ana.client, { url: 'https://example.com/archived', title: 'Archived link', onProfile: true });
      expired = await createLink(ana.client, {
        url: 'https://example.com/expired',
        title: 'Expired link',
        onProfile: true,
        expiresAt: '2040-01-01T00:00:00Z',
      });
      shown = [second, first];
      await ana.client.patch(`/api/v1/links/${archived.id}`, { archived: true });
      await db.query(`UPDATE links SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
      const reply = await ana.client.put(PROFILE, {
        title: `Ana ${script}`,
        bio: `Potter & teacher ${script}\n"quotes" and 'apostrophes'`,
        avatarUrl: 'https://images.example.com/ana.png?size=2&x="><script>',
        theme: 'sunset',
        links: [
          { linkId: second.id, position: 0, visible: true },
          { linkId: first.id, position: 1, visible: true },
          { linkId: hidden.id, position: 2, visible: false },
          { linkId: archived.id, position: 3, visible: true },
          { linkId: expired.id, position: 4, visible: true },
        ],
      });
      expect(reply.status).toBe(200);
    });

    it('renders the page with the security headers and no caching', async () => {
      const response = await page(ana.username);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('Made with <a href="/app">Linkpulse</a>');
      expect(html).toContain('<html lang="en" style="color-scheme:light;--bg:linear-gradient(165deg');
    });

    it('escapes every string the creator wrote; the page has no script at all', async () => {
      const html = await (await page(ana.username)).text();
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain('<h1>Ana &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h1>');
      expect(html).toContain(
        '<p class="bio">Potter &amp; teacher &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\n&quot;quotes&quot; and &#39;apostrophes&#39;</p>',
      );
      expect(html).toContain('>Shop &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</a>');
      expect(html).toContain('<img src="https://images.example.com/ana.png?size=2&amp;x=%22%3E%3Cscript%3E"');
      expect(html).toContain(`<title>Ana &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; (@${ana.username})</title>`);
    });

    it('links each visible link through the redirect with ?via=profile, in order; hidden, archived and expired links are absent', async () => {
      const html = await (await page(ana.username)).text();
      const hrefs = [...html.matchAll(/<a class="link" href="([^"]+)">([^<]*)</g)].map((match) => [match[1], match[2]]);
      expect(hrefs).toEqual([
        [`/${shown[0].slug}?via=profile`, 'example.org/podcast'],
        [`/${shown[1].slug}?via=profile`, 'Shop &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'],
      ]);
      for (const absent of [hidden, archived, expired]) expect(html).not.toContain(`/${absent.slug}?`);
      expect(html).not.toContain('Hidden link');
      expect(html).not.toContain('Archived link');
      expect(html).not.toContain('Expired link');

      const click = await fetch(`${api.url}/${shown[1].slug}?via=profile`, { redirect: 'manual' });
      expect(click.status).toBe(302);
      expect(click.headers.get('location')).toBe('https://example.com/shop');
    });

    it('answers the same page for the username in capitals', async () => {
      const response = await page(ana.username.toUpperCase());
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(`@${ana.username}</p>`);
    });

    it('answers a 404 page for an unknown username, on GET and HEAD', async () => {
      for (const username of ['nobody_here_at_all', 'NO', 'has.dot', '%3Cscript%3E']) {
        const response = await page(username);
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
        expect(await response.text()).toContain('Page not found');
      }
      expect((await page('nobody_here_at_all', { method: 'HEAD' })).status).toBe(404);
    });

    it('records one profile view per GET, with the request’s details, and none for HEAD', async () => {
      const viewer = await newCreator(api.url);
      const head = await page(viewer.username, { method: 'HEAD' });
      expect(head.status).toBe(200);
      await page(viewer.username, {
        headers: { 'user-agent': 'Mozilla/5.0 (iPhone) Instagram 300.0', referer: 'https://l.instagram.com/' },
      });
      // batches reach Redis in the order their hits were captured: a HEAD captured before the GET
      // would be there by the time the GET is
      const hits = await eventually(
        async () => {
          const found = await capturedHits(viewer.id);
          return found.some((hit) => hit.referer === 'https://l.instagram.com/') ? found : null;
        },
        5000,
        'the profile view in Redis',
      );
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({
        kind: 'view',
        creatorId: viewer.id,
        linkId: null,
        via: 'direct',
        userAgent: 'Mozilla/5.0 (iPhone) Instagram 300.0',
        referer: 'https://l.instagram.com/',
      });
    });
  });

  describe('PUT /profile/avatar', () => {
    const fixture = (ext: string): Buffer => readFileSync(`apps/api/src/profile/__fixtures__/avatar-40x30.${ext}`);
    const dataUrl = (type: string, bytes: Buffer): string => `data:${type};base64,${bytes.toString('base64')}`;

    it('stores an uploaded image and serves it, cached for good and never sniffed, on the profile and the public page', async () => {
      const ana = await newCreator(api.url);
      const reply = await ana.client.put(`${PROFILE}/avatar`, { image: dataUrl('image/webp', fixture('webp')) });
      expect(reply.status).toBe(200);
      expect(reply.body.avatarUrl).toMatch(/^\/avatars\/[0-9a-f]{32}\.webp$/);
      const path = reply.body.avatarUrl;
      const image = await fetch(`${api.url}${path}`);
      expect(image.status).toBe(200);
      expect(Buffer.from(await image.arrayBuffer()).equals(fixture('webp'))).toBe(true);
      expect(Object.fromEntries(image.headers)).toMatchObject({
        'content-type': 'image/webp',
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
      });
      expect((await fetch(`${api.url}${path.replace('.webp', '.png')}`)).status).toBe(404);
      const html = await (await page(ana.username)).text();
      expect(html).toContain(`<img src="${path}"`);
      expect(html).toContain(`<meta property="og:image" content="${publicUrl}${path}">`);
    });

    it('keeps the upload when the profile is saved with its address, and drops it for another avatar', async () => {
      const ana = await newCreator(api.url);
      const uploaded = (await ana.client.put(`${PROFILE}/avatar`, { image: dataUrl('image/png', fixture('png')) })).body
        .avatarUrl;
      const path = uploaded;
      const saved = await ana.client.put(PROFILE, { title: 'Ana', avatarUrl: uploaded });
      expect(saved.status).toBe(200);
      expect(saved.body.avatarUrl).toBe(uploaded);
      expect((await fetch(`${api.url}${path}`)).status).toBe(200);
      const replaced = await ana.client.put(PROFILE, { avatarUrl: 'https://cdn.example.com/ana.png' });
      expect(replaced.body.avatarUrl).toBe('https://cdn.example.com/ana.png');
      expect((await fetch(`${api.url}${path}`)).status).toBe(404);
      const stored = await db.query('SELECT avatar_image, avatar_key FROM profiles WHERE creator_id = $1', [ana.id]);
      expect(stored.rows).toEqual([{ avatar_image: null, avatar_key: null }]);
    });

    it('refuses what is not a small PNG, JPEG or WebP with a 400, and changes nothing', async () => {
      const ana = await newCreator(api.url);
      const before = await storedProfile(ana.id);
      const wide = Buffer.from(fixture('png'));
      wide.writeUInt32BE(5000, 16);
      for (const [image, message] of [
        [
          dataUrl('image/svg+xml', Buffer.from('<svg onload="alert(1)"/>')),
          'image must be a data: URL of a PNG, JPEG or WebP image in base64',
        ],
        [dataUrl('image/png', fixture('jpg')), 'image is not a valid PNG file'],
        [dataUrl('image/png', wide), 'image must be at most 1024×1024 pixels'],
        ['https://example.com/a.png', 'image must be a data: URL of a PNG, JPEG or WebP image in base64'],
      ]) {
        const reply = await ana.client.put(`${PROFILE}/avatar`, { image });
        expect(reply.status).toBe(400);
        expect(messageOf(reply)).toBe(message);
      }
      expect((await ana.client.put(`${PROFILE}/avatar`, { image: 42 })).status).toBe(400);
      expect((await ana.client.put(`${PROFILE}/avatar`, { image: dataUrl('image/png', Buffer.alloc(60_000)) })).status).toBe(413);
      expect(await storedProfile(ana.id)).toEqual(before);
    });
  });
});
