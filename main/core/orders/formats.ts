// The order exports we know by their columns: Shopify's orders export, Amazon's order report
// (tab-separated), eBay Seller Hub's orders report. Anything else is "generic" and goes through
// the column-mapping step. Column names are the ones those exports write.
import type { Channel, Order } from '../model'
import type { ColumnMapping, OrderFormat } from './fields'
import { parseStatus } from './values'

export interface FormatSpec {
  format: OrderFormat
  /** Where its orders are: Shopify is the seller's own shop, reached by e-mail. */
  channel: Channel
  /** Columns that must all be there for a file to be this export. */
  signature: readonly string[]
  mapping: ColumnMapping
  /** The price column holds the line's total (price × quantity), as Amazon's item-price does. */
  priceIsLineTotal?: boolean
  /** The order's state from its row, where the export spreads it over several columns. */
  status?(cell: (header: string) => string): Order['status'] | undefined
}

export const FORMATS: Record<Exclude<OrderFormat, 'generic'>, FormatSpec> = {
  shopify: {
    format: 'shopify',
    channel: 'email',
    signature: ['Name', 'Email', 'Financial Status', 'Lineitem name'],
    mapping: {
      orderNumber: 'Name',
      placedAt: 'Created at',
      buyerName: 'Billing Name',
      email: 'Email',
      phone: 'Shipping Phone',
      itemTitle: 'Lineitem name',
      sku: 'Lineitem sku',
      quantity: 'Lineitem quantity',
      price: 'Lineitem price',
      total: 'Total',
      currency: 'Currency',
      status: 'Fulfillment Status',
    },
    status(cell) {
      const financial = cell('Financial Status').toLowerCase()
      if (cell('Cancelled at') || financial === 'voided') return 'cancelled'
      if (financial === 'refunded') return 'returned'
      const fulfillment = cell('Fulfillment Status').toLowerCase()
      if (fulfillment === 'fulfilled') return 'shipped'
      return financial || fulfillment ? 'pending' : undefined
    },
  },
  amazon: {
    format: 'amazon',
    channel: 'amazon',
    signature: ['order-id', 'purchase-date', 'sku'],
    mapping: {
      orderNumber: 'order-id',
      placedAt: 'purchase-date',
      buyerName: 'buyer-name',
      email: 'buyer-email',
      phone: 'buyer-phone-number',
      itemTitle: 'product-name',
      sku: 'sku',
      quantity: 'quantity-purchased',
      price: 'item-price',
      currency: 'currency',
      status: 'order-status',
    },
    priceIsLineTotal: true,
  },
  ebay: {
    format: 'ebay',
    channel: 'ebay',
    signature: ['Order Number', 'Buyer Username', 'Item Title'],
    mapping: {
      orderNumber: 'Order Number',
      placedAt: 'Sale Date',
      buyerName: 'Buyer Name',
      email: 'Buyer Email',
      buyerId: 'Buyer Username',
      phone: 'Ship To Phone',
      itemTitle: 'Item Title',
      sku: 'Custom Label',
      quantity: 'Quantity',
      price: 'Sold For',
      total: 'Total Price',
      trackingNumber: 'Tracking Number',
      carrier: 'Shipping Service',
    },
    status(cell) {
      const status = parseStatus(cell('Order Status'))
      if (status) return status
      return cell('Shipped On Date') ? 'shipped' : undefined
    },
  },
}

/** The known export whose columns these are, or generic. */
export function detectFormat(headers: readonly string[]): OrderFormat {
  const have = new Set(headers.map((h) => h.trim()))
  for (const spec of Object.values(FORMATS)) if (spec.signature.every((h) => have.has(h))) return spec.format
  return 'generic'
}

/** The columns of a known export that this file lacks (wrong file picked, or an old export). */
export function missingSignature(format: OrderFormat, headers: readonly string[]): string[] {
  if (format === 'generic') return []
  const have = new Set(headers.map((h) => h.trim()))
  return FORMATS[format].signature.filter((h) => !have.has(h))
}
