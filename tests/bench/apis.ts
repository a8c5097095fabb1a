// `apis`: a first pull of N eBay messages from the local emulator through the whole engine
// (fetch, map, ingest, durable writes), against fetching the same pages with fetch + JSON.parse
// alone (the floor any connector pays); and a re-pull with nothing new against one page fetch.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Engine } from '../../main/engine/engine'
import { startEbayEmulator } from '../rigs/ebay-emulator'
import { report, timeMs, type Bench } from './harness'

const PER_CONVERSATION = 4

export const apis: Bench = async ({ n = 2000 }) => {
  const dir = await fs.mkdtemp(join(tmpdir(), 'bench-apis-'))
  const ebay = await startEbayEmulator()
  try {
    const conversations = Math.max(1, Math.round(n / PER_CONVERSATION))
    const start = Date.UTC(2026, 9, 1)
    for (let c = 0; c < conversations; c++) {
      let id: string | undefined
      for (let m = 0; m < PER_CONVERSATION; m++) {
        const at = new Date(start + (c * PER_CONVERSATION + m) * 60_000).toISOString()
        id = ebay.buyerWrites({
          buyer: `buyer_${c}`,
          itemId: String(186000000000 + c),
          title: `Tetsubin kettle ${c}`,
          text: `Message ${m} about kettle ${c}: does it ship to Osaka before the weekend?`,
          at,
          ...(id ? { conversationId: id } : {}),
        }).conversationId
      }
    }
    const total = conversations * PER_CONVERSATION

    // The floor: the same requests and JSON parsing, nothing stored.
    const headers = { authorization: `Bearer ${ebay.token}` }
    const fetchAll = async () => {
      let pages = 0
      for (let offset = 0; ; offset += 50) {
        const r = await fetch(
          `${ebay.url}/commerce/message/v1/conversation?conversation_type=FROM_MEMBERS&limit=50&offset=${offset}`,
          { headers },
        )
        const body = (await r.json()) as { conversations: { conversationId: string }[]; next?: string }
        pages++
        for (const c of body.conversations) {
          await (
            await fetch(
              `${ebay.url}/commerce/message/v1/conversation/${c.conversationId}?conversation_type=FROM_MEMBERS&limit=50&offset=0`,
              { headers },
            )
          ).json()
          pages++
        }
        if (!body.next) return pages
      }
    }
    const baseline = await timeMs(fetchAll)

    const engine = await Engine.start({
      dataDir: join(dir, 'data'),
      keyFile: join(dir, 'key'),
      sync: false,
      log: () => undefined,
    })
    const call = async (method: string, input: unknown) => {
      const r = await engine.call(method, input)
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
      return r.value as { id: string }
    }
    const account = await call('account.add', {
      kind: 'ebay',
      label: 'eBay',
      username: ebay.seller,
      accessToken: ebay.token,
      baseUrl: ebay.url,
    })
    const first = await timeMs(() => call('account.sync', { id: account.id }))
    report({
      name: 'apis.ebay.first_pull',
      n: total,
      value: first.ms,
      unit: 'ms',
      baseline: 'fetch + JSON.parse of the same pages',
      baseline_value: baseline.ms,
      requests: baseline.result,
    })
    const floor = await timeMs(async () => {
      const r = await fetch(
        `${ebay.url}/commerce/message/v1/conversation?conversation_type=FROM_MEMBERS&limit=50&start_time=${new Date().toISOString()}`,
        { headers },
      )
      return r.json()
    })
    const again = await timeMs(() => call('account.sync', { id: account.id }))
    report({
      name: 'apis.ebay.repull_nothing_new',
      n: total,
      value: again.ms,
      unit: 'ms',
      baseline: 'one getConversations page',
      baseline_value: floor.ms,
    })
    report({ name: 'apis.ebay.rss', n: total, value: Math.round(process.memoryUsage().rss / 1024 / 1024), unit: 'MB' })
    await engine.close()
  } finally {
    await ebay.stop()
    await fs.rm(dir, { recursive: true, force: true })
  }
}
