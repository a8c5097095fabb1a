import { describe, expect, it } from 'vitest'
import { EngineError } from '../../preload/api'
import { dispatch, type Handlers } from '../../main/engine/dispatch'
import { defaultDataDir, parseLaunchOptions, UsageError } from '../../main/launch/options'

describe('launch options', () => {
  it('takes the data folder from --data-dir, else SELLER_INBOX_DATA, else the OS convention', () => {
    expect(parseLaunchOptions(['--data-dir', '/tmp/a'], {}).dataDir).toBe('/tmp/a')
    expect(parseLaunchOptions(['--data-dir=/tmp/b'], { SELLER_INBOX_DATA: '/tmp/c' }).dataDir).toBe('/tmp/b')
    expect(parseLaunchOptions([], { SELLER_INBOX_DATA: '/tmp/c' }).dataDir).toBe('/tmp/c')
    expect(parseLaunchOptions([], { XDG_DATA_HOME: '/home/x/.local/share' }).dataDir).toBe(
      '/home/x/.local/share/seller-inbox',
    )
  })

  it('keeps the demo apart from the real workspace', () => {
    const o = parseLaunchOptions(['--demo'], { XDG_DATA_HOME: '/d' })
    expect(o.demo).toBe(true)
    expect(o.dataDir).toBe('/d/seller-inbox-demo')
    expect(defaultDataDir(false, { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Seller Inbox$/)
  })

  it('explains a bad value instead of guessing', () => {
    expect(() => parseLaunchOptions(['--port', 'eighty'], {})).toThrow(UsageError)
    expect(() => parseLaunchOptions(['--data-dir'], {})).toThrow(/needs a value/)
    expect(parseLaunchOptions(['--port', '8080', '--no-open', '--enable-logging'], {})).toMatchObject({
      port: 8080,
      open: false,
    })
  })
})

describe('dispatch', () => {
  const logged: unknown[] = []
  const handlers = {
    'app.info': async () => {
      throw new Error('disk on fire')
    },
    'customer.get': async () => {
      throw new EngineError('not_found', 'No customer x.')
    },
  } as unknown as Handlers

  it('hides internal failures behind a typed error and logs them', async () => {
    const r = await dispatch(handlers, 'app.info', {}, (e) => logged.push(e))
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/log/) } })
    expect(String(logged[0])).toMatch(/disk on fire/)
  })

  it('passes typed engine errors through', async () => {
    expect(await dispatch(handlers, 'customer.get', { customerId: 'x' }, () => undefined)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No customer x.' },
    })
  })

  it('refuses what is not a request before any handler runs', async () => {
    for (const method of [undefined, 42, '__proto__', 'constructor', 'toString']) {
      expect(await dispatch(handlers, method, {}, () => undefined)).toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      })
    }
    expect(await dispatch(handlers, 'customer.get', { customerId: '' }, () => undefined)).toMatchObject({
      ok: false,
      error: { code: 'bad_request', issues: [{ path: 'customerId' }] },
    })
    expect(await dispatch(handlers, 'customer.get', 'nonsense', () => undefined)).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    })
  })
})
