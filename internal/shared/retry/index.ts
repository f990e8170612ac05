// Retry policy of the whole project: one exponential backoff and one circuit breaker.
export { exponentialBackoff, type ExponentialBackoffOptions } from './backoff.js';
export { CircuitBreaker } from './circuit-breaker.js';
