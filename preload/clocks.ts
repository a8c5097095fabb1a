// The contract's part for response clocks, re-exported by preload/api.ts (how the settings that
// hold them are validated, and what a snooze may end on, is in schemas/clocks.ts).

// The renderer counts in the same clocks (the snooze picker's "next business morning", the
// settings' example due time and coming holidays): pure functions, shared through the contract.
export { nextBusinessMorning, type WorkingWeek } from '../main/core/clocks/business-time'
export { japaneseHolidays } from '../main/core/clocks/jp-holidays'
export {
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_RESPONSE_POLICIES,
  minutesOf,
  POLICY_UNITS,
  responseClocksOf,
  type BusinessHours,
  type PolicyUnit,
  type ResponseClocks,
  type ResponsePolicy,
} from '../main/core/clocks/policies'
export { instantOf, isoDate, nextDate, wallTime, type CivilDate } from '../main/core/clocks/time-zone'
export { dueAt } from '../main/core/sla'
