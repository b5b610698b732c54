/**
 * An EPCIS document written as its events are made: the head, then the events a chunk at a time
 * as the client takes them (a pull stream: nothing is made ahead of what the response can send),
 * then the tail. A million moves never sit in memory as one document.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { EpcisEvent } from './epcis-events'
import type { Omission } from './epcis'

/** The JSON-LD context GS1 publishes for EPCIS 2.0 documents. */
export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'

/** Our prefix for the one field of our own, the list of what was left out. */
const OWN_PREFIX = { lotledger: 'urn:lotledger:epcis:' }

/** Characters of JSON gathered before they are handed to the response. */
const CHUNK_CHARS = 64 * 1024

/**
 * The document's opening, up to the event list. `omitted` (only when the client allowed leaving
 * things out) goes before the events: it is known before the first event is written.
 */
export function documentHead(creationDate: string, omitted: readonly Omission[] | null): string {
  const head: Record<string, unknown> = {
    '@context': omitted ? [EPCIS_CONTEXT, OWN_PREFIX] : [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate,
  }
  if (omitted) head['lotledger:omitted'] = omitted
  const text = JSON.stringify({ ...head, epcisBody: { eventList: [] } })
  // Everything but the closing `]}}` of the empty event list.
  return text.slice(0, -3)
}

const TAIL = ']}}'

/** The document as a byte stream whose events are made when the client is ready for them. */
export function documentStream(head: string, events: Iterator<EpcisEvent>, onError: (err: Error) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let started = false
  let first = true
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // A local client takes each chunk at once, and the response would ask for the next without
      // ever letting other requests in: each chunk waits for the event loop's next turn.
      if (started) await nextTurn()
      let chunk = started ? '' : head
      started = true
      try {
        while (chunk.length < CHUNK_CHARS) {
          const next = events.next()
          if (next.done) {
            controller.enqueue(encoder.encode(chunk + TAIL))
            controller.close()
            return
          }
          chunk += (first ? '' : ',') + JSON.stringify(next.value)
          first = false
        }
      } catch (err) {
        // The answer has started: the client can only be told by a cut document.
        onError(err as Error)
        controller.error(err)
        return
      }
      controller.enqueue(encoder.encode(chunk))
    },
    cancel() {
      events.return?.(undefined)
    },
  })
}
