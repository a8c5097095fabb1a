// How the templates manager is reached from anywhere: `g t`, or "Templates" in the palette. The
// shell registers this with its own commands and renders the screen while it is open.
import type { Command } from '../../app/commands'

export function templatesCommands(open: () => void): Command[] {
  return [
    {
      id: 'templates.manage',
      label: { en: 'Templates: write and edit canned replies', ja: 'テンプレート：定型文の作成と編集' },
      group: 'go',
      keys: ['g t'],
      when: 'anywhere',
      run: open,
    },
  ]
}
