export * from './dimensions.js';
export * from './rollup.service.js';
