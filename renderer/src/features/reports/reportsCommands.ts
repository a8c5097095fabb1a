// How the reports dashboard is reached from anywhere: `g r` (and the palette).
import type { Command } from '../../app/commands'

export function reportsCommands(open: () => void, enabled: () => boolean): Command[] {
  return [
    {
      id: 'app.reports',
      label: { en: 'Reports: response times, volume, topics', ja: 'レポート: 返信時間・件数・問い合わせ内容' },
      group: 'go',
      keys: ['g r'],
      when: 'anywhere',
      enabled,
      run: open,
    },
  ]
}
