// The reports dashboard (`g r`): KPI tiles, charts and tables for a period and a channel, over
// whatever the seller was doing (a modal <dialog>, like the settings). Everything from the keyboard:
// 1–4 choose the period, c / C the channel, f / F the customers' tag, [ ] the table, j / k its
// row, Enter opens the customer, x exports the table as CSV, e edits the topic rules, n makes a
// topic from a group of similar messages, Esc goes back.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Channel } from '../../../../main/core/model'
import {
  TEMPLATE_MIN_SAMPLE,
  type Api,
  type MessageClusters,
  type Report,
  type RequestInput,
} from '../../../../preload/api'
import type { Command } from '../../app/commands'
import { words as appWords, type Lang } from '../../app/i18n'
import { useCommandContext, useCommands, useKeysOf } from '../../app/useCommands'
import { KeySequence } from '../../ui/Keys'
import { BusyHours } from './BusyHours'
import { ResponseTrendChart, TopicsChart, VolumeChart } from './Charts'
import { NpsChart } from './NpsChart'
import { TopicEditor, type TopicDraft } from './TopicEditor'
import { downloadText, toCsv } from './csv'
import { count, date, duration, percent } from './format'
import { TABLES, tablesOf, type TableSpec } from './tables'
import { reportWords } from './words'
import './reports.css'

export const PERIODS = [7, 30, 90, 365] as const
const DAY = 86_400_000
/** Rows shown per table; the CSV holds them all. */
const SHOWN = 50

interface Props {
  api: Api
  lang: Lang
  onClose(): void
  onOpenCustomer(customerId: string, conversationId: string): void
}

/** What `reports.get` is asked for a period, channel and tag: the default dashboard asks for nothing. */
export function reportInput(
  days: number,
  channel: Channel | undefined,
  now: number,
  tag?: string,
): RequestInput<'reports.get'> {
  return {
    ...(days !== 90 ? { from: new Date(now - days * DAY).toISOString() } : {}),
    ...(channel ? { channel } : {}),
    ...(tag ? { tag } : {}),
  }
}

/** Which dashboard a clusters answer belongs to: one for another period or filter is not shown. */
const clustersKeyOf = (days: number, channel?: Channel, tag?: string, version = 0) =>
  JSON.stringify([days, channel ?? null, tag ?? null, version])

export default function ReportsScreen({ api, lang, onClose, onOpenCustomer }: Props) {
  const t = reportWords(lang)
  const keysOf = useKeysOf()
  const dialog = useRef<HTMLDialogElement>(null)
  const body = useRef<HTMLDivElement>(null)
  const [days, setDays] = useState<number>(90)
  const [channel, setChannel] = useState<Channel | undefined>(undefined)
  const [channels, setChannels] = useState<Channel[]>([])
  const [report, setReport] = useState<Report | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [table, setTable] = useState(0)
  const [row, setRow] = useState(0)
  const [status, setStatus] = useState<string | null>(null)
  const [tag, setTag] = useState<string | undefined>(undefined)
  const [tags, setTags] = useState<string[]>([])
  const [clustersFor, setClustersFor] = useState<{ key: string; value: MessageClusters } | null>(null)
  /** The topic editor, open on a topic or with a new one from a group; `version` counts saves. */
  const [editor, setEditor] = useState<{ focusId?: string; draft?: TopicDraft } | null>(null)
  const [version, setVersion] = useState(0)
  useCommandContext('reports')

  useEffect(() => {
    api.call('customer.tags', {}).then(
      (list) => setTags(list.map((x) => x.tag)),
      () => setTags([]),
    )
  }, [api])

  useLayoutEffect(() => {
    const el = dialog.current
    const before = document.activeElement
    if (el && !el.open) el.showModal()
    body.current?.focus({ preventScroll: true })
    return () => {
      if (el?.open) el.close()
      if (before instanceof HTMLElement && before.isConnected) before.focus({ preventScroll: true })
    }
  }, [])

  useEffect(() => {
    let live = true
    const input = reportInput(days, channel, Date.now(), tag)
    // Groups of similar messages read message text: asked apart, so the figures come first.
    api.call('reports.clusters', input).then(
      (c) => live && setClustersFor({ key: clustersKeyOf(days, channel, tag, version), value: c }),
      () => undefined,
    )
    api.call('reports.get', input).then(
      (r) => {
        if (!live) return
        setError(null)
        setReport(r)
        // The channels to cycle through: those with messages in the whole period.
        if (!channel) setChannels(r.byChannel.map((c) => c.channel))
      },
      (e: Error) => live && setError(e.message),
    )
    return () => {
      live = false
    }
  }, [api, days, channel, tag, version])

  const clusters = clustersFor?.key === clustersKeyOf(days, channel, tag, version) ? clustersFor.value : null
  const tables = useMemo(() => (report ? tablesOf(report, lang, clusters) : []), [report, lang, clusters])
  const current: TableSpec | undefined = tables[table]
  const rows = current?.rows.slice(0, SHOWN) ?? []
  const at = Math.min(row, Math.max(0, rows.length - 1))

  useEffect(() => {
    document.getElementById(`report-row-${at}`)?.scrollIntoView({ block: 'nearest' })
  }, [at, table])

  const cycleChannel = (step: number) => {
    const list: (Channel | undefined)[] = [undefined, ...channels]
    const i = list.indexOf(channel)
    setChannel(list[(i + step + list.length) % list.length])
  }
  const cycleTag = (step: number) => {
    const list: (string | undefined)[] = [undefined, ...tags]
    const i = list.indexOf(tag)
    setTag(list[(i + step + list.length) % list.length])
  }
  const editTopics = () => {
    const selected = current?.id === 'topics' ? rows[at]?.key : undefined
    setEditor(selected ? { focusId: selected } : {})
  }
  const topicFromCluster = () => {
    const group = current?.id === 'clusters' ? clusters?.clusters.find((g) => g.id === rows[at]?.key) : undefined
    if (!group) return
    setEditor({ draft: { name: group.words.slice(0, 2).join(' '), en: group.keywords.en, ja: group.keywords.ja } })
  }
  const exportTable = () => {
    if (!current || !report) return
    const file = `${current.id}-${report.filter.from.slice(0, 10)}-${report.filter.to.slice(0, 10)}.csv`
    downloadText(
      file,
      toCsv(
        current.csvHeader,
        current.rows.map((r) => r.csv),
      ),
    )
    setStatus(t.exported(file))
  }
  const openRow = () => {
    const target = rows[at]?.open
    if (target) onOpenCustomer(target.customerId, target.conversationId)
  }

  const commands: Command[] = [
    {
      id: 'reports.close',
      label: { en: 'Close the reports', ja: 'レポートを閉じる' },
      group: 'go',
      keys: ['Escape'],
      when: 'reports',
      global: true,
      // Esc in the topic editor leaves the editor, not the reports.
      run: () => (editor ? closeEditor(false) : onClose()),
    },
    {
      id: 'reports.tag.next',
      label: { en: 'Reports: next customer tag', ja: 'レポート: 次のタグ' },
      group: 'go',
      keys: ['f'],
      when: 'reports',
      enabled: () => tags.length > 0 && !editor,
      run: () => cycleTag(1),
    },
    {
      id: 'reports.tag.previous',
      label: { en: 'Reports: previous customer tag', ja: 'レポート: 前のタグ' },
      group: 'go',
      keys: ['F'],
      when: 'reports',
      enabled: () => tags.length > 0 && !editor,
      run: () => cycleTag(-1),
    },
    {
      id: 'reports.topics.edit',
      label: { en: 'Reports: edit the topics', ja: 'レポート: 問い合わせの内容を編集' },
      group: 'app',
      keys: ['e'],
      when: 'reports',
      enabled: () => !editor,
      run: editTopics,
    },
    {
      id: 'reports.topics.fromGroup',
      label: { en: 'Reports: make a topic from this group', ja: 'レポート: このまとまりから内容を作成' },
      group: 'app',
      keys: ['n'],
      when: 'reports',
      enabled: () => !editor && current?.id === 'clusters' && rows[at] !== undefined,
      run: topicFromCluster,
    },
    ...PERIODS.map((d, i): Command => ({
      id: `reports.period.${d}`,
      label: { en: `Reports: ${reportWords('en').periods[d]}`, ja: `レポート: ${reportWords('ja').periods[d]}` },
      group: 'go',
      keys: [String(i + 1)],
      when: 'reports',
      run: () => setDays(d),
    })),
    {
      id: 'reports.channel.next',
      label: { en: 'Reports: next channel', ja: 'レポート: 次のチャネル' },
      group: 'go',
      keys: ['c'],
      when: 'reports',
      run: () => cycleChannel(1),
    },
    {
      id: 'reports.channel.previous',
      label: { en: 'Reports: previous channel', ja: 'レポート: 前のチャネル' },
      group: 'go',
      keys: ['C'],
      when: 'reports',
      run: () => cycleChannel(-1),
    },
    {
      id: 'reports.table.next',
      label: { en: 'Reports: next table', ja: 'レポート: 次の表' },
      group: 'move',
      keys: [']'],
      when: 'reports',
      run: () => {
        setTable((n) => (n + 1) % TABLES.length)
        setRow(0)
      },
    },
    {
      id: 'reports.table.previous',
      label: { en: 'Reports: previous table', ja: 'レポート: 前の表' },
      group: 'move',
      keys: ['['],
      when: 'reports',
      run: () => {
        setTable((n) => (n + TABLES.length - 1) % TABLES.length)
        setRow(0)
      },
    },
    {
      id: 'reports.row.next',
      label: { en: 'Reports: next row', ja: 'レポート: 次の行' },
      group: 'move',
      keys: ['j', 'ArrowDown'],
      when: 'reports',
      run: () => setRow(Math.min(at + 1, Math.max(0, rows.length - 1))),
    },
    {
      id: 'reports.row.previous',
      label: { en: 'Reports: previous row', ja: 'レポート: 前の行' },
      group: 'move',
      keys: ['k', 'ArrowUp'],
      when: 'reports',
      run: () => setRow(Math.max(0, at - 1)),
    },
    {
      id: 'reports.open',
      label: { en: 'Reports: open the customer', ja: 'レポート: お客様を開く' },
      group: 'move',
      keys: ['Enter'],
      when: 'reports',
      enabled: () => rows[at]?.open !== undefined,
      run: openRow,
    },
    {
      id: 'reports.export',
      label: { en: 'Reports: export the table as CSV', ja: 'レポート: 表を CSV で書き出す' },
      group: 'app',
      keys: ['x'],
      when: 'reports',
      enabled: () => current !== undefined,
      run: exportTable,
    },
  ]
  // Behind the topic editor the dashboard's keys rest (Esc and saving are the editor's).
  useCommands(
    commands.map((c) => (c.id === 'reports.close' ? c : { ...c, enabled: () => !editor && (c.enabled?.() ?? true) })),
  )

  function closeEditor(saved: boolean) {
    setEditor(null)
    if (saved) {
      setStatus(t.topicsEditor.saved)
      setVersion((v) => v + 1)
    }
  }
  // Back from the editor, the dashboard's keys work again from its body.
  useEffect(() => {
    if (!editor) body.current?.focus({ preventScroll: true })
  }, [editor])

  const names = appWords(lang).channels
  const k = report?.kpis
  return (
    <dialog
      ref={dialog}
      className="full-screen reports-screen"
      aria-labelledby="reports-title"
      onCancel={(e) => {
        if (e.target !== e.currentTarget) return
        e.preventDefault()
        onClose()
      }}
    >
      <header className="reports-head">
        <h1 id="reports-title">{t.title}</h1>
        <div className="reports-filters" role="group" aria-label={t.period}>
          {PERIODS.map((d) => (
            <button key={d} className="chip" aria-pressed={d === days} onClick={() => setDays(d)}>
              {t.periods[d]} <KeySequence chords={keysOf(`reports.period.${d}`) ?? []} />
            </button>
          ))}
        </div>
        <button
          className="chip"
          onClick={() => cycleChannel(1)}
          aria-label={`${t.channel}: ${channel ? names[channel] : t.allChannels}`}
        >
          {t.channel}: <strong data-testid="report-channel">{channel ? names[channel] : t.allChannels}</strong>{' '}
          <KeySequence chords={keysOf('reports.channel.next') ?? []} />
        </button>
        {tags.length > 0 && (
          <button className="chip" onClick={() => cycleTag(1)} aria-label={`${t.tag}: ${tag ?? t.allTags}`}>
            {t.tag}: <strong data-testid="report-tag">{tag ?? t.allTags}</strong>{' '}
            <KeySequence chords={keysOf('reports.tag.next') ?? []} />
          </button>
        )}
        <span className="muted reports-keys">{t.keysHelp}</span>
        <button className="ghost" onClick={onClose}>
          {t.back} <KeySequence chords={keysOf('reports.close') ?? ['Esc']} />
        </button>
      </header>
      <div className="reports-body" ref={body} tabIndex={-1}>
        {error && (
          <p role="alert" className="notice notice-error">
            {t.couldNotLoad} {error}
          </p>
        )}
        {editor ? (
          <TopicEditor
            api={api}
            lang={lang}
            {...(editor.focusId ? { focusId: editor.focusId } : {})}
            {...(editor.draft ? { draft: editor.draft } : {})}
            onDone={closeEditor}
          />
        ) : !report || !k ? (
          !error && <p className="muted">{t.loading}</p>
        ) : (
          <>
            <p className="muted reports-span" data-testid="report-span">
              {t.span(date(report.filter.from, lang, report.timeZone), date(report.filter.to, lang, report.timeZone))} ·{' '}
              {t.timeZone(report.timeZone)}
            </p>
            <section className="kpi-tiles" aria-label="KPI">
              <Tile id="firstResponse" label={t.kpi.firstResponse} value={duration(k.firstResponse.median, lang)} />
              <Tile id="firstResponseP90" label={t.kpi.firstResponseP90} value={duration(k.firstResponse.p90, lang)} />
              <Tile id="resolution" label={t.kpi.resolution} value={duration(k.resolution.median, lang)} />
              <Tile
                id="withinPolicy"
                label={t.kpi.withinPolicy}
                value={percent(k.withinPolicy.share, lang)}
                note={t.ofDue(count(k.withinPolicy.onTime, lang), count(k.withinPolicy.due, lang))}
              />
              <Tile id="breaches" label={t.kpi.breaches} value={count(k.breaches, lang)} alert={k.breaches > 0} />
              <Tile id="messagesIn" label={t.kpi.messagesIn} value={count(k.messagesIn, lang)} />
              <Tile
                id="conversations"
                label={t.kpi.conversations}
                value={count(k.conversations, lang)}
                note={t.newOf(count(k.newConversations, lang))}
              />
              <Tile
                id="resolved"
                label={t.kpi.resolved}
                value={`${count(k.resolved, lang)} / ${count(k.open + k.snoozed, lang)}`}
              />
              <Tile id="reopened" label={t.kpi.reopened} value={count(k.reopened, lang)} />
              <Tile id="repeatContacts" label={t.kpi.repeatContacts} value={count(k.repeatContacts, lang)} />
              <Tile id="repeatCustomers" label={t.kpi.repeatCustomers} value={count(k.repeatCustomers, lang)} />
              <Tile
                id="nps"
                label={t.nps.tile}
                value={report.nps.total.nps === undefined ? t.none : count(report.nps.total.nps, lang)}
                note={
                  report.nps.total.responses < report.nps.minSample && report.nps.total.responses > 0
                    ? `${t.nps.answers(count(report.nps.total.responses, lang))} · ${t.nps.smallSample(count(report.nps.minSample, lang))}`
                    : t.nps.answers(count(report.nps.total.responses, lang))
                }
              />
            </section>
            {report.templateSuggestions.length > 0 && (
              <p className="report-suggestion" role="note">
                {t.suggestion(
                  report.topics
                    .filter((x) => report.templateSuggestions.includes(x.id))
                    .map((x) => x.label[lang])
                    .join(lang === 'ja' ? '」「' : ', '),
                )}
              </p>
            )}
            <section className="report-charts">
              <ResponseTrendChart report={report} lang={lang} />
              <VolumeChart report={report} lang={lang} />
              <TopicsChart report={report} lang={lang} />
              <NpsChart report={report} lang={lang} />
              <BusyHours grid={report.busyHours} lang={lang} />
            </section>
            <section className="report-tables">
              <div className="report-table-tabs" role="tablist" aria-label={t.title}>
                {tables.map((x, i) => (
                  <button
                    key={x.id}
                    role="tab"
                    aria-selected={i === table}
                    tabIndex={i === table ? 0 : -1}
                    className="chip"
                    onClick={() => {
                      setTable(i)
                      setRow(0)
                    }}
                  >
                    {x.title} <span className="muted">{count(x.rows.length, lang)}</span>
                  </button>
                ))}
                <span className="muted">
                  <KeySequence chords={keysOf('reports.table.previous') ?? []} />{' '}
                  <KeySequence chords={keysOf('reports.table.next') ?? []} /> ·{' '}
                  <KeySequence chords={keysOf('reports.export') ?? []} /> CSV
                </span>
                {status && (
                  <span className="muted" role="status">
                    {status}
                  </span>
                )}
              </div>
              {current && (
                <div role="tabpanel" aria-label={current.title} className="report-table-wrap">
                  {current.id === 'templateEffects' && (
                    <p className="muted report-help">{t.effect.help(count(TEMPLATE_MIN_SAMPLE, lang))}</p>
                  )}
                  {current.id === 'nps' && <p className="muted report-help">{t.nps.help}</p>}
                  {current.id === 'clusters' && (
                    <p className="muted report-help" data-testid="clusters-help">
                      {clusters ? t.clusters.help(count(clusters.sampled, lang), clusters.more) : t.clusters.loading}{' '}
                      <KeySequence chords={keysOf('reports.topics.fromGroup') ?? []} />
                    </p>
                  )}
                  {rows.length === 0 ? (
                    <p className="muted">{t.emptyTable}</p>
                  ) : (
                    <table className="report-table" data-table={current.id} aria-rowcount={current.rows.length + 1}>
                      <thead>
                        <tr>
                          {current.columns.map((c) => (
                            <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                              {c.label}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((r, i) => (
                          <tr
                            key={r.key}
                            id={`report-row-${i}`}
                            aria-selected={i === at}
                            className={i === at ? 'selected' : undefined}
                            onClick={() => setRow(i)}
                            onDoubleClick={() => r.open && onOpenCustomer(r.open.customerId, r.open.conversationId)}
                          >
                            {r.cells.map((cell, j) => (
                              <td key={j} className={current.columns[j]?.numeric ? 'num' : undefined}>
                                {cell}
                              </td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  {current.rows.length > SHOWN && (
                    <p className="muted">{t.rowsOf(count(SHOWN, lang), count(current.rows.length, lang))}</p>
                  )}
                </div>
              )}
            </section>
          </>
        )}
      </div>
    </dialog>
  )
}

function Tile({
  id,
  label,
  value,
  note,
  alert,
}: {
  id: string
  label: string
  value: string
  note?: string
  alert?: boolean
}) {
  return (
    <div className={`kpi-tile${alert ? ' kpi-alert' : ''}`} data-kpi={id}>
      <span className="kpi-label">{label}</span>
      <strong className="kpi-value">{value}</strong>
      {note && <span className="kpi-note muted">{note}</span>}
    </div>
  )
}
