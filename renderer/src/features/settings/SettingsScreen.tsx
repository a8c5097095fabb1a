// The settings screen: accounts, sending & triage, language, data. It opens over whatever the
// seller was doing (`g ,`, Ctrl+, or the palette), which stays as it was underneath, and Esc
// brings them back to it with the focus where it was. A modal <dialog>, so the screen behind is
// inert, but the keymap keeps running: the palette, `?` and the section keys work in here.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { Settings } from '../../../../main/core/model'
import type { Api, AppInfo, RequestInput } from '../../../../preload/api'
import type { Command } from '../../app/commands'
import type { Lang } from '../../app/i18n'
import { useCommandContext, useCommands, useKeysOf } from '../../app/useCommands'
import { KeySequence } from '../../ui/Keys'
import { AccountsSection } from './AccountsSection'
import { DataSection } from './DataSection'
import { focusFirstIn } from './focus'
import { LanguageSection } from './LanguageSection'
import { ResponseTimesSection } from './ResponseTimesSection'
import { SendingSection } from './SendingSection'
import { KeyboardSection } from '../keys/KeyboardSection'
import { settingsWords, type SettingsSection } from './words'
import './settings.css'

// Response times last: the keys 1–4 of the older sections stay as they were.
export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  'accounts',
  'sending',
  'language',
  'data',
  'responseTimes',
  'keyboard',
]

/** Where the screen opens: a section, or straight into adding an account. */
export interface SettingsTarget {
  section: SettingsSection
  addAccount?: boolean
  /** Open on the eBay / Rakuten account form. */
  addApiAccount?: boolean
}

interface Props {
  api: Api
  lang: Lang
  start: SettingsTarget
  onClose(): void
}

const SECTION_KEYS: Record<SettingsSection, string> = {
  accounts: '1',
  sending: '2',
  language: '3',
  data: '4',
  responseTimes: '5',
  keyboard: '6',
}
const SECTION_LABELS: Record<SettingsSection, { en: string; ja: string }> = {
  accounts: { en: 'Settings: Accounts', ja: '設定: アカウント' },
  sending: { en: 'Settings: Sending & triage', ja: '設定: 送信と対応' },
  language: { en: 'Settings: Language', ja: '設定: 言語' },
  data: { en: 'Settings: Data', ja: '設定: データ' },
  responseTimes: { en: 'Settings: Response times (business hours, holidays)', ja: '設定: 返信期限（営業時間・祝日）' },
  keyboard: { en: 'Settings: Keyboard (change keys)', ja: '設定: キーボード（キーの変更）' },
}

export function SettingsScreen({ api, lang, start, onClose }: Props) {
  const t = settingsWords(lang)
  const keysOf = useKeysOf()
  const dialog = useRef<HTMLDialogElement>(null)
  const tabs = useRef(new Map<SettingsSection, HTMLButtonElement>())
  const panels = useRef(new Map<SettingsSection, HTMLDivElement>())
  const [section, setSection] = useState<SettingsSection>(start.section)
  const [settings, setSettings] = useState<Settings | null>(null)
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  /** Where the focus goes once the section is shown: its tab, or the first control in it. */
  const focusWish = useRef<'tab' | 'panel' | null>(start.addAccount || start.addApiAccount ? null : 'tab')
  useCommandContext('settings')

  useLayoutEffect(() => {
    const el = dialog.current
    // The focus the seller had, to give back on the way out (the dialog's own restore is not
    // enough: the element may have moved while the screen was open).
    const before = document.activeElement
    if (el && !el.open) el.showModal()
    return () => {
      if (el?.open) el.close()
      if (before instanceof HTMLElement && before.isConnected) before.focus({ preventScroll: true })
    }
  }, [])

  useEffect(() => {
    api.call('settings.get', {}).then(setSettings, (e: Error) => setLoadError(e.message))
    return api.on('settings.changed', setSettings)
  }, [api])
  // Asked again each time Data is shown: the counts grow while an account syncs.
  const showingData = section === 'data'
  useEffect(() => {
    api.call('app.info', {}).then(setInfo, (e: Error) => setLoadError(e.message))
  }, [api, showingData])

  useLayoutEffect(() => {
    const wish = focusWish.current
    if (wish === null) return
    if (wish === 'tab') {
      focusWish.current = null
      tabs.current.get(section)?.focus()
      return
    }
    const panel = panels.current.get(section)
    if (panel && focusFirstIn(panel)) focusWish.current = null
    // Fields not there yet while the settings load: the wish waits for the render that brings them.
    else if (settings !== null || loadError !== null) {
      focusWish.current = null
      tabs.current.get(section)?.focus()
    }
  })

  const show = useCallback((next: SettingsSection, focus: 'tab' | 'panel') => {
    focusWish.current = focus
    setSection(next)
  }, [])

  const commands: Command[] = [
    {
      id: 'settings.close',
      label: { en: 'Close the settings', ja: '設定を閉じる' },
      group: 'go',
      keys: ['Escape'],
      when: 'settings',
      global: true,
      run: onClose,
    },
    ...SETTINGS_SECTIONS.map((s): Command => ({
      id: `settings.section.${s}`,
      label: SECTION_LABELS[s],
      group: 'go',
      keys: [SECTION_KEYS[s]],
      when: 'settings',
      run: () => show(s, 'panel'),
    })),
  ]
  useCommands(commands)

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const at = SETTINGS_SECTIONS.indexOf(section)
    const to =
      e.key === 'ArrowDown' || e.key === 'ArrowRight'
        ? (at + 1) % SETTINGS_SECTIONS.length
        : e.key === 'ArrowUp' || e.key === 'ArrowLeft'
          ? (at + SETTINGS_SECTIONS.length - 1) % SETTINGS_SECTIONS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? SETTINGS_SECTIONS.length - 1
              : null
    if (to === null) return
    e.preventDefault()
    show(SETTINGS_SECTIONS[to]!, 'tab')
  }

  const update = useCallback(
    async (patch: RequestInput<'settings.update'>) => {
      const next = await api.call('settings.update', patch)
      setSettings(next)
      return next
    },
    [api],
  )

  return (
    <dialog
      ref={dialog}
      className="full-screen settings-screen"
      aria-labelledby="settings-title"
      // Esc is the keymap's (settings.close); this is the browser's own close request, if it
      // ever gets one past the keymap: closed through state all the same.
      onCancel={(e) => {
        // React passes a dialog's cancel up its tree: a confirmation inside closing is not ours.
        if (e.target !== e.currentTarget) return
        e.preventDefault()
        onClose()
      }}
    >
      <header className="settings-head">
        <h1 id="settings-title">{t.title}</h1>
        <span className="muted settings-keys">{t.keysHelp}</span>
        <button className="ghost" onClick={onClose}>
          {t.back} <KeySequence chords={keysOf('settings.close') ?? ['Esc']} />
        </button>
      </header>
      {loadError && (
        <p role="alert" className="notice notice-error">
          {loadError}
        </p>
      )}
      <div className="settings-body">
        <div className="settings-tabs" role="tablist" aria-orientation="vertical" aria-label={t.sectionsLabel}>
          {SETTINGS_SECTIONS.map((s) => {
            const keys = keysOf(`settings.section.${s}`)
            return (
              <button
                key={s}
                ref={(el) => {
                  if (el) tabs.current.set(s, el)
                  else tabs.current.delete(s)
                }}
                role="tab"
                id={`settings-tab-${s}`}
                aria-controls={`settings-panel-${s}`}
                aria-selected={s === section}
                tabIndex={s === section ? 0 : -1}
                className="settings-tab"
                onClick={() => show(s, 'tab')}
                onKeyDown={onTabKey}
              >
                <span>{t.sections[s]}</span>
                {keys && <KeySequence chords={keys} />}
              </button>
            )
          })}
        </div>
        {SETTINGS_SECTIONS.map((s) => (
          <div
            key={s}
            ref={(el) => {
              if (el) panels.current.set(s, el)
              else panels.current.delete(s)
            }}
            role="tabpanel"
            id={`settings-panel-${s}`}
            aria-labelledby={`settings-tab-${s}`}
            className="settings-panel"
            // Hidden, not unmounted: a half-typed account survives a look at another section.
            hidden={s !== section}
          >
            <h2 className="settings-section-title">{t.sections[s]}</h2>
            {s === 'accounts' ? (
              <AccountsSection
                api={api}
                lang={lang}
                startAdding={start.addAccount === true}
                startAddingApi={start.addApiAccount === true}
              />
            ) : s === 'keyboard' ? (
              // The keys live in the command registry (kept in step with the settings by KeyBindings).
              <KeyboardSection lang={lang} />
            ) : !settings ? (
              <p className="muted">{t.loading}</p>
            ) : s === 'sending' ? (
              <SendingSection lang={lang} settings={settings} update={update} />
            ) : s === 'language' ? (
              <LanguageSection lang={lang} settings={settings} update={update} />
            ) : s === 'responseTimes' ? (
              <ResponseTimesSection lang={lang} settings={settings} update={update} />
            ) : (
              <DataSection lang={lang} info={info} />
            )}
          </div>
        ))}
      </div>
    </dialog>
  )
}
