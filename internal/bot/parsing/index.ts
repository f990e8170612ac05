// Pure parsers for command arguments: no I/O, no clock.
export { parseCommand, type ParsedCommand } from './command.js';
export { formatDuration, MAX_DURATION_S, MIN_DURATION_S, parseDuration, type DurationResult } from './duration.js';
export { parseTarget, type TargetOptions, type TargetRef, type TargetResult } from './target.js';
