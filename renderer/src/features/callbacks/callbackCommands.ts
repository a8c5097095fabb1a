// How callbacks are reached from anywhere: `c` plans one for the customer on screen or selected
// in the inbox, `g c` opens the callback list, `g f` this week's five calls; the voice of the
// customer from the palette. The shell registers these with its own commands.
import type { Reminder } from '../../../../main/core/model'
import type { Command } from '../../app/commands'
import { formatWhen, type Lang } from '../../app/i18n'
import type { CallbackTarget } from './CallbackDialog'
import type { CallbacksTab } from './CallbacksScreen'
import { callbackWords } from './words'

export function callbackCommands(options: {
  /** Who `c` is about now, or undefined when nobody is selected. */
  target(): CallbackTarget | undefined
  plan(target: CallbackTarget): void
  open(tab: CallbacksTab): void
  enabled(): boolean
}): Command[] {
  return [
    {
      id: 'callback.new',
      label: { en: 'Plan a callback…', ja: '折り返し電話を予定…' },
      group: 'triage',
      keys: ['c'],
      when: ['inbox', 'conversation'],
      enabled: () => options.enabled() && options.target() !== undefined,
      run: () => {
        const target = options.target()
        if (target) options.plan(target)
      },
    },
    {
      id: 'view.callbacks',
      label: { en: 'Go to the callbacks', ja: '折り返し電話へ移動' },
      group: 'go',
      keys: ['g c'],
      when: 'anywhere',
      enabled: options.enabled,
      run: () => options.open('list'),
    },
    {
      id: 'view.callFive',
      label: { en: 'Call five customers this week', ja: '今週の5件の電話' },
      group: 'go',
      keys: ['g f'],
      when: 'anywhere',
      enabled: options.enabled,
      run: () => options.open('five'),
    },
    {
      id: 'view.voice',
      label: { en: 'Voice of the customer', ja: 'お客様の声' },
      group: 'go',
      when: 'anywhere',
      enabled: options.enabled,
      run: () => options.open('voice'),
    },
  ]
}

/**
 * Who `c` is about: the customer on screen (with the conversation it opened on), else the one
 * selected in the inbox.
 */
export function callbackTargetOf(
  openRow: { customerId: string; conversationId: string } | null,
  selected: { customerId: string; conversationId: string; name: string; subject: string } | undefined,
): CallbackTarget | undefined {
  const known = selected && (!openRow || selected.customerId === openRow.customerId) ? selected : undefined
  if (openRow) {
    return {
      customerId: openRow.customerId,
      ...(openRow.conversationId ? { conversationId: openRow.conversationId } : {}),
      ...(known ? { name: known.name, subject: known.subject } : {}),
    }
  }
  return (
    known && {
      customerId: known.customerId,
      conversationId: known.conversationId,
      name: known.name,
      subject: known.subject,
    }
  )
}

/** The status bar's line once a callback is planned. */
export function callbackSaved(lang: Lang, reminder: Reminder, name: string): string {
  return callbackWords(lang).saved(name, formatWhen(new Date(reminder.dueAt), lang))
}
