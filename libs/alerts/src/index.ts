export * from './alert-episodes.js';
export * from './anomaly.detector.js';
export * from './alert-evaluator.service.js';
export * from './alert.types.js';
export * from './alerts.module.js';
export * from './alerts.repository.js';
