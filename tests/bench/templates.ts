// `templates`: what opening the template picker costs in the engine. Suggestions for a message
// over 100 templates with N past choices learned (default 2,000, the most kept), against the
// same ranking without any learning (words and channel only); and rendering one template.
// Messages are the demo's, so English and Japanese both go through Intl.Segmenter.
import { performance } from 'node:perf_hooks'
import type { Template, TemplateChoice } from '../../main/core/model'
import { renderTemplate } from '../../main/core/templates/render'
import { starterTemplates } from '../../main/core/templates/starter'
import { ownWords, suggestTemplates } from '../../main/core/templates/suggest'
import { generateDemo } from '../../main/demo/generate'
import { median, report, round, type Bench } from './harness'

const NOW = new Date('2026-11-27T03:00:00Z')
const MESSAGES = 200

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!
}

export const templates: Bench = async ({ n = 2000 }) => {
  const demo = generateDemo({ now: NOW, messages: 600 })
  const inbound = demo.messages.filter((m) => m.record.direction === 'in').slice(0, MESSAGES)
  const texts = inbound.map(({ record, text }) => ({ subject: record.subject, text, channel: record.channel }))
  // 100 templates: the starters and copies of them in 44 more groups.
  const all: Template[] = [...starterTemplates()]
  for (let i = 0; all.length < 100; i++) {
    const t = starterTemplates()[i % 12]!
    all.push({ ...t, id: `${t.id}_${i}`, shortcut: `${t.shortcut}-${i}`, group: `${t.group}-${Math.floor(i / 2)}` })
  }
  const groups = [...new Set(all.map((t) => t.group!))]
  const choices: TemplateChoice[] = Array.from({ length: n }, (_, i) => {
    const m = texts[i % texts.length]!
    return {
      id: `c${i}`,
      group: groups[i % groups.length]!,
      channel: m.channel,
      words: ownWords(m.subject, m.text).slice(0, 60),
      at: NOW.toISOString(),
    }
  })
  const time = (learned: TemplateChoice[]) =>
    texts.map((m) => {
      const t = performance.now()
      suggestTemplates({ templates: all, message: m, language: 'en', choices: learned })
      return performance.now() - t
    })
  time(choices) // warm-up: segmenter, JIT
  const ours = time(choices)
  const base = time([])
  report({
    name: 'templates.suggest',
    n,
    value: round(median(ours), 3),
    unit: 'ms',
    p95_ms: round(p95(ours), 3),
    baseline: 'the same ranking with nothing learned',
    baseline_value: round(median(base), 3),
    templates: all.length,
    messages: texts.length,
  })
  const body = all[0]!.body
  const renders = Array.from({ length: 500 }, () => {
    const t = performance.now()
    renderTemplate(body, {
      language: 'en',
      now: NOW,
      timeZone: 'Asia/Tokyo',
      customer: { name: 'Emma Wilson' },
      order: { number: '#1' },
      shop: { name: 'Shop' },
    })
    return performance.now() - t
  })
  report({
    name: 'templates.render',
    n: 500,
    value: round(median(renders), 4),
    unit: 'ms',
    p95_ms: round(p95(renders), 4),
  })
}
