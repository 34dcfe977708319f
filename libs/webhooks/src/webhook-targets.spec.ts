import { describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@app/common';
import { HostResolver } from '@app/links';
import { WebhookTargetError, WebhookTargets } from './webhook-targets.js';

const DNS: Record<string, string[]> = {
  'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'rebind.example.com': ['93.184.215.14', '10.0.0.5'],
  'metadata.example.com': ['169.254.169.254'],
  'v6-local.example.com': ['fd00::1'],
};

async function targets(allowPrivate: boolean): Promise<WebhookTargets> {
  const module = await Test.createTestingModule({
    providers: [
      WebhookTargets,
      { provide: HostResolver, useValue: { addressesOf: async (host: string) => DNS[host] ?? [] } },
      { provide: AppConfig, useValue: { webhookAllowPrivate: allowPrivate } },
    ],
  }).compile();
  return module.get(WebhookTargets);
}

describe('WebhookTargets', () => {
  it('a public name answers its addresses', async () => {
    await expect((await targets(false)).addressesOf('https://hooks.example.com/linkpulse')).resolves.toEqual(
      DNS['hooks.example.com'],
    );
  });

  it.each([
    ['loopback', 'http://127.0.0.1:8080/hook'],
    ['IPv6 loopback', 'http://[::1]/hook'],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/hook'],
    ['a private network', 'http://10.1.2.3/hook'],
    ['a name with one private address among public ones', 'https://rebind.example.com/hook'],
    ['cloud metadata (link-local)', 'http://metadata.example.com/latest'],
    ['an IPv6 unique-local address', 'https://v6-local.example.com/'],
    ['the unspecified address', 'http://0.0.0.0/'],
  ])('refuses %s', async (_what, url) => {
    await expect((await targets(false)).addressesOf(url)).rejects.toThrow(/must resolve to public addresses/);
  });

  it('refuses what is no http(s) URL or does not resolve', async () => {
    const guard = await targets(false);
    await expect(guard.addressesOf('ftp://hooks.example.com/')).rejects.toBeInstanceOf(WebhookTargetError);
    await expect(guard.addressesOf('not a url')).rejects.toBeInstanceOf(WebhookTargetError);
    await expect(guard.addressesOf('https://nowhere.example.com/')).rejects.toThrow('does not resolve');
  });

  it('WEBHOOK_ALLOW_PRIVATE=true lets private targets through', async () => {
    await expect((await targets(true)).addressesOf('http://127.0.0.1:8080/hook')).resolves.toEqual(['127.0.0.1']);
  });
});
