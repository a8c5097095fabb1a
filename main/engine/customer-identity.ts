// Merging and splitting customers by hand, and undoing either: runs the pure changes of
// core/customers on the store, moves the message records of moved conversations along, and
// keeps the change and its decisions in identity-decisions.json so they stick and can be undone.
import { randomUUID } from 'node:crypto'
import { EngineError, type CustomerMatch, type IdentityChangeResult, type RequestParams } from '../../preload/api'
import {
  IdentityChangeError,
  type IdentityChange,
  type IdentityPatch,
  type IdentityState,
} from '../core/customers/identity-change'
import { mergeCustomers } from '../core/customers/merge'
import { splitCustomer } from '../core/customers/split'
import { undoChange } from '../core/customers/undo'

import type { Customer } from '../core/model'
import { monthOf, type Store } from '../store/store'

export class CustomerIdentity {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** Customers changed: the ingest's key lookup must be rebuilt. */
    private readonly customersChanged: () => void,
  ) {}

  async merge(p: RequestParams<'customer.merge'>): Promise<IdentityChangeResult> {
    const state = await this.state()
    return this.apply(this.attempt(() => mergeCustomers(state, p.keepId, p.mergeId, this.at(), newId)))
  }

  async split(p: RequestParams<'customer.split'>): Promise<IdentityChangeResult> {
    const state = await this.state()
    return this.apply(this.attempt(() => splitCustomer(state, p, this.at(), newId)))
  }

  /** Undoes the change named, or the latest one. */
  async undo(p: RequestParams<'customer.undoIdentity'>): Promise<IdentityChangeResult> {
    const latest = this.latest()
    const change = p.changeId ? this.store.identityDecisions.changes[p.changeId] : latest
    if (!change)
      throw new EngineError(
        'not_found',
        p.changeId ? `No merge or split ${p.changeId}.` : 'There is no merge or split to undo.',
      )
    const state = await this.state()
    return this.apply(this.attempt(() => undoChange(state, change, latest, this.at())))
  }

  /** Customers whose name, alias, address, buyer id, phone or order number contains the query. */
  find(p: RequestParams<'customer.find'>): CustomerMatch[] {
    const q = p.query.normalize('NFKC').trim().toLowerCase()
    const out: (CustomerMatch & { score: number })[] = []
    for (const c of Object.values(this.store.customers)) {
      if (c.id === p.exclude) continue
      const name = c.name.normalize('NFKC').toLowerCase()
      const alias = (c.aliases ?? []).find((a) => a.normalize('NFKC').toLowerCase().includes(q))
      const key = c.keys.find((k) => k.value.toLowerCase().includes(q))
      const score = q === '' ? 0 : name.startsWith(q) ? 3 : name.includes(q) ? 2 : alias ? 1.5 : key ? 1 : -1
      if (score < 0) continue
      out.push({ id: c.id, name: c.name, detail: key?.value ?? alias ?? c.keys[0]?.value ?? '', score })
    }
    out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    return out.slice(0, p.limit).map(({ score, ...m }) => (void score, m))
  }

  private latest(): IdentityChange | undefined {
    return Object.values(this.store.identityDecisions.changes)
      .filter((c) => !c.undoneAt)
      .sort((a, b) => a.at.localeCompare(b.at))
      .at(-1)
  }

  private at(): string {
    // Strictly after the last change, so "latest" is well defined even within one millisecond.
    const last = Object.values(this.store.identityDecisions.changes).reduce((m, c) => (c.at > m ? c.at : m), '')
    const now = this.now().toISOString()
    return now > last ? now : new Date(Date.parse(last) + 1).toISOString()
  }

  private attempt(make: () => IdentityPatch): IdentityPatch {
    try {
      return make()
    } catch (err) {
      if (err instanceof IdentityChangeError) throw new EngineError(err.code, err.message)
      throw err
    }
  }

  private async state(): Promise<IdentityState> {
    await this.store.load('orders')
    return {
      customers: this.store.customers,
      conversations: this.store.conversations,
      orders: this.store.orders,
      reminders: this.store.reminders,
      decisions: this.store.identityDecisions.decisions,
    }
  }

  private async apply(patch: IdentityPatch): Promise<IdentityChangeResult> {
    const { store } = this
    const moved = new Set<string>()
    await store.bulk(async () => {
      for (const c of patch.putCustomers) {
        store.customers[c.id] = c
        store.docs.customers.changed('customers', c.id)
      }
      for (const id of patch.removeCustomers) {
        delete store.customers[id]
        store.docs.customers.changed('customers', id)
      }
      for (const [id, customerId] of Object.entries(patch.moves.conversations)) {
        const c = store.conversations[id]
        if (!c) continue
        store.conversations[id] = { ...c, customerId }
        store.docs.conversations.changed('conversations', id)
        moved.add(customerId).add(c.customerId)
        // Message records carry their customer too (the timeline reads them by it).
        const records = await store.messagesOf(c)
        await store.updateMessages(
          records.map((m) => ({ id: m.id, month: monthOf(m) })),
          (m) => (m.customerId === customerId ? undefined : { ...m, customerId }),
        )
      }
      for (const [id, customerId] of Object.entries(patch.moves.orders)) {
        const o = store.orders[id]
        if (!o) continue
        store.orders[id] = { ...o, customerId }
        store.docs.orders.changed('orders', id)
      }
      for (const [id, customerId] of Object.entries(patch.moves.reminders)) {
        const r = store.reminders[id]
        if (!r) continue
        store.reminders[id] = { ...r, customerId }
        store.docs.reminders.changed('reminders', id)
      }
      const doc = store.identityDecisions
      for (const id of patch.removeDecisions) {
        delete doc.decisions[id]
        store.docs.identityDecisions.changed('decisions', id)
      }
      for (const d of patch.putDecisions) {
        doc.decisions[d.id] = d
        store.docs.identityDecisions.changed('decisions', d.id)
      }
      doc.changes[patch.change.id] = patch.change
      store.docs.identityDecisions.changed('changes', patch.change.id)
    })
    // The seller's decision is on disk before the screen says it is done.
    await store.flush()
    this.customersChanged()
    const customers = patch.change.undoneAt
      ? patch.change.before.map((b) => store.customers[b.id]).filter((c): c is Customer => !!c)
      : patch.change.customerIds.map((id) => store.customers[id]).filter((c): c is Customer => !!c)
    return {
      changeId: patch.change.id,
      kind: patch.change.kind,
      undone: patch.change.undoneAt !== undefined,
      customers,
      removed: patch.removeCustomers,
      touched: [...new Set([...moved, ...patch.putCustomers.map((c) => c.id), ...patch.removeCustomers])],
    }
  }
}

function newId(prefix: string): string {
  return `${prefix}_${randomUUID()}`
}
