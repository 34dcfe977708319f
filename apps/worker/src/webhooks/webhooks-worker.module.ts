import { Module } from '@nestjs/common';
import { WebhooksModule } from '@app/webhooks';
import { WebhooksProcessor } from './webhooks.jobs.js';

@Module({
  imports: [WebhooksModule],
  providers: [WebhooksProcessor],
})
export class WebhooksWorkerModule {}
