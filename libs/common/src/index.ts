export * from './analytics.types.js';
export * from './hit.types.js';
