import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export interface Principal {
  creatorId: string;
  /** how the request proved who it is; cookie-authenticated writes need the CSRF header */
  via: 'session' | 'token' | 'publishable-key';
  /** the session's token hash, to revoke it on logout */
  sessionHash?: Buffer;
  /** the API token's id (`via: 'token'`), to tell whether it was revoked since */
  tokenId?: string;
}

export type AuthenticatedRequest = FastifyRequest & { principal: Principal };

/** The authenticated creator's id, as `@CreatorId() creatorId: string`. */
export const CreatorId = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<AuthenticatedRequest>().principal.creatorId,
);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
