// V8 flags for the process the engine runs in (Electron's main process, or Node in browser
// mode). They must be given when the process starts: V8 sizes its heap once, so
// `v8.setFlagsFromString` comes too late for them. start.ts passes them to Electron
// (`--js-flags`) and to browser mode; package.json's `web` script and the benchmarks repeat
// them (tests/unit/engine-flags.test.ts keeps them the same).
//
// Why: V8 lets the old generation grow to a multiple of what survived the last full
// collection before collecting again, and that multiple depends on the heap limit: 4 at the
// default limit (a quarter of the machine's memory, 4 GB here), 1.6 at 1 GB. A first sync of
// 100,000 messages holds about 150 MB live, so at 4× the process kept hundreds of MB of
// garbage it did not need. 1 GB is also the safety net: far above what 100,000 messages
// need, and a runaway is stopped there instead of taking the seller's machine with it.
// A smaller young generation (V8's default lets each semi-space grow to 16 MB) costs a few
// more scavenges and keeps up to 24 MB less resident.
export const ENGINE_V8_FLAGS: readonly string[] = ['--max-old-space-size=1024', '--max-semi-space-size=4']

/** The flags as Electron takes them for its main process. */
export function electronJsFlags(): string {
  return `--js-flags=${ENGINE_V8_FLAGS.join(' ')}`
}
