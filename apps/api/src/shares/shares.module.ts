import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@app/analytics';
import { SharedController } from './shared.controller.js';
import { SharesController } from './shares.controller.js';
import { SharesRepository } from './shares.repository.js';
import { SharesService } from './shares.service.js';

@Module({
  imports: [AnalyticsModule],
  controllers: [SharesController, SharedController],
  providers: [SharesService, SharesRepository],
})
export class SharesModule {}
