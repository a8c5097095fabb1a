// How the settings screen is reached from anywhere: `g ,` or Ctrl+, (⌘, on macOS), "Add a mail
// account" in the palette, and a button in the top bar for the mouse. The shell registers these
// with its own commands and renders the screen while it is open.
import type { Command } from '../../app/commands'
import type { Lang } from '../../app/i18n'
import { KeySequence } from '../../ui/Keys'
import type { SettingsTarget } from './SettingsScreen'
import { settingsWords } from './words'

export function settingsCommands(open: (target: SettingsTarget) => void): Command[] {
  return [
    {
      id: 'app.settings',
      label: { en: 'Settings', ja: '設定' },
      group: 'app',
      keys: ['g ,', 'Mod+,'],
      when: 'anywhere',
      // Ctrl+, works from a text field too (the composer, the search); `g ,` only outside one.
      global: true,
      run: () => open({ section: 'accounts' }),
    },
    {
      id: 'settings.addAccount',
      label: { en: 'Add a mail account', ja: 'メールアカウントを追加' },
      group: 'app',
      // In the settings the Add button is a Tab away; everywhere else this opens them on the form.
      when: ['inbox', 'conversation', 'composer'],
      run: () => open({ section: 'accounts', addAccount: true }),
    },
    {
      id: 'settings.addMarketplaceAccount',
      label: { en: 'Add an eBay or Rakuten account', ja: 'eBay・楽天のアカウントを追加' },
      group: 'app',
      when: ['inbox', 'conversation', 'composer'],
      run: () => open({ section: 'accounts', addApiAccount: true }),
    },
  ]
}

export function SettingsButton({
  lang,
  keys,
  onOpen,
}: {
  lang: Lang
  keys: readonly string[] | undefined
  onOpen(): void
}) {
  return (
    <button className="ghost" onClick={onOpen}>
      {settingsWords(lang).title}
      {keys && <KeySequence chords={keys} />}
    </button>
  )
}
