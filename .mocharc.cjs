// One mocha run for every suite: unit tests beside the code, cross-process tests in test/.
// Files named on the command line run alone (mocha would otherwise add them to `spec`).
const named = process.argv.slice(2).some((a) => !a.startsWith('-') && /\.test\.ts$|\*/.test(a));

module.exports = {
  'node-option': ['import=tsx'],
  require: ['test/harness/hooks.ts'],
  spec: named ? [] : ['internal/**/*.test.ts', 'cmd/**/*.test.ts', 'test/**/*.test.ts'],
  extension: ['ts'],
  reporter: 'test/harness/reporter.cjs',
  timeout: 20000,
  'forbid-only': true,
  'forbid-pending': process.env.CI === 'true',
  exit: true,
};
