import type { Redis } from 'ioredis';

/** A Lua script bound to a client: its KEYS, then its ARGV. */
export type LuaCommand = (keys: readonly string[], args?: readonly (string | number)[]) => Promise<unknown>;

type ScriptMethod = (numberOfKeys: number, ...keysAndArgs: (string | number)[]) => Promise<unknown>;

/**
 * Defines `lua` as the command `name` of `client` (ioredis `defineCommand`): sent by
 * EVALSHA, loaded only when the server does not know it yet (first use, a restart, SCRIPT
 * FLUSH), so the steady state is one round trip without the script's text. Names are per
 * client: scripts that share a client take distinct names.
 */
export function defineLuaCommand(client: Redis, name: string, lua: string): LuaCommand {
  // No numberOfKeys: the key count goes first on each call, so one script serves any count.
  client.defineCommand(name, { lua });
  const method = (client as unknown as Record<string, ScriptMethod | undefined>)[name];
  if (!method) throw new Error(`ioredis did not define the script command ${name}`);
  return (keys, args = []) => method.call(client, keys.length, ...keys, ...args);
}
