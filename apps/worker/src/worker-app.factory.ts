import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, AppLogger, ConfigModule } from '@app/common';
import { WorkerModule } from './worker.module.js';

@Module({})
class WorkerRootModule {}

/** The worker: no HTTP, only BullMQ processors and schedules. */
export async function createWorkerApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplicationContext> {
  const root = { module: WorkerRootModule, imports: [ConfigModule.forRoot(config), WorkerModule] };
  const logger = options.logger === false ? false : new AppLogger(config.nodeEnv === 'production');
  const app = await NestFactory.createApplicationContext(root, { logger });
  app.enableShutdownHooks();
  return app;
}
