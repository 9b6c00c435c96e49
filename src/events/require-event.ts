import { RoundupError } from '../errors.js'
import type { StoredEvent } from '../store/schema.js'
import type { Store } from '../store/store.js'

/** The event with this id, or EVENT_NOT_FOUND naming the ids there are. */
export function requireEvent(store: Store, id: string): StoredEvent {
  const event = store.getEvent(id)
  if (event) return event
  const ids = store.listEvents().map((e) => e.id).sort()
  const known = ids.length === 0 ? 'none yet' : ids.length > 20 ? `${ids.slice(0, 20).join(', ')} and ${ids.length - 20} more` : ids.join(', ')
  throw new RoundupError('EVENT_NOT_FOUND', `no event "${id}" in the store (known: ${known}); run "roundup events" to list them`)
}
