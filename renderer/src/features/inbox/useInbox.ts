// React's view of the inbox model: one model for the app's lifetime, re-rendering on change.
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Api } from '../../../../preload/api'
import { InboxModel, type TriageEntry } from './inboxModel'

export type { TriageEntry }
export type Inbox = InboxModel

export function useInbox(api: Api, onFailed: (entry: TriageEntry | null, message: string) => void): InboxModel {
  const [model] = useState(() => new InboxModel(api))
  useEffect(() => model.setFailureListener(onFailed), [model, onFailed])
  useEffect(() => model.start(), [model])
  useSyncExternalStore(model.subscribe, model.snapshot)
  return model
}
