import { networkInterfaces } from 'node:os';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { isThisHostIp, parseIp } from '@app/enrichment';
import { HostResolver } from './host.resolver.js';

/** What the instance answers as: its host names and its addresses. */
export interface InstanceIdentity {
  /** lowercased, no trailing dot */
  names: Set<string>;
  /** as `parseIp` writes them (IPv4-mapped IPv6 as IPv4) */
  addresses: Set<string>;
}

/**
 * Why a target host would lead back to this instance (or to the visitor's own machine), or null.
 * `hostname` is `URL.hostname` (IPv6 in brackets, numeric IPv4 forms already dotted); `resolved`
 * its DNS answer when it is a name.
 *
 * Refused: this instance's names and `localhost` (`*.localhost` too, RFC 6761); any loopback or
 * unspecified address (`127.0.0.0/8`, `0.0.0.0/8`, `::1`, `::`, and their IPv4-mapped forms), named
 * or resolved; an address of this instance written as a literal. A *name* resolving to one of this
 * instance's public addresses is allowed: behind a reverse proxy many sites share that address,
 * and the creator's shop may be one of them.
 */
export function selfLoopProblem(hostname: string, resolved: string[], self: InstanceIdentity): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (self.names.has(host) || host === 'localhost' || host.endsWith('.localhost')) return `${host} is this Linkpulse instance`;
  const literal = parseIp(host.replace(/^\[(.*)\]$/, '$1'));
  for (const ip of literal ? [literal] : resolved.map((address) => parseIp(address))) {
    if (!ip) continue;
    if (isThisHostIp(ip)) return `${host} is a loopback or unspecified address (${ip.address})`;
    if (literal && self.addresses.has(ip.address)) return `${host} is an address of this Linkpulse instance`;
  }
  return null;
}

/**
 * Refuses link targets that lead back to this instance: one visit would then go round until the
 * browser gives up, counting a click each time (21 for one visit). Names are resolved through
 * `HostResolver`; the instance's own addresses are its network interfaces' and its PUBLIC_URL
 * host's, learnt once.
 */
@Injectable()
export class SelfLoopCheck {
  private identity: Promise<InstanceIdentity> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly resolver: HostResolver,
  ) {}

  /** Why `url` (a normalised http(s) URL) leads back here, as a message naming `field`, or null. */
  async problem(field: string, url: string): Promise<string | null> {
    const { hostname } = new URL(url);
    const bare = hostname.replace(/^\[(.*)\]$/, '$1');
    const resolved = parseIp(bare) ? [] : await this.resolver.addressesOf(bare);
    const problem = selfLoopProblem(hostname, resolved, await this.self());
    return problem && `${field} must not point at this Linkpulse instance or this machine: ${problem}, so a visit would loop`;
  }

  private self(): Promise<InstanceIdentity> {
    this.identity ??= this.learnIdentity();
    return this.identity;
  }

  private async learnIdentity(): Promise<InstanceIdentity> {
    const publicHost = new URL(this.config.publicUrl).hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    const interfaces = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => entry.address));
    const named = parseIp(publicHost) ? [publicHost] : await this.resolver.addressesOf(publicHost);
    const addresses = new Set<string>();
    for (const address of [...interfaces, ...named]) {
      const ip = parseIp(address);
      if (ip) addresses.add(ip.address);
    }
    return { names: new Set([publicHost.replace(/\.$/, '')]), addresses };
  }
}
