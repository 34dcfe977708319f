import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';

export const MAX_BATCH_EVENTS = 100;
const MAX_ID_LENGTH = 200;
const MAX_NAME_LENGTH = 100;

/** Fields of every conversion. */
class TrackConversionDto {
  @ApiPropertyOptional({
    description: 'the click id the redirect added to the landing URL as lp_cid (kept by /lp.js in a cookie)',
    example: '019a5b3c-7d1e-7f20-9a4b-5c6d7e8f9a0b',
  })
  @IsOptional()
  @IsUUID('all', { message: 'clickId must be a click id (the lp_cid the redirect added, a UUID)' })
  clickId?: string | null;

  @ApiPropertyOptional({ description: 'repeating an eventId records the event once', maxLength: MAX_ID_LENGTH })
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  eventId?: string;

  @ApiPropertyOptional({ description: 'what the conversion was, e.g. "Newsletter sign-up"', maxLength: MAX_NAME_LENGTH })
  @IsOptional()
  @IsString()
  @Length(1, MAX_NAME_LENGTH)
  eventName?: string;

  @ApiPropertyOptional({ description: 'any JSON object, at most 4 kB', type: Object })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;
}

export class TrackLeadDto extends TrackConversionDto {
  @ApiProperty({ description: 'your own opaque id for the customer (no email or name needed)', maxLength: MAX_ID_LENGTH })
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  customerId: string;
}

export class TrackSaleDto extends TrackConversionDto {
  @ApiPropertyOptional({
    description: 'your id for the customer; their sales belong to their lead click. customerId or clickId is required',
    maxLength: MAX_ID_LENGTH,
  })
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  customerId?: string;

  @ApiProperty({ description: 'in the minor units of the currency (cents for EUR)', example: 4900 })
  @IsInt({ message: 'amount must be a whole number of minor units (cents for EUR)' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount: number;

  @ApiProperty({ description: 'ISO 4217', example: 'EUR' })
  @IsString()
  @Length(3, 3, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;

  @ApiPropertyOptional({
    description: 'repeating an invoiceId records the sale once (takes precedence over eventId)',
    maxLength: MAX_ID_LENGTH,
  })
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  invoiceId?: string;
}

export class TrackBatchDto {
  @ApiProperty({
    description: `at most ${MAX_BATCH_EVENTS} events, each a lead or a sale with its kind: { "kind": "lead", ... }`,
    type: [Object],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_EVENTS)
  events: unknown[];
}

export class TrackedDto {
  @ApiProperty({ description: 'the conversion id; a repeated eventId or invoiceId answers the same id' }) id: string;
  @ApiProperty({ enum: ['lead', 'sale'] }) kind: 'lead' | 'sale';
  @ApiProperty({ enum: ['accepted'], description: 'attributed to its click and stored within seconds' }) status: 'accepted';
}

export class BatchItemResultDto {
  @ApiProperty() index: number;
  @ApiProperty({ enum: ['accepted', 'refused'] }) status: 'accepted' | 'refused';
  @ApiPropertyOptional() id?: string;
  @ApiPropertyOptional({ enum: ['lead', 'sale'] }) kind?: 'lead' | 'sale';
  @ApiPropertyOptional({ description: 'why the event was refused' }) message?: string;
}

export class TrackBatchResultDto {
  @ApiProperty() accepted: number;
  @ApiProperty() refused: number;
  @ApiProperty({ type: [BatchItemResultDto] }) results: BatchItemResultDto[];
}

export const CONVERSION_KINDS = ['lead', 'sale'] as const;

/** The kind of one event of a batch; its other fields are validated as a lead's or a sale's. */
export class BatchEventKindDto {
  @IsIn(CONVERSION_KINDS, { message: 'kind must be lead or sale' })
  kind: 'lead' | 'sale';
}
