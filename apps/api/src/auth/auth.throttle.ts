import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { RateLimiter, type RateRule } from '../http/rate-limiter.js';

const MINUTE = 60_000;

/** Every limit on authentication, in one table (docs/security.md lists them). */
export const AUTH_LIMITS = {
  /** every sign-in attempt from one address */
  loginPerAddress: {
    name: 'login-ip',
    limit: 10,
    windowMs: MINUTE,
    message: 'Too many sign-in attempts from your network; try again in {wait}',
  },
  /** password guesses on one account (sign-in, password change, account deletion); a success starts over */
  passwordPerAccount: {
    name: 'password-account',
    limit: 5,
    windowMs: 15 * MINUTE,
    message: 'Too many wrong passwords for this account; try again in {wait}',
  },
  signupPerAddress: {
    name: 'signup-ip',
    limit: 10,
    windowMs: 60 * MINUTE,
    message: 'Too many sign-ups from your network; try again in {wait}',
  },
  /** email changes of one account: each may answer "exists", so they are few */
  emailChangePerAccount: {
    name: 'email-change',
    limit: 5,
    windowMs: 60 * MINUTE,
    message: 'Too many email changes for this account; try again in {wait}',
  },
  signupPerEmail: {
    name: 'signup-email',
    limit: 5,
    windowMs: 60 * MINUTE,
    message: 'Too many sign-ups with this email; try again in {wait}',
  },
} as const satisfies Record<string, RateRule>;

/**
 * The rate limits of sign-in, sign-up, password confirmation and email changes. Emails arrive
 * normalised (account.rules.ts `normaliseEmail`, applied by the DTOs and stored so), so the key
 * is the very string the account is looked up by. Shared by every API replica through Redis.
 * A password attempt is counted before the password is checked (parallel guesses
 * cannot slip through) and the count starts over when the password was right.
 * `AUTH_RATE_LIMITS=off` turns them off (test runs that sign up many creators from one address).
 */
@Injectable()
export class AuthThrottle {
  private readonly enabled: boolean;

  constructor(
    private readonly limiter: RateLimiter,
    config: AppConfig,
  ) {
    this.enabled = config.authRateLimits;
  }

  async signup(address: string, email: string): Promise<void> {
    if (!this.enabled) return;
    await this.limiter.consume(AUTH_LIMITS.signupPerAddress, address);
    await this.limiter.consume(AUTH_LIMITS.signupPerEmail, email);
  }

  async login(address: string, email: string): Promise<void> {
    if (!this.enabled) return;
    await this.limiter.consume(AUTH_LIMITS.loginPerAddress, address);
    await this.passwordAttempt(email);
  }

  /** One guess at the password of the account with this email (whether or not it exists). */
  async passwordAttempt(email: string): Promise<void> {
    if (!this.enabled) return;
    await this.limiter.consume(AUTH_LIMITS.passwordPerAccount, email);
  }

  /** One attempt to change the account's email. */
  async emailChange(creatorId: string): Promise<void> {
    if (!this.enabled) return;
    await this.limiter.consume(AUTH_LIMITS.emailChangePerAccount, creatorId);
  }

  async passwordAccepted(email: string): Promise<void> {
    if (!this.enabled) return;
    await this.limiter.reset(AUTH_LIMITS.passwordPerAccount, email);
  }
}
