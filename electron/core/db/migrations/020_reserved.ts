/**
 * Number 20 is reserved for a migration on another branch (the routing server's work, merged
 * alongside this one); the migrator refuses gaps, so until that branch is merged this step keeps
 * the numbering whole and changes nothing. The merge replaces this file with the real one.
 */
import type { Migration } from './types.ts';

export const migration020: Migration = { version: 20, name: 'reserved', up: () => {} };
