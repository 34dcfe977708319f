import { describe, expect, it } from '@jest/globals';
import type { AppConfig } from '@app/common';
import type { HostResolver } from './host.resolver.js';
import { type InstanceIdentity, SelfLoopCheck, selfLoopProblem } from './self-loop.check.js';

const SELF: InstanceIdentity = { names: new Set(['lnk.example.com']), addresses: new Set(['203.0.113.10', '2001:db8::10']) };
const hostnameOf = (url: string): string => new URL(url).hostname;

describe('selfLoopProblem', () => {
  it.each([
    ['http://lnk.example.com/x', 'is this Linkpulse instance'],
    ['http://LNK.example.com./x', 'is this Linkpulse instance'],
    ['http://localhost:3000/x', 'is this Linkpulse instance'],
    ['http://app.localhost/x', 'is this Linkpulse instance'],
    ['http://127.0.0.1/x', 'loopback'],
    ['http://127.0.0.2/x', 'loopback'],
    ['http://127.1/x', 'loopback'],
    ['http://2130706433/x', 'loopback'],
    ['http://0.0.0.0/x', 'loopback'],
    ['http://0/x', 'loopback'],
    ['http://[::1]/x', 'loopback'],
    ['http://[::]/x', 'loopback'],
    ['http://[::ffff:127.0.0.1]/x', 'loopback'],
    ['http://[0:0:0:0:0:ffff:7f00:2]/x', 'loopback'],
    ['http://203.0.113.10:8080/x', 'an address of this Linkpulse instance'],
    ['http://[::ffff:203.0.113.10]/x', 'an address of this Linkpulse instance'],
    ['http://[2001:db8::10]/x', 'an address of this Linkpulse instance'],
  ])('refuses %s', (url, message) => {
    expect(selfLoopProblem(hostnameOf(url), [], SELF)).toContain(message);
  });

  it('refuses names that resolve to a loopback address', () => {
    expect(selfLoopProblem('localtest.me', ['127.0.0.1'], SELF)).toContain('loopback or unspecified address (127.0.0.1)');
    expect(selfLoopProblem('v6.example.net', ['2001:db8::99', '::1'], SELF)).toContain('loopback');
  });

  it('lets through other hosts, and names that share the instance’s public address (virtual hosts)', () => {
    expect(selfLoopProblem('shop.example.com', ['198.51.100.7'], SELF)).toBeNull();
    expect(selfLoopProblem('blog.example.com', ['203.0.113.10'], SELF)).toBeNull();
    expect(selfLoopProblem('lnk.example.com.evil.com', [], SELF)).toBeNull();
    expect(selfLoopProblem('128.0.0.1', [], SELF)).toBeNull();
  });
});

describe('SelfLoopCheck', () => {
  const resolver = (table: Record<string, string[]>): HostResolver =>
    ({ addressesOf: async (host: string) => table[host] ?? [] }) as HostResolver;
  const config = { publicUrl: 'https://lnk.example.com' } as AppConfig;

  it('resolves target names with the injected resolver (no network) and learns the instance’s addresses from PUBLIC_URL', async () => {
    const check = new SelfLoopCheck(
      config,
      resolver({ 'lnk.example.com': ['203.0.113.10'], 'loop.example.net': ['127.0.0.3'], 'shop.example.com': ['198.51.100.7'] }),
    );
    await expect(check.problem('url', 'https://loop.example.net/')).resolves.toBe(
      'url must not point at this Linkpulse instance or this machine: loop.example.net is a loopback or unspecified address (127.0.0.3), so a visit would loop',
    );
    await expect(check.problem('fallbackUrl', 'http://203.0.113.10/')).resolves.toMatch(
      /^fallbackUrl must not .* an address of this/,
    );
    await expect(check.problem('url', 'https://shop.example.com/')).resolves.toBeNull();
    await expect(check.problem('url', 'https://unresolvable.example/')).resolves.toBeNull();
  });
});
