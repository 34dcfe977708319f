import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { TokensController, TokensService } from './tokens.controller.js';

@Global()
@Module({
  controllers: [AuthController, TokensController],
  providers: [AuthService, AuthGuard, TokensService],
  exports: [AuthService, AuthGuard],
})
export class AuthModule {}
