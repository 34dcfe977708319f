import type { StoredConversion } from '@app/conversions';
import type { EnrichedHit } from '@app/common';

/** A click as webhooks carry it: what the analytics know of it, never the visitor id. */
export function clickPayload(hit: EnrichedHit) {
  return {
    id: hit.id,
    at: new Date(hit.at).toISOString(),
    linkId: hit.linkId,
    via: hit.via,
    source: hit.source,
    referrer: hit.referrerHost,
    utm: { source: hit.utmSource, medium: hit.utmMedium, campaign: hit.utmCampaign, term: hit.utmTerm, content: hit.utmContent },
    country: hit.country,
    region: hit.region,
    city: hit.city,
    device: hit.device,
    browser: hit.browser,
    os: hit.os,
  };
}

/** The stored human clicks of a capture batch, one `click` event per creator holding all of theirs (clicks are delivered in batches). */
export function clickBatches(
  hits: readonly EnrichedHit[],
): { creatorId: string; data: { clicks: ReturnType<typeof clickPayload>[] } }[] {
  const byCreator = new Map<string, ReturnType<typeof clickPayload>[]>();
  for (const hit of hits) {
    if (hit.kind !== 'click' || hit.isBot) continue;
    byCreator.set(hit.creatorId, [...(byCreator.get(hit.creatorId) ?? []), clickPayload(hit)]);
  }
  return [...byCreator].map(([creatorId, clicks]) => ({ creatorId, data: { clicks } }));
}

/** A stored lead or sale, with the click it was attributed to (null: unattributed). */
export function conversionPayload(conversion: StoredConversion) {
  const click = conversion.click;
  return {
    id: conversion.id,
    at: new Date(conversion.at).toISOString(),
    eventName: conversion.eventName,
    eventId: conversion.eventId,
    customerId: conversion.customerId,
    ...(conversion.kind === 'sale'
      ? { amount: conversion.amount, currency: conversion.currency, invoiceId: conversion.invoiceId }
      : {}),
    metadata: conversion.metadata,
    click: click && {
      id: click.id,
      at: click.at.toISOString(),
      linkId: click.linkId,
      source: click.source,
      country: click.country,
      device: click.device,
      utmCampaign: click.utmCampaign,
    },
  };
}
