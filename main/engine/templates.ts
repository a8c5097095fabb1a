// Canned replies: the template requests of the contract on top of the store and core/templates.
// Seeds the starter set into a new workspace once, renders a template for a conversation's
// customer (their order, the shop's name), counts uses and learns which template answers which
// kind of message, for suggestions.
import { randomUUID } from 'node:crypto'
import {
  EngineError,
  type RequestParams,
  type TemplateRendering,
  type TemplateSuggestion,
  type TemplateView,
} from '../../preload/api'
import type { Conversation, Language, Order, Template, TemplateChoice } from '../core/model'
import { renderTemplate, type RenderContext } from '../core/templates/render'
import { starterTemplates } from '../core/templates/starter'
import { ownWords, suggestTemplates } from '../core/templates/suggest'
import { chooseVariant, groupOf } from '../core/templates/variants'
import type { Store } from '../store/store'
import { readTimelineMessage } from './read-message'

/** Past choices kept for learning: the newest ones; older habits fade out. */
const MAX_CHOICES = 2000
/** Words kept per choice: enough to recognise a kind of message. */
const CHOICE_WORDS = 60

export class Templates {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** The seller's time zone (the machine's), for today's date. */
    private readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
  ) {}

  /**
   * Gives a new workspace the starter set, once. An existing workspace with templates of its own
   * (the demo's, or from before starters existed) is only marked, and a workspace whose seller
   * deleted the starters is never given them again.
   */
  async seedStarters(): Promise<void> {
    const learning = this.store.docs.templateLearning.data
    if (learning.starterSeededAt !== undefined) return
    if (Object.keys(this.store.templates).length === 0) {
      for (const t of starterTemplates()) this.store.templates[t.id] = t
      this.store.docs.templates.changed()
    }
    learning.starterSeededAt = this.now().toISOString()
    this.store.docs.templateLearning.changed('starterSeededAt')
    await Promise.all([this.store.docs.templates.flush(), this.store.docs.templateLearning.flush()])
  }

  /**
   * Before the demo is seeded into a workspace that only had the starters: the demo brings its
   * own versions of the same answers, so starters the seller never touched make way for them.
   */
  dropUntouchedStarters(): void {
    for (const t of Object.values(this.store.templates)) {
      if (t.id.startsWith('tpl_starter_') && t.updatedAt === undefined && t.usage === 0) {
        delete this.store.templates[t.id]
        this.store.docs.templates.changed('templates', t.id)
      }
    }
  }

  list(): TemplateView[] {
    return Object.values(this.store.templates)
      .map(view)
      .sort(
        (a, b) =>
          a.folder.localeCompare(b.folder) ||
          a.group.localeCompare(b.group) ||
          a.language.localeCompare(b.language) ||
          a.name.localeCompare(b.name),
      )
  }

  async save(p: RequestParams<'template.save'>): Promise<TemplateView> {
    const existing = p.id !== undefined ? this.get(p.id) : undefined
    const others = Object.values(this.store.templates).filter((t) => t.id !== existing?.id)
    const clash = others.find((t) => t.shortcut.toLowerCase() === p.shortcut)
    if (clash) throw refuse('shortcut', `The shortcut "${p.shortcut}" is already used by "${clash.name}".`)
    const group = p.group ? p.group : undefined
    const draft = { shortcut: p.shortcut, ...(group !== undefined ? { group } : {}) }
    const key = groupOf(draft)
    const twin = others.find((t) => groupOf(t) === key && t.language === p.language)
    if (twin) {
      throw refuse(
        'language',
        `"${twin.name}" is already the ${p.language === 'ja' ? 'Japanese' : 'English'} version of this template; edit that one, or give this one another group.`,
      )
    }
    const next: Template = {
      id: existing?.id ?? `tpl_${randomUUID()}`,
      name: p.name,
      shortcut: p.shortcut,
      language: p.language,
      folder: p.folder,
      body: p.body,
      usage: existing?.usage ?? 0,
      ...(group !== undefined ? { group } : {}),
      ...(existing?.lastUsedAt !== undefined ? { lastUsedAt: existing.lastUsedAt } : {}),
      updatedAt: this.now().toISOString(),
    }
    this.store.templates[next.id] = next
    this.store.docs.templates.changed('templates', next.id)
    await this.store.docs.templates.flush()
    return view(next)
  }

  async delete(id: string): Promise<TemplateView> {
    const t = this.get(id)
    delete this.store.templates[id]
    this.store.docs.templates.changed('templates', id)
    await this.store.docs.templates.flush()
    return view(t)
  }

  async render(p: RequestParams<'template.render'>): Promise<TemplateRendering> {
    const conversation = p.conversationId !== undefined ? this.conversation(p.conversationId) : undefined
    const customer = conversation ? this.store.customers[conversation.customerId] : undefined
    const language: Language = p.language ?? customer?.language ?? 'en'
    let template: Template | undefined
    if (p.templateId !== undefined) {
      const named = this.get(p.templateId)
      const variants = Object.values(this.store.templates).filter((t) => groupOf(t) === groupOf(named))
      // Asked for a language, or for a customer: that variant; else exactly the one named.
      template = p.language !== undefined || customer ? (chooseVariant(variants, language) ?? named) : named
    }
    const ctx = conversation ? await this.contextOf(conversation, template?.language ?? language) : sample(language)
    ctx.now = this.now()
    ctx.timeZone = p.timeZone ?? this.timeZone
    const rendering = renderTemplate(template?.body ?? p.body ?? '', ctx)
    return { ...(template ? { templateId: template.id } : {}), language: ctx.language, ...rendering }
  }

  async used(p: RequestParams<'template.used'>): Promise<TemplateView> {
    const t = this.get(p.templateId)
    const at = this.now().toISOString()
    const next: Template = { ...t, usage: t.usage + 1, lastUsedAt: at }
    this.store.templates[t.id] = next
    this.store.docs.templates.changed('templates', t.id)
    if (p.conversationId !== undefined) {
      const conversation = this.conversation(p.conversationId)
      const message = await this.latestFromCustomer(conversation)
      const words = message ? ownWords(message.subject, message.text).slice(0, CHOICE_WORDS) : []
      const choice: TemplateChoice = { id: randomUUID(), group: groupOf(t), channel: conversation.channel, words, at }
      const choices = this.store.docs.templateLearning.data.choices
      choices[choice.id] = choice
      this.store.docs.templateLearning.changed('choices', choice.id)
      const all = Object.values(choices)
      if (all.length > MAX_CHOICES) {
        all.sort((a, b) => a.at.localeCompare(b.at))
        for (const old of all.slice(0, all.length - MAX_CHOICES)) {
          delete choices[old.id]
          this.store.docs.templateLearning.changed('choices', old.id)
        }
      }
    }
    await Promise.all([this.store.docs.templates.flush(), this.store.docs.templateLearning.flush()])
    return view(next)
  }

  async suggest(p: RequestParams<'template.suggest'>): Promise<TemplateSuggestion[]> {
    const conversation = this.conversation(p.conversationId)
    const customer = this.store.customers[conversation.customerId]
    const message = await this.latestFromCustomer(conversation)
    const suggestions = suggestTemplates({
      templates: Object.values(this.store.templates),
      message: {
        subject: message?.subject ?? conversation.subject,
        text: message?.text ?? '',
        channel: conversation.channel,
      },
      language: customer?.language ?? 'en',
      choices: Object.values(this.store.docs.templateLearning.data.choices),
      limit: p.limit,
    })
    return suggestions.map((s) => ({ templateId: s.template.id, group: s.group, score: s.score, reasons: s.reasons }))
  }

  private get(id: string): Template {
    const t = Object.hasOwn(this.store.templates, id) ? this.store.templates[id] : undefined
    if (!t) throw new EngineError('not_found', `No template ${id}; it may have been deleted.`)
    return t
  }

  private conversation(id: string): Conversation {
    const c = Object.hasOwn(this.store.conversations, id) ? this.store.conversations[id] : undefined
    if (!c) throw new EngineError('not_found', `No conversation ${id}.`)
    return c
  }

  /** The customer's latest message in the conversation: subject and text as far as the record knows. */
  private async latestFromCustomer(c: Conversation): Promise<{ subject: string; text: string } | undefined> {
    const records = await this.store.messagesOf(c)
    const latest = records.filter((m) => m.direction === 'in').sort((a, b) => b.date.localeCompare(a.date))[0]
    if (!latest) return undefined
    try {
      return { subject: latest.subject, text: (await readTimelineMessage(this.store, latest)).text.slice(0, 4000) }
    } catch {
      // The raw message could not be read: its snippet still says what it is about.
      return { subject: latest.subject, text: latest.snippet }
    }
  }

  private async contextOf(c: Conversation, language: Language): Promise<RenderContext> {
    const customer = this.store.customers[c.customerId]
    await this.store.load('orders')
    const theirs = this.store.ordersOf(c.customerId).sort((a, b) => b.placedAt.localeCompare(a.placedAt))
    // The order this conversation is about, else their latest on this channel, else their latest.
    const order: Order | undefined =
      theirs.find((o) => c.orderNumber !== undefined && o.orderNumber === c.orderNumber) ??
      theirs.find((o) => o.channel === c.channel) ??
      theirs[0]
    const account = this.store.accounts[c.accountId]
    return {
      language,
      now: this.now(),
      timeZone: this.timeZone,
      ...(customer ? { customer: { name: customer.name, language: customer.language } } : {}),
      ...(order
        ? {
            order: {
              number: order.orderNumber,
              item: order.items[0]?.title,
              trackingNumber: order.trackingNumber,
              carrier: order.carrier,
            },
          }
        : {}),
      shop: { name: account?.displayName?.trim() || account?.label },
    }
  }
}

function view(t: Template): TemplateView {
  return { ...t, group: groupOf(t) }
}

function refuse(path: string, message: string): EngineError {
  return new EngineError('bad_request', message, [{ path, message }])
}

/** What the editor's preview fills in when no customer is open: a made-up one in each language. */
function sample(language: Language): RenderContext {
  return {
    language,
    now: new Date(0),
    timeZone: 'UTC',
    customer: language === 'ja' ? { name: '岡本 典子', language: 'ja' } : { name: 'Emma Wilson', language: 'en' },
    order: {
      number: language === 'ja' ? '#1042' : '#1042',
      item: language === 'ja' ? '南部鉄器の急須' : 'Nanbu cast-iron teapot',
      trackingNumber: '1Z999AA10123456784',
      carrier: language === 'ja' ? 'ヤマト運輸' : 'Yamato Transport',
    },
    shop: { name: language === 'ja' ? 'あなたのショップ' : 'Your Shop' },
  }
}
