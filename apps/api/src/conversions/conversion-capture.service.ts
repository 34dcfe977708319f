import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AppConfig, ConversionBatchJob, JobQueues, RedisService } from '@app/common';
import { type CapturedConversion, ConversionBatchBuilder, type ConversionJobData } from '@app/conversions';
import { BatchCapture } from '../capture/batch-capture.js';
import { MetricsService } from '../health/metrics.service.js';

/** Takes accepted conversions off the request path, the way clicks are: batched to Redis, spooled when it is away. */
@Injectable()
export class ConversionCapture implements OnModuleInit, OnApplicationShutdown {
  private readonly batches: BatchCapture<ConversionBatchBuilder, ConversionJobData>;

  constructor(
    config: AppConfig,
    redis: RedisService,
    jobs: JobQueues,
    private readonly metrics: MetricsService,
  ) {
    this.batches = new BatchCapture(
      {
        job: ConversionBatchJob,
        spool: 'conversions',
        newBatch: () => new ConversionBatchBuilder(),
        count: (batch) => batch.conversions.length,
      },
      redis,
      jobs,
      config.spoolDir,
      (items) => metrics.conversionsSpooled.inc(items),
    );
  }

  onModuleInit(): void {
    this.batches.start();
  }

  capture(conversion: CapturedConversion): void {
    this.batches.batch.add(conversion);
    this.batches.added();
    this.metrics.conversionsCaptured.inc({ kind: conversion.kind });
  }

  onApplicationShutdown(): Promise<void> {
    return this.batches.drain();
  }
}
