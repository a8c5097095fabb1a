// What a kill -9 in the middle of a batch's durable write leaves: store.bulk writes the
// Message-ID index before the documents, so the index may name a record, and a conversation,
// that were never written. A reply to such a message arrives later (the next batch of a resumed
// sync): it must be stored in a conversation that exists, and the message itself, fetched
// again, must be taken again.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseMail } from '../../main/channels/mail/parse'
import type { Account } from '../../main/core/model'
import { Ingest } from '../../main/engine/ingest'
import { Store } from '../../main/store/store'

let dir: string
let store: Store

const account: Account = {
  id: 'acc_1',
  label: 'Shop',
  kind: 'local',
  address: 'shop@aiko-teaware.example',
  createdAt: '2026-01-01T00:00:00.000Z',
}

function mail(messageId: string, subject: string, body: string, inReplyTo?: string): Uint8Array {
  return Buffer.from(
    [
      'From: Emma Clark <emma@example.com>',
      'To: shop@aiko-teaware.example',
      `Subject: ${subject}`,
      `Message-ID: ${messageId}`,
      ...(inReplyTo ? [`In-Reply-To: ${inReplyTo}`, `References: ${inReplyTo}`] : []),
      'Date: Mon, 16 Nov 2026 09:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
  )
}

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'ingest-kill-'))
  store = await Store.open(dir)
  store.accounts[account.id] = account
  await store.messageIds.load()
})

afterEach(async () => {
  await store.close()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('ingest after a kill between the index and the documents', () => {
  it('threads a reply to a message the index names but whose conversation was never written', async () => {
    // What the kill left: an index entry and nothing else.
    store.messageIds.put('<first@example.com>', { id: 'msg_never', conversationId: 'cnv_never', month: '2026-11' })
    await store.messageIds.flush()
    const ingest = new Ingest(store, () => new Date('2026-11-20T00:00:00Z'))

    const replyRaw = mail('<second@example.com>', 'Re: Teapot lid', 'Any news?', '<first@example.com>')
    const reply = await ingest.add({ account, raw: replyRaw, parsed: await parseMail(replyRaw) })
    expect(reply.created).toBe(true)
    expect(reply.record.conversationId).not.toBe('cnv_never')
    expect(store.conversations[reply.record.conversationId]?.messageCount).toBe(1)

    // The first message, fetched again, is stored this time, and joins the reply's conversation.
    const firstRaw = mail('<first@example.com>', 'Teapot lid', 'The lid of my teapot is cracked.')
    const first = await ingest.add({ account, raw: firstRaw, parsed: await parseMail(firstRaw) })
    expect(first.created).toBe(true)
    expect(first.record.conversationId).toBe(reply.record.conversationId)
    expect(store.conversations[reply.record.conversationId]?.messageCount).toBe(2)
    expect(Object.keys(store.conversations)).toEqual([reply.record.conversationId])
  })
})
