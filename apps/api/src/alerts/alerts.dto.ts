import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { type Alert, ALERT_KINDS, alertJson, type AlertKind, type AlertSettings } from '@app/alerts';
import { Cursor, Limit } from '../http/page-query.decorators.js';

const METRICS = ['clicks', 'views', 'bot_hits'] as const;

export class AlertListQueryDto {
  @Limit(100, 20, 'alerts per page')
  limit?: number;

  @Cursor('uuid')
  cursor?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only alerts not yet read' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class PeakMetricDto {
  @ApiProperty({ enum: METRICS }) metric: (typeof METRICS)[number];
  @ApiProperty({ description: 'the count of the peak hour' }) value: number;
  @ApiProperty({ description: 'what the baseline expected of it' }) expected: number;
  @ApiProperty({ description: 'robust deviations from the baseline (negative: below)' }) score: number;
}

export class AlertDriverDto {
  @ApiProperty({ enum: ['source', 'link', 'country', 'referrer', 'bot'] }) dimension: string;
  @ApiProperty({ description: "the value (a link's id for link)" }) value: string;
  @ApiPropertyOptional({ description: "a link's title or /slug" }) label?: string;
  @ApiProperty({ description: 'its count in the peak hour' }) count: number;
  @ApiProperty({ description: 'its share of the peak hour, 0–1' }) share: number;
  @ApiProperty({ description: 'its share of the same hour in the previous weeks, 0–1' }) baselineShare: number;
}

export class AlertDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ALERT_KINDS }) kind: AlertKind;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: "null: the creator's whole traffic" }) linkId:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: "the link's slug" }) linkSlug: string | null;
  @ApiProperty({ description: 'the first anomalous hour (UTC)' }) firstHour: string;
  @ApiProperty({ description: 'the last anomalous hour so far (UTC): an alert grows while its anomaly lasts' }) lastHour: string;
  @ApiProperty({ description: 'the hour that strayed furthest' }) peakHour: string;
  @ApiProperty({ type: [PeakMetricDto], description: 'the metrics of the peak hour, the one that named the alert first' })
  peak: PeakMetricDto[];
  @ApiProperty({ type: [AlertDriverDto], description: 'the values that drove the change, against their baseline share' })
  drivers: AlertDriverDto[];
  @ApiProperty() read: boolean;
  @ApiProperty() createdAt: string;

  static from(alert: Alert): AlertDto {
    return alertJson(alert);
  }
}

export class AlertListDto {
  @ApiProperty({ type: [AlertDto], description: 'newest anomaly first' }) items: AlertDto[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as cursor for the next page; null at the end' }) nextCursor:
    string | null;
  @ApiProperty({ description: 'how many of your alerts are unread' }) unread: number;
}

export class UpdateAlertDto {
  @ApiProperty() @IsBoolean() read: boolean;
}

export class AlertSettingsDto implements AlertSettings {
  @ApiProperty({ description: 'false: no alerts are raised' })
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({ minimum: 1, maximum: 20, default: 3, description: 'robust deviations from the baseline that make an anomaly' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(20)
  threshold: number;

  @ApiProperty({
    minimum: 1,
    maximum: 1_000_000,
    default: 20,
    description: 'a spike needs this many in the hour, a drop this many expected',
  })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minVolume: number;

  @ApiProperty({ enum: ALERT_KINDS, isArray: true, description: 'the kinds of alert wanted' })
  @IsArray()
  @ArrayMaxSize(ALERT_KINDS.length)
  @IsIn(ALERT_KINDS, { each: true })
  kinds: AlertKind[];
}
