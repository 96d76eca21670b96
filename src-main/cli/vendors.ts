import type { CommandSpec } from './run';

/** CLI commands of the vendors area. */
export const COMMANDS: CommandSpec[] = [];
