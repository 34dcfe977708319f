export * from './data-source-options.js';
export * from './database.bootstrap.js';
export * from './database.module.js';
export * from './entities/index.js';
