/**
 * Undoing changes to the in-memory state: while a batch is tried, every mutation leaves its
 * inverse here, and a batch that fails (or a dry run) plays them back, newest first.
 */
export class UndoLog {
  #steps: Array<() => void> = []

  /** Remembers how to reverse the change just made. */
  push(step: () => void): void {
    this.#steps.push(step)
  }

  /** Reverses every remembered change, newest first, and forgets them. */
  undo(): void {
    for (let i = this.#steps.length - 1; i >= 0; i--) this.#steps[i]()
    this.#steps = []
  }
}
