import { describe, expect, it } from 'vitest'
import { HeapTrimmer } from '../../main/engine/heap'

describe('heap trimmer', () => {
  it('collects after a batch that left the heap far above what it holds, and not otherwise', () => {
    const trimmer = new HeapTrimmer()
    trimmer.afterBatch()
    const quiet = trimmer.collections
    // A batch's worth of short-lived objects, promoted and then dropped.
    let garbage: string[][] | undefined = Array.from({ length: 400 }, (_, i) =>
      Array.from({ length: 1000 }, (_, j) => `message ${i}-${j} ${'x'.repeat(200)}`),
    )
    expect(garbage.length).toBe(400)
    garbage = undefined
    trimmer.afterBatch()
    expect(trimmer.collections).toBe(quiet + 1)
    trimmer.afterBatch()
    expect(trimmer.collections).toBe(quiet + 1) // nothing grew since
  })
})
