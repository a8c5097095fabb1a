// message.compose: finds the message to answer and its text, then lets core/compose write
// the draft (recipients, From account, subject, quote, threading headers).
import { EngineError, type RequestParams } from '../../preload/api'
import { composeDraft, pickOriginal, type Draft } from '../core/compose'
import type { Language } from '../core/model'
import type { Store } from '../store/store'
import { readTimelineMessage } from './read-message'

export async function draftFor(store: Store, p: RequestParams<'message.compose'>): Promise<Draft> {
  const accounts = Object.values(store.accounts)
  if (accounts.length === 0) {
    throw new EngineError('unavailable', 'There is no account to write from yet. Add a mail account first.')
  }
  const conversation = p.conversationId ? store.conversations[p.conversationId] : undefined
  if (p.conversationId && !conversation) throw new EngineError('not_found', `No conversation ${p.conversationId}.`)
  const original = conversation ? pickOriginal(await store.messagesOf(conversation), p.messageId) : undefined
  if (conversation && !original && (p.messageId !== undefined || p.mode !== 'new')) {
    throw new EngineError(
      'not_found',
      p.messageId !== undefined
        ? `No message ${p.messageId} in this conversation.`
        : 'This conversation has no message to answer.',
    )
  }
  const customer = conversation ? store.customers[conversation.customerId] : undefined
  const originalText = original && p.mode !== 'new' ? (await readTimelineMessage(store, original)).text : undefined
  return composeDraft({
    mode: p.mode,
    original,
    originalText,
    accounts,
    language: p.language ?? customer?.language ?? systemLanguage(store.settings.language),
    // Dates in the quote are written as the seller's clock shows them.
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  })
}

function systemLanguage(setting: Language | 'system'): Language {
  if (setting !== 'system') return setting
  return Intl.DateTimeFormat().resolvedOptions().locale.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}
