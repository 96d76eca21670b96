/**
 * A faithful in-memory stand-in for the parts of Electron's main-process API that Vigie uses, so the
 * main process runs in unit tests without the Electron binary (see electron-api.ts).
 *
 * Faithful means: the same call shapes and event signatures as Electron 45 (`Event` objects with
 * preventDefault and the URL on navigation events, handler callbacks for permissions and web
 * requests, `registerSchemesAsPrivileged` only before ready, `protocol.handle` taking a Fetch
 * `Request` and returning a `Response`, `app.whenReady`, the single-instance lock shared by every
 * app of one `FakeElectron` "machine"), plus `simulate*` helpers that play Chromium's part (a link
 * click, a redirect, a permission prompt, a request on the network, a second launch).
 */
import { EventEmitter } from 'node:events';
import type { ElectronApi } from './electron-api';

export class FakeEvent {
  defaultPrevented = false;
  /** Navigation events carry the target here (Electron's Event<WebContentsWillNavigateEventParams>). */
  url?: string;
  constructor(readonly fields: Record<string, unknown> = {}) {
    Object.assign(this, fields);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(
    public url: string,
    readonly parent: FakeFrame | null = null,
  ) {}
}

type WindowOpenHandler = (details: { url: string; frameName: string; disposition: string }) => { action: 'allow' | 'deny' };

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame: FakeFrame;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  private destroyed = false;
  constructor(
    readonly session: FakeSession,
    private readonly owner: FakeElectron,
  ) {
    super();
    this.mainFrame = new FakeFrame('about:blank');
  }
  setWindowOpenHandler(h: WindowOpenHandler): void {
    this.windowOpenHandler = h;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** Like Chromium: the main frame loads `url` (through the session's request pipeline), then did-finish-load. */
  async loadURL(url: string): Promise<void> {
    const r = this.session.simulateRequest(url, 'mainFrame');
    if (r.cancelled) throw new Error(`ERR_BLOCKED_BY_CLIENT (-20) loading '${url}'`);
    this.mainFrame.url = url;
    await this.owner.loadFromProtocol(url);
    this.emit('did-finish-load');
  }
  /** A navigation started by the page (link, location.href =, form): true when it went ahead. */
  simulateNavigation(url: string): boolean {
    const ev = new FakeEvent({ url, isMainFrame: true, isSameDocument: false });
    this.emit('will-frame-navigate', ev);
    this.emit('will-navigate', ev, url, false, true, 1, 1);
    if (!ev.defaultPrevented) this.mainFrame.url = url;
    return !ev.defaultPrevented;
  }
  /** A server redirect during a navigation: true when it was followed. */
  simulateRedirect(url: string): boolean {
    const ev = new FakeEvent({ url, isMainFrame: true, isInPlace: false });
    this.emit('will-redirect', ev, url, false, true, 1, 1);
    return !ev.defaultPrevented;
  }
  /** `window.open(url)` or a target=_blank link: true when a window would be created. */
  simulateWindowOpen(url: string): boolean {
    const result = this.windowOpenHandler ? this.windowOpenHandler({ url, frameName: '', disposition: 'new-window' }) : { action: 'allow' as const };
    return result.action === 'allow';
  }
  /** The page's beforeunload refused to unload (unsaved changes): true when the window may close after all. */
  simulatePreventedUnload(): boolean {
    const ev = new FakeEvent();
    this.emit('will-prevent-unload', ev);
    return ev.defaultPrevented;
  }
  /** A `<webview>` tag in the page: true when it would be attached. */
  simulateWebviewAttach(src: string): boolean {
    const ev = new FakeEvent();
    const webPreferences: Record<string, unknown> = {};
    this.emit('will-attach-webview', ev, webPreferences, { src });
    return !ev.defaultPrevented;
  }
}

type PermissionRequestHandler = (wc: FakeWebContents, permission: string, cb: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (wc: FakeWebContents | null, permission: string, origin: string, details: unknown) => boolean;
type BeforeRequestListener = (details: { url: string; resourceType: string; method: string }, cb: (r: { cancel?: boolean; redirectURL?: string }) => void) => void;
type HeadersListener = (details: { url: string; responseHeaders: Record<string, string[]> }, cb: (r: { cancel?: boolean; responseHeaders?: Record<string, string[] | string> }) => void) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  spellCheckerEnabled = true;
  private beforeRequest: BeforeRequestListener | null = null;
  private headersReceived: HeadersListener | null = null;
  readonly webRequest = {
    onBeforeRequest: (a: unknown, b?: unknown) => {
      this.beforeRequest = (typeof a === 'function' ? a : b) as BeforeRequestListener;
    },
    onHeadersReceived: (a: unknown, b?: unknown) => {
      this.headersReceived = (typeof a === 'function' ? a : b) as HeadersListener;
    },
  };
  setPermissionRequestHandler(h: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: ((details: unknown) => boolean) | null): void {
    this.devicePermissionHandler = h;
  }
  setSpellCheckerEnabled(enable: boolean): void {
    this.spellCheckerEnabled = enable;
  }
  isSpellCheckerEnabled(): boolean {
    return this.spellCheckerEnabled;
  }
  /** Chromium asking whether a permission may be granted (default without a handler: granted). */
  simulatePermissionRequest(wc: FakeWebContents, permission: string): Promise<boolean> {
    const h = this.permissionRequestHandler;
    if (!h) return Promise.resolve(true);
    return new Promise((resolve) => h(wc, permission, resolve, { requestingUrl: wc.getURL() }));
  }
  /** Chromium checking a permission synchronously (default without a handler: granted). */
  simulatePermissionCheck(wc: FakeWebContents | null, permission: string, origin: string): boolean {
    return this.permissionCheckHandler ? this.permissionCheckHandler(wc, permission, origin, {}) : true;
  }
  /** A request leaving the page (image, fetch, script, navigation…): cancelled or not. */
  simulateRequest(url: string, resourceType = 'xhr'): { cancelled: boolean } {
    if (!this.beforeRequest) return { cancelled: false };
    let cancelled: boolean | undefined;
    this.beforeRequest({ url, resourceType, method: 'GET' }, (r) => {
      cancelled = Boolean(r.cancel);
    });
    if (cancelled === undefined) throw new Error('onBeforeRequest listener never called back: the request would hang');
    return { cancelled };
  }
  /** The response headers Chromium would hand the page after onHeadersReceived. */
  simulateResponseHeaders(url: string, headers: Record<string, string[]>): Record<string, string[] | string> {
    if (!this.headersReceived) return headers;
    let out: Record<string, string[] | string> | undefined;
    this.headersReceived({ url, responseHeaders: headers }, (r) => {
      out = r.responseHeaders ?? headers;
    });
    if (!out) throw new Error('onHeadersReceived listener never called back');
    return out;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> };
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  private destroyed = false;
  constructor(owner: FakeElectron, options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents(owner.session.defaultSession, owner);
    owner.windows.push(this);
    // Electron emits web-contents-created for the window's contents, then browser-window-created.
    owner.app.emit('web-contents-created', new FakeEvent(), this.webContents);
    owner.app.emit('browser-window-created', new FakeEvent(), this);
  }
  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
    this.emit('ready-to-show');
  }
  loadFile(): Promise<void> {
    throw new Error('Vigie serves its page from app://, never file:// (loadFile is not used)');
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  minimize(): void {
    this.minimized = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: (this.options.width as number) ?? 800, height: (this.options.height as number) ?? 600 };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    const ev = new FakeEvent();
    this.emit('close', ev);
    if (ev.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

class FakeApp extends EventEmitter {
  ready = false;
  quitCalled = false;
  isPackaged = false;
  readonly recentDocuments: string[] = [];
  readonly paths: Record<string, string> = {};
  private readyResolve!: () => void;
  private readonly readyPromise = new Promise<void>((r) => (this.readyResolve = r));
  constructor(
    private readonly machine: FakeMachine,
    readonly instance: FakeElectron,
  ) {
    super();
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return this.ready;
  }
  /** Electron: true for the first instance on the machine; later ones get false. */
  requestSingleInstanceLock(): boolean {
    if (this.machine.lockHolder && this.machine.lockHolder !== this.instance) return false;
    this.machine.lockHolder = this.instance;
    return true;
  }
  hasSingleInstanceLock(): boolean {
    return this.machine.lockHolder === this.instance;
  }
  quit(): void {
    this.quitCalled = true;
    this.emit('before-quit', new FakeEvent());
  }
  appUserModelId: string | null = null;
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  addRecentDocument(path: string): void {
    this.recentDocuments.unshift(path);
  }
  clearRecentDocuments(): void {
    this.recentDocuments.length = 0;
  }
  getPath(name: string): string {
    const p = this.paths[name];
    if (!p) throw new Error(`Failed to get '${name}' path`);
    return p;
  }
  setPath(name: string, value: string): void {
    this.paths[name] = value;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  getLocale(): string {
    return 'fr-FR';
  }
  /** Electron's startup: 'will-finish-launching', then 'ready', then whenReady() resolves. */
  async simulateReady(): Promise<void> {
    this.emit('will-finish-launching');
    this.ready = true;
    this.emit('ready', new FakeEvent(), {});
    this.readyResolve();
    await this.readyPromise;
  }
  /** macOS Finder opened a file with us (before or after ready). True when the app handled it. */
  simulateOpenFile(path: string): boolean {
    const ev = new FakeEvent();
    this.emit('open-file', ev, path);
    return ev.defaultPrevented;
  }
}

type IpcEvent = { sender: FakeWebContents; senderFrame: FakeFrame | null; returnValue?: unknown };

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, (event: IpcEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, fn: (event: IpcEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** ipcRenderer.invoke from `frame` of `sender`. */
  async simulateInvoke(sender: FakeWebContents, frame: FakeFrame | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`No handler registered for '${channel}'`);
    return fn({ sender, senderFrame: frame }, ...args);
  }
  /** ipcRenderer.send from `frame` of `sender`. */
  simulateSend(sender: FakeWebContents, frame: FakeFrame | null, channel: string, ...args: unknown[]): void {
    this.emit(channel, { sender, senderFrame: frame }, ...args);
  }
}

type MessageBoxOptions = { message: string; detail?: string; buttons?: string[]; cancelId?: number; type?: string; title?: string };

class FakeDialog {
  readonly messageBoxes: MessageBoxOptions[] = [];
  /** The button index the "user" clicks in the next message boxes. */
  nextResponse = 0;
  saveResult: { canceled: boolean; filePath?: string } = { canceled: true };
  openResult: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] };
  readonly saveCalls: unknown[] = [];
  /** The window each save dialog was attached to (undefined: a free-standing dialog). */
  readonly saveParents: unknown[] = [];
  readonly openCalls: unknown[] = [];
  async showMessageBox(a: unknown, b?: unknown): Promise<{ response: number; checkboxChecked: boolean }> {
    const opts = (b ?? a) as MessageBoxOptions;
    this.messageBoxes.push(opts);
    return { response: this.nextResponse, checkboxChecked: false };
  }
  showMessageBoxSync(a: unknown, b?: unknown): number {
    const opts = (b ?? a) as MessageBoxOptions;
    this.messageBoxes.push(opts);
    return this.nextResponse;
  }
  async showSaveDialog(a: unknown, b?: unknown) {
    this.saveCalls.push(b ?? a);
    this.saveParents.push(b ? a : undefined);
    return this.saveResult;
  }
  async showOpenDialog(a: unknown, b?: unknown) {
    this.openCalls.push(b ?? a);
    return this.openResult;
  }
}

class FakeSafeStorage {
  encryptionAvailable = true;
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' = 'gnome_libsecret';
  isEncryptionAvailable(): boolean {
    return this.encryptionAvailable;
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
  encryptString(plain: string): Buffer {
    if (!this.encryptionAvailable) throw new Error('Encryption is not available.');
    // Not real encryption: a reversible transform that is visibly not the plaintext.
    return Buffer.from(`fake-keychain:${Buffer.from(plain, 'utf8').reverse().toString('base64')}`);
  }
  decryptString(wrapped: Buffer): string {
    const s = wrapped.toString();
    if (!s.startsWith('fake-keychain:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(s.slice('fake-keychain:'.length), 'base64').reverse().toString('utf8');
  }
}

class FakeProtocol {
  readonly privileged: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  readonly handlers = new Map<string, (req: Request) => Response | Promise<Response>>();
  constructor(private readonly app: FakeApp) {}
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (this.app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, fn: (req: Request) => Response | Promise<Response>): void {
    if (!this.app.isReady()) throw new Error('protocol.handle may only be used after the app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, fn);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
  /** What the renderer would get for `url` from a custom-scheme handler (Node's fetch types). */
  async simulateFetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.replace(/:$/, '');
    const fn = this.handlers.get(scheme);
    if (!fn) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
    // Node's Request refuses non-http URLs; Electron builds one for any scheme. Wrap like it does.
    const req = new Request('http://placeholder/', init);
    Object.defineProperty(req, 'url', { value: url });
    return fn(req);
  }
}

class FakeMenu {
  static current: unknown = null;
  constructor(readonly template: unknown[]) {}
}

class FakeNotification extends EventEmitter {
  static supported = true;
  static shown: { title?: string; body?: string }[] = [];
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  constructor(readonly options: { title?: string; body?: string }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this.options);
  }
}

/** Shared by every instance "on the same computer": the single-instance lock. */
export class FakeMachine {
  lockHolder: FakeElectron | null = null;
  readonly instances: FakeElectron[] = [];
  /**
   * A second launch: Electron's lock fails in the new process, and the running one gets
   * 'second-instance' with the new process's argv and working directory (after ready).
   */
  simulateSecondLaunch(argv: string[], cwd: string): void {
    const holder = this.lockHolder;
    if (!holder) throw new Error('no instance holds the lock');
    holder.app.emit('second-instance', new FakeEvent(), argv, cwd, {});
  }
}

export class FakeElectron {
  readonly app: FakeApp;
  readonly windows: FakeBrowserWindow[] = [];
  readonly session = { defaultSession: new FakeSession() };
  readonly ipcMain = new FakeIpcMain();
  readonly dialog = new FakeDialog();
  readonly safeStorage = new FakeSafeStorage();
  readonly protocol: FakeProtocol;
  readonly opened: string[] = [];
  readonly shell = { openExternal: async (url: string) => void this.opened.push(url) };
  readonly screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
  readonly Menu = {
    buildFromTemplate: (template: unknown[]) => new FakeMenu(template),
    setApplicationMenu: (menu: FakeMenu | null) => {
      this.menu = menu;
    },
  };
  menu: FakeMenu | null = null;
  readonly Notification = FakeNotification;
  readonly BrowserWindow: new (options?: Record<string, unknown>) => FakeBrowserWindow;

  constructor(readonly machine = new FakeMachine()) {
    this.app = new FakeApp(machine, this);
    this.protocol = new FakeProtocol(this.app);
    machine.instances.push(this);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const owner = this;
    this.BrowserWindow = class extends FakeBrowserWindow {
      constructor(options?: Record<string, unknown>) {
        super(owner, options);
      }
    };
  }

  /** The value main-process code receives in place of the real `electron` module. */
  api(): ElectronApi {
    return this as unknown as ElectronApi;
  }

  /** A page load through a registered custom protocol must answer 200 (like Chromium's error page otherwise). */
  async loadFromProtocol(url: string): Promise<void> {
    const scheme = new URL(url).protocol.replace(/:$/, '');
    if (!this.protocol.isProtocolHandled(scheme)) return; // http dev server: not simulated
    const res = await this.protocol.simulateFetch(url);
    if (!res.ok) throw new Error(`ERR_FILE_NOT_FOUND loading '${url}' (${res.status})`);
  }

  /** The menu item labels, for assertions. */
  menuTemplate(): { label?: string; role?: string; enabled?: boolean; submenu?: unknown; click?: () => void }[] {
    return (this.menu?.template ?? []) as never;
  }
}

