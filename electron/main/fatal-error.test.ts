import { beforeEach, describe, expect, it } from 'vitest';
import { electronStub, resetElectronStub } from '../../test/stubs/electron.ts';
import { showFatalErrorAndQuit } from './fatal-error.ts';

describe('a fatal database error', () => {
  beforeEach(resetElectronStub);

  it('tells the person a newer version wrote the database, then quits', () => {
    showFatalErrorAndQuit({ code: 'DB_NEWER_VERSION', message: 'schema 9 > 3' }, '/data/switchboard.db');
    expect(electronStub.errorBoxes).toHaveLength(1);
    expect(electronStub.errorBoxes[0]?.title).toMatch(/needs an update/);
    expect(electronStub.errorBoxes[0]?.content).toMatch(/newer version/);
    expect(electronStub.errorBoxes[0]?.content).toContain('/data/switchboard.db');
    expect(electronStub.quitCalls).toBe(1);
  });

  it('tells the person the file is damaged and was left untouched', () => {
    showFatalErrorAndQuit({ code: 'DB_CORRUPT', message: 'file is not a database' }, '/data/switchboard.db');
    expect(electronStub.errorBoxes[0]?.content).toMatch(/damaged.*left it exactly as it was/s);
    expect(electronStub.quitCalls).toBe(1);
  });
});
