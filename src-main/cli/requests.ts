import type { CommandSpec } from './run';

/** CLI commands of the requests area. */
export const COMMANDS: CommandSpec[] = [];
