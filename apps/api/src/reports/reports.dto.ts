import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min, Validate } from 'class-validator';
import type { AnalyticsQuery } from '@app/analytics';
import {
  EMAIL_STATUSES,
  type EmailStatus,
  nextDueAt,
  REPORT_FREQUENCIES,
  REPORT_STATUSES,
  type ReportFrequency,
  type ReportRow,
  type ReportScheduleRow,
  type ReportStatus,
} from '@app/reports';
import { AnalyticsQueryDto } from '../analytics/analytics.dto.js';
import { IsTimeZoneConstraint } from '../http/time-zone.validator.js';

const TZ_MESSAGE = 'tz must be an IANA time zone name such as Europe/Berlin';

// ----- reports ------------------------------------------------------------------------------------

/** A report's range, zone and link: validated and parsed exactly as the analytics API's. */
export class CreateReportDto extends PickType(AnalyticsQueryDto, ['from', 'to', 'tz', 'linkId'] as const) {
  /** The analytics query the report will show (a 400 when from/to are unreadable). */
  toQuery(creatorId: string, now = Date.now()): AnalyticsQuery {
    const query = Object.assign(new AnalyticsQueryDto(), { from: this.from, to: this.to, tz: this.tz, linkId: this.linkId });
    return query.toQuery(creatorId, now);
  }
}

export class CreatedReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REPORT_STATUSES, example: 'queued' }) status: ReportStatus;
}

export class ReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REPORT_STATUSES, description: 'queued → running → ready, or failed after the last retry' })
  status: ReportStatus;
  @ApiProperty({ example: '2026-09-30T22:00:00.000Z', description: 'start of the range, inclusive (UTC)' }) from: string;
  @ApiProperty({ example: '2026-10-31T23:00:00.000Z', description: 'end of the range, exclusive (UTC)' }) to: string;
  @ApiProperty({ example: 'Europe/Berlin' }) tz: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) linkId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the schedule that made it; null on demand' })
  scheduleId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) readyAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why the last render attempt failed' }) error: string | null;
  @ApiProperty({
    enum: EMAIL_STATUSES,
    nullable: true,
    description:
      'scheduled reports when SMTP_URL is set: pending → sent, or retrying → failed after the last attempt; null when not emailed',
  })
  emailStatus: EmailStatus;
  @ApiProperty({ type: String, nullable: true }) emailedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the mail server's answer to the last failed attempt" }) emailError:
    string | null;

  static from(row: ReportRow): ReportDto {
    return {
      id: row.id,
      status: row.status,
      from: row.from.toISOString(),
      to: row.to.toISOString(),
      tz: row.tz,
      linkId: row.linkId,
      scheduleId: row.scheduleId,
      createdAt: row.createdAt.toISOString(),
      readyAt: row.readyAt?.toISOString() ?? null,
      error: row.error,
      emailStatus: row.emailStatus,
      emailedAt: row.emailedAt?.toISOString() ?? null,
      emailError: row.emailError,
    };
  }
}

export class ReportListDto {
  @ApiProperty({ type: [ReportDto], description: 'newest first' }) items: ReportDto[];
}

// ----- schedules ----------------------------------------------------------------------------------

export class CreateReportScheduleDto {
  @ApiProperty({ enum: REPORT_FREQUENCIES })
  @IsIn(REPORT_FREQUENCIES, { message: `frequency must be one of ${REPORT_FREQUENCIES.join(', ')}` })
  frequency: ReportFrequency;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 7,
    description: 'weekly only (required): 1 = Monday … 7 = Sunday. Monthly schedules fire on the 1st.',
  })
  @IsOptional()
  @IsInt({ message: 'dayOfWeek must be an integer from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { message: 'dayOfWeek must be an integer from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'dayOfWeek must be an integer from 1 (Monday) to 7 (Sunday)' })
  dayOfWeek?: number;

  @ApiProperty({ minimum: 0, maximum: 23, example: 8, description: 'the hour of the day in tz at which the report is made' })
  @IsInt({ message: 'hour must be an integer from 0 to 23' })
  @Min(0, { message: 'hour must be an integer from 0 to 23' })
  @Max(23, { message: 'hour must be an integer from 0 to 23' })
  hour: number;

  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    description: "IANA zone of the hour, the days and the weeks. Default: the creator's.",
  })
  @IsOptional()
  @Validate(IsTimeZoneConstraint, { message: TZ_MESSAGE })
  tz?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "a report on this link only (another creator's link answers 404)" })
  @IsOptional()
  @IsUUID(undefined, { message: 'linkId must be a UUID' })
  linkId?: string;
}

export class ReportScheduleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REPORT_FREQUENCIES }) frequency: ReportFrequency;
  @ApiProperty({ type: Number, nullable: true, description: '1 = Monday … 7 = Sunday; null for monthly' }) dayOfWeek:
    number | null;
  @ApiProperty({ minimum: 0, maximum: 23 }) hour: number;
  @ApiProperty({ example: 'Europe/Berlin' }) tz: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) linkId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the latest period reported: weekly, its first day ('2026-11-16'); monthly, its month ('2026-10')",
  })
  lastPeriod: string | null;
  @ApiProperty({ description: 'when the next report will be made (give or take the 5-minute tick)' }) nextRunAt: string;

  static from(row: ReportScheduleRow, now = Date.now()): ReportScheduleDto {
    return {
      id: row.id,
      frequency: row.frequency,
      dayOfWeek: row.dayOfWeek,
      hour: row.hour,
      tz: row.tz,
      linkId: row.linkId,
      createdAt: row.createdAt.toISOString(),
      lastPeriod: row.lastPeriod,
      nextRunAt: new Date(nextDueAt(row, now)).toISOString(),
    };
  }
}

export class ReportScheduleListDto {
  @ApiProperty({ type: [ReportScheduleDto] }) items: ReportScheduleDto[];
}
