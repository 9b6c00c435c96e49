import { RoundupError } from '../errors.js'
import type { StoredEvent } from '../store/schema.js'
import type { Store } from '../store/store.js'
import { requireEvent } from './require-event.js'

/** Give an event the user's own title. The id stays, so links and scripts that name it keep working. */
export function renameEvent(store: Store, id: string, title: string, now: Date = new Date()): StoredEvent {
  const clean = title.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim()
  if (!clean) throw new RoundupError('OPTIONS_INVALID', 'the new title is empty')
  if (clean.length > 500) throw new RoundupError('OPTIONS_INVALID', `the new title is ${clean.length} characters long; keep it under 500`)
  // A user title also stops later crawls from deriving one from the seed.
  const event: StoredEvent = { ...structuredClone(requireEvent(store, id)), title: clean, titleSource: 'user', updatedAt: now.toISOString() }
  store.putEvent(event)
  return event
}
