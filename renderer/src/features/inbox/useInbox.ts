// React's view of the inbox model: one model for the app's lifetime. Subscriptions are split so
// a key press re-renders what shows its change and nothing more: the shell (useInbox) only when
// the view, channel or tag changes; the list (useInboxList, in InboxScreen) on every change, and
// of its rows only those whose props changed (they are memoised).
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Api } from '../../../../preload/api'
import { InboxModel, type TriageEntry } from './inboxModel'

export type { TriageEntry }
export type Inbox = InboxModel

export function useInbox(api: Api, onFailed: (entry: TriageEntry | null, message: string) => void): InboxModel {
  const [model] = useState(() => new InboxModel(api))
  useEffect(() => model.setFailureListener(onFailed), [model, onFailed])
  useEffect(() => model.start(), [model])
  useSyncExternalStore(model.subscribe, () => `${model.view}|${model.channel ?? ''}|${model.tag ?? ''}`)
  return model
}

/** Re-renders the caller on every change of the inbox: rows, selection, total, errors. */
export function useInboxList(model: InboxModel): void {
  useSyncExternalStore(model.subscribe, model.snapshot)
}
