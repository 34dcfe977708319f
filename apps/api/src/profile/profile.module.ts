import { Module } from '@nestjs/common';
import { AvatarFileController } from './avatar-file.controller.js';
import { ProfileController } from './profile.controller.js';
import { ProfileService } from './profile.service.js';
import { ProfileAvatarService } from './profile-avatar.service.js';

@Module({
  controllers: [ProfileController, AvatarFileController],
  providers: [ProfileService, ProfileAvatarService],
  exports: [ProfileService],
})
export class ProfileModule {}
