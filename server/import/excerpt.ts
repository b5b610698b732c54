/**
 * What a message may quote of what was sent: a short excerpt, never a whole line or cell, so that
 * an answer stays small whatever the file holds, and readable (no control or direction characters).
 */

// Control characters, and the invisible ones that reorder text (a name could read backwards).
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** At most `max` characters of `text`, an ellipsis where it was cut, unprintable characters as spaces. */
export function excerpt(text: string, max = 40): string {
  const head = text.slice(0, max + 1).replace(UNPRINTABLE, ' ')
  return text.length <= max ? head : `${head.slice(0, max - 1)}…`
}

/**
 * `message` cut in its middle when longer than `max`: the start and the end stay, so that
 * `Quantity: "xxxx…xxxx" is not a number` still says what is wrong.
 */
export function shortened(message: string, max = 400): string {
  if (message.length <= max) return message
  const keep = max - 40
  const head = Math.ceil(keep * 0.6)
  return `${message.slice(0, head)}… (${(message.length - keep).toLocaleString('en-US')} characters left out) …${message.slice(message.length - (keep - head))}`
}
