import { Injectable } from '@nestjs/common';
import { AppConfig, InvalidInputError } from '@app/common';
import { HostResolver } from '@app/links';
import { isPublicIp, parseIp } from '@app/enrichment';

/** A webhook URL that may not be called: not http(s), not resolving, or to a private address. */
export class WebhookTargetError extends InvalidInputError {}

/**
 * Where a webhook may be sent (SSRF defence): an http(s) URL whose every address is public —
 * not loopback, private, link-local (cloud metadata), CGNAT, multicast or unspecified — unless
 * WEBHOOK_ALLOW_PRIVATE=true. Checked when a webhook is saved and again at each delivery, which
 * then connects to the address checked (a name re-pointed in between cannot slip through).
 */
@Injectable()
export class WebhookTargets {
  constructor(
    private readonly resolver: HostResolver,
    private readonly config: AppConfig,
  ) {}

  /** The addresses to connect to, or a WebhookTargetError saying why not. */
  async addressesOf(url: string): Promise<string[]> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new WebhookTargetError('url must be an absolute http or https URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new WebhookTargetError('url must be an absolute http or https URL');
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    const literal = parseIp(host);
    const addresses = literal ? [literal.address] : await this.resolver.addressesOf(host);
    if (addresses.length === 0) throw new WebhookTargetError(`url's host ${host} does not resolve`);
    const refused = addresses.find((address) => {
      const ip = parseIp(address);
      return !ip || !isPublicIp(ip);
    });
    if (refused && !this.config.webhookAllowPrivate)
      throw new WebhookTargetError(
        `url must resolve to public addresses; ${host} is ${refused} (WEBHOOK_ALLOW_PRIVATE=true allows it)`,
      );
    return addresses;
  }
}
