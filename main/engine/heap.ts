// Keeps the engine's heap near what it really holds during bulk work (a first sync, an
// import). V8 lets the old generation grow to about four times its live size before a full
// collection, and bulk work promotes a batch's worth of short-lived objects every few seconds:
// a first sync of 100,000 messages peaked at 1 GB RSS for 136 MB of live data. After each
// batch, when the heap has grown well past what the last collection left, we collect once.
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * Collect when the heap is this many times what survived the last collection… At 100,000
 * messages about 100 MB survive, and a batch of 2,000 messages leaves 30–60 MB of garbage: at
 * 1.6 the heap ran 60+ MB above its live size before each collection, which RSS keeps. A full
 * collection of such a heap takes about 0.1 s, next to the several seconds a batch takes.
 */
const GROWTH = 1.25
/** …and at least this much bigger (small heaps are not worth a pause). */
const SLACK_BYTES = 32 * 1024 * 1024

type Collect = () => void

let collect: Collect | null | undefined

/** V8's own full collection, made callable once without a command-line flag. */
function collector(): Collect | null {
  if (collect !== undefined) return collect
  try {
    const exposed = (globalThis as { gc?: Collect }).gc
    if (typeof exposed === 'function') collect = exposed
    else {
      setFlagsFromString('--expose-gc')
      // A fresh context sees the flag; its `gc` collects the whole isolate's heap.
      collect = runInNewContext('gc') as Collect
    }
  } catch {
    collect = null // not allowed here: V8 then keeps its own schedule
  }
  return collect
}

export class HeapTrimmer {
  private live = getHeapStatistics().used_heap_size
  /** Full collections run by the trimmer (benchmarks report it). */
  collections = 0

  /** Call between batches of bulk work. */
  afterBatch(): void {
    const used = getHeapStatistics().used_heap_size
    if (used < Math.max(this.live * GROWTH, this.live + SLACK_BYTES)) return
    const gc = collector()
    if (!gc) return
    gc()
    this.collections++
    this.live = getHeapStatistics().used_heap_size
  }
}

/** One per process: the heap is the process's. */
export const heapTrimmer = new HeapTrimmer()
