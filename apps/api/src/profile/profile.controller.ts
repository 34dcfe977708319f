import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard.js';
import { CreatorId } from '../auth/authenticated-request.js';
import { ProfileDto, UpdateProfileDto } from './profile.dto.js';
import { ProfileService } from './profile.service.js';

@ApiTags('profile')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/profile')
export class ProfileController {
  constructor(private readonly profile: ProfileService) {}

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
}
