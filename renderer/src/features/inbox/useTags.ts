// The tags in use, for the tag picker and its palette commands. Re-read when the inbox changes
// (a tag edited in the sidebar, a rule that tagged someone), at most once per burst.
import { useEffect, useState } from 'react'
import type { Api, TagCount } from '../../../../preload/api'

const REFRESH_MS = 400

export function useTags(api: Api, enabled: boolean): TagCount[] {
  const [tags, setTags] = useState<TagCount[]>([])
  useEffect(() => {
    if (!enabled) return
    let timer: ReturnType<typeof setTimeout> | undefined
    let live = true
    // A failed read keeps the last list: the picker still works with the tags it knew.
    const load = () =>
      api.call('customer.tags', {}).then(
        (t) => live && setTags(t),
        () => undefined,
      )
    void load()
    const off = api.on('inbox.changed', () => {
      if (timer !== undefined) return
      timer = setTimeout(() => {
        timer = undefined
        void load()
      }, REFRESH_MS)
    })
    return () => {
      live = false
      off()
      clearTimeout(timer)
    }
  }, [api, enabled])
  return tags
}
