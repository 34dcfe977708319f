import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module.js';

/** The worker: no HTTP, only BullMQ processors and schedules. */
export async function createWorkerApp(options: { logger?: false } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, options.logger === false ? { logger: false } : {});
  app.enableShutdownHooks();
  return app;
}
