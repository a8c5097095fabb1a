import { describe, expect, it } from 'vitest'
import { HeapTrimmer } from '../../main/engine/heap'

describe('heap trimmer', () => {
  it('collects after a batch that left the heap far above what it holds, and not otherwise', () => {
    const trimmer = new HeapTrimmer()
    trimmer.afterBatch()
    const quiet = trimmer.collections
    // A batch's worth of short-lived objects, promoted and then dropped.
    // About 90 MB of objects and flat strings, well past the trimmer's slack.
    const batch = (): number =>
      Array.from({ length: 400 }, (_, i) =>
        Array.from({ length: 2500 }, (_, j) => ({ i, text: String(i * 1e6 + j).padStart(40, '0') })),
      ).length
    expect(batch()).toBe(400)
    trimmer.afterBatch()
    expect(trimmer.collections).toBe(quiet + 1)
    trimmer.afterBatch()
    expect(trimmer.collections).toBe(quiet + 1) // nothing grew since
  })
})
