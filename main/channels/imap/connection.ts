// Opening and closing imapflow connections with our error mapping and without surprises:
// every client gets an 'error' listener (an unheard EventEmitter error would crash the
// engine), and "connect failed" is told apart from "connection dropped later".
import type { ConnectionOptions } from 'node:tls'
import type { ImapFlow, ImapFlowOptions } from 'imapflow'
import { loadImapFlow } from '../mail/clients'
import { trustedTlsOptions } from '../mail/certificate'
import { clientOptions, type ImapConfig } from './config'
import { toImapError } from './errors'

const LOGOUT_TIMEOUT_MS = 2_000

export async function openClient(
  config: ImapConfig,
  extra: Partial<ImapFlowOptions>,
  log: (line: string) => void,
): Promise<ImapFlow> {
  let trust: ConnectionOptions | undefined
  try {
    trust = await trustedTlsOptions(config, 'imap')
  } catch (err) {
    throw toImapError(err, { config, connecting: true })
  }
  const ImapFlow = await loadImapFlow()
  const client = new ImapFlow(clientOptions(config, trust ? { ...extra, tls: trust } : extra))
  client.on('error', (err: Error) => log(`imap ${config.user}@${config.host}: ${err.message}`))
  try {
    await client.connect()
  } catch (err) {
    client.close()
    throw toImapError(err, { config, connecting: true })
  }
  return client
}

/**
 * Leaves no mailbox selected. A read-write mailbox is first re-opened read-only, because
 * CLOSE on a read-write mailbox would expunge messages someone flagged \Deleted.
 */
export async function deselect(client: ImapFlow): Promise<void> {
  if (!client.usable || client.mailbox === false) return
  if (!client.mailbox.readOnly) await client.mailboxOpen(client.mailbox.path, { readOnly: true })
  await client.mailboxClose()
}

/** LOGOUT when the server answers in time, then drop the socket either way. */
export async function closeClient(client: ImapFlow): Promise<void> {
  if (client.usable) {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, LOGOUT_TIMEOUT_MS)
    })
    await Promise.race([client.logout().catch(() => undefined), timeout])
    clearTimeout(timer)
  }
  client.close()
}
