/**
 * electron-builder: `npm run dist` packages the built app (out/**) for the current platform.
 * Needs the internet (it downloads Electron for the target), so it cannot run on the build machines.
 * @type {import('electron-builder').Configuration}
 */
module.exports = {
  appId: 'app.switchboard.console',
  productName: 'Switchboard',
  copyright: 'Copyright © Switchboard',
  directories: { output: 'release', buildResources: 'build' },
  files: ['out/**', 'package.json', '!out/**/*.map'],
  asar: true,
  // better-sqlite3 13 ships N-API prebuilt binaries that load in Node and Electron alike: no rebuild.
  npmRebuild: false,
  // Native modules cannot be loaded from inside an asar archive.
  asarUnpack: ['**/node_modules/better-sqlite3/**/*.node'],
  icon: 'build/icon.png',
  // SECURITY.md, "Fuses": turn off what an attacker with local access could use to run code as the app.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: ['nsis'],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: {
    sign: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    maintainer: 'Switchboard',
    synopsis: 'Offline-first console for customer-service teams',
  },
};
