export * from './alert-episodes.js';
export * from './anomaly.detector.js';
