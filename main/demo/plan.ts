// The story of a demo workspace before any text is written: who the customers are, which
// channels they use, what each thread is about, how it ends, how long it is, and when
// each message is sent.
import type { Channel, ConversationStatus } from '../core/model'
import { CHANNEL_WEIGHTS } from './channels'
import { DAY, HOUR, MINUTE } from './clock'
import { makePerson, type Person } from './people'
import type { Rng } from './random'
import { TOPICS, TOPIC_IDS, type TopicId } from './topics'

/** The history reaches back about eighteen months. */
export const HISTORY = 548 * DAY
/** Average thread sizes give about five messages per customer. */
const MESSAGES_PER_CUSTOMER = 5
const MAX_THREAD = 8
const JAPANESE_SHARE = 0.4
// [value, relative weight]. A seller who keeps up: most threads are settled, about one in
// twelve waits on the seller (a morning's work at the default size), a few are snoozed.
const STATUS_WEIGHTS = [
  ['open', 8],
  ['snoozed', 3],
  ['done', 89],
] as const
const CONVERSATIONS_PER_CUSTOMER = [
  [1, 50],
  [2, 33],
  [3, 17],
] as const
const THREAD_LENGTHS = [
  [1, 22],
  [2, 26],
  [3, 18],
  [4, 12],
  [5, 9],
  [6, 6],
  [7, 4],
  [8, 3],
] as const
const TOPIC_WEIGHTS = TOPIC_IDS.map((id) => [id, TOPICS[id].weight] as const)

export interface ThreadPlan {
  channel: Channel
  topic: TopicId
  status: ConversationStatus
  length: number
}

export interface CustomerPlan {
  person: Person
  threads: ThreadPlan[]
}

/** Who the customers are and what they write about, with thread lengths summing to `target`. */
export function planCustomers(rng: Rng, target: number): CustomerPlan[] {
  const count = Math.max(1, Math.min(target, Math.round(target / MESSAGES_PER_CUSTOMER)))
  const plans: CustomerPlan[] = []
  const threads: ThreadPlan[] = []
  for (let i = 0; i < count; i++) {
    const person = makePerson(rng, rng.chance(JAPANESE_SHARE) ? 'ja' : 'en')
    const weights = CHANNEL_WEIGHTS[person.language]
    const primary = rng.weighted(weights)
    const n = rng.weighted(CONVERSATIONS_PER_CUSTOMER)
    const own: ThreadPlan[] = []
    for (let k = 0; k < n; k++) {
      // Most people stay on one channel; some also write from their own mailbox.
      const channel = k === 0 || rng.chance(0.7) ? primary : rng.chance(0.6) ? 'email' : rng.weighted(weights)
      let topic = rng.weighted(TOPIC_WEIGHTS)
      if (TOPICS[topic].emailOnly && channel !== 'email') topic = 'product_question'
      const t: ThreadPlan = {
        channel,
        topic,
        status: rng.weighted(STATUS_WEIGHTS),
        length: rng.weighted(THREAD_LENGTHS),
      }
      own.push(t)
      threads.push(t)
    }
    plans.push({ person, threads: own })
  }
  // Tiny workspaces: no more threads than messages.
  while (threads.length > target) {
    const plan = plans.find((p) => p.threads.length > 1)
    const dropped = plan?.threads.pop()
    if (!dropped) break
    threads.splice(threads.indexOf(dropped), 1)
  }
  // Nudge thread lengths until the total is exactly the number asked for.
  let total = threads.reduce((n, t) => n + t.length, 0)
  while (total !== target) {
    const t = rng.pick(threads)
    if (total > target && t.length > 1) {
      t.length--
      total--
    } else if (total < target && t.length < MAX_THREAD) {
      t.length++
      total++
    }
  }
  return plans
}

/**
 * Who speaks when. Threads start with the customer and alternate; an open thread ends
 * with the customer, so when the alternation would end on the seller the customer has
 * chased instead.
 */
export function directions(t: ThreadPlan): ('in' | 'out')[] {
  const dirs: ('in' | 'out')[] = []
  for (let i = 0; i < t.length; i++) dirs.push(i % 2 === 0 ? 'in' : 'out')
  if (t.status === 'open' && dirs[dirs.length - 1] === 'out') dirs[dirs.length - 1] = 'in'
  return dirs
}

/** Message times (ms, whole seconds, strictly increasing) ending at an age that fits the status. */
export function timeline(rng: Rng, t: ThreadPlan, now: number): number[] {
  const dirs = directions(t)
  let age: number
  if (t.status === 'open') {
    // Some just arrived, some are hours old, some close to the 24-hour answer deadline,
    // a few overdue.
    const bucket = rng.weighted([
      ['fresh', 30],
      ['hours', 35],
      ['near', 20],
      ['late', 15],
    ] as const)
    age =
      bucket === 'fresh'
        ? rng.between(2 * MINUTE, 59 * MINUTE)
        : bucket === 'hours'
          ? rng.between(HOUR, 12 * HOUR)
          : bucket === 'near'
            ? rng.between(18 * HOUR, 23.5 * HOUR)
            : rng.between(DAY, 4 * DAY)
  } else if (t.status === 'snoozed') {
    age = rng.between(3 * HOUR, 8 * DAY)
  } else {
    // Settled threads spread over the whole history, denser towards today.
    age = 6 * HOUR + Math.pow(rng.next(), 1.7) * (HISTORY - 30 * DAY)
  }
  const times = new Array<number>(dirs.length)
  times[dirs.length - 1] = Math.floor((now - age) / 1000) * 1000
  for (let i = dirs.length - 1; i > 0; i--) {
    const prev = dirs[i - 1]
    const cur = dirs[i]
    const gap =
      prev === 'in' && cur === 'out'
        ? 10 * MINUTE + Math.pow(rng.next(), 2) * 20 * HOUR // the seller answering
        : prev === 'out'
          ? 30 * MINUTE + Math.pow(rng.next(), 1.5) * 3 * DAY // the customer answering
          : rng.between(18 * HOUR, 3 * DAY) // the customer chasing
    times[i - 1] = Math.floor(((times[i] as number) - gap) / 1000) * 1000
  }
  const shift = now - HISTORY - (times[0] as number)
  if (shift > 0) for (let i = 0; i < times.length; i++) times[i] = (times[i] as number) + Math.ceil(shift / 1000) * 1000
  return times
}
