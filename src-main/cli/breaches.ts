import type { CommandSpec } from './run';

/** CLI commands of the breaches area. */
export const COMMANDS: CommandSpec[] = [];
