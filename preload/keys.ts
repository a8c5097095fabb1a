// The keyboard part of the contract: the seller's own keys, kept in settings.json
// (`settings.update` takes `keyBindings`, checked by schemas/keys.ts). The engine stores them as
// given; which sequences conflict is the renderer's command registry's to say, since only it
// knows every command.

/** A command has at most this many key sequences of the seller's own. */
export const MAX_KEYS_PER_COMMAND = 4
/** Far more commands than the app has: a bound on what a bad caller can make us store. */
export const MAX_BOUND_COMMANDS = 500
