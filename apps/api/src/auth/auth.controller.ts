import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@app/common';
import type { FastifyReply } from 'fastify';
import { AuthResultDto, DeleteMeDto, LoginDto, MeDto, SignupDto, UpdateMeDto } from './auth.dto.js';
import { AuthGuard, SESSION_COOKIE } from './auth.guard.js';
import { AuthService, SESSION_TTL_MS } from './auth.service.js';
import { CreatorId, CurrentPrincipal, type Principal } from './authenticated-request.js';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('auth/signup')
  @ApiCreatedResponse({ type: AuthResultDto })
  async signup(@Body() dto: SignupDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuthResultDto> {
    const { creator, sessionToken } = await this.auth.signup(dto);
    this.setSessionCookie(reply, sessionToken);
    return { creator: MeDto.from(creator) };
  }

  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResultDto })
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuthResultDto> {
    const { creator, sessionToken } = await this.auth.login(dto);
    this.setSessionCookie(reply, sessionToken);
    return { creator: MeDto.from(creator) };
  }

  @Post('auth/logout')
  @HttpCode(204)
  @UseGuards(AuthGuard)
  @ApiNoContentResponse()
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(principal);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @UseGuards(AuthGuard)
  @ApiCookieAuth()
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  async me(@CreatorId() creatorId: string): Promise<MeDto> {
    return MeDto.from(await this.auth.me(creatorId));
  }

  @Patch('me')
  @UseGuards(AuthGuard)
  @ApiOkResponse({ type: MeDto })
  async updateMe(@CreatorId() creatorId: string, @Body() dto: UpdateMeDto): Promise<MeDto> {
    return MeDto.from(await this.auth.updateMe(creatorId, dto));
  }

  @Delete('me')
  @HttpCode(204)
  @UseGuards(AuthGuard)
  @ApiNoContentResponse({ description: 'the account and all of its data, analytics included, are deleted' })
  async deleteMe(
    @CreatorId() creatorId: string,
    @Body() dto: DeleteMeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.deleteMe(creatorId, dto);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  private setSessionCookie(reply: FastifyReply, token: string): void {
    void reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.nodeEnv === 'production' || this.config.publicUrl.startsWith('https:'),
      maxAge: SESSION_TTL_MS / 1000,
    });
  }
}
