// The tag filter as commands: "Filter by tag…" (`#` in the inbox: the picker in the view bar),
// "Tag: all tags", and one "Show customers tagged X" per tag in use, so the palette finds a
// tag by typing part of its name.
import type { Command } from '../../app/commands'
import type { TagCount } from '../../../../preload/api'
import { tagWords } from './tagWords'

interface Options {
  tags: readonly TagCount[]
  /** The tag shown now, if any. */
  current: string | undefined
  /** False on the welcome screen: there is no inbox to filter. */
  available: boolean
  show(tag: string | undefined): void
  openPicker(): void
}

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase()

export function tagCommands({ tags, current, available, show, openPicker }: Options): Command[] {
  const [en, ja] = [tagWords('en'), tagWords('ja')]
  return [
    {
      id: 'tag.filter',
      label: { en: en.filterByTag, ja: ja.filterByTag },
      group: 'go',
      // `#` edits the tags on a customer's screen; in the inbox it picks the tag to filter by.
      keys: ['#'],
      when: 'inbox',
      enabled: () => available,
      run: openPicker,
    },
    {
      id: 'tag.all',
      label: { en: en.clearTag, ja: ja.clearTag },
      group: 'go',
      when: 'anywhere',
      enabled: () => available && current !== undefined,
      run: () => show(undefined),
    },
    ...tags.map(({ tag }): Command => ({
      // Folded: the id stays the same whichever spelling is the most used today.
      id: `tag.show.${tag.toLowerCase()}`,
      label: { en: en.showTagged(tag), ja: ja.showTagged(tag) },
      group: 'go',
      when: 'anywhere',
      enabled: () => available && !same(current, tag),
      run: () => show(tag),
    })),
  ]
}
