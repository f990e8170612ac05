import { reviveDates } from '../shared/json-dates.js';
import { rememberJson } from '../shared/http.js';
import { cachedJson } from './local-layer.js';

const entities = new WeakMap<object, unknown>();

/**
 * A cached value as the entity the store would return: Dates revived (shared/json-dates),
 * frozen like every cache value. The local layer hands out the same frozen value on every
 * hit, so the entity is made once per cache fill, not once per request, and when it
 * serialises back to the cached text that text is remembered as its reply (sendOk sends
 * it without serialising again).
 * budget: api-cached-read (docs/budgets.md)
 */
export function cachedEntity<T>(value: T): T {
  if (!value || typeof value !== 'object') return value;
  const known = entities.get(value);
  if (known !== undefined) return known as T;
  const entity = freezeNew(reviveDates(value));
  const json = cachedJson(value);
  if (json !== undefined && JSON.stringify(entity) === json) rememberJson(entity, json);
  entities.set(value, entity);
  return entity;
}

/** Freezes the objects reviveDates made; the parts it shared are frozen already. */
function freezeNew<T>(value: T): T {
  if (!value || typeof value !== 'object' || value instanceof Date || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) freezeNew(v);
  return Object.freeze(value);
}
