export { refresh } from './refresh.js'
export { TERMS_THRESHOLD, buildTermProfile, matchTerms } from './terms.js'
export { eventCadence, nextPoll, nextCheck, cacheMaxAge } from './schedule.js'
export type { RefreshInput, RefreshDeps, RefreshReport, RefreshChange, RefreshAddition, RefreshFailure } from './types.js'
