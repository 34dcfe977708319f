import { BadRequestException, Injectable } from '@nestjs/common';
import { type CapturedConversion, conversionId, type ConversionKind, normaliseCurrency } from '@app/conversions';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConversionCapture } from './conversion-capture.service.js';
import {
  BatchEventKindDto,
  type BatchItemResultDto,
  type TrackBatchResultDto,
  type TrackedDto,
  TrackLeadDto,
  TrackSaleDto,
} from './track.dto.js';

const MAX_METADATA_BYTES = 4096;
const DEFAULT_EVENT_NAMES: Record<ConversionKind, string> = { lead: 'Sign up', sale: 'Purchase' };

type TrackDto = TrackLeadDto | TrackSaleDto;

/** Why an event is refused, said to the caller. */
class Refusal extends Error {}

/**
 * Accepts leads and sales from a creator's server (personal token) or site (publishable key): each
 * is checked, given its id and handed to the capture path; the worker attributes and stores it.
 */
@Injectable()
export class TrackService {
  constructor(private readonly capture: ConversionCapture) {}

  track(creatorId: string, kind: ConversionKind, dto: TrackDto): TrackedDto {
    try {
      return this.accept(creatorId, kind, dto);
    } catch (error) {
      if (error instanceof Refusal) throw new BadRequestException(error.message);
      throw error;
    }
  }

  /** Each event accepted or refused on its own. */
  batch(creatorId: string, events: unknown[]): TrackBatchResultDto {
    const results = events.map((event, index): BatchItemResultDto => {
      try {
        const { kind, dto } = this.validated(event);
        return { index, ...this.accept(creatorId, kind, dto) };
      } catch (error) {
        if (error instanceof Refusal) return { index, status: 'refused', message: error.message };
        throw error;
      }
    });
    const accepted = results.filter((result) => result.status === 'accepted').length;
    return { accepted, refused: results.length - accepted, results };
  }

  private accept(creatorId: string, kind: ConversionKind, dto: TrackDto): TrackedDto {
    const conversion = this.captured(creatorId, kind, dto, Date.now());
    this.capture.capture(conversion);
    return { id: conversion.id, kind, status: 'accepted' };
  }

  private captured(creatorId: string, kind: ConversionKind, dto: TrackDto, at: number): CapturedConversion {
    const sale = kind === 'sale' ? (dto as TrackSaleDto) : null;
    if (sale && !sale.customerId && !sale.clickId) throw new Refusal('A sale needs a customerId or a clickId');
    const currency = sale ? normaliseCurrency(sale.currency) : null;
    if (sale && !currency) throw new Refusal(`currency must be an ISO 4217 code such as EUR, got "${sale.currency}"`);
    if (dto.metadata && Buffer.byteLength(JSON.stringify(dto.metadata)) > MAX_METADATA_BYTES) {
      throw new Refusal(`metadata must be at most ${MAX_METADATA_BYTES} bytes of JSON`);
    }
    const key = sale?.invoiceId ?? dto.eventId ?? null;
    const id = conversionId(creatorId, kind, key, at);
    return {
      id,
      at,
      creatorId,
      kind,
      dedupKey: key ?? id,
      eventName: dto.eventName ?? DEFAULT_EVENT_NAMES[kind],
      eventId: dto.eventId ?? null,
      invoiceId: sale?.invoiceId ?? null,
      customerId: dto.customerId ?? null,
      clickId: dto.clickId?.toLowerCase() ?? null,
      amount: sale?.amount ?? null,
      currency,
      metadata: dto.metadata ?? null,
    };
  }

  /** One event of a batch, checked as its own request would be. */
  private validated(event: unknown): { kind: ConversionKind; dto: TrackDto } {
    if (event === null || typeof event !== 'object' || Array.isArray(event))
      throw new Refusal('Each event must be a JSON object');
    const { kind, ...fields } = event as Record<string, unknown>;
    problemsOf(plainToInstance(BatchEventKindDto, { kind }));
    const dto: TrackDto = kind === 'lead' ? plainToInstance(TrackLeadDto, fields) : plainToInstance(TrackSaleDto, fields);
    problemsOf(dto);
    return { kind: kind as ConversionKind, dto };
  }
}

/** Throws a Refusal naming every problem, the way the validation pipe words them. */
function problemsOf(dto: object): void {
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new Refusal(errors.flatMap((error) => Object.values(error.constraints ?? {})).join('; '));
}
