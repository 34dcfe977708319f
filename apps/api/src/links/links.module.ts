import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@app/analytics';
import { HostResolver, SelfLoopCheck } from '@app/links';
import { LinkListService } from './link-list.service.js';
import { LinksController } from './links.controller.js';
import { LinksService } from './links.service.js';
import { QrRenderer } from './qr.renderer.js';

@Module({
  imports: [AnalyticsModule],
  controllers: [LinksController],
  providers: [LinksService, LinkListService, SelfLoopCheck, HostResolver, QrRenderer],
})
export class LinksModule {}
