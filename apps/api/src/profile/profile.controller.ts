import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard.js';
import { CreatorId } from '../auth/authenticated-request.js';
import { ProfileDto, UpdateProfileDto, UploadAvatarDto } from './profile.dto.js';
import { ProfileService } from './profile.service.js';
import { ProfileAvatarService } from './profile-avatar.service.js';

@ApiTags('profile')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/profile')
export class ProfileController {
  constructor(
    private readonly profile: ProfileService,
    private readonly avatars: ProfileAvatarService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ProfileDto })
  get(@CreatorId() creatorId: string): Promise<ProfileDto> {
    return this.profile.get(creatorId);
  }

  @Put()
  @ApiOkResponse({ type: ProfileDto })
  update(@CreatorId() creatorId: string, @Body() dto: UpdateProfileDto): Promise<ProfileDto> {
    return this.profile.update(creatorId, dto);
  }

  @Put('avatar')
  @ApiOperation({ summary: "Upload an avatar image; the profile's avatarUrl then points at it" })
  @ApiOkResponse({ type: ProfileDto })
  async uploadAvatar(@CreatorId() creatorId: string, @Body() dto: UploadAvatarDto): Promise<ProfileDto> {
    await this.avatars.upload(creatorId, dto.image);
    return this.profile.get(creatorId);
  }
}
