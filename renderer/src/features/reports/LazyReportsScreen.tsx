// The dashboard loads on first use: its charting library stays out of the bundle the inbox
// starts with (cold start to a usable inbox has a budget of 1 s).
import { lazy, Suspense, type ComponentProps } from 'react'

const ReportsScreen = lazy(() => import('./ReportsScreen'))

export function LazyReportsScreen(props: ComponentProps<typeof ReportsScreen>) {
  return (
    <Suspense fallback={null}>
      <ReportsScreen {...props} />
    </Suspense>
  )
}
