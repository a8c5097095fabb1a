// Builds the connector of a marketplace API account from its settings and unsealed secrets.
import { EngineError } from '../../preload/api'
import type { Account } from '../core/model'
import type { ApiConnector } from '../channels/api/types'
import { EbayConnector } from '../channels/ebay/connector'
import { RakutenConnector } from '../channels/rakuten/connector'

/** What an API account keeps sealed: eBay's OAuth user token, Rakuten's service secret and license key. */
export interface ApiSecrets {
  accessToken?: string
  serviceSecret?: string
  licenseKey?: string
}

export function connectorFor(account: Account, secrets: ApiSecrets, now: () => Date): ApiConnector {
  const api = account.api
  if (!api) throw new EngineError('bad_request', `${account.label} has no marketplace API settings.`)
  const self = { ...(account.displayName ? { name: account.displayName } : {}), address: account.address }
  if (account.kind === 'ebay') {
    if (!secrets.accessToken || !api.username)
      throw new EngineError(
        'unavailable',
        `${account.label} has no eBay access token. Reconnect your eBay account in Settings → Accounts.`,
      )
    return new EbayConnector({ baseUrl: api.baseUrl, token: secrets.accessToken, username: api.username, self, now })
  }
  if (account.kind === 'rakuten') {
    if (!secrets.serviceSecret || !secrets.licenseKey || api.shopId === undefined)
      throw new EngineError(
        'unavailable',
        `${account.label} has no Rakuten service secret or license key. Reconnect your Rakuten account in Settings → Accounts.`,
      )
    return new RakutenConnector({
      baseUrl: api.baseUrl,
      serviceSecret: secrets.serviceSecret,
      licenseKey: secrets.licenseKey,
      shopId: api.shopId,
      self,
      now,
    })
  }
  throw new EngineError('bad_request', `${account.label} is not a marketplace API account.`)
}
