export * from './analytics.repository.js';
export * from './analytics.service.js';
export * from './country-names.js';
export * from './dimensions.js';
export * from './rollup.service.js';
export * from './time-plan.js';
export * from './zone-clock.js';
export * from './event-export.js';
