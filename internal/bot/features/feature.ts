import type { Composer, Context } from 'telegraf';
import type { CommandSpec } from '../commands/command.js';

/** A bot feature: its commands (routed centrally) and, for updates that aren't commands, a Composer. */
export interface Feature {
  name: string;
  commands: CommandSpec[];
  composer?: Composer<Context>;
}
