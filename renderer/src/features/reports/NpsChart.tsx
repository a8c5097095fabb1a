// NPS over time: promoters, passives and detractors as stacked bars (how many answered, so a
// week of three answers looks like three) and the NPS as a line on its own −100…100 axis.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Report } from '../../../../preload/api'
import type { Lang } from '../../app/i18n'
import { count, day } from './format'
import { reportWords } from './words'

const axis = { fontSize: 11, fill: '#6b6760' }

export function NpsChart({ report, lang }: { report: Report; lang: Lang }) {
  const t = reportWords(lang).nps
  const { nps } = report
  const data = nps.points.map((p) => ({
    period: nps.unit === 'week' ? day(p.period, lang) : p.period,
    promoters: p.promoters,
    passives: p.passives,
    detractors: p.detractors,
    nps: p.nps,
  }))
  return (
    <figure className="report-chart" aria-labelledby="chart-nps" aria-describedby="chart-nps-help">
      <figcaption id="chart-nps">{t.chart(nps.unit)}</figcaption>
      {nps.total.responses === 0 ? (
        <p className="muted report-chart-empty">{t.none}</p>
      ) : (
        <ResponsiveContainer width="100%" height={210}>
          <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: -12 }}>
            <CartesianGrid stroke="#e7e3dc" vertical={false} />
            <XAxis dataKey="period" tick={axis} interval="preserveStartEnd" />
            <YAxis yAxisId="n" tick={axis} allowDecimals={false} />
            <YAxis yAxisId="nps" orientation="right" domain={[-100, 100]} tick={axis} />
            <Tooltip formatter={(v) => count(Number(v), lang)} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              yAxisId="n"
              dataKey="promoters"
              name={t.promoters}
              stackId="n"
              fill="#2f7d4f"
              isAnimationActive={false}
            />
            <Bar
              yAxisId="n"
              dataKey="passives"
              name={t.passives}
              stackId="n"
              fill="#b9b2a6"
              isAnimationActive={false}
            />
            <Bar
              yAxisId="n"
              dataKey="detractors"
              name={t.detractors}
              stackId="n"
              fill="#c2452d"
              isAnimationActive={false}
            />
            <Line
              yAxisId="nps"
              dataKey="nps"
              name={t.score}
              stroke="#1f3a8a"
              strokeWidth={2}
              connectNulls
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      )}
      <p id="chart-nps-help" className="muted report-help">
        {t.help}
      </p>
    </figure>
  )
}
