// One mocha run for every suite: unit tests beside the code, cross-process tests in test/.
module.exports = {
  'node-option': ['import=tsx'],
  require: ['test/harness/hooks.ts'],
  spec: ['internal/**/*.test.ts', 'cmd/**/*.test.ts', 'test/**/*.test.ts'],
  extension: ['ts'],
  reporter: 'test/harness/reporter.cjs',
  timeout: 20000,
  'forbid-only': true,
  'forbid-pending': process.env.CI === 'true',
  exit: true,
};
