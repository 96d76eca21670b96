import { m0001 } from './0001_foundation';
import { m0002 } from './0002_activities';
import type { VigieMigration } from './types';

/** Static list (bundler-safe). Append only, in order. */
export const MIGRATIONS: readonly VigieMigration[] = [m0001, m0002];
