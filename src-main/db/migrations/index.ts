import { m0001 } from './0001_foundation';
import { m0002 } from './0002_activities';
import { m0003 } from './0003_requests';
import { m0004 } from './0004_breaches';
import { m0005 } from './0005_vendors';
import { m0006 } from './0006_retention';
import { m0007 } from './0007_request_index';
import { m0008 } from './0008_breach_files';
import { m0009 } from './0009_multi_device';
import { m0010 } from './0010_request_index_views';
import { m0011 } from './0011_breach_index';
import { m0012 } from './0012_request_index_sort';
import { m0013 } from './0013_dashboard_index';
import { m0014 } from './0014_log_store';
import { m0015 } from './0015_request_store';
import { m0016 } from './0016_request_counts';
import { m0017 } from './0017_dashboard_reads';
import { m0018 } from './0018_index_tables_without_rowid';
import type { VigieMigration } from './types';

/** Static list (bundler-safe). Append only, in order. */
export const MIGRATIONS: readonly VigieMigration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016, m0017, m0018];
