export * from './data-source-options.js';
export * from './database.bootstrap.js';
export * from './database.health.js';
export * from './database.module.js';
export * from './entities/index.js';
export * from './repositories/index.js';
export * from './transactions.js';
