/** Study stores (memory, SQLite) and the functions that start and resume stored studies. */
export { memoryStore } from './memory-store.ts';
export { readOnlySqliteStore, sqliteStore, DEFAULT_STORE_FILE } from './sqlite-store.ts';
export type { ReadOnlySqliteStore, SqliteStoreOptions } from './sqlite-store.ts';
export { SCHEMA_VERSION } from './sqlite-schema.ts';
export { openStoreFile } from './open-store.ts';
export { isFinished, rebuildParts, requireStudy, resumeStoredStudy, startStoredStudy } from './stored-study.ts';
export type { RunExtras, StoredSearchOptions, StudyParts } from './stored-study.ts';
export type { Recipe, StoredGroup, StoredStudy, StudyGroupSpec, StudySpec, StudyStatus, StudyStore, TrialCounts } from './types.ts';
export { freshName, groupOfStudy } from './group-names.ts';
export { checkSearchFile } from './search-file.ts';
export type { SearchFile } from './search-file.ts';
