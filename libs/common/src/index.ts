export * from './analytics.types.js';
export * from './capture-job.js';
export * from './config.js';
export * from './config.module.js';
export * from './hit.types.js';
export * from './queues.js';
export * from './redis.service.js';
export * from './uuid-v7.js';
