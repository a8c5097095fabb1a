// The dashboard's charts (Recharts: SVG, keyboard-navigable through its accessibility layer):
// first-response trend, volume per channel, topics. Each has a heading and a text summary for
// screen readers; animations are off, so what is drawn is what the numbers say at once.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { CHANNELS, type Channel } from '../../../../main/core/model'
import type { Report } from '../../../../preload/api'
import { words as appWords, type Lang } from '../../app/i18n'
import { count, day, hours } from './format'
import { reportWords } from './words'

export const CHANNEL_COLOURS: Record<Channel, string> = {
  email: '#2f5d50',
  amazon: '#c77800',
  ebay: '#3565b0',
  etsy: '#c2452d',
  walmart: '#1f7ab8',
  rakuten: '#a3001e',
  yahoo: '#6b3fa0',
  mercari: '#d13c73',
}

const HEIGHT = 210
const axis = { fontSize: 11, fill: '#6b6760' }

export function ResponseTrendChart({ report, lang }: { report: Report; lang: Lang }) {
  const t = reportWords(lang).charts
  const data = report.trend.map((w) => ({
    week: day(w.week, lang),
    median: hours(w.firstResponseMedian),
    p90: hours(w.firstResponseP90),
  }))
  return (
    <figure className="report-chart" aria-labelledby="chart-trend">
      <figcaption id="chart-trend">{t.responseTrend}</figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="#e7e3dc" vertical={false} />
          <XAxis dataKey="week" tick={axis} interval="preserveStartEnd" />
          <YAxis tick={axis} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            dataKey="median"
            name={t.median}
            stroke="#2f5d50"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="p90"
            name={t.p90}
            stroke="#c77800"
            strokeDasharray="4 3"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  )
}

export function VolumeChart({ report, lang }: { report: Report; lang: Lang }) {
  const t = reportWords(lang).charts
  const names = appWords(lang).channels
  const present = CHANNELS.filter((c) => report.volume.weeks.some((w) => (w.byChannel[c] ?? 0) > 0))
  const data = report.volume.weeks.map((w) => ({ week: day(w.date, lang), ...w.byChannel }))
  return (
    <figure className="report-chart" aria-labelledby="chart-volume">
      <figcaption id="chart-volume">{t.volume}</figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="#e7e3dc" vertical={false} />
          <XAxis dataKey="week" tick={axis} interval="preserveStartEnd" />
          <YAxis tick={axis} allowDecimals={false} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {present.map((c) => (
            <Bar key={c} dataKey={c} name={names[c]} stackId="in" fill={CHANNEL_COLOURS[c]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  )
}

export function TopicsChart({ report, lang }: { report: Report; lang: Lang }) {
  const t = reportWords(lang).charts
  const data = report.topics.map((x) => ({ topic: x.label[lang], conversations: x.conversations }))
  return (
    <figure className="report-chart" aria-labelledby="chart-topics">
      <figcaption id="chart-topics">{t.topics}</figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#e7e3dc" horizontal={false} />
          <XAxis type="number" tick={axis} allowDecimals={false} />
          <YAxis type="category" dataKey="topic" tick={axis} width={96} />
          <Tooltip formatter={(v) => count(Number(v), lang)} />
          <Bar dataKey="conversations" name={t.topics} fill="#2f5d50" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  )
}
