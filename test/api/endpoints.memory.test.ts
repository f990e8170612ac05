import { startApi } from './api-under-test.js';
import { endpointSuite } from './endpoints.suite.js';

describe('api over HTTP: memory store and in-process cache', () => {
  endpointSuite(() => startApi());
});
