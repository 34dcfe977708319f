import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import { type AppConfig, loadConfig, type RedisService } from '@app/common';
import { RateLimiter, type RateRule } from './rate-limiter.js';

const RULE: RateRule = { name: 'login-ip', limit: 2, windowMs: 60_000, message: 'wait {wait}' };

function limiterWith(secret: string, counts: number[] = [1]) {
  const evalScript = jest.fn(async (..._args: unknown[]) => [counts.shift() ?? 99, 30_000]);
  const redis = { client: { status: 'ready', eval: evalScript } } as unknown as RedisService;
  const config: AppConfig = loadConfig({ SESSION_SECRET: secret });
  return { limiter: new RateLimiter(redis, config), evalScript };
}

describe('RateLimiter keys', () => {
  it('are keyed hashes: not the plain SHA-256 of the address, and different under another server secret', async () => {
    const address = '203.0.113.7';
    const { limiter, evalScript } = limiterWith('a'.repeat(40));
    await limiter.hit(RULE, address);
    const key = evalScript.mock.calls[0][2] as string;
    expect(key).toMatch(/^linkpulse:rate:login-ip:[A-Za-z0-9_-]{22}$/);
    expect(key).not.toContain(createHash('sha256').update(address).digest('base64url').slice(0, 22));
    expect(key).not.toContain(address);

    const derived = createHmac('sha256', 'a'.repeat(40)).update('linkpulse rate-limit keys').digest();
    expect(key).toBe(`linkpulse:rate:login-ip:${createHmac('sha256', derived).update(address).digest('base64url').slice(0, 22)}`);
    expect(limiterWith('b'.repeat(40)).limiter.key(RULE, address)).not.toBe(key);
    expect(limiter.key(RULE, address)).toBe(key);
  });

  it('answers 429 past the limit, with the wait in the message', async () => {
    const { limiter } = limiterWith('a'.repeat(40), [1, 2, 3]);
    await limiter.consume(RULE, 'x');
    await limiter.consume(RULE, 'x');
    await expect(limiter.consume(RULE, 'x')).rejects.toMatchObject({ status: 429, response: { message: 'wait 30 seconds' } });
  });
});

describe('RateLimiter while Redis connects', () => {
  it('counts the first hits after a start (they wait for the connection), and fails open once Redis is lost', async () => {
    const evalScript = jest.fn(async (..._args: unknown[]) => [11, 30_000]);
    const client = { status: 'connecting', eval: evalScript };
    const limiter = new RateLimiter({ client } as unknown as RedisService, loadConfig({}));
    await expect(limiter.consume(RULE, 'x')).rejects.toMatchObject({ status: 429 });
    client.status = 'reconnecting';
    await expect(limiter.consume(RULE, 'x')).resolves.toBeUndefined();
    expect(evalScript).toHaveBeenCalledTimes(1);
  });
});
