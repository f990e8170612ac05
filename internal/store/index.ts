export { createMemoryStore, type MemoryStoreOptions } from './memory/index.js';
export { createMongoStore, type MongoStoreOptions } from './mongo/index.js';
