// The busy-hours heat map as a plain table: weekdays down, hours across, each cell shaded by its
// share of the busiest hour and labelled with its count, so it reads the same without colour.
import type { Lang } from '../../app/i18n'
import { count, weekdays } from './format'
import { reportWords } from './words'

/** Monday first: the seller's week. */
const ORDER = [1, 2, 3, 4, 5, 6, 0]

export function BusyHours({ grid, lang }: { grid: number[][]; lang: Lang }) {
  const t = reportWords(lang).charts
  const names = weekdays(lang)
  const max = Math.max(1, ...grid.flat())
  return (
    <figure className="report-chart busy-hours" aria-labelledby="chart-busy">
      <figcaption id="chart-busy">{t.busyHours}</figcaption>
      <table>
        <thead>
          <tr>
            <th />
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} scope="col">
                {h % 3 === 0 ? h : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ORDER.map((d) => (
            <tr key={d}>
              <th scope="row">{names[d]}</th>
              {grid[d]!.map((n, h) => (
                <td
                  key={h}
                  title={`${names[d]} ${h}:00 — ${count(n, lang)}`}
                  aria-label={`${names[d]} ${h}:00 ${count(n, lang)}`}
                  style={{ background: n ? `rgba(47, 93, 80, ${0.08 + (0.92 * n) / max})` : undefined }}
                  className={n / max > 0.55 ? 'dark' : undefined}
                >
                  {n ? count(n, lang) : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
