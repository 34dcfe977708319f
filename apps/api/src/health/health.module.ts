import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { MetricsService } from './metrics.service.js';
import { QueueStatusService } from './queue-status.service.js';

@Global()
@Module({
  controllers: [HealthController],
  providers: [MetricsService, QueueStatusService],
  exports: [MetricsService],
})
export class HealthModule {}
