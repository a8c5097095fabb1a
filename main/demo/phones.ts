// Phone numbers on file for part of the demo's customers, as a shop has for those who ordered
// by phone or gave a number at checkout: enough for the weekly "call five" plan to have choices.
// Its own random source, so adding numbers changes nothing else the generator makes.
import type { Customer } from '../core/model'
import { demoPhone } from './people'
import { Rng } from './random'

/** About this share of customers have a number the seller may call. */
const SHARE = 0.4

export function givePhones(customers: Customer[], seed: number): void {
  const rng = new Rng(seed ^ 0x70686f6e)
  for (const c of customers) {
    const chosen = rng.chance(SHARE)
    const phone = demoPhone(rng, c.language)
    if (chosen && !c.keys.some((k) => k.kind === 'phone')) c.phone = phone.display
  }
}
