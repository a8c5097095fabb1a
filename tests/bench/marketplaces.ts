// What recognising marketplace mail adds to taking a message in: the recognisers run on every
// incoming message's sender, subject and text. Measured on N demo messages (e-mail, Amazon,
// eBay, Rakuten in English and Japanese) against parsing the same raw messages, which ingest
// does anyway, so the ratio is the recognisers' share of the per-message work.
import { performance } from 'node:perf_hooks'
import { parseMail } from '../../main/channels/mail/parse'
import { BUILTIN_RULES } from '../../main/core/marketplaces/builtin'
import { Recogniser } from '../../main/core/marketplaces/recognise'
import { generateDemo } from '../../main/demo/generate'
import { median, report, round, type Bench } from './harness'

const ROUNDS = 5

export const marketplaces: Bench = async ({ n = 10_000 }) => {
  const demo = generateDemo({ now: new Date('2026-11-20T00:00:00Z'), messages: n })
  const incoming = demo.messages.filter((m) => m.record.direction === 'in')
  const recogniser = new Recogniser(BUILTIN_RULES)
  let recognised = 0
  const ours: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    recognised = 0
    const start = performance.now()
    for (const m of incoming) {
      const got = recogniser.recognise({ from: m.record.from, replyTo: [], subject: m.record.subject, text: m.text })
      if (got) recognised++
    }
    ours.push(performance.now() - start)
  }
  const parse: number[] = []
  for (let r = 0; r < 2; r++) {
    const start = performance.now()
    for (const m of incoming) await parseMail(m.raw)
    parse.push(performance.now() - start)
  }
  const perMessage = (ms: number) => round((ms * 1000) / incoming.length, 2)
  report({
    name: 'marketplace.recognise',
    n: incoming.length,
    value: perMessage(median(ours)),
    unit: 'µs/message',
    baseline: 'parseMail of the same raw messages',
    baseline_value: perMessage(median(parse)),
    recognised,
  })
}
