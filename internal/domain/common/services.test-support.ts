// Test support for service tests: a memory store and a clock the test moves.
import { expect } from 'chai';
import { createMemoryStore } from '../../store/memory/memory.store.js';
import { isAppError } from '../../shared/errors.js';
import { createServices, type Services } from '../index.js';
import type { Store } from '../store.js';

export interface TestClock {
  (): Date;
  set(d: Date): void;
  advance(ms: number): void;
}

export function testClock(start = new Date('2026-03-10T12:00:00.000Z')): TestClock {
  let now = start.getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (d) => {
    now = d.getTime();
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export interface Harness {
  store: Store;
  services: Services;
  clock: TestClock;
}

export function setup(store?: Store): Harness {
  const clock = testClock();
  const s = store ?? createMemoryStore({ clock });
  return { store: s, services: createServices(s, { clock }), clock };
}

let seq = 0;
export function newGroupId(): number {
  seq += 1;
  return -1_001_000_000_000 - seq;
}

export async function expectCode(p: Promise<unknown>, code: string): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    expect(isAppError(err), `expected AppError ${code}, got ${String(err)}`).to.equal(true);
    if (isAppError(err)) expect(err.code, err.message).to.equal(code);
    return err;
  }
  return expect.fail(`expected ${code}, but it resolved`);
}

/** Every audit entry of a group, newest first. */
export async function auditOf(h: Harness, groupId: number) {
  return (await h.services.audit.list(groupId, { limit: 100 })).items;
}
