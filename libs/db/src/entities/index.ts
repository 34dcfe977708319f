export * from './api-token.entity.js';
export * from './conversion.entity.js';
export * from './creator.entity.js';
export * from './customer.entity.js';
export * from './link.entity.js';
export * from './profile.entity.js';
export * from './publishable-key.entity.js';
export * from './session.entity.js';
