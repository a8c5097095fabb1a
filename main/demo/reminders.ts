// The callback list a demo workspace opens with: one overdue, some due today, some
// upcoming, each tied to a customer whose story makes the call worth making.
import type { Language, Reminder } from '../core/model'
import type { Product } from './catalogue'
import { demoPhone, type Person } from './people'
import type { Rng } from './random'
import type { TopicId } from './topics'

/** What the reminder picker needs to know about one generated conversation. */
export interface StoryFacts {
  customerId: string
  conversationId: string
  person: Person
  topic: TopicId
  product: Product
  orderNumber?: string
}

interface Slot {
  topic: TopicId
  /** Hours from now; negative is overdue. */
  dueInHours: number
  reason(s: StoryFacts): string
  note: string
}

const honorific = (p: Person): string => (p.gender === 'f' ? 'Ms.' : 'Mr.')
const short = (p: Product): string => (p.en.split(',')[0] ?? p.en).toLowerCase()

const SLOTS: readonly Slot[] = [
  {
    topic: 'negative_feedback',
    dueInHours: -26,
    reason: (s) => `Call ${honorific(s.person)} ${s.person.familyLatin} about the ${short(s.product)} review`,
    note: 'Left a 2-star review. Offer a replacement from another firing before asking about the review.',
  },
  {
    topic: 'damaged',
    dueInHours: 2,
    reason: (s) => `Call back ${honorific(s.person)} ${s.person.familyLatin} about the replacement ${short(s.product)}`,
    note: 'Check the replacement arrived intact; ask whether the double box was enough.',
  },
  {
    topic: 'wholesale',
    dueInHours: 5,
    reason: (s) =>
      s.person.language === 'ja'
        ? `${s.person.family}様に卸価格の件でお電話`
        : `Call ${s.person.name} about wholesale prices`,
    note: 'Have the wholesale price list open; minimum order 20 pieces.',
  },
  {
    topic: 'return_request',
    dueInHours: 26,
    reason: (s) =>
      s.person.language === 'ja'
        ? `${s.person.family}様へ返品受け取りのご確認のお電話`
        : `Call ${honorific(s.person)} ${s.person.familyLatin} to confirm the return arrived`,
    note: '',
  },
  {
    topic: 'thank_you',
    dueInHours: 74,
    reason: (s) =>
      `Feedback call with ${s.person.name}: what did you like, what did you dislike, what could be better?`,
    note: 'Happy customer: good candidate for the Friday feedback calls.',
  },
  {
    topic: 'shipping_delay',
    dueInHours: 170,
    reason: (s) =>
      s.orderNumber
        ? `Check that order ${s.orderNumber} arrived and call ${honorific(s.person)} ${s.person.familyLatin}`
        : `Call ${honorific(s.person)} ${s.person.familyLatin} about the delayed order`,
    note: '',
  },
]

export interface DemoReminders {
  reminders: Reminder[]
  /** Customers who now have a phone number on file: customerId → normalised number. */
  phones: Map<string, string>
}

export function demoReminders(rng: Rng, now: number, stories: readonly StoryFacts[]): DemoReminders {
  const reminders: Reminder[] = []
  const phones = new Map<string, string>()
  const used = new Set<string>()
  const hour = 3_600_000
  SLOTS.forEach((slot, i) => {
    // The latest story of the right kind, else any customer not called yet.
    let story: StoryFacts | undefined
    for (let k = stories.length - 1; k >= 0 && !story; k--) {
      const s = stories[k] as StoryFacts
      if (s.topic === slot.topic && !used.has(s.customerId)) story = s
    }
    story ??= stories.find((s) => !used.has(s.customerId)) ?? stories[i % Math.max(1, stories.length)]
    if (!story) return
    used.add(story.customerId)
    const phone = demoPhone(rng, story.person.language as Language)
    phones.set(story.customerId, phone.normalised)
    reminders.push({
      id: `rem_${String(i + 1).padStart(2, '0')}`,
      customerId: story.customerId,
      conversationId: story.conversationId,
      // On the hour, as a person would plan a call.
      dueAt: new Date(Math.round((now + slot.dueInHours * hour) / hour) * hour).toISOString(),
      reason: slot.reason(story),
      phone: phone.display,
      note: slot.note,
      done: false,
    })
  })
  return { reminders, phones }
}
