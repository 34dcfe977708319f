import { Module } from '@nestjs/common';
import { ProfileModule } from '../profile/profile.module.js';
import { ProfilePageController } from './profile-page.controller.js';

@Module({ imports: [ProfileModule], controllers: [ProfilePageController] })
export class PagesModule {}
