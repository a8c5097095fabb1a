// V8 flags and environment for the process the engine runs in (Electron's main process, or
// Node in browser mode). They must be given when the process starts: V8 sizes its heap once,
// so `v8.setFlagsFromString` comes too late for them, and the C library reads its settings
// before any code runs. start.ts gives them to Electron (`--js-flags`) and to browser mode;
// the browser-mode test rig and the sync and UI benchmarks do the same (tests/unit/engine-flags
// and tests/integration/launch check them).
//
// Why: V8 lets the old generation grow to a multiple of what survived the last full
// collection before collecting again, and that multiple depends on the heap limit: 4 at the
// default limit (a quarter of the machine's memory, 4 GB here), 1.6 at 1 GB. A first sync of
// 100,000 messages holds about 150 MB live, so at 4× the process kept hundreds of MB of
// garbage it did not need. 1 GB is also the safety net: far above what 100,000 messages
// need, and a runaway is stopped there instead of taking the seller's machine with it.
// A smaller young generation (V8's default lets each semi-space grow to 16 MB) costs a few
// more scavenges and keeps up to 24 MB less resident.
// Even 1.6 was too much once the app is in use: at 100,000 messages about 180 MB stay live, so
// the old generation ran up to 290 MB before V8 collected it, and browser mode measured
// 385–418 MB RSS after the UI benchmark's key runs. `--heap-growing-percent=20` fixes the
// multiple at 1.2 (V8 otherwise works it out from its speeds, up to the limit above): 309–348 MB
// after the same runs, with no key slower. During bulk work HeapTrimmer (engine/heap.ts)
// collects at 1.25 anyway, so a sync does not collect more often.
export const ENGINE_V8_FLAGS: readonly string[] = [
  '--max-old-space-size=1024',
  '--max-semi-space-size=4',
  '--heap-growing-percent=20',
]

/**
 * glibc's malloc hands out blocks of 128 KiB and more as mappings of their own, given back to
 * the system when freed; but each time such a block is freed it raises that threshold to the
 * block's size (up to 32 MiB), and from then on blocks that big come from its heaps, where freed
 * memory mostly stays resident. The engine reads files of several MB (documents, month shards,
 * the search index), so browser mode kept tens of MB it had freed. A fixed threshold turns that
 * off. The trim threshold is raised with it: left at 128 KiB (fixing one fixes both), the heap
 * was given back and taken again so often that a first sync of 10,000 messages took 70,000 more
 * page faults and about 5 % longer; at 4 MiB it takes as many as before. Measured on the engine
 * alone at 100,000 messages, after opening 250 customers, marking them done and back and 200
 * searches, then a full collection (178 MB of V8 heap either way): RSS 288–326 MB instead of
 * 341–367 MB, glibc's main heap 9 MB instead of 27–49 MB. Other C libraries (macOS, Windows)
 * ignore these variables.
 */
export const ENGINE_ENV: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: String(128 * 1024),
  MALLOC_TRIM_THRESHOLD_: String(4 * 1024 * 1024),
}

/** The environment to start the engine's process with: `base` plus ENGINE_ENV, where `base` does not set them already. */
export function engineEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...ENGINE_ENV, ...base }
}

/** The flags as Electron takes them for its main process. */
export function electronJsFlags(): string {
  return `--js-flags=${ENGINE_V8_FLAGS.join(' ')}`
}
