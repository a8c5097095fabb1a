// The sandboxed preload: exposes the contract's two primitives (invoke a request, hear
// events) to the renderer. No Node, no ipcRenderer, nothing else crosses.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { Bridge, Result } from './api'
import { IPC_EVENT, IPC_INVOKE } from './channels'

const bridge: Bridge = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE, method, input) as Promise<Result<unknown>>,
  subscribe: (listener) => {
    const handler = (_e: IpcRendererEvent, event: string, payload: unknown) => listener(event, payload)
    ipcRenderer.on(IPC_EVENT, handler)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler)
    }
  },
}

contextBridge.exposeInMainWorld('sellerInbox', bridge)
