export * from './webhook-events.service.js';
export * from './webhook-sender.service.js';
export * from './webhook-targets.js';
export * from './webhook.signature.js';
export * from './webhook.types.js';
export * from './webhooks.module.js';
export * from './webhooks.repository.js';
export * from './webhook.payloads.js';
