// The Electron glue, and the only module that imports `electron`: one window, the IPC
// bridge to the engine, and nothing else the renderer could reach.
import { app, BrowserWindow, dialog, ipcMain, Notification, safeStorage, shell } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Alert } from '../preload/api'
import type { Settings } from './core/model'
import { IPC_EVENT, IPC_INVOKE } from '../preload/channels'
import { alertText } from './core/alerts'
import { Engine } from './engine/engine'
import { parseLaunchOptions } from './launch/options'
import { StoreError } from './store/errors'
import type { SecretCipher } from './store/secrets'

const here = dirname(fileURLToPath(import.meta.url))

async function notify(engine: Engine, window: BrowserWindow, alert: Alert): Promise<void> {
  if (!Notification.isSupported()) return
  const settings = await engine.call('settings.get', {})
  const chosen = settings.ok ? (settings.value as Settings).language : 'system'
  const language = chosen === 'system' ? (app.getLocale().startsWith('ja') ? 'ja' : 'en') : chosen
  const notification = new Notification(alertText(alert, language))
  notification.on('click', () => {
    window.show()
    window.focus()
  })
  notification.show()
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  await app.whenReady()
  const options = parseLaunchOptions(process.argv.slice(1))
  let engine: Engine
  try {
    // Launch, not start: the window shows its first rows while the engine finishes starting.
    engine = await Engine.launch({
      dataDir: options.dataDir,
      demo: options.demo,
      version: app.getVersion(),
      cipher: keychainCipher(),
      mailSync: { parseWorker: new URL('./parse-worker.js', import.meta.url) },
    })
  } catch (err) {
    if (err instanceof StoreError) {
      dialog.showErrorBox('Seller Inbox cannot open its data', `${err.message}\n\n${err.action}`)
      app.quit()
      return
    }
    throw err
  }

  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Seller Inbox',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    },
  })
  window.once('ready-to-show', () => window.show())

  ipcMain.handle(IPC_INVOKE, (event, method: unknown, input: unknown) => {
    // Only our own top-level page may call the engine, never a frame inside it.
    if (event.sender !== window.webContents || event.senderFrame !== window.webContents.mainFrame) {
      return { ok: false, error: { code: 'bad_request', message: 'Not allowed from this frame.' } }
    }
    return engine.call(method, input)
  })
  const off = engine.on((event, payload) => {
    if (window.isDestroyed()) return
    window.webContents.send(IPC_EVENT, event, payload)
    // The page shows alerts itself; away from the window, the desktop tells the seller.
    if (event === 'alert' && !window.isFocused()) void notify(engine, window, payload as Alert)
  })

  // The window shows our UI only: links open in the seller's browser, nothing navigates.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event) => event.preventDefault())

  if (process.env.ELECTRON_RENDERER_URL) await window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else await window.loadFile(join(here, '../renderer/index.html'))

  app.on('window-all-closed', () => {
    off()
    void engine.close().finally(() => app.quit())
  })
}

/** Account secrets sealed by the OS keychain, where the OS offers one. */
function keychainCipher(): SecretCipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined // falls back to the key file, see README
  return {
    kind: 'safeStorage',
    encrypt: async (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: async (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  }
}

void main()
