import type { LiveEvent } from '@app/common';
import type { StoredConversion } from './conversion-store.js';

/** A stored conversion as the live stream shows it: where its click came from, and a sale's amount. */
export function liveEventOfConversion(conversion: StoredConversion): LiveEvent {
  return {
    id: conversion.id,
    kind: conversion.kind,
    at: new Date(conversion.at).toISOString(),
    linkId: conversion.click?.linkId ?? null,
    source: conversion.click?.source ?? 'unattributed',
    country: conversion.click?.country ?? 'unknown',
    device: conversion.click?.device ?? 'other',
    ...(conversion.kind === 'sale' ? { amount: conversion.amount!, currency: conversion.currency! } : {}),
  };
}
