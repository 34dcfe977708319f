export * from './event-partitions.js';
export * from './event-store.js';
export * from './events.module.js';
export * from './hit-pipeline.js';
export * from './visitor-salts.js';
