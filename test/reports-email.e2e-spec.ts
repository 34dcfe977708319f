import { createServer, type Server, type Socket } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QUEUE_PREFIX, QueueName } from '@app/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { pdfPages } from '../libs/reports/src/__fixtures__/pdf-text.js';
import { ScheduleTick } from '../apps/worker/src/reports/schedule-tick.service.js';
import { type ApiClient, newCreator } from './support/http-client.js';
import { connectDatabase, eventually, type RunningApi, startApi, startWorker } from './support/stack.js';

interface Mail {
  from: string;
  to: string[];
  data: string;
}

/**
 * An SMTP server small enough to read: EHLO, MAIL, RCPT, DATA, QUIT, no TLS or auth. It keeps the
 * messages it accepted; `failNext` makes it answer that many messages with `failWith` instead.
 */
class TinySmtp {
  readonly messages: Mail[] = [];
  failNext = 0;
  failWith = '451 4.3.0 Mailbox busy, try again later';
  private readonly server: Server = createServer((socket) => this.converse(socket));
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  to(address: string): Mail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  private converse(socket: Socket): void {
    let buffer = '';
    let mail: Mail = { from: '', to: [], data: '' };
    let inData = false;
    socket.write('220 tiny.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          if (this.failNext > 0) {
            this.failNext--;
            socket.write(`${this.failWith}\r\n`);
          } else {
            this.messages.push(mail);
            socket.write('250 2.0.0 queued\r\n');
          }
          mail = { from: '', to: [], data: '' };
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 tiny.test\r\n');
        else if (verb === 'MAIL') {
          mail.from = /<(.*)>/.exec(line)?.[1] ?? '';
          socket.write('250 2.1.0 ok\r\n');
        } else if (verb === 'RCPT') {
          mail.to.push(/<(.*)>/.exec(line)?.[1] ?? '');
          socket.write('250 2.1.5 ok\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n'); // RSET, NOOP
      }
    });
    socket.on('error', () => undefined);
  }
}

/** The PDF attached to a MIME message (base64 part of type application/pdf). */
function attachedPdf(data: string): { filename: string; pdf: Buffer } {
  const part = /Content-Type: application\/pdf[^\r\n]*\r\n((?:[^\r\n]+\r\n)*)\r\n([A-Za-z0-9+/=\r\n]+)/.exec(data);
  if (!part) throw new Error('no PDF attachment');
  const filename = /filename="?([^";\r\n]+)"?/.exec(part[1])?.[1] ?? '';
  return { filename, pdf: Buffer.from(part[2].replace(/\r\n/g, ''), 'base64') };
}

/** A MIME header value, with encoded-words (=?UTF-8?Q?…?= / ?B?) decoded and folded lines joined. */
function header(data: string, name: string): string {
  const raw = new RegExp(`^${name}: ((?:.*)(?:\\r\\n[ \\t].*)*)`, 'mi').exec(data)?.[1] ?? '';
  return raw
    .replace(/\?=\r\n[ \t]+=\?/g, '?==?')
    .replace(/\r\n[ \t]+/g, ' ')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

const at = (iso: string): number => Date.parse(iso);

let api: RunningApi;
let smtp: TinySmtp;
let worker: INestApplicationContext;
let db: pg.Client;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  smtp = new TinySmtp();
  await smtp.start();
  const env = {
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    REPORT_FROM: 'Linkpulse Reports <reports@lnk.test>',
    PUBLIC_URL: 'https://lnk.test',
  };
  api = await startApi(env);
  worker = await startWorker(env);
  db = await connectDatabase();
  redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
  queue = new Queue(QueueName.Reports, { connection: redis, prefix: QUEUE_PREFIX });
});

afterAll(async () => {
  await queue.close();
  redis.disconnect();
  await db.end();
  await worker.close();
  await api.close();
  await smtp.close();
});

/** A creator with a weekly Monday 08:00 UTC schedule that exists since 1 January 2027. */
async function scheduledCreator(): Promise<{ client: ApiClient; email: string; username: string; scheduleId: string }> {
  const creator = await newCreator(api.url);
  const reply = await creator.client.post('/api/v1/report-schedules', { frequency: 'weekly', dayOfWeek: 1, hour: 8, tz: 'UTC' });
  await db.query(`UPDATE report_schedules SET created_at = '2027-01-01T00:00:00Z' WHERE id = $1`, [reply.body.id]);
  return { client: creator.client, email: creator.email, username: creator.username, scheduleId: reply.body.id };
}

const reportOf = async (client: ApiClient, scheduleId: string) =>
  (
    (await client.get('/api/v1/reports')).body.items as {
      id: string;
      scheduleId: string;
      emailStatus: string | null;
      emailError: string | null;
      emailedAt: string | null;
    }[]
  ).find((r) => r.scheduleId === scheduleId);

describe('scheduled reports by email (SMTP_URL set)', () => {
  it('emails the PDF to the creator once it is ready', async () => {
    const { client, email, username, scheduleId } = await scheduledCreator();
    await worker.get(ScheduleTick).run(at('2027-01-04T08:00:00Z'));
    const report = await eventually(async () => {
      const r = await reportOf(client, scheduleId);
      return r?.emailStatus === 'sent' ? r : null;
    }, 20_000);
    expect(report).toMatchObject({ emailError: null, emailedAt: expect.any(String) });

    const [mail] = smtp.to(email);
    expect(smtp.to(email)).toHaveLength(1);
    expect(mail.from).toBe('reports@lnk.test');
    expect(header(mail.data, 'Subject')).toBe('Your Linkpulse report: 28 December 2026 – 3 January 2027');
    expect(header(mail.data, 'From')).toBe('Linkpulse Reports <reports@lnk.test>');
    expect(mail.data).toContain('https://lnk.test/app/reports');
    const { filename, pdf } = attachedPdf(mail.data);
    expect(filename).toBe(`linkpulse-${username}-2026-12-28-2027-01-03.pdf`);
    const text = (await pdfPages(pdf)).join('\n');
    expect(text).toContain('28 December 2026 – 3 January 2027 · UTC');
    expect(text).toContain(`@${username}`);

    // the same bytes as the download
    const download = await fetch(`${api.url}/api/v1/reports/${report.id}`, {
      headers: { authorization: `Bearer ${(await client.post('/api/v1/tokens', { name: 'pdf' })).body.token}` },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('on-demand reports are downloaded, not emailed', async () => {
    const creator = await newCreator(api.url);
    const { id } = (await creator.client.post('/api/v1/reports', { from: '2026-03-01T00:00:00Z', to: '2026-03-08T00:00:00Z' }))
      .body;
    await eventually(async () => (await creator.client.get(`/api/v1/reports/${id}`)).status === 200, 20_000);
    expect((await creator.client.get('/api/v1/reports')).body.items[0]).toMatchObject({ id, status: 'ready', emailStatus: null });
    expect(smtp.to(creator.email)).toEqual([]);
  });

  it("a refused message is retried with backoff, the server's answer visible meanwhile, and sent once", async () => {
    const { client, email, scheduleId } = await scheduledCreator();
    smtp.failNext = 1;
    await worker.get(ScheduleTick).run(at('2027-01-04T08:00:00Z'));
    const retrying = await eventually(async () => {
      const r = await reportOf(client, scheduleId);
      return r?.emailStatus === 'retrying' ? r : null;
    }, 20_000);
    expect(retrying.emailError).toMatch(/451 4\.3\.0 Mailbox busy/);
    expect(retrying.emailedAt).toBeNull();

    const job = await queue.getJob(`email-${retrying.id}`);
    expect(await job!.getState()).toBe('delayed');
    await job!.promote(); // rather than wait for the 30 s backoff
    const sent = await eventually(async () => {
      const r = await reportOf(client, scheduleId);
      return r?.emailStatus === 'sent' ? r : null;
    });
    expect(sent.emailError).toBeNull();
    expect(smtp.to(email)).toHaveLength(1);
  });

  /** Ticks a new creator's schedule and promotes each delayed retry, until the email has failed for good. */
  async function emailThatFails(): Promise<{
    report: { id: string; emailError: string | null };
    email: string;
    client: ApiClient;
  }> {
    const { client, email, scheduleId } = await scheduledCreator();
    await worker.get(ScheduleTick).run(at('2027-01-04T08:00:00Z'));
    const report = await eventually(
      async () => {
        const r = await reportOf(client, scheduleId);
        if (r?.emailStatus === 'failed') return r;
        const job = r && (await queue.getJob(`email-${r.id}`));
        if (job && (await job.getState()) === 'delayed') await job.promote();
        return null;
      },
      20_000,
      'the email to fail for good',
    );
    return { report, email, client };
  }

  it('temporary refusals (4xx) until the last of 5 attempts: the email is marked failed, with the error', async () => {
    smtp.failNext = 100;
    try {
      const { report, email, client } = await emailThatFails();
      expect(report.emailError).toMatch(/451 4\.3\.0 Mailbox busy/);
      const job = await queue.getJob(`email-${report.id}`);
      expect([await job!.getState(), job!.attemptsMade]).toEqual(['failed', 5]);
      expect(smtp.to(email)).toEqual([]);
      // the report itself is fine
      expect((await client.get(`/api/v1/reports/${report.id}`)).status).toBe(200);
    } finally {
      smtp.failNext = 0;
    }
  });

  it('a permanent refusal (5xx) fails at once', async () => {
    smtp.failNext = 1;
    smtp.failWith = '550 5.1.1 No such mailbox';
    try {
      const { report } = await emailThatFails();
      expect(report.emailError).toMatch(/550 5\.1\.1 No such mailbox/);
      const job = await queue.getJob(`email-${report.id}`);
      expect([await job!.getState(), job!.attemptsMade]).toEqual(['failed', 1]);
    } finally {
      smtp.failNext = 0;
    }
  });
});
