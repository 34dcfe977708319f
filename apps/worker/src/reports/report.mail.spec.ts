import { describe, expect, it } from '@jest/globals';
import { reportEmail } from './report.mail.js';

const subject = { username: 'maya', email: 'maya@example.com', displayName: 'Maya', linkSlug: null, linkTitle: null };
const october = {
  from: new Date('2026-09-30T22:00:00Z'),
  to: new Date('2026-10-31T23:00:00Z'),
  tz: 'Europe/Berlin',
  scheduleId: 's1',
};

describe('reportEmail', () => {
  it('goes to the creator from REPORT_FROM, names the period in their zone and attaches the PDF', () => {
    const pdf = Buffer.from('%PDF-1.7 test');
    const mail = reportEmail({
      sender: 'Linkpulse <reports@lnk.example.com>',
      publicUrl: 'https://lnk.example.com/',
      report: october,
      subject,
      pdf,
    });
    expect(mail).toMatchObject({
      from: 'Linkpulse <reports@lnk.example.com>',
      to: 'maya@example.com',
      subject: 'Your Linkpulse report: 1 – 31 October 2026',
    });
    expect(mail.text).toContain('Hi @maya,');
    expect(mail.text).toContain('your scheduled Linkpulse report, 1 – 31 October 2026 (Europe/Berlin), is attached');
    expect(mail.text).toContain('https://lnk.example.com/app/reports');
    expect(mail.attachments).toEqual([
      { filename: 'linkpulse-maya-2026-10-01-2026-10-31.pdf', content: pdf, contentType: 'application/pdf' },
    ]);
  });

  it("a one-link report names the link; the file's days are those of the report's zone", () => {
    const tokyoWeek = {
      from: new Date('2026-11-15T15:00:00Z'),
      to: new Date('2026-11-22T15:00:00Z'),
      tz: 'Asia/Tokyo',
      scheduleId: null,
    };
    const mail = reportEmail({
      sender: 'x@y.z',
      publicUrl: 'https://l.example',
      report: tokyoWeek,
      subject: { ...subject, linkSlug: 'spring' },
      pdf: Buffer.alloc(1),
    });
    expect(mail.subject).toBe('Your Linkpulse report for /spring: 16 – 22 November 2026');
    expect(mail.text).toContain('your Linkpulse report for /spring, 16 – 22 November 2026 (Asia/Tokyo), is attached');
    expect((mail.attachments as { filename: string }[])[0].filename).toBe('linkpulse-maya-2026-11-16-2026-11-22.pdf');
  });
});
