import { Body, Controller, Delete, Get, HttpCode, Ip, Patch, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { AppConfig } from '@app/common';
import type { FastifyReply } from 'fastify';
import { AuthResultDto, ChangePasswordDto, DeleteMeDto, LoginDto, MeDto, SignupDto, UpdateMeDto } from './auth.dto.js';
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
  @ApiTooManyRequestsResponse({
    description: 'too many sign-ups from this address or with this email (Retry-After says when to try again)',
  })
  async signup(
    @Body() dto: SignupDto,
    @Ip() address: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResultDto> {
    const { creator, sessionToken } = await this.auth.signup(dto, address);
    this.setSessionCookie(reply, sessionToken);
    return { creator: MeDto.from(creator) };
  }

  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResultDto })
  @ApiTooManyRequestsResponse({
    description: 'too many attempts from this address, or wrong passwords for this account (Retry-After says when to try again)',
  })
  async login(
    @Body() dto: LoginDto,
    @Ip() address: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResultDto> {
    const { creator, sessionToken } = await this.auth.login(dto, address);
    this.setSessionCookie(reply, sessionToken);
    return { creator: MeDto.from(creator) };
  }

  @Post('auth/logout')
  @HttpCode(204)
  @UseGuards(AuthGuard)
  @ApiCookieAuth()
  @ApiBearerAuth()
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
  @ApiCookieAuth()
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  async updateMe(@CreatorId() creatorId: string, @Body() dto: UpdateMeDto): Promise<MeDto> {
    return MeDto.from(await this.auth.updateMe(creatorId, dto));
  }

  @Post('me/password')
  @HttpCode(204)
  @UseGuards(AuthGuard)
  @ApiCookieAuth()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change the password',
    description:
      'Every session of the account is revoked; a request made with the session cookie gets a new cookie, so this browser stays signed in. API tokens are kept.',
  })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'currentPassword is wrong' })
  @ApiTooManyRequestsResponse({ description: 'too many wrong passwords for this account' })
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: ChangePasswordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const sessionToken = await this.auth.changePassword(principal, dto);
    if (sessionToken) this.setSessionCookie(reply, sessionToken);
  }

  @Delete('me')
  @HttpCode(204)
  @UseGuards(AuthGuard)
  @ApiCookieAuth()
  @ApiBearerAuth()
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
