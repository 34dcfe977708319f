import { formatPeriod, reportFilename, type ReportRow, type ReportSubjectRow } from '@app/reports';
import type { SendMailOptions } from 'nodemailer';

export interface ReportEmailInput {
  /** REPORT_FROM */
  sender: string;
  publicUrl: string;
  report: Pick<ReportRow, 'from' | 'to' | 'tz' | 'scheduleId'>;
  subject: ReportSubjectRow;
  pdf: Buffer;
}

/** The message that carries a report: to the creator, the period in the subject, the PDF attached. */
export function reportEmail({ sender, publicUrl, report, subject, pdf }: ReportEmailInput): SendMailOptions {
  const period = formatPeriod({ from: report.from.toISOString(), to: report.to.toISOString(), tz: report.tz });
  const about = subject.linkSlug ? ` for /${subject.linkSlug}` : '';
  const kind = report.scheduleId ? 'scheduled ' : '';
  const reportsUrl = `${publicUrl.replace(/\/+$/, '')}/app/reports`;
  return {
    from: sender,
    to: subject.email,
    subject: `Your Linkpulse report${about}: ${period}`,
    text: [
      `Hi @${subject.username},`,
      '',
      `your ${kind}Linkpulse report${about}, ${period} (${report.tz}), is attached as a PDF.`,
      '',
      `All your reports: ${reportsUrl}`,
      '',
      '— Linkpulse',
    ].join('\n'),
    attachments: [{ filename: reportFilename(subject.username, report), content: pdf, contentType: 'application/pdf' }],
  };
}
