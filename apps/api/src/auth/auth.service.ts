import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { AppConfig } from '@app/common';
import { normaliseCurrency } from '@app/conversions';
import {
  type Creator,
  type CreatorChanges,
  CreatorsRepository,
  LinksRepository,
  NameQuarantineRepository,
  ProfilesRepository,
  Transactions,
} from '@app/db';
import type { EntityManager } from 'typeorm';
import { LinkCache } from '../redirect/link-cache.service.js';
import { reservedUsernameProblem, usernameSkeleton, weakPasswordProblem } from './account.rules.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import type { ChangePasswordDto, DeleteMeDto, LoginDto, SignupDto, UpdateMeDto } from './auth.dto.js';
import { AuthThrottle } from './auth.throttle.js';
import type { Principal } from './authenticated-request.js';
import { hashPassword, verifyPassword } from './password.hasher.js';
import { hashSecret, newSecret } from './secret-token.js';
import { SessionsRepository } from './sessions.repository.js';

export const SESSION_TTL_MS = 30 * 86_400_000;
const TOKEN_TOUCH_INTERVAL_MS = 60_000;
// a constant-time answer for unknown emails: verify against a hash of nothing
const DUMMY_HASH = hashPassword('linkpulse-dummy-password');

const UNIQUE_VIOLATION = '23505';
const DEFAULT_CURRENCY = 'USD';
/** slugs whose cached targets are dropped at once when an account is deleted */
const INVALIDATION_CHUNK = 100;

@Injectable()
export class AuthService {
  constructor(
    private readonly transactions: Transactions,
    private readonly creators: CreatorsRepository,
    private readonly profiles: ProfilesRepository,
    private readonly sessions: SessionsRepository,
    private readonly tokens: ApiTokensRepository,
    private readonly links: LinksRepository,
    private readonly throttle: AuthThrottle,
    private readonly linkCache: LinkCache,
    private readonly quarantine: NameQuarantineRepository,
    private readonly config: AppConfig,
  ) {}

  /** `dto.email` arrives normalised (the DTO applies `normaliseEmail`). */
  async signup(dto: SignupDto, address: string): Promise<{ creator: Creator; sessionToken: string }> {
    const reserved = reservedUsernameProblem(dto.username);
    if (reserved) throw new BadRequestException(reserved);
    const weak = weakPasswordProblem('password', dto.password, dto);
    if (weak) throw new BadRequestException(weak);
    await this.throttle.signup(address, dto.email);
    const passwordHash = await hashPassword(dto.password);
    const creator = await this.transactions
      .run(async (tx) => {
        await this.assertUsernameFree(tx, dto.username, null);
        const created = await this.creators.insert(tx, {
          id: randomUUID(),
          email: dto.email,
          username: dto.username,
          usernameSkeleton: usernameSkeleton(dto.username),
          passwordHash,
          timezone: dto.timezone ?? 'UTC',
          conversionTracking: false,
          currency: DEFAULT_CURRENCY,
        });
        await this.profiles.insert(tx, created.id, dto.username);
        return created;
      })
      .catch((error: { code?: string; detail?: string }) => {
        if (error.code === UNIQUE_VIOLATION) throw this.conflict(error.detail);
        throw error;
      });
    return { creator, sessionToken: await this.createSession(creator.id) };
  }

  async login(dto: LoginDto, address: string): Promise<{ creator: Creator; sessionToken: string }> {
    await this.throttle.login(address, dto.email);
    const creator = await this.creators.findByEmail(dto.email);
    const valid = await verifyPassword(creator?.passwordHash ?? (await DUMMY_HASH), dto.password);
    if (!creator || !valid) throw new UnauthorizedException('Wrong email or password');
    await this.throttle.passwordAccepted(dto.email);
    return { creator, sessionToken: await this.createSession(creator.id) };
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.sessionHash) await this.sessions.deleteByHash(principal.sessionHash);
  }

  async resolveSession(token: string): Promise<Principal | null> {
    const tokenHash = hashSecret(token);
    const session = await this.sessions.findByHash(tokenHash);
    if (!session || session.expiresAt.getTime() < Date.now()) return null;
    return { creatorId: session.creatorId, via: 'session', sessionHash: tokenHash };
  }

  async resolveApiToken(token: string): Promise<Principal | null> {
    const apiToken = await this.tokens.findByHash(hashSecret(token));
    if (!apiToken) return null;
    if (!apiToken.lastUsedAt || Date.now() - apiToken.lastUsedAt.getTime() > TOKEN_TOUCH_INTERVAL_MS) {
      await this.tokens.touch(apiToken.id, new Date());
    }
    return { creatorId: apiToken.creatorId, via: 'token', tokenId: apiToken.id };
  }

  /**
   * Whether the session or token a request was made with still stands: a long-lived answer (a live
   * stream) asks this on each heartbeat and ends once it was logged out, revoked, or swept away by a
   * password change or the account's deletion.
   */
  async stillAuthorised(principal: Principal): Promise<boolean> {
    if (principal.sessionHash) {
      const session = await this.sessions.findByHash(principal.sessionHash);
      return session !== null && session.expiresAt.getTime() > Date.now();
    }
    if (principal.tokenId) return this.tokens.exists(principal.tokenId);
    return false;
  }

  async me(creatorId: string): Promise<Creator> {
    const creator = await this.creators.findById(creatorId);
    if (!creator) throw new NotFoundException('Account not found');
    return creator;
  }

  /**
   * A new email needs the current password (a stolen session must not take the account over, nor
   * probe which addresses have accounts) and is limited per account. A new username is checked
   * like a sign-up's, and the old one is quarantined.
   */
  async updateMe(creatorId: string, dto: UpdateMeDto): Promise<Creator> {
    const changes: CreatorChanges = {};
    if (dto.timezone !== undefined) changes.timezone = dto.timezone;
    if (dto.conversionTracking !== undefined) changes.conversionTracking = dto.conversionTracking;
    if (dto.currency !== undefined) changes.currency = normaliseCurrency(dto.currency) ?? this.notACurrency(dto.currency);
    if (dto.username !== undefined) {
      const reserved = reservedUsernameProblem(dto.username);
      if (reserved) throw new BadRequestException(reserved);
    }
    const current = await this.me(creatorId);
    if (dto.email !== undefined && dto.email !== current.email) {
      if (dto.currentPassword === undefined) throw new BadRequestException('currentPassword is required to change the email');
      await this.throttle.emailChange(creatorId);
      await this.confirmPassword(current, dto.currentPassword);
      changes.email = dto.email;
    }
    await this.transactions
      .run(async (tx) => {
        if (dto.username !== undefined && dto.username !== current.username) {
          await this.assertUsernameFree(tx, dto.username, creatorId);
          changes.username = dto.username;
          changes.usernameSkeleton = usernameSkeleton(dto.username);
          await this.quarantine.release(tx, 'username', [current.username], creatorId, this.config.slugQuarantineDays);
        }
        await this.creators.update(creatorId, changes, tx);
      })
      .catch((error: { code?: string; detail?: string }) => {
        if (error.code === UNIQUE_VIOLATION) throw this.conflict(error.detail);
        throw error;
      });
    return this.me(creatorId);
  }

  /**
   * Deletes the account; every row of its data goes with it (foreign keys cascade), and every API
   * process forgets its links at once (they would otherwise keep redirecting from the caches).
   */
  async deleteMe(creatorId: string, dto: DeleteMeDto): Promise<void> {
    const creator = await this.me(creatorId);
    await this.throttle.passwordAttempt(creator.email);
    if (!(await verifyPassword(creator.passwordHash, dto.password))) {
      throw new UnauthorizedException('Wrong password');
    }
    await this.throttle.passwordAccepted(creator.email);
    const slugs = await this.links.slugsOf(creatorId);
    // the account's username and slugs stay reserved to no one (printed QR codes, links in old posts)
    await this.transactions.run(async (tx) => {
      await this.quarantine.release(tx, 'username', [creator.username], null, this.config.slugQuarantineDays);
      await this.quarantine.release(tx, 'slug', slugs, null, this.config.slugQuarantineDays);
      await this.creators.delete(creatorId, tx);
    });
    for (let i = 0; i < slugs.length; i += INVALIDATION_CHUNK) {
      await Promise.all(slugs.slice(i, i + INVALIDATION_CHUNK).map((slug) => this.linkCache.invalidate(slug)));
    }
  }

  /**
   * Changes the password and revokes every session of the account, this one included; a request
   * made with a session gets a new one back (returned), so only this browser stays signed in.
   * API tokens are kept: they are revoked one by one (DELETE /tokens/{id}).
   */
  async changePassword(principal: Principal, dto: ChangePasswordDto): Promise<string | null> {
    const creator = await this.me(principal.creatorId);
    await this.confirmPassword(creator, dto.currentPassword);
    if (dto.newPassword === dto.currentPassword) throw new BadRequestException('newPassword must differ from currentPassword');
    const weak = weakPasswordProblem('newPassword', dto.newPassword, creator);
    if (weak) throw new BadRequestException(weak);
    const passwordHash = await hashPassword(dto.newPassword);
    await this.transactions.run(async (tx) => {
      await this.creators.update(creator.id, { passwordHash }, tx);
      await this.sessions.deleteAllOf(tx, creator.id);
    });
    return principal.via === 'session' ? this.createSession(creator.id) : null;
  }

  /** A 403 unless `password` is the creator's; counted against the account's password limit. */
  private async confirmPassword(creator: Creator, password: string): Promise<void> {
    await this.throttle.passwordAttempt(creator.email);
    if (!(await verifyPassword(creator.passwordHash, password))) throw new ForbiddenException('currentPassword is wrong');
    await this.throttle.passwordAccepted(creator.email);
  }

  /** A 409 when the username, or a look-alike of it, is another creator's or quarantined. */
  private async assertUsernameFree(tx: EntityManager, username: string, creatorId: string | null): Promise<void> {
    const lookalike = await this.creators.confusableUsername(tx, usernameSkeleton(username), creatorId);
    if (lookalike === username) throw new ConflictException('This username is taken');
    if (lookalike) throw new ConflictException(`This username looks too much like the existing "${lookalike}"`);
    const until = await this.quarantine.reservedUntil('username', username, creatorId, tx);
    if (until) {
      throw new ConflictException(
        `This username belonged to a removed or renamed account and is reserved until ${until.toISOString().slice(0, 10)}`,
      );
    }
  }

  private async createSession(creatorId: string): Promise<string> {
    const token = newSecret();
    await this.sessions.insert({
      tokenHash: hashSecret(token),
      creatorId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    });
    return token;
  }

  private notACurrency(value: string): never {
    throw new BadRequestException(`currency must be an ISO 4217 code such as EUR, got "${value}"`);
  }

  private conflict(detail = ''): ConflictException {
    if (detail.includes('username')) return new ConflictException('This username is taken');
    if (detail.includes('email')) return new ConflictException('An account with this email exists');
    return new ConflictException('Already exists');
  }
}
