import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedRequest, Principal } from './authenticated-request.js';
import { AuthService } from './auth.service.js';

export const SESSION_COOKIE = 'lp_session';
/** publishable keys (/lp.js on a creator's site) start with this; they record conversions and nothing else */
export const PUBLISHABLE_KEY_PREFIX = 'pk_';
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'linkpulse';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A session cookie or `Authorization: Bearer <API token>`. Cookie-authenticated writes must
 * carry `X-Requested-With: linkpulse`: a custom header no other site can make a browser send.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    if (!principal) throw new UnauthorizedException('Sign in or send an API token');
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== CSRF_VALUE) {
      throw new ForbiddenException(`Cookie-authenticated writes need the header X-Requested-With: ${CSRF_VALUE}`);
    }
    request.principal = principal;
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal | null> {
    const authorization = request.headers.authorization;
    if (authorization) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token || token.length > 200) return null;
      if (token.startsWith(PUBLISHABLE_KEY_PREFIX))
        throw new ForbiddenException('A publishable key (pk_) can only record conversions');
      return this.auth.resolveApiToken(token);
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (!cookie || cookie.length > 200) return null;
    return this.auth.resolveSession(cookie);
  }
}
