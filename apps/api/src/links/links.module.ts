import { Module } from '@nestjs/common';
import { LinksController } from './links.controller.js';
import { LinksRepository } from './links.repository.js';
import { LinksService } from './links.service.js';

@Module({
  controllers: [LinksController],
  providers: [LinksRepository, LinksService],
  exports: [LinksRepository],
})
export class LinksModule {}
