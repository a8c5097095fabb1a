// The template picker (`t` in the composer, Alt+T from its text): templates that fit the open
// message first, fuzzy search by name, shortcut or folder in either language, a preview filled in
// for this customer, Enter inserts. A template with a problem is shown with it and not inserted.
import { useEffect, useMemo, useRef, useState } from 'react'
import type { Language } from '../../../../main/core/model'
import {
  isBlocking,
  type Api,
  type TemplateRendering,
  type TemplateSuggestion,
  type TemplateView,
} from '../../../../preload/api'
import { bestScore } from '../../app/fuzzy'
import type { Lang } from '../../app/i18n'
import { Dialog } from '../../ui/Dialog'
import { FilterList } from '../../ui/FilterList'
import { WithKeys } from '../../ui/Keys'
import { RenderedText } from './RenderedText'
import { templatesWords } from './words'

interface Props {
  open: boolean
  api: Api
  lang: Lang
  /** The conversation answered: suggestions and the customer's data. */
  conversationId?: string
  /** The customer's language: which variant is listed. */
  customerLanguage?: Language
  /** How the seller opens the manager, for the hint when there is nothing to pick. */
  manageKeys?: readonly string[]
  onClose(): void
  onInsert(rendering: TemplateRendering, template: TemplateView): void
}

export function TemplatePicker(props: Props) {
  const t = templatesWords(props.lang)
  return (
    <Dialog open={props.open} onClose={props.onClose} label={t.picker} className="palette template-picker">
      <PickerBody {...props} />
    </Dialog>
  )
}

interface Entry {
  group: string
  /** The variant listed: the customer's language, or the nearest. */
  template: TemplateView
  languages: Language[]
  suggestion?: TemplateSuggestion
}

function PickerBody({ api, lang, conversationId, customerLanguage, manageKeys, onClose, onInsert }: Props) {
  const t = templatesWords(lang)
  const [templates, setTemplates] = useState<TemplateView[] | null>(null)
  const [suggestions, setSuggestions] = useState<TemplateSuggestion[]>([])
  const [error, setError] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  /** The entry under the cursor, by group, so that suggestions arriving late do not move it. */
  const [activeGroup, setActiveGroup] = useState<string | null>(null)
  const [previews, setPreviews] = useState<Record<string, TemplateRendering>>({})
  const asked = useRef(new Set<string>())

  useEffect(() => {
    api.call('template.list', {}).then(setTemplates, (e: Error) => setError(`${t.couldNotLoad} ${e.message}`))
    if (conversationId !== undefined) {
      api.call('template.suggest', { conversationId, limit: 5 }).then(setSuggestions, () => undefined)
    }
  }, [api, conversationId, t])

  const entries = useMemo<Entry[]>(() => {
    const groups = new Map<string, TemplateView[]>()
    for (const tpl of templates ?? []) groups.set(tpl.group, [...(groups.get(tpl.group) ?? []), tpl])
    const language = customerLanguage ?? lang
    return [...groups].map(([group, variants]) => {
      const suggestion = suggestions.find((s) => s.group === group)
      const template =
        variants.find((v) => v.id === suggestion?.templateId) ??
        variants.find((v) => v.language === language) ??
        variants.find((v) => v.language === 'en') ??
        variants[0]!
      return { group, template, languages: variants.map((v) => v.language).sort(), suggestion }
    })
  }, [templates, suggestions, customerLanguage, lang])

  const matches = useMemo(() => {
    const suggestedRank = (e: Entry) => (e.suggestion ? suggestions.indexOf(e.suggestion) : Infinity)
    if (query.trim() === '') {
      return [...entries].sort(
        (a, b) =>
          suggestedRank(a) - suggestedRank(b) ||
          b.template.usage - a.template.usage ||
          a.template.name.localeCompare(b.template.name),
      )
    }
    const variantsOf = (e: Entry) => (templates ?? []).filter((v) => v.group === e.group)
    return (
      entries
        .map((e) => ({
          e,
          score: bestScore(
            query,
            variantsOf(e).flatMap((v) => [v.name, v.shortcut, v.folder]),
          ),
        }))
        .filter((x): x is { e: Entry; score: number } => x.score !== null)
        // What fits the message wins a close call.
        .sort((a, b) => b.score + (b.e.suggestion ? 2 : 0) - (a.score + (a.e.suggestion ? 2 : 0)))
        .map((x) => x.e)
    )
  }, [entries, query, suggestions, templates])

  const current = Math.max(0, activeGroup === null ? 0 : matches.findIndex((m) => m.group === activeGroup))
  const chosen = matches[current]
  const preview = chosen ? previews[chosen.template.id] : undefined

  /**
   * Enter pressed before the filled-in text came back: that template goes in when it does, even if
   * the list moved under it meanwhile (suggestions arriving reorder it).
   */
  const waiting = useRef<TemplateView | null>(null)
  const handlers = useRef({ onClose, onInsert })
  useEffect(() => {
    handlers.current = { onClose, onInsert }
  }, [onClose, onInsert])

  // The preview of the entry under the cursor, filled in for this customer.
  useEffect(() => {
    if (!chosen || asked.current.has(chosen.template.id)) return
    const templateId = chosen.template.id
    asked.current.add(templateId)
    api
      .call('template.render', {
        templateId,
        ...(conversationId !== undefined ? { conversationId } : {}),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      })
      .then(
        (r) => {
          setPreviews((all) => ({ ...all, [templateId]: r }))
          const waited = waiting.current
          if (waited?.id !== templateId) return
          waiting.current = null
          if (r.problems.some(isBlocking)) {
            // Shown with its problem: the cursor goes to it, so the seller sees why nothing went in.
            setActiveGroup(waited.group)
            return
          }
          handlers.current.onClose()
          handlers.current.onInsert(r, waited)
        },
        (e: Error) => {
          asked.current.delete(templateId)
          setError(`${t.couldNotRender} ${e.message}`)
        },
      )
  }, [api, chosen, conversationId, t])

  const blocking = preview?.problems.filter(isBlocking) ?? []
  const insert = () => {
    if (!chosen) return
    if (!preview) {
      waiting.current = chosen.template
      return
    }
    if (blocking.length > 0) return
    onClose()
    onInsert(preview, chosen.template)
  }

  const firstOther = matches.findIndex((m) => !m.suggestion)
  return (
    <div className="palette-body template-picker-body">
      <FilterList
        label={t.search}
        listLabel={t.picker}
        placeholder={t.searchPlaceholder}
        query={query}
        onQuery={(q) => {
          setQuery(q)
          setActiveGroup(null)
          waiting.current = null
        }}
        items={matches}
        keyOf={(m) => m.group}
        active={current}
        onActive={(i) => setActiveGroup(matches[i]?.group ?? null)}
        onChoose={insert}
        onClose={onClose}
        optionClass={(_, i) => (i === firstOther && i > 0 && query === '' ? 'first-other' : '')}
        render={(m) => (
          <>
            <span className="palette-label">
              {m.template.name}
              <span className="palette-alt">
                {m.template.shortcut}
                {m.template.folder ? ` · ${m.template.folder}` : ''}
              </span>
            </span>
            {m.suggestion && (
              <span className="pill template-suggested" title={m.suggestion.reasons.map((r) => t.why[r]).join(', ')}>
                {t.suggested}
              </span>
            )}
            <span className="palette-group">{m.languages.map((l) => l.toUpperCase()).join(' · ')}</span>
          </>
        )}
        aside={{
          className: 'template-picker-panes',
          content: (
            <section className="template-preview" aria-label={t.preview}>
              {chosen && preview && <RenderedText rendering={preview} />}
              {chosen && preview && blocking.length > 0 && (
                <div role="alert" className="template-problems">
                  <p>{t.mustFix}</p>
                  <ul>
                    {blocking.map((p, i) => (
                      <li key={i}>{p.message}</li>
                    ))}
                  </ul>
                </div>
              )}
              {chosen && preview && blocking.length === 0 && preview.fields.length > 0 && (
                <p className="muted">{t.blanks(preview.fields.length)}</p>
              )}
            </section>
          ),
        }}
      />
      {templates === null && !error && <p className="palette-empty">{t.loading}</p>}
      {templates !== null && templates.length === 0 && (
        <p className="palette-empty" role="status">
          <WithKeys text={t.noTemplates} keys={{ manage: manageKeys }} />
        </p>
      )}
      {templates !== null && templates.length > 0 && matches.length === 0 && (
        <p className="palette-empty" role="status">
          {t.none}
        </p>
      )}
      {error && (
        <p role="alert" className="composer-error">
          {error}
        </p>
      )}
      <p className="template-picker-keys muted">
        <kbd>↑</kbd>
        <kbd>↓</kbd> · <kbd>Enter</kbd> {t.insert} · <kbd>Esc</kbd> {t.close}
      </p>
    </div>
  )
}
