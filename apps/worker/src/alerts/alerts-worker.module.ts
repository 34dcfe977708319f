import { Module } from '@nestjs/common';
import { AlertsModule } from '@app/alerts';
import { WebhooksModule } from '@app/webhooks';
import { AlertsProcessor } from './alerts.jobs.js';

@Module({
  imports: [AlertsModule, WebhooksModule],
  providers: [AlertsProcessor],
})
export class AlertsWorkerModule {}
