// The UID → record maps of mail accounts, kept on disk as an append-only log per account.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoreNotice } from '../../main/store/json-document'
import { UidMaps } from '../../main/store/uid-maps'

let dir: string
let notices: StoreNotice[]
let opened: UidMaps[]

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'uid-maps-'))
  notices = []
  opened = []
})

afterEach(async () => {
  for (const maps of opened) await maps.close()
  await fs.rm(dir, { recursive: true, force: true })
})

function open(): UidMaps {
  const maps = new UidMaps(dir, (n) => notices.push(n))
  opened.push(maps)
  return maps
}

const logFile = (account = 'acc_1'): string => join(dir, 'uid-maps', `${account}.log`)

describe('UID maps on disk', () => {
  it('keeps UIDs, removals and a forgotten folder across a restart', async () => {
    const maps = open()
    const a = maps.of('acc_1')
    expect(await a.load()).toBe('missing')
    a.set('INBOX', 1, ['msg_a', '2026-11'])
    a.set('INBOX', 2, ['msg_b', '2026-11'])
    a.set('Archive', 7, ['msg_a', '2026-11'])
    a.set('Sent', 3, ['msg_c', '2026-10'])
    await a.flush()
    a.delete('INBOX', 1)
    a.clearFolder('Sent')
    // Changes apply at once, before they are written.
    expect(await a.get('INBOX', 1)).toBeUndefined()
    expect(await a.get('INBOX', 2)).toEqual(['msg_b', '2026-11'])
    await maps.close()

    const again = open().of('acc_1')
    expect(await again.load()).toBe('ok')
    expect(await again.get('INBOX', 1)).toBeUndefined()
    expect(await again.get('INBOX', 2)).toEqual(['msg_b', '2026-11'])
    expect(await again.get('Archive', 7)).toEqual(['msg_a', '2026-11'])
    expect(await again.get('Sent', 3)).toBeUndefined()
    expect(await again.locate(['msg_a', 'msg_b', 'msg_c'])).toEqual(
      new Map([
        ['msg_a', [{ folder: 'Archive', uid: 7 }]],
        ['msg_b', [{ folder: 'INBOX', uid: 2 }]],
      ]),
    )
    expect(notices).toEqual([])
  })

  it('finds records by id both written and not written yet, and only where they still are', async () => {
    const a = open().of('acc_1')
    await a.load()
    a.set('INBOX', 5, ['msg_x', '2026-11'])
    await a.flush()
    // Moved to Archive: the INBOX line is still in the file, but no longer current.
    a.delete('INBOX', 5)
    a.set('Archive', 9, ['msg_x', '2026-11'])
    expect(await a.locate(['msg_x'])).toEqual(new Map([['msg_x', [{ folder: 'Archive', uid: 9 }]]]))
    await a.flush()
    expect(await a.locate(['msg_x'])).toEqual(new Map([['msg_x', [{ folder: 'Archive', uid: 9 }]]]))
  })

  it('cuts off a line torn by a kill mid-append, and appends after the last whole line', async () => {
    const a = open().of('acc_1')
    await a.load()
    a.set('INBOX', 1, ['msg_a', '2026-11'])
    await a.flush()
    await fs.appendFile(logFile(), '["INBOX",2,"msg_')
    const b = open().of('acc_1')
    expect(await b.load()).toBe('ok')
    expect(await b.get('INBOX', 2)).toBeUndefined()
    b.set('INBOX', 3, ['msg_c', '2026-11'])
    await b.flush()
    const c = open().of('acc_1')
    expect(await c.load()).toBe('ok')
    expect(await c.get('INBOX', 1)).toEqual(['msg_a', '2026-11'])
    expect(await c.get('INBOX', 3)).toEqual(['msg_c', '2026-11'])
    expect(notices).toEqual([])
  })

  it('sets a damaged log aside, says so, and starts empty without writing a new file until asked', async () => {
    const a = open().of('acc_1')
    await a.load()
    a.set('INBOX', 1, ['msg_a', '2026-11'])
    await a.flush()
    await fs.appendFile(logFile(), 'not json at all\n["INBOX",2,"msg_b","2026-11"]\n')
    const b = open().of('acc_1')
    expect(await b.load()).toBe('damaged')
    expect(await b.get('INBOX', 1)).toBeUndefined()
    expect(notices).toHaveLength(1)
    expect(notices[0]!.level).toBe('warning')
    expect(notices[0]!.message).toMatch(/damaged.*nothing is lost/)
    const files = await fs.readdir(join(dir, 'uid-maps'))
    expect(files.some((f) => f.startsWith('acc_1.log.damaged-'))).toBe(true)
    expect(files).not.toContain('acc_1.log')
    await b.ensureFile()
    expect(await open().of('acc_1').load()).toBe('ok')
  })

  it('treats a file without its header as damaged', async () => {
    await fs.mkdir(join(dir, 'uid-maps'))
    await fs.writeFile(logFile(), '["INBOX",1,"msg_a","2026-11"]\n')
    expect(await open().of('acc_1').load()).toBe('damaged')
    await fs.writeFile(logFile(), '')
    expect(await open().of('acc_1').load()).toBe('damaged')
  })

  it('writes a log grown with removals afresh on load, keeping what is live', async () => {
    const a = open().of('acc_1')
    await a.load()
    for (let uid = 1; uid <= 12_000; uid++) a.set('INBOX', uid, [`msg_${uid}`, '2026-11'])
    await a.flush()
    for (let uid = 1; uid <= 11_990; uid++) a.delete('INBOX', uid)
    await a.flush()
    const before = (await fs.stat(logFile())).size
    const b = open().of('acc_1')
    expect(await b.load()).toBe('ok')
    expect((await fs.stat(logFile())).size).toBeLessThan(before / 10)
    expect(b.size('INBOX')).toBe(10)
    expect(await b.get('INBOX', 12_000)).toEqual(['msg_12000', '2026-11'])
    b.set('INBOX', 12_001, ['msg_12001', '2026-11'])
    await b.flush()
    const c = open().of('acc_1')
    await c.load()
    expect(await c.get('INBOX', 11_995)).toEqual(['msg_11995', '2026-11'])
    expect(await c.get('INBOX', 12_001)).toEqual(['msg_12001', '2026-11'])
    expect(c.size('INBOX')).toBe(11)
  })
})
