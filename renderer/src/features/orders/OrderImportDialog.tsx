// Importing an order file from the keyboard: type or paste its path (there is no file picker in
// browser mode), read the preview — the export it looks like, the encoding, the first rows and
// any problem by line and column — confirm or change the column mapping, then Ctrl+Enter.
import { useCallback, useId, useState, type KeyboardEvent } from 'react'
import { CHANNELS } from '../../../../main/core/model'
import {
  ORDER_FIELDS,
  ORDER_FORMATS,
  type Api,
  type ColumnMapping,
  type OrderFormat,
  type OrderImportResult,
  type OrderPreview,
} from '../../../../preload/api'
import type { Command } from '../../app/commands'
import { words, type Lang } from '../../app/i18n'
import { useCommands } from '../../app/useCommands'
import { Dialog } from '../../ui/Dialog'
import { orderWords } from './words'
import './orders.css'

/** Registers "Import orders (CSV)…" and shows its dialog while open. */
export function OrderImport({ api, lang }: { api: Api; lang: Lang }) {
  const [open, setOpen] = useState(false)
  const t = orderWords(lang)
  const commands: Command[] = [
    {
      id: 'orders.import',
      label: { en: orderWords('en').command, ja: orderWords('ja').command },
      group: 'app',
      when: 'anywhere',
      run: () => setOpen(true),
    },
  ]
  useCommands(commands)
  return (
    <Dialog open={open} onClose={() => setOpen(false)} label={t.title} className="order-import">
      <OrderImportBody api={api} lang={lang} onClose={() => setOpen(false)} />
    </Dialog>
  )
}

interface Choice {
  format?: OrderFormat
  mapping?: ColumnMapping
  channel?: (typeof CHANNELS)[number]
}

function OrderImportBody({ api, lang, onClose }: { api: Api; lang: Lang; onClose(): void }) {
  const t = orderWords(lang)
  const common = words(lang)
  const id = useId()
  const [path, setPath] = useState('')
  const [preview, setPreview] = useState<OrderPreview | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<OrderImportResult | null>(null)
  const [error, setError] = useState<string | null>(null)

  const read = useCallback(
    async (choice: Choice = {}) => {
      setBusy(true)
      setError(null)
      setResult(null)
      try {
        setPreview(await api.call('orders.preview', { path: path.trim(), ...choice }))
      } catch (err) {
        setError((err as Error).message)
      } finally {
        setBusy(false)
      }
    },
    [api, path],
  )

  const canImport =
    preview !== null && preview.format !== undefined && preview.problems.length === 0 && preview.orders > 0
  const run = async () => {
    if (!preview?.format || !canImport || busy) return
    setBusy(true)
    setError(null)
    try {
      setResult(
        await api.call('orders.import', {
          path: preview.path,
          format: preview.format,
          mapping: preview.mapping,
          ...(preview.channel ? { channel: preview.channel } : {}),
        }),
      )
    } catch (err) {
      setError(`${t.failed} ${(err as Error).message}`)
    } finally {
      setBusy(false)
    }
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void run()
    }
  }

  const change = (choice: Choice) =>
    void read({ format: preview?.format, mapping: preview?.mapping, channel: preview?.channel, ...choice })

  return (
    <div className="order-import-body" onKeyDown={onKeyDown}>
      <h2 className="dialog-title">{t.title}</h2>
      <form
        className="order-path"
        onSubmit={(e) => {
          e.preventDefault()
          void read()
        }}
      >
        <label htmlFor={`${id}-path`}>{t.pathLabel}</label>
        <div className="order-path-row">
          <input
            id={`${id}-path`}
            className="input-path"
            autoFocus
            spellCheck={false}
            value={path}
            placeholder={t.pathPlaceholder}
            aria-describedby={`${id}-help`}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit" disabled={busy || path.trim() === ''}>
            {busy && !preview ? t.reading : t.read}
          </button>
        </div>
        <p className="field-help" id={`${id}-help`}>
          {t.pathHelp}
        </p>
      </form>

      {error && (
        <p className="order-error" role="alert">
          {error}
        </p>
      )}

      {preview && (
        <div className="order-preview" aria-busy={busy}>
          <div className="order-facts">
            {preview.format && (
              <label>
                {t.format}{' '}
                <select
                  value={preview.format}
                  onChange={(e) => change({ format: e.target.value as OrderFormat, mapping: undefined })}
                >
                  {ORDER_FORMATS.map((f) => (
                    <option key={f} value={f}>
                      {t.formats[f]}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {preview.channel && (
              <label>
                {t.channel}{' '}
                <select
                  value={preview.channel}
                  onChange={(e) => change({ channel: e.target.value as Choice['channel'] })}
                >
                  {CHANNELS.map((c) => (
                    <option key={c} value={c}>
                      {common.channels[c]}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {preview.encoding && (
              <span className="muted">
                {t.encoding}: {preview.encoding.toUpperCase().replace('_', '-').replace('-BOM', ' (BOM)')}
              </span>
            )}
            <strong className="order-count">{t.found(preview.orders)}</strong>
          </div>

          {preview.problems.length > 0 && (
            <div className="order-problems" role="alert">
              <p>{t.problems}</p>
              <ul>
                {preview.problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            </div>
          )}

          {preview.headers.length > 0 && (
            <fieldset className="order-mapping">
              <legend>{t.mapping}</legend>
              <p className="field-help">{t.mappingHelp}</p>
              <div className="order-mapping-grid">
                {ORDER_FIELDS.map((f) => (
                  <label key={f}>
                    <span>{t.fields[f]}</span>
                    <select
                      value={preview.mapping[f] ?? ''}
                      onChange={(e) => {
                        const mapping = { ...preview.mapping }
                        // One column holds one field: taking it here frees it elsewhere.
                        for (const [k, v] of Object.entries(mapping))
                          if (v === e.target.value) delete mapping[k as typeof f]
                        if (e.target.value) mapping[f] = e.target.value
                        else delete mapping[f]
                        change({ mapping })
                      }}
                    >
                      <option value="">{t.notMapped}</option>
                      {preview.headers.map((h, i) => (
                        <option key={`${h}-${i}`} value={h}>
                          {h}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
              </div>
            </fieldset>
          )}

          {preview.rows.length > 0 && (
            <div className="order-rows" tabIndex={0} aria-label={t.firstRows}>
              <table>
                <thead>
                  <tr>
                    {preview.headers.map((h, i) => (
                      <th key={i}>{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r, i) => (
                    <tr key={i}>
                      {preview.headers.map((_, j) => (
                        <td key={j}>{r[j]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}

      {result && (
        <p className="order-done" role="status">
          {t.done(result)}
        </p>
      )}

      <div className="order-actions">
        <button onClick={onClose}>{t.close}</button>
        {preview && !result && (
          <button className="primary" disabled={!canImport || busy} onClick={() => void run()}>
            {busy ? t.importing : t.importN(preview.orders)} <kbd>Ctrl+Enter</kbd>
          </button>
        )}
      </div>
    </div>
  )
}
