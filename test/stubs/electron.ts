/**
 * The `electron` module as every test sees it (vitest aliases `electron` to this file): Electron
 * cannot run on the build machines. It fakes the APIs electron/main and electron/preload use,
 * faithfully enough for their logic to run, and records what was asked of it so tests can assert
 * it. Tests reach the recordings by importing this file directly (`electronStub`, the fake
 * classes); the code under test imports `electron` and cannot tell the difference.
 *
 * Call `resetElectronStub()` in `beforeEach` to start every test from a fresh app.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => void;

/** A fake `Event` as Electron passes to listeners: `preventDefault` is recorded. */
export class FakeEvent {
  defaultPrevented = false;
  readonly url: string;
  constructor(url = '') {
    this.url = url;
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
}

/** A frame as `event.senderFrame` exposes it: its URL and its parent (null for the top frame). */
export interface FakeFrame {
  url: string;
  origin: string;
  parent: FakeFrame | null;
}

export function fakeFrame(url: string, parent: FakeFrame | null = null): FakeFrame {
  let origin = 'null';
  try {
    const parsed = new URL(url);
    origin = `${parsed.protocol}//${parsed.host}`;
  } catch {
    // keep 'null', as Chromium reports for opaque origins
  }
  return { url, origin, parent };
}

export class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  destroyed = false;
  mainFrame: FakeFrame = fakeFrame('app://console/index.html');

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits `name` with a fresh FakeEvent for `url` and returns it, to check `defaultPrevented`. */
  fire(name: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): FakeEvent {
    const event = new FakeEvent(url);
    this.emit(name, event, url);
    return event;
  }
}

type Bounds = { x: number; y: number; width: number; height: number };

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.created.filter((w) => !w.destroyed);
  }

  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  bounds: Bounds;
  maximized = false;
  minimized = false;
  focused = false;
  visible = false;
  destroyed = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.bounds = {
      x: typeof options.x === 'number' ? options.x : 0,
      y: typeof options.y === 'number' ? options.y : 0,
      width: typeof options.width === 'number' ? options.width : 800,
      height: typeof options.height === 'number' ? options.height : 600,
    };
    BrowserWindow.created.push(this);
  }

  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): Bounds {
    return { ...this.bounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.emit('close', new FakeEvent());
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export interface FakeIpcMainEvent {
  sender: FakeWebContents;
  senderFrame: FakeFrame | null;
}

class FakeIpcMain {
  readonly handlers = new Map<string, (event: FakeIpcMainEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: FakeIpcMainEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke(channel, input)` from `frame` would get back. */
  async invoke(channel: string, input: unknown, frame: FakeFrame | null = fakeFrame('app://console/index.html')): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ sender: new FakeWebContents(), senderFrame: frame }, input);
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  /** What `invoke` resolves with; tests replace it. */
  respond: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, value: null });
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.respond(channel, ...args);
  }
}

class FakeUtilityProcess extends EventEmitter {
  readonly modulePath: string;
  readonly args: string[];
  readonly options: Record<string, unknown>;
  readonly posted: unknown[] = [];
  killed = false;
  constructor(modulePath: string, args: string[], options: Record<string, unknown>) {
    super();
    this.modulePath = modulePath;
    this.args = args;
    this.options = options;
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed = true;
    queueMicrotask(() => this.exit(null));
    return true;
  }
  /** Core sends a message to main. */
  reply(message: unknown): void {
    this.emit('message', message);
  }
  /** Core exits. */
  exit(code: number | null): void {
    this.emit('exit', code);
  }
}
export type { FakeUtilityProcess };

function createState() {
  return {
    isPackaged: false,
    singleInstanceLock: true,
    platform: process.platform as string,
    paths: { userData: '/tmp/switchboard-test-userdata' } as Record<string, string>,
    appListeners: new Map<string, Listener[]>(),
    quitCalls: 0,
    sandboxEnabled: false,
    readyResolve: () => {},
    ready: Promise.resolve() as Promise<void>,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    permissionRequestHandler: null as null | ((...args: unknown[]) => void),
    permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
    headersReceivedHandler: null as null | ((...args: unknown[]) => void),
    forked: [] as FakeUtilityProcess[],
    applicationMenu: null as null | { template: unknown[] },
    encryptionAvailable: true,
    storageBackend: 'gnome_libsecret' as string,
    openedExternally: [] as string[],
    errorBoxes: [] as { title: string; content: string }[],
    displays: [
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 25, width: 1920, height: 1055 } },
    ] as FakeDisplay[],
    exposed: new Map<string, unknown>(),
    notificationsSupported: true,
    /** Every desktop notification made, shown or not, in order. */
    notifications: [] as Notification[],
  };
}

/** Everything the fake recorded, and the knobs tests turn (packaged, displays, storage backend…). */
export let electronStub = createState();

export function resetElectronStub(): void {
  electronStub = createState();
  electronStub.ready = new Promise<void>((resolve) => {
    electronStub.readyResolve = resolve;
  });
  BrowserWindow.created.length = 0;
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked.length = 0;
  ipcRenderer.respond = () => ({ ok: true, value: null });
}

/** Makes `app.whenReady()` resolve, as Electron does once it has initialised. */
export function emitAppReady(): void {
  electronStub.readyResolve();
}

export function emitAppEvent(name: string, ...args: unknown[]): void {
  for (const listener of electronStub.appListeners.get(name) ?? []) listener(...args);
}

export const app = {
  get isPackaged() {
    return electronStub.isPackaged;
  },
  getPath(name: string): string {
    const p = electronStub.paths[name];
    if (!p) throw new Error(`Failed to get '${name}' path`);
    return p;
  },
  getName: () => 'Switchboard',
  getVersion: () => '0.1.0',
  requestSingleInstanceLock: () => electronStub.singleInstanceLock,
  whenReady: () => electronStub.ready,
  enableSandbox: () => {
    electronStub.sandboxEnabled = true;
  },
  on(name: string, listener: Listener) {
    const list = electronStub.appListeners.get(name) ?? [];
    list.push(listener);
    electronStub.appListeners.set(name, list);
    return app;
  },
  quit: () => {
    electronStub.quitCalls += 1;
  },
};

export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    electronStub.exposed.set(key, api);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    electronStub.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    electronStub.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
      electronStub.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
      electronStub.permissionCheckHandler = handler;
    },
    webRequest: {
      onHeadersReceived(handler: (...args: unknown[]) => void): void {
        electronStub.headersReceivedHandler = handler;
      },
    },
  },
};

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): FakeUtilityProcess {
    const child = new FakeUtilityProcess(modulePath, args, options);
    electronStub.forked.push(child);
    return child;
  },
};

export const Menu = {
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    electronStub.applicationMenu = menu;
  },
};

export const safeStorage = {
  isEncryptionAvailable: () => electronStub.encryptionAvailable,
  getSelectedStorageBackend: () => electronStub.storageBackend,
  encryptString(plain: string): Buffer {
    if (!electronStub.encryptionAvailable) throw new Error('Encryption is not available.');
    return Buffer.from(`enc:${plain}`, 'utf8');
  },
  decryptString(encrypted: Buffer): string {
    const text = encrypted.toString('utf8');
    if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice(4);
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    electronStub.openedExternally.push(url);
  },
};

export const screen = {
  getAllDisplays: () => electronStub.displays,
  getPrimaryDisplay: () => electronStub.displays[0],
};

/** A desktop notification: records its options and whether it was shown; `click()` plays the person clicking it. */
export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return electronStub.notificationsSupported;
  }
  readonly options: { title?: string; body?: string; silent?: boolean };
  shown = false;
  constructor(options: { title?: string; body?: string; silent?: boolean } = {}) {
    super();
    this.options = options;
    electronStub.notifications.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.emit('close', new FakeEvent());
  }
  click(): void {
    this.emit('click', new FakeEvent());
  }
}

export const dialog = {
  showErrorBox(title: string, content: string): void {
    electronStub.errorBoxes.push({ title, content });
  },
};

resetElectronStub();
emitAppReady();
