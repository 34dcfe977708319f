/**
 * Every BullMQ queue, in one place. The prefix is hash-tagged so that all of a queue's keys
 * land in one Redis Cluster slot.
 */
export const QUEUE_PREFIX = '{linkpulse}';

export enum QueueName {
  Capture = 'capture',
  Conversions = 'conversions',
  Rollup = 'rollup',
  Maintenance = 'maintenance',
  Reports = 'reports',
  Imports = 'imports',
  Alerts = 'alerts',
  Webhooks = 'webhooks',
}

/** Redis pub/sub channels. */
export const CHANNEL_LINK_CHANGED = 'linkpulse:link-changed';
export const liveChannel = (creatorId: string): string => `linkpulse:live:${creatorId}`;
