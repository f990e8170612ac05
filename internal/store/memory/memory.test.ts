import { createMemoryStore } from './memory.store.js';
import { defineStoreContract } from '../contract.js';

defineStoreContract('memory', () => Promise.resolve(createMemoryStore()));
