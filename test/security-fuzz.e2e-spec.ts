import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seededRandom } from '@app/analytics';
import type pg from 'pg';
import { ApiClient, newCreator } from './support/http-client.js';
import { documentedOperations, type Operation, type Schema } from './support/openapi.js';
import { connectDatabase, eventually, type RunningApi, startApi, startWorker } from './support/stack.js';

/*
 * Thousands of malformed requests, from a seeded PRNG (FUZZ_SEED to replay another run), to every
 * documented operation and to the public routes: wrong types, huge strings, deep nesting, 1 MB
 * bodies, invalid JSON, other content types, odd percent-encodings, NUL, path tricks, SQL- and
 * HTML-looking strings, unknown fields, arrays for objects, numbers out of range, bad dates and
 * zones, javascript: URLs. Every write request carries at least one fault the API must refuse.
 * Asserted: never a 5xx; every error is `{ statusCode, error, message }`; every bad write is a
 * 4xx; bodies over 64 kB are 413; and not one row of any table changed.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const PER_OPERATION = 90;
const PUBLIC_REQUESTS = 400;

type Random = () => number;

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** what the request is, for a failure message */
  label: string;
  /** a write that must be refused (4xx) */
  mustRefuse: boolean;
  /** the exact status it must get */
  expectStatus?: number;
  fault?: Fault;
}

interface Received {
  status: number;
  type: string;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

const LARGE_BODY = 64 * 1024;

/**
 * Sends the request as written: node:http keeps `..`, `%2e` and every other byte of the path.
 * A large body goes on a connection of its own: the API answers 413 and closes it while the rest
 * is still being written, so an error after the answer has begun is no failure.
 */
function send(base: URL, sent: Sent): Promise<Received> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const large = sent.body !== undefined && sent.body.length > LARGE_BODY;
    const outgoing = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method: sent.method,
        path: sent.path,
        // node:http sends a DELETE body without a length unless told
        headers:
          sent.body === undefined ? sent.headers : { ...sent.headers, 'content-length': String(Buffer.byteLength(sent.body)) },
        agent: large ? false : agent,
      },
      (response) => {
        answered = true;
        const type = String(response.headers['content-type'] ?? '');
        if (type.includes('event-stream')) {
          // the live stream never ends: its answer is its status
          response.destroy();
          resolve({ status: response.statusCode ?? 0, type, text: '' });
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, type, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', (error) =>
          large
            ? resolve({ status: response.statusCode ?? 0, type, text: Buffer.concat(chunks).toString('utf8') })
            : reject(error),
        );
      },
    );
    outgoing.on('error', (error) => {
      if (!answered) reject(new Error(`${sent.label}: ${error.message}`));
    });
    if (sent.body !== undefined) outgoing.end(sent.body);
    else outgoing.end();
  });
}

// ----- values ---------------------------------------------------------------------------------

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE links; --",
  '1; SELECT pg_sleep(5)',
  "admin'--",
  '" OR ""="',
  '1 UNION SELECT password_hash FROM creators',
  '\\x27',
  '$1',
];
const HTML = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '<svg/onload=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '</title><script>x</script>',
];
const ODD = [
  '',
  ' ',
  '\t\n',
  '🙂🚀',
  'e\u0301',
  '\u202eevil',
  '\ud800',
  '\ufeffbom',
  'ＡＢＣ',
  'İ',
  '%00',
  '%ff',
  '../../etc/passwd',
  '..\\..\\windows',
  'null',
  'undefined',
  'NaN',
  '[object Object]',
];
const NUMBERS = [-1, 0, 0.5, -0.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 1, 1e-9, 9007199254740993];
const BAD_DATES = [
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  'yesterday',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '1e10',
  'T',
  '2026-01-01T25:00:00Z',
  '1999-12-31T23:59:60Z',
  '２０２６-01-01T00:00:00Z',
  'now()',
];
const BAD_ZONES = [
  'Mars/Olympus_Mons',
  'UTC+01:00',
  '+01:00',
  'GMT+25',
  '../../etc/passwd',
  'Europe/',
  '',
  ' ',
  'Local',
  'Europe/Berlin\u0000',
  'x'.repeat(100),
];
const BAD_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'vbscript:x',
  '//evil.example.com/',
  'https://user:pass@example.com/',
  'https://user@example.com/',
  'http://localhost:3000/loop',
  'https:',
  'https://',
  `https://example.com/${'a'.repeat(2100)}`,
  'ftp://example.com/',
  'example.com',
  'http://[::1',
  'https://exa mple.com/',
];
const BAD_IDS = [
  '..%2f..%2fme',
  '..%2F..%2Ftokens',
  '%2e%2e',
  '%2e%2e%2f%2e%2e',
  '%00',
  '%ff',
  '%C0%AF',
  '%E0%A4%A',
  '%',
  "1'%20OR%20'1'%3D'1",
  '%3Cscript%3E',
  'null',
  '-1',
  '0',
  'a'.repeat(199),
  'a'.repeat(300),
  '%F0%9F%99%82',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '{id}',
  '*',
  '.',
  '..',
];

function nasty(random: Random): string {
  const kind = random();
  if (kind < 0.3) return pick(random, SQL);
  if (kind < 0.6) return pick(random, HTML);
  if (kind < 0.85) return pick(random, ODD);
  return pick(random, ['x', 'é', '\u0001', '<']).repeat(int(random, 100, 6000));
}

function randomUuid(random: Random): string {
  const hex = () => Math.floor(random() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-8${part(3)}-${part(12)}`;
}

function nested(random: Random, depth: number): unknown {
  let value: unknown = pick(random, ['x', 1, null, true]);
  for (let i = 0; i < depth; i++) value = random() < 0.5 ? [value] : { a: value };
  return value;
}

/** A value of another JSON type than the schema says. */
function wrongType(random: Random, schema: Schema): unknown {
  const type = schema.type ?? (schema.enum ? 'string' : 'object');
  const others: Record<string, unknown[]> = {
    string: [int(random, -5, 5), true, false, {}, { $ne: '' }, [pick(random, SQL)], [], 1.5],
    integer: ['8', 'eight', true, 1.5, {}, [3], '', '1e3', 'NaN'],
    number: ['8', true, {}, [], 'Infinity'],
    boolean: ['true', 'false', 1, 0, 'yes', {}, [true]],
    array: [{}, 'a,b', 3, true, { 0: 'a' }],
    // also where the document could not tell the type (`string | null` reads as an object): no string
    // here, and an object only there (a declared object, such as a conversion's metadata, takes any)
    object: [3, true, [{}], 1.5, ...(schema.type === 'object' ? [] : [{ nested: { deeper: [] } }])],
  };
  return pick(random, others[type] ?? others.object);
}

/** A value of the right type the schema's limits refuse, or null when the schema has no limits. */
function outOfRange(random: Random, schema: Schema): unknown {
  if (schema.type === 'integer' || schema.type === 'number') {
    const options: unknown[] = [1e308, -1e308];
    if (schema.minimum !== undefined) options.push(schema.minimum - 1, schema.minimum - 1000);
    if (schema.maximum !== undefined) options.push(schema.maximum + 1, schema.maximum * 1000 + 1);
    if (schema.type === 'integer') options.push((schema.minimum ?? 0) + 0.5);
    return pick(random, options);
  }
  if (schema.type === 'string' && schema.maxLength !== undefined) return 'x'.repeat(schema.maxLength + int(random, 100, 20_000));
  if (schema.type === 'string' && schema.enum) return `${String(pick(random, schema.enum))}-not`;
  if (schema.type === 'array' && schema.items?.type === 'string')
    return Array.from({ length: int(random, 2000, 5000) }, (_, i) => `t${i}`);
  return null;
}

// ----- requests ---------------------------------------------------------------------------------

interface Fixture {
  linkId: string;
  tokenId: string;
  publishableKeyId: string;
  reportId: string;
  scheduleId: string;
  importId: string;
  shareId: string;
  shareToken: string;
  alertId: string;
  webhookId: string;
  email: string;
  cookie: string;
  bearer: string;
}

const RANGE = { from: '2026-01-01T00:00:00Z', to: '2026-01-08T00:00:00+01:00' };

/** A well-formed request for the operation, with the fixture creator's ids (and wrong passwords). */
function baseBody(op: Operation, f: Fixture): Record<string, unknown> | undefined {
  const bodies: Record<string, Record<string, unknown>> = {
    'POST /api/v1/auth/signup': { email: 'fuzz-new@example.com', password: 'long enough password', username: 'fuzz_new' },
    'POST /api/v1/auth/login': { email: f.email, password: 'not the password' },
    'PATCH /api/v1/me': { timezone: 'Europe/Berlin' },
    'DELETE /api/v1/me': { password: 'not the password' },
    'POST /api/v1/me/password': { currentPassword: 'not the password', newPassword: 'a new password 1' },
    'POST /api/v1/tokens': { name: 'fuzz' },
    'POST /api/v1/links': { url: 'https://example.com/fuzz', title: 'fuzz', tags: ['fuzz'], onProfile: true },
    'PATCH /api/v1/links/{id}': { title: 'fuzzed', archived: true },
    'PUT /api/v1/profile': {
      title: 'fuzzed',
      bio: 'fuzzed',
      theme: 'dark',
      links: [{ linkId: f.linkId, position: 0, visible: true }],
    },
    'PUT /api/v1/profile/avatar': {
      image: `data:image/png;base64,${readFileSync('apps/api/src/profile/__fixtures__/avatar-40x30.png').toString('base64')}`,
    },
    'POST /api/v1/reports': { ...RANGE, tz: 'UTC', linkId: f.linkId },
    'POST /api/v1/report-schedules': { frequency: 'weekly', dayOfWeek: 2, hour: 8, tz: 'UTC', linkId: f.linkId },
    'POST /api/v1/publishable-keys': { name: 'fuzz', allowedOrigins: ['https://fuzz.example'] },
    'POST /api/v1/shares': { linkId: f.linkId, password: 'a fuzzed password', expiresAt: '2099-01-01T00:00:00Z' },
    'POST /api/v1/shared/{token}/unlock': { password: 'not the password' },
    'POST /api/v1/track/lead': { customerId: 'fuzz', eventName: 'fuzz' },
    'POST /api/v1/track/sale': { customerId: 'fuzz', amount: 100, currency: 'EUR' },
    'POST /api/v1/track/batch': { events: [{ kind: 'lead', customerId: 'fuzz' }] },
    'PATCH /api/v1/alerts/{id}': { read: true },
    'POST /api/v1/webhooks': { url: 'https://93.184.215.14/fuzz', events: ['alert'] },
    'PATCH /api/v1/webhooks/{id}': { events: ['alert', 'lead'] },
    'PUT /api/v1/alert-settings': { enabled: true, threshold: 3.5, minVolume: 25, kinds: ['spike', 'drop'] },
  };
  if (!op.body) return undefined;
  const body = bodies[op.key];
  if (!body) throw new Error(`no well-formed body for ${op.key}: add one`);
  return structuredClone(body);
}

function baseQuery(op: Operation, f: Fixture, random: Random): Record<string, string> {
  const values: Record<string, string> = {
    ...RANGE,
    tz: 'UTC',
    linkId: f.linkId,
    compare: 'previous',
    interval: 'day',
    by: 'source',
    steps: 'click,lead,sale',
    limit: '10',
    size: '128',
    download: '1',
    archived: 'false',
    unread: 'true',
  };
  const query: Record<string, string> = {};
  for (const parameter of op.parameters.filter((p) => p.in === 'query')) {
    if (parameter.required || random() < 0.4) query[parameter.name] = values[parameter.name] ?? 'instagram';
  }
  return query;
}

function idFor(path: string, f: Fixture): string {
  if (path.startsWith('/api/v1/tokens')) return f.tokenId;
  if (path.startsWith('/api/v1/publishable-keys')) return f.publishableKeyId;
  if (path.startsWith('/api/v1/links')) return f.linkId;
  if (path.startsWith('/api/v1/report-schedules')) return f.scheduleId;
  if (path.startsWith('/api/v1/reports')) return f.reportId;
  if (path.startsWith('/api/v1/imports')) return f.importId;
  if (path.startsWith('/api/v1/shares')) return f.shareId;
  if (path.startsWith('/api/v1/alerts')) return f.alertId;
  if (path.startsWith('/api/v1/webhooks')) return f.webhookId;
  throw new Error(`which id goes in ${path}?`);
}

const encodeQuery = (query: Record<string, string | string[]>, raw: string[] = []): string => {
  const parts = Object.entries(query).flatMap(([name, value]) =>
    [value].flat().map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`),
  );
  const all = [...parts, ...raw];
  return all.length ? `?${all.join('&')}` : '';
};

const FAULTS = [
  'unknown-field',
  'wrong-type',
  'out-of-range',
  'missing-required',
  'not-an-object',
  'bad-date',
  'bad-zone',
  'bad-url',
  'bad-uuid',
  'nul',
  'deep',
  'invalid-json',
  'content-type',
  'too-large',
  'bad-id',
  'bad-query',
] as const;

type Fault = (typeof FAULTS)[number];

/** The faults that fit the operation and are certain to be refused before anything is written. */
function faultsFor(op: Operation, body: Record<string, unknown> | undefined): Fault[] {
  const write = op.method !== 'GET';
  const hasId = op.path.includes('{id}');
  const properties = op.body?.properties ?? {};
  const names = Object.keys(properties);
  const faults: Fault[] = [];
  if (hasId) faults.push('bad-id');
  if (!write) faults.push('bad-query');
  if (write) faults.push('invalid-json', 'content-type', 'too-large', 'deep', 'nul');
  if (body) {
    faults.push('unknown-field', 'wrong-type', 'not-an-object');
    if ((op.body?.required ?? []).length > 0) faults.push('missing-required');
    if (names.some((name) => outOfRange(() => 0, properties[name]) !== null)) faults.push('out-of-range');
    if (names.some((name) => ['from', 'to', 'expiresAt'].includes(name))) faults.push('bad-date');
    if (names.some((name) => ['tz', 'timezone'].includes(name))) faults.push('bad-zone');
    if (names.some((name) => ['url', 'fallbackUrl', 'avatarUrl'].includes(name))) faults.push('bad-url');
    if (JSON.stringify(body).includes('linkId')) faults.push('bad-uuid');
  }
  // a write with an id and no body of its own (DELETE …/{id}) is refused only through its id
  if (write && hasId && !body) return ['bad-id'];
  return faults;
}

function malformed(op: Operation, f: Fixture, random: Random, index: number): Sent {
  const write = op.method !== 'GET';
  const body = baseBody(op, f);
  const query: Record<string, string | string[]> = baseQuery(op, f, random);
  const rawQuery: string[] = [];
  let path = (op.path.includes('{id}') ? op.path.replace('{id}', idFor(op.path, f)) : op.path).replace('{token}', f.shareToken);
  const headers: Record<string, string> = {};
  let rawBody: string | Buffer | undefined;
  let expectStatus: number | undefined;

  // noise first: strange but possibly valid values in other fields
  if (body && random() < 0.6) {
    const strings = Object.entries(op.body?.properties ?? {}).filter(([, s]) => s.type === 'string' && !s.enum && !s.format);
    if (strings.length) body[pick(random, strings)[0]] = nasty(random);
  }

  const fault = pick(random, faultsFor(op, body));
  const properties = op.body?.properties ?? {};
  const propertyNames = Object.keys(properties);
  const choose = (filter: (name: string, schema: Schema) => boolean) =>
    pick(
      random,
      propertyNames.filter((name) => filter(name, properties[name])),
    );
  switch (fault) {
    case 'unknown-field': {
      const name = pick(random, [
        'isAdmin',
        'creatorId',
        'id',
        'role',
        'passwordHash',
        'password_hash',
        'constructor',
        '<script>',
        "' OR 1=1 --",
        '$where',
        'links[0]',
        'x'.repeat(300),
        '__proto__x',
        '',
      ]);
      body![name] = random() < 0.5 ? nasty(random) : pick(random, [true, 1, {}, [], null]);
      break;
    }
    case 'wrong-type': {
      const name = pick(random, propertyNames);
      body![name] = wrongType(random, properties[name]);
      break;
    }
    case 'out-of-range': {
      const name = choose((_, schema) => outOfRange(() => 0, schema) !== null);
      body![name] = outOfRange(random, properties[name]);
      break;
    }
    case 'missing-required':
      delete body![pick(random, op.body!.required!)];
      break;
    case 'not-an-object':
      rawBody = JSON.stringify(pick(random, [[], [body], 'a string', 42, true, null, [[[]]]]));
      break;
    case 'bad-date':
      body![choose((name) => ['from', 'to', 'expiresAt'].includes(name))] = pick(random, BAD_DATES);
      break;
    case 'bad-zone':
      body![choose((name) => ['tz', 'timezone'].includes(name))] = pick(random, BAD_ZONES);
      break;
    case 'bad-url':
      body![choose((name) => ['url', 'fallbackUrl', 'avatarUrl'].includes(name))] = pick(random, BAD_URLS);
      break;
    case 'bad-uuid': {
      const bad = pick(random, [
        'not-a-uuid',
        randomUuid(random),
        '',
        "' OR 1=1",
        42,
        null,
        'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
      ]);
      if (Array.isArray(body!.links)) (body!.links as Record<string, unknown>[])[0].linkId = bad;
      else body!.linkId = bad;
      // null is "no link" for a report or a schedule: then make the id a certain unknown one
      if (bad === null && !Array.isArray(body!.links)) body!.linkId = randomUuid(random);
      break;
    }
    case 'nul': {
      const target = body ?? {};
      const name = propertyNames.length ? pick(random, propertyNames) : 'x';
      target[name] = `a\u0000${nasty(random).slice(0, 50)}`;
      rawBody = JSON.stringify(target);
      break;
    }
    case 'deep': {
      const target = body ?? {};
      target[propertyNames.length ? pick(random, propertyNames) : 'x'] = nested(random, int(random, 40, 4000));
      rawBody = JSON.stringify(target);
      break;
    }
    case 'invalid-json':
      rawBody = pick(random, [
        '{',
        '{"a":}',
        "{'a': 1}",
        '{"a": NaN}',
        '{"a": 1} trailing',
        '{"a": 1,}',
        '/* comment */ {}',
        '{"__proto__": {"isAdmin": true}}',
        '{"constructor": {"prototype": {"isAdmin": true}}}',
        '\ufeff{}\u0000',
        '',
        ' ',
        '{"a": "\\ud800"',
        '[',
        '{"a": 0x10}',
      ]);
      break;
    case 'content-type':
      headers['content-type'] = pick(random, [
        'application/x-www-form-urlencoded',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/xml',
        'text/html',
        'application/json-patch+json',
        'application/x-json',
        'application/octet-stream',
        'image/svg+xml',
      ]);
      rawBody = pick(random, ['url=javascript%3Aalert(1)&title=x', JSON.stringify(body ?? {}), '<a>1</a>', '--x\r\n\r\n--x--']);
      break;
    case 'too-large':
      rawBody = JSON.stringify({ ...(body ?? {}), padding: 'x'.repeat(int(random, 65_600, 1_100_000)) });
      expectStatus = 413;
      break;
    case 'bad-id':
      path = op.path.replace('{id}', random() < 0.4 ? randomUuid(random) : pick(random, BAD_IDS));
      break;
    case 'bad-query': {
      const parameters = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
      const name =
        parameters.length && random() < 0.8
          ? pick(random, parameters)
          : pick(random, ['unknown', 'creatorId', '__proto__', 'a[b]', 'x'.repeat(300)]);
      const value = pick(random, [
        ...BAD_DATES,
        ...BAD_ZONES,
        ...SQL,
        ...HTML,
        'x'.repeat(int(random, 201, 3000)),
        '-1',
        '1e400',
        '1.5',
        'NaN',
        randomUuid(random),
        'not-a-uuid',
        String(pick(random, NUMBERS)),
      ]);
      if (random() < 0.2) query[name] = [value, value];
      else query[name] = value;
      if (random() < 0.3)
        rawQuery.push(pick(random, ['%', '%zz', '%E0%A4%A', '%C0%AF', '%00', 'a=%ff', '&&&', '=', 'tz=%2e%2e%2f', '+']));
      break;
    }
  }

  if (rawBody === undefined && body !== undefined && write) rawBody = JSON.stringify(body);
  if (rawBody !== undefined && !headers['content-type'])
    headers['content-type'] = random() < 0.9 ? 'application/json' : 'application/json; charset=latin1';
  const principal = random();
  if (principal < 0.6) Object.assign(headers, { cookie: f.cookie, 'x-requested-with': 'linkpulse' });
  else if (principal < 0.92) headers.authorization = `Bearer ${f.bearer}`;
  return {
    method: op.method,
    path: path + encodeQuery(query, rawQuery),
    headers,
    body: rawBody,
    label: `#${index} ${op.key} [${fault}]`,
    mustRefuse: write,
    expectStatus,
    fault,
  };
}

/** The public routes: short links, profile pages and the dashboard, with path tricks. */
function publicRequest(random: Random, slug: string, username: string, index: number): Sent {
  const trick = pick(random, [
    ...BAD_IDS,
    ...SQL.map(encodeURIComponent),
    ...HTML.map(encodeURIComponent),
    '%2e%2e%2f%2e%2e%2fpackage.json',
    '..%2f..%2f..%2fetc%2fpasswd',
  ]);
  const path = pick(random, [
    `/${trick}`,
    `/${slug}${trick}`,
    `/${slug}?${pick(random, ['qr=1', 'via=profile', 'utm_source=%00', 'utm_campaign=' + 'x'.repeat(3000), 'utm_source=<script>', '%', 'a=%ff'])}`,
    `/@${trick}`,
    `/@${username}${trick}`,
    `/@${username}?${trick}`,
    `/app/${trick}`,
    `/app/assets/${trick}`,
    `/app/..%2f..%2fpackage.json`,
    `/app/%2e%2e/%2e%2e/package.json`,
    `/api/${trick}`,
    `/api/v1/${trick}`,
    `/api/docs/${trick}`,
    `//${trick}`,
    `/health${trick}`,
  ]);
  return {
    method: pick(random, ['GET', 'GET', 'HEAD']),
    path,
    headers: {
      'user-agent': pick(random, [
        'Mozilla/5.0',
        'curl/8',
        nasty(random)
          .slice(0, 200)
          .replace(/[^\x20-\x7e]/g, ''),
      ]),
    },
    label: `#${index} public ${path.slice(0, 80)}`,
    mustRefuse: false,
  };
}

// ----- the run ----------------------------------------------------------------------------------

/** Row counts of every table, and a digest of every row of the fixture creator. */
async function snapshot(db: pg.Client, creatorId: string): Promise<Record<string, string>> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name IN ('creator_id', 'id')`,
  );
  const state: Record<string, string> = {};
  for (const { table_name: table } of tables.rows) {
    state[`${table} rows`] = String((await db.query(`SELECT count(*) FROM "${table}"`)).rows[0].count);
    const owner =
      table === 'creators'
        ? 'id'
        : columns.rows.some((c) => c.table_name === table && c.column_name === 'creator_id')
          ? 'creator_id'
          : null;
    if (!owner) continue;
    // last_used_at moves whenever the token is used: everything else must stay as it was
    const digest = await db.query(
      `SELECT md5(coalesce(string_agg((to_jsonb(t) - 'last_used_at')::text, '|' ORDER BY (to_jsonb(t) - 'last_used_at')::text), '')) AS digest
         FROM "${table}" t WHERE ${owner} = $1`,
      [creatorId],
    );
    state[`${table} content`] = digest.rows[0].digest;
  }
  return state;
}

function problemsWith(sent: Sent, received: Received): string[] {
  const problems: string[] = [];
  if (received.status >= 500) problems.push(`a ${received.status}`);
  if (sent.expectStatus && received.status !== sent.expectStatus)
    problems.push(`${received.status} instead of ${sent.expectStatus}`);
  if (sent.mustRefuse && (received.status < 400 || received.status >= 500))
    problems.push(`bad input accepted with ${received.status}`);
  const api = sent.path.startsWith('/api/');
  if (received.status >= 400 && api && sent.method !== 'HEAD') {
    let body: { statusCode?: unknown; error?: unknown; message?: unknown } = {};
    try {
      body = JSON.parse(received.text);
    } catch {
      problems.push(`an error that is not JSON (${received.type})`);
    }
    const message = body.message;
    const messageOk =
      (typeof message === 'string' && message.length > 0) ||
      (Array.isArray(message) && message.length > 0 && message.every((m) => typeof m === 'string'));
    if (body.statusCode !== received.status || typeof body.error !== 'string' || !messageOk)
      problems.push(`error body ${received.text.slice(0, 200)}`);
  }
  return problems;
}

describe('fuzzing every route with malformed requests', () => {
  let api: RunningApi;
  let base: URL;
  let db: pg.Client;
  let operations: Operation[];
  let fixture: Fixture;
  let creatorId: string;
  let client: ApiClient;
  let slug: string;
  let username: string;

  beforeAll(async () => {
    api = await startApi();
    base = new URL(api.url);
    db = await connectDatabase();
    operations = await documentedOperations(api.url);
    const creator = await newCreator(api.url);
    client = creator.client;
    creatorId = creator.id;
    username = creator.username;
    const token = await client.post('/api/v1/tokens', { name: 'fuzz target' });
    const publishableKey = await client.post('/api/v1/publishable-keys', {
      name: 'fuzz target',
      allowedOrigins: ['https://fuzz.example'],
    });
    const link = await client.post('/api/v1/links', {
      url: 'https://example.com/known',
      title: 'known',
      tags: ['a'],
      onProfile: true,
    });
    const report = await client.post('/api/v1/reports', { ...RANGE, tz: 'UTC' });
    const schedule = await client.post('/api/v1/report-schedules', { frequency: 'monthly', hour: 6, tz: 'UTC' });
    expect((await client.put('/api/v1/profile', { title: 'Known', bio: 'known bio' })).status).toBe(200);
    // no worker runs here: the import stays queued, and every further upload of this creator is refused
    const upload = await client.request('POST', '/api/v1/imports', 'url\nhttps://example.com/imported\n', {
      'content-type': 'text/csv',
    });
    expect(upload.status).toBe(202);
    const share = await client.post('/api/v1/shares', { linkId: link.body.id });
    expect(share.status).toBe(201);
    slug = link.body.slug;
    const alertId = randomUUID();
    await db.query(
      `INSERT INTO alerts (creator_id, id, kind, first_hour, last_hour, peak_hour, peak, drivers)
       VALUES ($1, $2, 'drop', now(), now(), now(), '[]', '[]')`,
      [creatorId, alertId],
    );
    const webhook = await client.post('/api/v1/webhooks', { url: 'https://93.184.215.14/known', events: ['alert'] });
    fixture = {
      alertId,
      webhookId: webhook.body.id,
      linkId: link.body.id,
      tokenId: token.body.id,
      publishableKeyId: publishableKey.body.id,
      reportId: report.body.id,
      scheduleId: schedule.body.id,
      importId: upload.body.id,
      shareId: share.body.id,
      shareToken: share.body.url.split('/share/')[1],
      email: creator.email,
      cookie: (client as unknown as { cookie: string }).cookie,
      bearer: token.body.token,
    };
  });

  afterAll(async () => {
    agent.destroy();
    await db.end();
    await api.close();
  });

  it(`sends ${PER_OPERATION} malformed requests to each documented operation and ${PUBLIC_REQUESTS} to the public routes (seed ${SEED}): no 5xx, errors well-formed, nothing written`, async () => {
    const before = await snapshot(db, creatorId);
    const random = seededRandom(SEED);
    const failures: string[] = [];
    let sentCount = 0;
    const faultsSeen = new Set<string>();
    const requests: Sent[] = [];
    for (const op of operations)
      for (let i = 0; i < PER_OPERATION; i++) requests.push(malformed(op, fixture, random, requests.length));
    for (let i = 0; i < PUBLIC_REQUESTS; i++) requests.push(publicRequest(random, slug, username, requests.length));
    for (const sent of requests) {
      const received = await send(base, sent);
      sentCount++;
      if (sent.fault) faultsSeen.add(sent.fault);
      const problems = problemsWith(sent, received);
      if (problems.length)
        failures.push(
          `${sent.label} ${sent.method} ${sent.path.slice(0, 160)} ${String(sent.body ?? '').slice(0, 160)} → ${problems.join('; ')}`,
        );
    }
    expect(sentCount).toBeGreaterThan(3000);
    expect([...faultsSeen].sort()).toEqual([...FAULTS].sort());
    expect(failures.slice(0, 15)).toEqual([]);
    expect(await snapshot(db, creatorId)).toEqual(before);

    // and the fixture creator is exactly as it was: the links API and the page agree
    const links = await client.get('/api/v1/links');
    expect(links.body.items.map((l: { id: string; title: string; archived: boolean }) => [l.id, l.title, l.archived])).toEqual([
      [fixture.linkId, 'known', false],
    ]);
    expect((await client.get('/api/v1/profile')).body).toMatchObject({ title: 'Known', bio: 'known bio', theme: 'light' });
  }, 300_000);

  it('caps every write at 64 kB with 413, whatever the route', async () => {
    const random = seededRandom(SEED + 1);
    for (const op of operations.filter((o) => o.method !== 'GET')) {
      const body = JSON.stringify({ padding: 'x'.repeat(1_048_576) });
      const received = await send(base, {
        method: op.method,
        path: op.path.replace('{id}', randomUuid(random)),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fixture.bearer}` },
        body,
        label: op.key,
        mustRefuse: true,
        expectStatus: 413,
      });
      expect({ op: op.key, status: received.status, body: JSON.parse(received.text) }).toEqual({
        op: op.key,
        status: 413,
        body: { statusCode: 413, error: 'Payload Too Large', message: 'Request body is too large' },
      });
    }
  });

  it('imports fuzzed CSV files whole or refuses them with a 400: never a 5xx, every row reported once', async () => {
    const worker = await startWorker();
    try {
      const creator = await newCreator(api.url);
      const random = seededRandom(SEED + 2);
      const columns = [
        'url',
        'slug',
        'title',
        'tags',
        'long_url',
        'link',
        'longUrl',
        'shortCode',
        'address',
        'target',
        'keyword',
        'password',
        'expire_in',
        'custom_bitlinks',
        '',
      ];
      const values = () =>
        pick(random, [
          'https://example.com/fuzz',
          `https://example.com/${int(random, 0, 1e6)}`,
          nasty(random),
          pick(random, BAD_URLS),
          pick(random, SQL),
          pick(random, HTML),
          `fz-${int(random, 0, 40)}`,
          '"',
          '""',
          '"a,b"',
          '\r\n',
          '',
          'x'.repeat(int(random, 60, 3000)),
          '["a", 1, null]',
          'true',
          pick(random, BAD_DATES),
        ]);
      const statuses = new Map<number, number>();
      for (let i = 0; i < 120; i++) {
        const delimiter = pick(random, [',', ',', ';', '\t']);
        const header = Array.from({ length: int(random, 1, 6) }, () => pick(random, columns));
        const lines = Array.from({ length: int(random, 0, 30) }, () =>
          Array.from({ length: int(random, 0, header.length + 2) }, values).join(delimiter),
        );
        const csv = [header.join(delimiter), ...lines].join(pick(random, ['\n', '\r\n', '\r']));
        const reply = await creator.client.request('POST', '/api/v1/imports', csv, { 'content-type': 'text/csv' });
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        expect({ i, csv: csv.slice(0, 300), status: reply.status, ok: [202, 400].includes(reply.status) }).toMatchObject({
          ok: true,
        });
        if (reply.status === 400) {
          expect(typeof reply.body.message).toBe('string');
          continue;
        }
        const done = await eventually(
          async () => {
            const state = await creator.client.get(`/api/v1/imports/${reply.body.id}`);
            return state.body.status === 'done' || state.body.status === 'failed' ? state.body : null;
          },
          20_000,
          `fuzzed import ${i}`,
        );
        expect({ i, status: done.status, error: done.error }).toEqual({ i, status: 'done', error: null });
        expect(done.rows).toHaveLength(done.totalRows);
        expect(done.imported + done.skipped).toBe(done.totalRows);
        for (const row of done.rows.filter((r: { outcome: string }) => r.outcome === 'imported'))
          expect(row.url).toMatch(/^https?:\/\//);
      }
      // the seed gives both kinds of answer
      expect([statuses.get(202) ?? 0, statuses.get(400) ?? 0].every((n) => n > 10)).toBe(true);
    } finally {
      await worker.close();
    }
  }, 240_000);

  it('stores SQL- and HTML-looking text verbatim, as data, and the public page escapes it', async () => {
    const creator = await newCreator(api.url);
    const title = `${SQL[1]} ${HTML[0]}`;
    const link = await creator.client.post('/api/v1/links', {
      url: `https://example.com/?q=${encodeURIComponent(HTML[1])}`,
      title,
      tags: [SQL[0], HTML[3]],
    });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ title, tags: [SQL[0].toLowerCase(), HTML[3].toLowerCase()] });
    const profile = await creator.client.put('/api/v1/profile', {
      title: HTML[6],
      bio: `${HTML[1]}\n${SQL[5]}`,
      links: [{ linkId: link.body.id, position: 0, visible: true }],
    });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ title: HTML[6], bio: `${HTML[1]}\n${SQL[5]}` });
    expect((await db.query('SELECT count(*)::int AS n FROM links WHERE id = $1', [link.body.id])).rows[0].n).toBe(1);

    const page = await fetch(`${api.url}/@${creator.username}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    // no tag of the creator's made it through, and no attribute was broken out of
    expect(html).not.toMatch(/<(script|img|svg)/i);
    expect(html).not.toContain('"><');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});
