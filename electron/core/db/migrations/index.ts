/** Every schema step in order. Append only: a released migration is never edited or removed. */
import { migration001 } from './001_initial.ts';
import { migration002 } from './002_sync.ts';
import type { Migration } from './types.ts';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
