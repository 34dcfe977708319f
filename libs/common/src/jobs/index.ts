export * from './job-queues.service.js';
export * from './job.definition.js';
export * from './jobs.js';
