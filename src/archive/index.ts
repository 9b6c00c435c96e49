export { checkArchives, dateHint, needsArchive, RECHECK_MISS_MS, type ArchiveCheckOptions, type ArchiveReport } from './check-archives.js'
export { availabilityUrl, lookupSnapshot } from './lookup-snapshot.js'
export { parseAvailability, type AvailabilityAnswer, type Snapshot } from './parse-availability.js'
export { waybackDay, waybackMillis } from './wayback-time.js'
