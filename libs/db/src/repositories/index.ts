export * from './creators.repository.js';
export * from './imports.repository.js';
export * from './links.repository.js';
export * from './profiles.repository.js';
export * from './name-quarantine.repository.js';
