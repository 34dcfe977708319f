export * from './attribution.rules.js';
export * from './conversion-id.js';
export * from './conversion-store.js';
export * from './conversion.types.js';
export * from './currency.rules.js';
export * from './conversion-live-event.js';
