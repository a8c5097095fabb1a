// The demo's orders: the one each story is about, in the state the story implies (a
// delayed order still pending, a returned one marked returned), and earlier purchases.
import type { Channel, Order } from '../core/model'
import { CARRIERS, CATALOGUE, orderNumber, pickCarrier, trackingNumber, type Product } from './catalogue'
import { DAY, isoTime } from './clock'
import type { Person } from './people'
import type { ThreadPlan } from './plan'
import type { Rng } from './random'

export class OrderBook {
  private readonly orders: Omit<Order, 'id'>[] = []
  /** Order numbers in use: every channel's numbers are unique. */
  private readonly taken = new Set<string>()

  constructor(
    private readonly rng: Rng,
    private readonly now: number,
  ) {}

  /** The order a thread is about, in the state the story implies. */
  forStory(customerId: string, p: Person, t: ThreadPlan, product: Product, times: number[]): Omit<Order, 'id'> {
    const { rng } = this
    const first = times[0] as number
    const last = times[times.length - 1] as number
    const settled = t.status === 'done'
    const old = this.now - last > 20 * DAY
    let before: [number, number]
    let status: Order['status']
    switch (t.topic) {
      case 'shipping_delay':
        before = [5, 12]
        status = settled ? (old ? 'delivered' : 'shipped') : 'pending'
        break
      case 'tracking':
        before = [3, 10]
        status = settled && old ? 'delivered' : 'shipped'
        break
      case 'return_request':
        before = [8, 25]
        status = settled ? 'returned' : 'delivered'
        break
      case 'refund':
        before = [10, 30]
        status = settled && rng.chance(0.25) ? 'cancelled' : 'returned'
        break
      case 'damaged':
        before = [4, 12]
        status = settled && rng.chance(0.3) ? 'returned' : 'delivered'
        break
      case 'gift_wrapping':
        before = [0.05, 0.8]
        status = this.now - first < 5 * DAY ? 'pending' : 'delivered'
        break
      case 'negative_feedback':
        before = [15, 30]
        status = 'delivered'
        break
      default:
        before = [6, 20]
        status = 'delivered'
    }
    const placedAt = first - rng.between(before[0], before[1]) * DAY
    return this.place(customerId, p, t.channel, placedAt, status, product)
  }

  /** An earlier purchase the customer never wrote about. */
  past(customerId: string, p: Person, channel: Channel, placedAt: number): Omit<Order, 'id'> {
    const status = this.now - placedAt < 10 * DAY ? 'shipped' : this.rng.chance(0.06) ? 'cancelled' : 'delivered'
    return this.place(customerId, p, channel, placedAt, status, this.rng.pick(CATALOGUE))
  }

  private place(
    customerId: string,
    p: Person,
    channel: Channel,
    placedAt: number,
    status: Order['status'],
    product: Product,
  ): Omit<Order, 'id'> {
    const { rng } = this
    const ja = p.language === 'ja'
    const lines = [{ product, quantity: rng.chance(0.1) ? 2 : 1 }]
    if (rng.chance(0.35)) {
      const extra = rng.pick(CATALOGUE)
      if (extra !== product) lines.push({ product: extra, quantity: 1 })
    }
    const items = lines.map((l) => ({
      sku: l.product.sku,
      title: ja ? l.product.ja : l.product.en,
      quantity: l.quantity,
      price: ja ? l.product.jpy : l.product.usd,
    }))
    const total = items.reduce((n, i) => n + i.price * i.quantity, 0)
    const at = Math.floor(placedAt / 1000) * 1000
    const order: Omit<Order, 'id'> = {
      customerId,
      channel,
      orderNumber: orderNumber(rng, channel, p.language, at, this.taken),
      placedAt: isoTime(at),
      currency: ja ? 'JPY' : 'USD',
      total: ja ? total : Math.round(total * 100) / 100,
      status,
      items,
    }
    if (status === 'shipped' || status === 'delivered' || status === 'returned') {
      const carrier = pickCarrier(rng, p.language)
      order.trackingNumber = trackingNumber(rng, carrier, p.language)
      order.carrier = CARRIERS[carrier].en
    }
    this.orders.push(order)
    return order
  }

  /** Every order, numbered in the order they were placed. */
  finish(): Order[] {
    const byDate = this.orders.slice().sort((a, b) => (a.placedAt < b.placedAt ? -1 : a.placedAt > b.placedAt ? 1 : 0))
    return byDate.map((o, i) => ({ ...o, id: `ord_${String(i + 1).padStart(5, '0')}` }))
  }
}
