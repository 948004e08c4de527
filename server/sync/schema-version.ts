/** The sync schema versions this server accepts (advertised in GET /info). */
import { AppError } from '../../shared/contract/errors.ts';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol.ts';

export const SCHEMA_VERSIONS = { min: 1, max: SYNC_SCHEMA_VERSION } as const;

export function checkSchemaVersion(version: number): void {
  if (version < SCHEMA_VERSIONS.min || version > SCHEMA_VERSIONS.max) {
    throw new AppError(
      'VALIDATION',
      `sync schema version ${version} is not supported (this server accepts ${SCHEMA_VERSIONS.min}–${SCHEMA_VERSIONS.max}); update Switchboard`,
    );
  }
}
