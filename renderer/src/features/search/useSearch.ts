// Runs the search as the seller types: lightly debounced, never while an input method is
// still composing, and only the answer to the latest query is kept.
import { useEffect, useState } from 'react'
import type { Api, SearchResults } from '../../../../preload/api'

const DEBOUNCE_MS = 90

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching'; last?: SearchResults }
  | { kind: 'done'; results: SearchResults }
  | { kind: 'error'; message: string }

interface Answer {
  query: string
  results?: SearchResults
  error?: string
}

export function useSearch(api: Api, query: string, composing: boolean): SearchState {
  const [answer, setAnswer] = useState<Answer | null>(null)
  useEffect(() => {
    if (composing || query.trim() === '') return
    let live = true
    const timer = setTimeout(() => {
      api.call('search.query', { query, limit: 50 }).then(
        (results) => live && setAnswer({ query, results }),
        (e: Error) => live && setAnswer({ query, error: e.message }),
      )
    }, DEBOUNCE_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [api, query, composing])
  if (query.trim() === '') return { kind: 'idle' }
  if (!answer || answer.query !== query) return { kind: 'searching', last: answer?.results }
  if (answer.error !== undefined) return { kind: 'error', message: answer.error }
  return { kind: 'done', results: answer.results! }
}
