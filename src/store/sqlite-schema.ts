import { UsageError } from '../core/errors.ts';
import { isLockedError, type Database } from './sqlite-driver.ts';

/**
 * The store's schema, one migration per version: migration i takes a file from version i
 * to i + 1. SQLite's `user_version` records which version a file is at.
 *
 * Version 2 keeps large parts of study specs (a task's data set) once per store in `blobs`,
 * keyed by the SHA-256 of their JSON text, the spec referring to them as
 * `{"$blob":"sha256:…"}`; specs written by version 1 hold everything inline and read as they
 * are. From version 2 on, `trials.duration_ms` is left empty (it is finished_ms − proposed_ms)
 * and a thread or queue worker's name is kept in `trials.worker` only, not also in `info`. A
 * trial whose info is the same text as that of a recent trial with the same functional hash
 * (a cache hit copies it) stores NULL in `info` and that trial's id in `info_of`.
 *
 * Version 3 adds study groups: `groups` holds each group's command and config, and a member
 * study (named `group/member`) points at its group with `studies.group_id`; other studies
 * have NULL there. A study's cache options live in its spec JSON as `cache`; specs written
 * before version 3 have none and read as studies without stored cache options.
 *
 * Version 4 keeps the same columns but makes `trials` an ordinary rowid table, the genotype
 * its last column, with a unique index on (study_id, id). Until version 3 it was a
 * `WITHOUT ROWID` table, whose rows live in an index b-tree: there a row over about 1,000
 * bytes (4 KiB pages) keeps only its first ~490 bytes in the tree and spills the rest into
 * an overflow page of its own, so a 1.1 KB register program took 4.7 KB of file. A rowid
 * table keeps rows up to ~4,000 bytes whole in its leaves, and a longer one overflows by
 * whole pages only. The genotype goes last so that reading a trial's result stops before it.
 * The copy leaves the old table's pages free, and the file is compacted once after it.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE studies (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     spec TEXT NOT NULL,
     seed INTEGER NOT NULL,
     status TEXT NOT NULL,
     stop_reason TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     elapsed_ms REAL NOT NULL DEFAULT 0
   );
   CREATE TABLE trials (
     study_id INTEGER NOT NULL REFERENCES studies(id),
     id INTEGER NOT NULL,
     genotype TEXT NOT NULL,
     key TEXT NOT NULL,
     hash TEXT,
     status TEXT NOT NULL,
     objectives TEXT,
     error TEXT,
     cached INTEGER NOT NULL DEFAULT 0,
     info TEXT,
     proposed_seq INTEGER NOT NULL,
     finished_seq INTEGER,
     proposed_ms REAL NOT NULL,
     finished_ms REAL,
     duration_ms REAL,
     worker TEXT,
     PRIMARY KEY (study_id, id)
   ) WITHOUT ROWID;
   CREATE TABLE snapshots (
     study_id INTEGER NOT NULL REFERENCES studies(id),
     seq INTEGER NOT NULL,
     algorithm TEXT NOT NULL,
     rng TEXT NOT NULL,
     elapsed_ms REAL NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (study_id, seq)
   );`,
  `CREATE TABLE blobs (
     hash TEXT PRIMARY KEY,
     json TEXT NOT NULL
   );
   ALTER TABLE trials ADD COLUMN info_of INTEGER;`,
  `CREATE TABLE groups (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     command TEXT NOT NULL,
     config TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   ALTER TABLE studies ADD COLUMN group_id INTEGER REFERENCES groups(id);
   CREATE INDEX studies_by_group ON studies(group_id);`,
  `CREATE TABLE trials_v4 (
     study_id INTEGER NOT NULL REFERENCES studies(id),
     id INTEGER NOT NULL,
     key TEXT NOT NULL,
     hash TEXT,
     status TEXT NOT NULL,
     objectives TEXT,
     error TEXT,
     cached INTEGER NOT NULL DEFAULT 0,
     info TEXT,
     info_of INTEGER,
     proposed_seq INTEGER NOT NULL,
     finished_seq INTEGER,
     proposed_ms REAL NOT NULL,
     finished_ms REAL,
     duration_ms REAL,
     worker TEXT,
     genotype TEXT NOT NULL
   );
   INSERT INTO trials_v4 (study_id, id, key, hash, status, objectives, error, cached, info, info_of,
     proposed_seq, finished_seq, proposed_ms, finished_ms, duration_ms, worker, genotype)
   SELECT study_id, id, key, hash, status, objectives, error, cached, info, info_of,
     proposed_seq, finished_seq, proposed_ms, finished_ms, duration_ms, worker, genotype
   FROM trials ORDER BY study_id, id;
   DROP TABLE trials;
   ALTER TABLE trials_v4 RENAME TO trials;
   CREATE UNIQUE INDEX trials_by_id ON trials(study_id, id);`,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings a database up to `target` (SCHEMA_VERSION unless a test builds an older file); a
 * newer file is refused with a clear message.
 */
export function migrate(db: Database, path: string, target: number = SCHEMA_VERSION): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new UsageError(`${path} has store schema version ${version}, newer than this amoeba understands (${SCHEMA_VERSION}); upgrade amoeba`);
  }
  const last = Math.min(target, SCHEMA_VERSION);
  for (let v = version; v < last; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  if (version >= 1 && version < TRIALS_REBUILT_AT && last >= TRIALS_REBUILT_AT) compact(db);
}

/** The version whose migration copies every trial into a new table, leaving the old pages free. */
const TRIALS_REBUILT_AT = 4;

/**
 * Gives back the pages a rebuilt table left free: a schema-3 store of AutoML-Zero trials
 * shrinks to about a third of its size (measured: 253 MB before, 76 MB after, in about 2 s
 * with the copy). When another connection is writing, the file keeps its free pages, which
 * new trials then reuse.
 */
function compact(db: Database): void {
  try {
    db.exec('VACUUM');
  } catch (error) {
    if (!isLockedError(error)) throw error;
  }
}
