export type { Store } from './store.js'
export { createMemoryStore } from './memory-store.js'
export { openJsonStore, parseStoreText, readStoreFile, type JsonStoreOptions } from './json-store.js'
export * from './schema.js'
