import { readFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_IMPORT_BYTES } from '@app/links';
import { type ApiClient, newCreator, type Reply } from './support/http-client.js';
import { eventually, type RunningApi, startApi, startWorker } from './support/stack.js';

const IMPORTS = '/api/v1/imports';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/imports/${name}`, import.meta.url), 'utf8');

interface ReportRow {
  line: number;
  slug: string | null;
  url: string;
  outcome: 'imported' | 'skipped';
  reason: string | null;
  message: string | null;
  linkId: string | null;
}

let api: RunningApi;
let worker: INestApplicationContext;

beforeAll(async () => {
  api = await startApi();
  worker = await startWorker();
});

afterAll(async () => {
  await worker?.close();
  await api?.close();
});

function upload(client: ApiClient, csv: string, filename = 'export.csv'): Promise<Reply> {
  return client.request('POST', `${IMPORTS}?filename=${encodeURIComponent(filename)}`, csv, { 'content-type': 'text/csv' });
}

/** Uploads the file and waits for the import to finish; its final state with the report. */
async function importFile(client: ApiClient, csv: string, filename?: string) {
  const reply = await upload(client, csv, filename);
  expect(reply.status).toBe(202);
  expect(reply.body.status).toBe('queued');
  return eventually(
    async () => {
      const state = await client.get(`${IMPORTS}/${reply.body.id}`);
      return state.body.status === 'done' || state.body.status === 'failed' ? state.body : null;
    },
    20_000,
    'the import to finish',
  );
}

/** The report as [line, slug, outcome or reason]. */
const outcomes = (rows: ReportRow[]) => rows.map((row) => [row.line, row.slug, row.reason ?? row.outcome]);

async function linkBySlug(client: ApiClient, slug: string) {
  const reply = await client.get(`/api/v1/links?search=${encodeURIComponent(slug)}&limit=500`);
  return (
    reply.body.items as { slug: string; url: string; title: string | null; tags: string[]; expiresAt: string | null }[]
  ).find((link) => link.slug === slug);
}

describe('importing each format from its fixture', () => {
  it('imports a Bitly export and reports every row: unsafe, reserved, duplicate and broken rows skipped', async () => {
    const { client } = await newCreator(api.url);
    const done = await importFile(client, fixture('bitly.csv'), 'bitly_links.csv');
    expect(done).toMatchObject({
      format: 'bitly',
      status: 'done',
      filename: 'bitly_links.csv',
      totalRows: 7,
      rowsDone: 7,
      imported: 3,
      skipped: 4,
    });
    expect(outcomes(done.rows)).toEqual([
      [2, '3Kx9QmA', 'imported'],
      [3, 'bly-podcast', 'imported'],
      [4, '2ZqWe8T', 'unsafe_url'],
      [5, 'admin', 'reserved_slug'],
      [6, '3Kx9QmA', 'duplicate_in_file'],
      [7, '5hNn7Ws', 'bad_url'],
      [8, '1BlyOld', 'imported'],
    ]);
    expect(done.rows[2].message).toBe('a javascript: target is never imported');
    expect(done.rows[4].message).toBe('line 2 of the file has the same slug');
    expect(await linkBySlug(client, '3Kx9QmA')).toMatchObject({
      url: 'https://shop.example.com/spring?utm_source=bitly',
      title: 'Spring sale',
      tags: ['sale', 'spring'],
    });
    expect(await linkBySlug(client, 'bly-podcast')).toMatchObject({ title: 'Episode 42: "Links, and why"' });
    // the imported slug redirects at once (no "no such link" left in the cache)
    const redirect = await fetch(`${api.url}/bly-podcast`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://podcast.example.com/episodes/42');
  });

  it("imports shlink-importer's CSV and the Shlink web client's export", async () => {
    const { client } = await newCreator(api.url);
    const done = await importFile(client, fixture('shlink.csv'));
    expect(done).toMatchObject({ format: 'shlink', imported: 3, skipped: 2 });
    expect(outcomes(done.rows)).toEqual([
      [2, 'shl-start', 'imported'],
      [3, 'shl-api', 'imported'],
      [4, 'shl-ftp', 'bad_url'],
      [5, 'status', 'reserved_slug'],
      [6, expect.stringMatching(/^[A-Za-z0-9]{7}$/), 'imported'],
    ]);
    expect(await linkBySlug(client, 'shl-start')).toMatchObject({ tags: ['docs', 'onboarding'], title: 'Getting started' });
    const web = await importFile(client, fixture('shlink-web-export.csv'));
    expect(web).toMatchObject({ format: 'shlink', imported: 2, skipped: 0 });
    expect(await linkBySlug(client, 'shw-news')).toMatchObject({ url: 'https://news.example.com/', tags: ['press', 'news'] });
  });

  it('imports a Kutt export: protected and banned links are skipped, a past expiry too, a future one kept', async () => {
    const { client } = await newCreator(api.url);
    const done = await importFile(client, fixture('kutt.csv'));
    expect(done).toMatchObject({ format: 'kutt', imported: 2, skipped: 3 });
    expect(outcomes(done.rows)).toEqual([
      [2, 'ktt-launch', 'imported'],
      [3, 'ktt-secret', 'password_protected'],
      [4, 'ktt-banned', 'banned'],
      [5, 'ktt-old', 'expired'],
      [6, 'ktt-later', 'imported'],
    ]);
    expect(await linkBySlug(client, 'ktt-later')).toMatchObject({ expiresAt: '2099-01-01T00:00:00.000Z', title: 'Future promo' });
  });

  it("imports YOURLS' url table", async () => {
    const { client } = await newCreator(api.url);
    const done = await importFile(client, fixture('yourls.csv'));
    expect(done).toMatchObject({ format: 'yourls', imported: 2, skipped: 2 });
    expect(outcomes(done.rows)).toEqual([
      [2, 'yrl-home', 'imported'],
      [3, 'yrl-talk', 'imported'],
      [4, 'yrl.dot', 'bad_slug'],
      [5, 'yrl-data', 'unsafe_url'],
    ]);
  });

  it('imports the plain format, and our own export imports back as already there', async () => {
    const { client } = await newCreator(api.url);
    const done = await importFile(client, fixture('plain.csv'));
    expect(done).toMatchObject({ format: 'plain', imported: 3, skipped: 1 });
    expect(outcomes(done.rows)).toEqual([
      [2, 'pln-one', 'imported'],
      [3, expect.stringMatching(/^[A-Za-z0-9]{7}$/), 'imported'],
      [4, 'pln-one', 'duplicate_in_file'],
      [5, 'pln-four', 'imported'],
    ]);
    expect(await linkBySlug(client, 'pln-four')).toMatchObject({ url: 'https://example.com/four', tags: ['gamma'] });
    const exported = await client.get('/api/v1/links/export.csv');
    const again = await importFile(client, exported.text);
    expect(again).toMatchObject({ format: 'plain', imported: 0, skipped: 3 });
    expect(again.rows.map((row: ReportRow) => row.reason)).toEqual(['already_imported', 'already_imported', 'already_imported']);
  });
});

describe('re-runs, other creators and the limits', () => {
  it('is idempotent: the same file again imports nothing and says why; another creator meets taken slugs', async () => {
    const first = await newCreator(api.url);
    const once = await importFile(first.client, fixture('plain.csv').replace(/pln-/g, 'rerun-'));
    expect(once.imported).toBe(3);
    const twice = await importFile(first.client, fixture('plain.csv').replace(/pln-/g, 'rerun-'));
    expect(twice).toMatchObject({ imported: 0, skipped: 4 });
    expect(outcomes(twice.rows)).toEqual([
      [2, 'rerun-one', 'already_imported'],
      [3, null, 'already_imported'],
      [4, 'rerun-one', 'duplicate_in_file'],
      [5, 'rerun-four', 'already_imported'],
    ]);
    const listed = await first.client.get('/api/v1/links?limit=500');
    expect(listed.body.items).toHaveLength(3);

    const second = await newCreator(api.url);
    const theirs = await importFile(second.client, fixture('plain.csv').replace(/pln-/g, 'rerun-'));
    expect(outcomes(theirs.rows)).toEqual([
      [2, 'rerun-one', 'duplicate_slug'],
      [3, expect.stringMatching(/^[A-Za-z0-9]{7}$/), 'imported'],
      [4, 'rerun-one', 'duplicate_in_file'],
      [5, 'rerun-four', 'duplicate_slug'],
    ]);
    expect(theirs.rows[0].message).toBe('this slug is taken');
    // the first creator's link is untouched
    expect(await linkBySlug(first.client, 'rerun-one')).toMatchObject({ url: 'https://example.com/one' });
  });

  it('skips targets that lead back to this instance or this machine, and slugs that differ from a taken one only by case', async () => {
    const { client } = await newCreator(api.url);
    await client.post('/api/v1/links', { url: 'https://example.com/merch', slug: 'Merch-Case' });
    const host = new URL(api.url).host;
    const done = await importFile(
      client,
      `url,slug\nhttp://localhost:9/x,loop-local\nhttp://127.0.0.1/y,loop-ip\nhttp://${host}/z,loop-self\nhttps://example.com/merch,merch-case\n`,
    );
    expect(outcomes(done.rows)).toEqual([
      [2, 'loop-local', 'bad_url'],
      [3, 'loop-ip', 'bad_url'],
      [4, 'loop-self', 'bad_url'],
      [5, 'merch-case', 'duplicate_slug'],
    ]);
    expect(done.rows[0].message).toContain('must not point at this Linkpulse instance or this machine');
    expect(done.rows[3].message).toBe('your link /Merch-Case differs from it only by case');
  });

  it('holds back slugs in quarantine from others, and gives them back to the creator who let them go', async () => {
    const owner = await newCreator(api.url);
    const link = await owner.client.post('/api/v1/links', { url: 'https://example.com/old', slug: 'Freed-Slug' });
    expect((await owner.client.delete(`/api/v1/links/${link.body.id}`)).status).toBe(204);
    const other = await newCreator(api.url);
    const refused = await importFile(other.client, 'url,slug\nhttps://example.com/mine,freed-slug\n');
    expect(outcomes(refused.rows)).toEqual([[2, 'freed-slug', 'quarantined_slug']]);
    expect(refused.rows[0].message).toBe('this slug was freed recently and is held back');
    const back = await importFile(owner.client, 'url,slug\nhttps://example.com/old,freed-slug\n');
    expect(outcomes(back.rows)).toEqual([[2, 'freed-slug', 'imported']]);
  });

  it('lists the newest imports without their reports; another id or a non-UUID is a 404', async () => {
    const { client } = await newCreator(api.url);
    const done = await importFile(client, 'url\nhttps://list.example.com/\n', 'one.csv');
    const list = await client.get(IMPORTS);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: done.id, filename: 'one.csv', imported: 1 })]);
    expect(list.body.items[0].rows).toBeUndefined();
    expect((await client.get(`${IMPORTS}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await client.get(`${IMPORTS}/not-a-uuid`)).status).toBe(404);
  });

  it('refuses files it cannot import with a 400 that says why, and stores nothing', async () => {
    const { client } = await newCreator(api.url);
    const cases: [string, string][] = [
      ['', 'The file is empty'],
      ['url,slug\n', 'The file has a header but no rows'],
      ['name,destination\nx,https://a.example/\n', 'The header names no format we import'],
      ['url\n"https://a.example/\n', 'never closed'],
      [`url\n${'https://a.example/\n'.repeat(10_001)}`, 'The file has 10001 rows; one import takes at most 10000'],
    ];
    for (const [csv, message] of cases) {
      const reply = await upload(client, csv);
      expect([reply.status, reply.body.message]).toEqual([400, expect.stringContaining(message)]);
    }
    const tooLarge = await upload(client, `url\n${'x'.repeat(MAX_IMPORT_BYTES)}\n`);
    expect([tooLarge.status, tooLarge.body.message]).toEqual([400, 'The file is larger than 5 MiB, the most one import takes']);
    const notUtf8 = await client.request('POST', IMPORTS, Buffer.from([0x75, 0x72, 0x6c, 0x0a, 0xff, 0xfe, 0x0a]), {
      'content-type': 'text/csv',
    });
    expect([notUtf8.status, notUtf8.body.message]).toEqual([400, expect.stringContaining('UTF-8')]);
    const json = await client.post(IMPORTS, { csv: 'url\nhttps://a.example/' });
    expect([json.status, json.body.message]).toEqual([400, 'Upload the file itself, with Content-Type: text/csv']);
    // text/csv goes to the import route only
    const elsewhere = await client.request('POST', '/api/v1/links', 'url\nhttps://a.example/', { 'content-type': 'text/csv' });
    expect(elsewhere.status).toBe(415);
    expect((await client.get(IMPORTS)).body.items).toEqual([]);
  });

  it('takes one import at a time per creator', async () => {
    const { client } = await newCreator(api.url);
    const rows = Array.from({ length: 2000 }, (_, i) => `https://one-at-a-time.example.com/${i}`).join('\n');
    const first = await upload(client, `url\n${rows}\n`);
    expect(first.status).toBe(202);
    const second = await upload(client, 'url\nhttps://second.example.com/\n');
    expect(second.status).toBe(409);
    const done = await eventually(
      async () => {
        const state = await client.get(`${IMPORTS}/${first.body.id}`);
        return state.body.status === 'done' ? state.body : null;
      },
      60_000,
      'the large import',
    );
    expect(done).toMatchObject({ imported: 2000, skipped: 0, rowsDone: 2000 });
    expect(done.rows).toHaveLength(2000);
  });

  it('needs a signed-in creator', async () => {
    const anonymous = await fetch(`${api.url}${IMPORTS}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'url\nhttps://a.example/',
    });
    expect(anonymous.status).toBe(401);
  });
});
