// The seller's working week (hours, zone, holidays) from the settings, kept current: what the
// snooze picker's "next business morning" counts in.
import { useEffect, useMemo, useState } from 'react'
import type { Settings } from '../../../../main/core/model'
import type { Api, WorkingWeek } from '../../../../preload/api'
import { workingWeekOf } from './snoozeOptions'

export function useWorkingWeek(api: Api): WorkingWeek {
  const [settings, setSettings] = useState<Settings | null>(null)
  useEffect(() => {
    // Until the settings arrive, the defaults: Mon–Fri 9:00–18:00 in this computer's zone.
    api.call('settings.get', {}).then(setSettings, () => undefined)
    return api.on('settings.changed', setSettings)
  }, [api])
  return useMemo(() => workingWeekOf(settings), [settings])
}
