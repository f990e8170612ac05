import type { Redis } from 'ioredis';

/**
 * Resolves true once `client` is ready for commands, false if `timeoutMs` passes first. The
 * factory's clients refuse commands while disconnected instead of queueing them, so a first
 * command right after creating a client (or during a reconnect) waits here, briefly.
 */
export function whenReady(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.once('ready', onReady);
  });
}
