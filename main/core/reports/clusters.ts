// Recurring questions no topic rule names: messages of "Other" grouped by the words they share,
// for English and Japanese alike. Words come from a tokenizer made for speed rather than the
// search index's (ICU's segmenter costs ~0.2 ms a message, most of the time of a 3,000-message
// run): English words by letters, Japanese as runs of katakana (loan words: サイズ, ラッピング)
// and kanji bigrams (抹茶碗 → 抹茶, 茶碗), leaving out hiragana, which carries grammar rather
// than what the message is about. A group's words as shown (and offered as keywords for a topic)
// come from the search tokenizer on a few of its messages: real words, not bigrams that straddle
// two of them. Each message becomes the set of its informative words
// (seen in at least two messages, not in a large share of those of its channel — boilerplate like a
// marketplace's "message from buyer" — and no numbers: order numbers make every message unique). MinHash with
// banded LSH proposes pairs that probably share many words, the Jaccard similarity of their sets
// confirms them, and connected pairs form a group. Linear in the messages, so the engine can pass
// a few thousand of them without the dashboard waiting.

import { searchTerms } from '../search-tokens'

export interface ClusterInput {
  /** The message record id. */
  id: string
  conversationId: string
  customerId: string
  subject: string
  /** Subject and first words of the body. */
  text: string
  /** Epoch milliseconds. */
  at: number
  /** Where it came from: each channel wraps messages in its own boilerplate, counted apart. */
  channel?: string
}

export interface ClusterMessage {
  id: string
  conversationId: string
  customerId: string
  subject: string
  at: string
}

export interface MessageCluster {
  /** Stable for the same messages: the id of its newest message. */
  id: string
  /** The words that most set the group apart, most telling first. */
  words: string[]
  /** Its messages among those clustered. */
  count: number
  /** Newest first, at most `CLUSTER_MESSAGES`. */
  messages: ClusterMessage[]
  /** Keywords for a topic rule made from it, by language (Latin-script words and the rest). */
  keywords: { en: string[]; ja: string[] }
}

export interface ClusterOptions {
  /** Sets at least this similar (shared words / all words) are the same question. */
  threshold: number
  /** Smaller groups are not shown: two alike messages are a coincidence, not a recurring question. */
  minSize: number
  /** Words in more than this share of a channel's messages are that channel's boilerplate. */
  maxShare: number
  maxClusters: number
}

export const CLUSTER_DEFAULTS: ClusterOptions = { threshold: 0.5, minSize: 3, maxShare: 0.3, maxClusters: 20 }
export const CLUSTER_MESSAGES = 20

const HASHES = 32
const ROWS = 4 // per band: 8 bands of 4 find pairs with Jaccard 0.5 nine times in ten
/** How many earlier members of an LSH bucket a message is compared with. */
const BUCKET_PEERS = 4

/** Words the search index keeps but that say nothing about what a message is about. */
const FILLER = new Set([
  're', 'fw', 'fwd', 'aw', 'do', 'does', 'did', 'can', 'could', 'would', 'will', 'have', 'has', 'had', 'not',
  'what', 'when', 'how', 'which', 'who', 'there', 'here', 'from', 'about', 'just', 'also', 'any', 'some',
  'hi', 'hello', 'dear', 'please', 'regards', 'best', 'they', 'them', 'their', 'our', 'us', 'am', 'been',
  'a', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'i', 'if', 'in', 'is', 'it', 'me', 'my', 'of', 'on',
  'or', 'so', 'that', 'the', 'this', 'to', 'was', 'we', 'with', 'you', 'your', 'thanks', 'thank',
  'all', 'one', 'get', 'got', 'im', 'its', 'very', 'much', 'more', 'out', 'up', 'an', 'let', 'know', 'don',
  'haven', 'hasn', 'isn', 'doesn', 'didn', 'wasn', 'aren', 'won', 'ive', 've', 'll', 'should', 'really', 'still',
]) // prettier-ignore
/** Latin words (with inner apostrophes), kanji runs, katakana runs. */
const TOKENS = /[\p{Script=Latin}\p{N}]+(?:['’][\p{Script=Latin}]+)*|\p{Script=Han}+|[\p{Script=Katakana}ー]+/gu
const DIGIT = /\p{N}/u
const LATIN = /\p{Script=Latin}/u
const HAN = /\p{Script=Han}/u
const KATAKANA = /[\p{Script=Katakana}ー]/u
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u

const HIRAGANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u
/** Messages of a group read (with the slower, exact tokenizer) to name it, and of all to compare. */
const LABEL_SAMPLE = 12
const BACKGROUND_SAMPLE = 150

/** A message's words as the search index splits them, minus filler: to name a group by. */
export function labelWords(text: string): Set<string> {
  const out = new Set<string>()
  for (const w of searchTerms(text)) {
    if (DIGIT.test(w) || FILLER.has(w) || /['’]/.test(w) || HIRAGANA_ONLY.test(w)) continue
    if (w.length < 2 && !HAN.test(w)) continue
    out.add(w)
  }
  return out
}

/** The informative word candidates of a text, once each. */
export function clusterWords(text: string): Set<string> {
  const out = new Set<string>()
  for (const [w] of text.normalize('NFKC').toLowerCase().matchAll(TOKENS)) {
    if (HAN.test(w[0]!)) {
      if (w.length <= 2) out.add(w)
      else for (let i = 0; i + 2 <= w.length; i++) out.add(w.slice(i, i + 2))
      continue
    }
    if (KATAKANA.test(w[0]!)) {
      if (w.length >= 2) out.add(w)
      continue
    }
    // Contractions ("haven't") are filler; numbers make every message unique.
    if (w.length < 2 || DIGIT.test(w) || FILLER.has(w) || /['’]/.test(w)) continue
    out.add(w)
  }
  return out
}

/** 32-bit FNV-1a of a string. */
function fnv(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** The i-th of a family of hash functions, from one base hash (a xorshift-multiply mix). */
function mix(x: number, i: number): number {
  let h = (x ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

function jaccard(a: readonly number[], b: readonly number[]): number {
  // Both sorted ascending.
  let i = 0
  let j = 0
  let shared = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++
      i++
      j++
    } else if (a[i]! < b[j]!) i++
    else j++
  }
  return shared / (a.length + b.length - shared)
}

export function clusterMessages(
  inputs: readonly ClusterInput[],
  options: Partial<ClusterOptions> = {},
): MessageCluster[] {
  const o = { ...CLUSTER_DEFAULTS, ...options }
  const n = inputs.length
  const words = inputs.map((m) => clusterWords(m.text))
  const df = new Map<string, number>()
  const byChannel = new Map<string, { size: number; df: Map<string, number> }>()
  // A channel wraps English and Japanese messages in different words: each counted apart.
  const groupOf = (m: ClusterInput) => `${m.channel ?? ''}:${JAPANESE.test(m.text) ? 'ja' : 'en'}`
  const groupKeys = inputs.map(groupOf)
  words.forEach((set, d) => {
    const key = groupKeys[d]!
    let c = byChannel.get(key)
    if (!c) byChannel.set(key, (c = { size: 0, df: new Map() }))
    c.size++
    for (const w of set) {
      df.set(w, (df.get(w) ?? 0) + 1)
      c.df.set(w, (c.df.get(w) ?? 0) + 1)
    }
  })
  // Shares only mean something with enough messages; a handful all about one thing is a group.
  const maxDf = (size: number) => (size >= 20 ? Math.max(2, Math.floor(o.maxShare * size)) : size)
  const ids = new Map<string, number>()
  const sets = words.map((set, d) => {
    const c = byChannel.get(groupKeys[d]!)!
    const limit = maxDf(c.size)
    const out: number[] = []
    for (const w of set) {
      if (df.get(w)! < 2 || c.df.get(w)! > limit) continue
      let id = ids.get(w)
      if (id === undefined) ids.set(w, (id = ids.size))
      out.push(id)
    }
    return out.sort((a, b) => a - b)
  })
  const hashOf = [...ids.keys()].map(fnv)

  const parent = Array.from({ length: n }, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!
    return i
  }
  const buckets = new Map<string, number[]>()
  const signature = new Array<number>(HASHES)
  for (let d = 0; d < n; d++) {
    const set = sets[d]!
    if (set.length === 0) continue
    signature.fill(0xffffffff)
    for (const w of set) {
      const base = hashOf[w]!
      for (let h = 0; h < HASHES; h++) {
        const v = mix(base, h)
        if (v < signature[h]!) signature[h] = v
      }
    }
    for (let band = 0; band < HASHES / ROWS; band++) {
      const key = `${band}:${signature.slice(band * ROWS, band * ROWS + ROWS).join(',')}`
      const peers = buckets.get(key)
      if (!peers) {
        buckets.set(key, [d])
        continue
      }
      for (const p of peers) {
        if (find(p) !== find(d) && jaccard(sets[p]!, set) >= o.threshold) parent[find(d)] = find(p)
      }
      if (peers.length < BUCKET_PEERS) peers.push(d)
    }
  }

  const groups = new Map<number, number[]>()
  for (let d = 0; d < n; d++) {
    if (sets[d]!.length === 0) continue
    const root = find(d)
    const g = groups.get(root)
    if (g) g.push(d)
    else groups.set(root, [d])
  }
  const kept = [...groups.values()]
    .filter((g) => g.length >= o.minSize)
    .sort((a, b) => b.length - a.length || a[0]! - b[0]!)
    .slice(0, o.maxClusters)
  // How common each word is across messages, from an even sample of them (the exact tokenizer is slow).
  const background = new Map<string, number>()
  const step = Math.max(1, Math.floor(n / BACKGROUND_SAMPLE))
  let backgroundSize = 0
  if (kept.length > 0)
    for (let d = 0; d < n; d += step) {
      backgroundSize++
      for (const w of labelWords(inputs[d]!.text)) background.set(w, (background.get(w) ?? 0) + 1)
    }
  return kept
    .map((g): MessageCluster => {
      const members = g.map((d) => inputs[d]!).sort((a, b) => b.at - a.at || a.id.localeCompare(b.id))
      const read = members.slice(0, LABEL_SAMPLE)
      const counts = new Map<string, number>()
      for (const m of read) for (const w of labelWords(m.text)) counts.set(w, (counts.get(w) ?? 0) + 1)
      // Words most of the group shares, rarer ones in all messages first (tf · idf).
      const top = [...counts]
        .filter(([, c]) => c * 2 >= read.length)
        .map(([word, c]) => ({ word, score: c * Math.log((backgroundSize + 1) / ((background.get(word) ?? 0) + 1)) }))
        .sort((a, b) => b.score - a.score || a.word.localeCompare(b.word))
        .slice(0, 5)
        .map((x) => x.word)
      return {
        id: members[0]!.id,
        words: top,
        count: g.length,
        messages: members.slice(0, CLUSTER_MESSAGES).map((m) => ({
          id: m.id,
          conversationId: m.conversationId,
          customerId: m.customerId,
          subject: m.subject,
          at: new Date(m.at).toISOString(),
        })),
        keywords: { en: top.filter((w) => LATIN.test(w)), ja: top.filter((w) => !LATIN.test(w)) },
      }
    })
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))
}
