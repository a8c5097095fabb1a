// Finds a free loopback TCP port for a rig to listen on. Another process can still
// grab the port between our close() and the rig's bind, so callers retry on EADDRINUSE.
import net from 'node:net'

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return await new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address()
      if (address === null || typeof address === 'string') {
        server.close()
        reject(new Error(`could not read the port bound on ${host}`))
        return
      }
      server.close(() => resolve(address.port))
    })
  })
}

export interface WaitForPortOptions {
  timeoutMs: number
  /** When set, the server must also send a greeting starting with this (e.g. "* OK"):
   * a bound socket alone only proves the master listens, not that a worker answers. */
  greeting?: string
  /** Returns a reason to stop waiting early (e.g. the server process exited). */
  giveUp?: () => string | undefined
}

/** Resolves once host:port accepts a connection (and greets), or rejects after timeoutMs. */
export async function waitForPort(host: string, port: number, opts: WaitForPortOptions): Promise<void> {
  const { timeoutMs, greeting, giveUp = () => undefined } = opts
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const reason = giveUp()
    if (reason !== undefined) throw new Error(reason)
    if (await canConnect(host, port, greeting)) return
    if (Date.now() > deadline) {
      throw new Error(`nothing accepted connections on ${host}:${port} within ${timeoutMs} ms`)
    }
    await new Promise((r) => setTimeout(r, 25))
  }
}

function canConnect(host: string, port: number, greeting: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    let received = ''
    const finish = (ok: boolean): void => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(2000, () => finish(false))
    socket.once('error', () => finish(false))
    socket.once('close', () => finish(false))
    socket.once('connect', () => {
      if (greeting === undefined) finish(true)
    })
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1')
      if (greeting !== undefined && received.length >= greeting.length) {
        finish(received.startsWith(greeting))
      }
    })
  })
}
