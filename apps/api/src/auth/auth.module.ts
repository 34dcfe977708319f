import { Global, Module } from '@nestjs/common';
import { RateLimiter } from '../http/rate-limiter.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { AuthThrottle } from './auth.throttle.js';
import { SessionsRepository } from './sessions.repository.js';
import { TokensController } from './tokens.controller.js';
import { TokensService } from './tokens.service.js';

@Global()
@Module({
  controllers: [AuthController, TokensController],
  providers: [AuthService, AuthGuard, TokensService, RateLimiter, AuthThrottle, SessionsRepository, ApiTokensRepository],
  exports: [AuthService, AuthGuard, RateLimiter],
})
export class AuthModule {}
