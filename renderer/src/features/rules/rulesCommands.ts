// How the rules screen is reached from anywhere: `g u`, or "Rules" in the palette. The shell
// registers this with its own commands and renders the screen while it is open.
import type { Command } from '../../app/commands'

export function rulesCommands(open: () => void, enabled: () => boolean): Command[] {
  return [
    {
      id: 'rules.manage',
      label: { en: 'Rules: what happens automatically, and why it did', ja: 'ルール：自動で行うことと実行履歴' },
      group: 'go',
      keys: ['g u'],
      when: 'anywhere',
      enabled,
      run: open,
    },
  ]
}
