// Typed failures of the data folder, each with words a seller can act on.

export class StoreError extends Error {
  constructor(
    message: string,
    /** What the seller can do about it. */
    readonly action: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** Another running Seller Inbox holds the data folder. */
export class StoreLockedError extends StoreError {}

/** The data folder was written by a newer version of the app. */
export class StoreTooNewError extends StoreError {}

/** The disk refused a write (full, read-only, permissions). Nothing was lost in memory. */
export class StoreWriteError extends StoreError {}
