// Mocha root hooks: stop every server the harness started, even when tests failed.
import { testEnv } from './env.js';

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await testEnv.stopAll();
  },
};
