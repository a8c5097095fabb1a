// Type declarations for the few Electron APIs the glue uses, for machines where the
// optional `electron` package could not be installed (no binary download, Node < 22.12).
// tsconfig `paths` prefers the real `node_modules/electron/electron.d.ts` when present,
// so on a desktop machine the glue is checked against Electron's own types.
declare module 'electron' {
  interface WebContents {
    send(channel: string, ...args: unknown[]): void
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void
    on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): this
    readonly mainFrame: unknown
  }
  export class BrowserWindow {
    constructor(options: {
      width?: number
      height?: number
      minWidth?: number
      minHeight?: number
      title?: string
      show?: boolean
      webPreferences?: { preload?: string; sandbox?: boolean; contextIsolation?: boolean; nodeIntegration?: boolean }
    })
    readonly webContents: WebContents
    once(event: 'ready-to-show', listener: () => void): this
    show(): void
    focus(): void
    isFocused(): boolean
    isDestroyed(): boolean
    loadURL(url: string): Promise<void>
    loadFile(path: string): Promise<void>
  }
  export interface IpcMainInvokeEvent {
    sender: WebContents
    senderFrame: unknown
  }
  export const ipcMain: {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: never[]) => unknown): void
  }
  export class Notification {
    static isSupported(): boolean
    constructor(options: { title: string; body?: string })
    on(event: 'click', listener: () => void): this
    show(): void
  }
  export const app: {
    getLocale(): string
    requestSingleInstanceLock(): boolean
    whenReady(): Promise<void>
    quit(): void
    getVersion(): string
    on(event: 'window-all-closed', listener: () => void): void
  }
  export const safeStorage: {
    isEncryptionAvailable(): boolean
    encryptString(plain: string): Buffer
    decryptString(encrypted: Buffer): string
  }
  export const dialog: { showErrorBox(title: string, content: string): void }
  export const shell: { openExternal(url: string): Promise<void> }
  export interface IpcRendererEvent {
    sender: unknown
  }
  export const ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>
    on(channel: string, listener: (event: IpcRendererEvent, ...args: never[]) => void): void
    removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: never[]) => void): void
  }
  export const contextBridge: { exposeInMainWorld(key: string, api: unknown): void }
}
