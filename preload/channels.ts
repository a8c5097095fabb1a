// IPC channel names, apart from the contract so the sandboxed preload bundles nothing else.
export const IPC_INVOKE = 'seller-inbox:invoke'
export const IPC_EVENT = 'seller-inbox:event'
