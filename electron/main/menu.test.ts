import { beforeEach, describe, expect, it } from 'vitest';
import { electronStub, resetElectronStub } from '../../test/stubs/electron.ts';
import { buildMenuTemplate, installApplicationMenu } from './menu.ts';

const roles = (template: unknown): string[] => JSON.stringify(template).match(/"role":"[a-zA-Z]+"/g) ?? [];

describe('the application menu', () => {
  beforeEach(resetElectronStub);

  it('has no devtools or reload in a packaged build', () => {
    const found = roles(buildMenuTemplate({ isMac: false, isPackaged: true, appName: 'Switchboard' }));
    expect(found).not.toContain('"role":"toggleDevTools"');
    expect(found).not.toContain('"role":"reload"');
    expect(found).toContain('"role":"copy"');
  });

  it('offers devtools in development', () => {
    expect(roles(buildMenuTemplate({ isMac: false, isPackaged: false, appName: 'Switchboard' }))).toContain('"role":"toggleDevTools"');
  });

  it('puts the app menu first on macOS only', () => {
    expect(buildMenuTemplate({ isMac: true, isPackaged: true, appName: 'Switchboard' }).map((m) => m.label ?? m.role)).toEqual([
      'Switchboard',
      'File',
      'Edit',
      'View',
      'windowMenu',
      'help',
    ]);
    expect(buildMenuTemplate({ isMac: false, isPackaged: true, appName: 'Switchboard' })[0]?.label).toBe('File');
  });

  it('installs itself as the application menu', () => {
    installApplicationMenu({ isMac: false, isPackaged: true, appName: 'Switchboard' });
    expect(electronStub.applicationMenu?.template).toHaveLength(5);
  });
});
