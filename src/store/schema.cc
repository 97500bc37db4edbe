// The store's schema and its migrations. Each migration runs in one transaction and bumps
// PRAGMA user_version; a database newer than this library is refused, never downgraded.
#include "store/schema.h"

#include "absl/strings/str_cat.h"
#include "store/sqlite.h"

namespace voc::store_schema {
namespace {

// Migration 1: the whole initial schema, including the closed-loop tables.
constexpr const char* kMigration1 = R"sql(
CREATE TABLE feedback (
  rowid        INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  channel      TEXT NOT NULL,
  touchpoint   TEXT,
  created_at   INTEGER NOT NULL,
  customer_id  TEXT,
  rating       REAL,
  rating_scale TEXT,
  text         TEXT NOT NULL,          -- PII redacted
  raw_text     TEXT,                   -- only when the caller opted in
  product      TEXT,
  region       TEXT,
  attributes   TEXT,                   -- JSON object of strings
  contact_ok   INTEGER NOT NULL DEFAULT 0,
  ingested_at  INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX feedback_by_time ON feedback(created_at);
-- No channel index: nine values, and channel filters come with a time range.
CREATE INDEX feedback_by_customer ON feedback(customer_id, created_at);

CREATE TABLE customers (
  id             TEXT PRIMARY KEY,
  name           TEXT,
  tier           TEXT,
  tenure_months  INTEGER,
  lifetime_value REAL,
  region         TEXT,
  contact_ok     INTEGER NOT NULL DEFAULT 1,
  attributes     TEXT,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE analysis (
  feedback_rowid INTEGER PRIMARY KEY REFERENCES feedback(rowid) ON DELETE CASCADE,
  polarity       INTEGER NOT NULL,
  score          REAL NOT NULL,
  intensity      REAL NOT NULL,
  emotion        TEXT NOT NULL,
  intent         TEXT NOT NULL,
  effort         REAL NOT NULL,
  details        TEXT NOT NULL,        -- JSON: emotions, clauses, effort evidence, key phrases
  model_version  TEXT NOT NULL,
  analyzed_at    INTEGER NOT NULL
);
CREATE TABLE analysis_theme (
  feedback_rowid INTEGER NOT NULL REFERENCES feedback(rowid) ON DELETE CASCADE,
  theme          TEXT NOT NULL,
  polarity       INTEGER NOT NULL,
  score          REAL NOT NULL,
  aspect         TEXT,
  opinion        TEXT,
  span_start     INTEGER NOT NULL,
  span_end       INTEGER NOT NULL
);
CREATE INDEX analysis_theme_by_feedback ON analysis_theme(feedback_rowid);
CREATE INDEX analysis_theme_by_theme ON analysis_theme(theme);
CREATE TABLE analysis_stage (
  feedback_rowid INTEGER NOT NULL REFERENCES feedback(rowid) ON DELETE CASCADE,
  stage          TEXT NOT NULL,
  touchpoint     TEXT,
  confidence     REAL NOT NULL,
  span_start     INTEGER NOT NULL,
  span_end       INTEGER NOT NULL
);
CREATE INDEX analysis_stage_by_feedback ON analysis_stage(feedback_rowid);

CREATE TABLE insights (
  id               INTEGER PRIMARY KEY,
  key              TEXT NOT NULL,      -- theme|stage|phrase
  window_start     INTEGER NOT NULL,
  window_end       INTEGER NOT NULL,
  theme            TEXT,
  stage            TEXT,
  touchpoint       TEXT,
  phrase           TEXT,
  volume           INTEGER NOT NULL,
  share_negative   REAL NOT NULL,
  growth           REAL,
  unique_customers INTEGER NOT NULL,
  value_at_risk    REAL NOT NULL,
  recurrence       INTEGER NOT NULL,
  priority         REAL NOT NULL,
  details          TEXT NOT NULL,      -- JSON: evidence ids, key phrases, formula terms
  created_at       INTEGER NOT NULL,
  UNIQUE(key, window_start, window_end)
);

CREATE TABLE tasks (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  description  TEXT,
  state        TEXT NOT NULL,
  owner        TEXT,
  department   TEXT,
  deadline     INTEGER,
  target       TEXT,                   -- JSON: metric, theme/phrases, direction, change, window
  insight_id   INTEGER REFERENCES insights(id),
  shipped_at   INTEGER,
  verdict      TEXT,
  verification TEXT,                   -- JSON of the last verification
  root_cause   TEXT,
  change_note  TEXT,                   -- what shipped, used in follow-up messages
  cancel_reason TEXT,
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE TABLE task_evidence (
  task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  feedback_id TEXT NOT NULL,
  PRIMARY KEY (task_id, feedback_id)
);

CREATE TABLE cases (
  id                 INTEGER PRIMARY KEY,
  feedback_id        TEXT,
  customer_id        TEXT,
  title              TEXT NOT NULL,
  state              TEXT NOT NULL,
  owner              TEXT,
  task_id            INTEGER REFERENCES tasks(id),
  escalated          INTEGER NOT NULL DEFAULT 0,
  first_response_due INTEGER,
  resolution_due     INTEGER,
  first_response_at  INTEGER,
  resolved_at        INTEGER,
  paused_since       INTEGER,
  paused_seconds     INTEGER NOT NULL DEFAULT 0,
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);
CREATE INDEX cases_by_state ON cases(state);

CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  entity     TEXT NOT NULL,            -- task | case | outbox
  entity_id  INTEGER NOT NULL,
  actor      TEXT NOT NULL,
  role       TEXT NOT NULL,
  at         INTEGER NOT NULL,
  action     TEXT NOT NULL,
  from_state TEXT,
  to_state   TEXT,
  changes    TEXT,                     -- JSON of changed fields
  note       TEXT
);
CREATE INDEX events_by_entity ON events(entity, entity_id, id);

CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY,
  task_id      INTEGER NOT NULL REFERENCES tasks(id),
  customer_id  TEXT NOT NULL,
  feedback_ids TEXT NOT NULL,          -- JSON array
  message      TEXT NOT NULL,
  state        TEXT NOT NULL,          -- pending | delivered | failed
  created_at   INTEGER NOT NULL,
  acked_at     INTEGER,
  ack_note     TEXT,
  UNIQUE(task_id, customer_id)
);
)sql";

// Migration 2: the closed loop's own columns, in side tables (IF NOT EXISTS: voc 0.1 builds
// created them lazily from the workflow code).
constexpr const char* kMigration2 = R"sql(
CREATE TABLE IF NOT EXISTS workflow_tasks (
  task_id     INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
  insight_key TEXT,
  themes      TEXT NOT NULL DEFAULT '[]',
  key_phrases TEXT NOT NULL DEFAULT '[]',
  created_by  TEXT
);
CREATE TABLE IF NOT EXISTS workflow_cases (
  case_id                 INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  auto_close_seconds      INTEGER NOT NULL,
  first_response_breached INTEGER NOT NULL DEFAULT 0,
  resolution_breached     INTEGER NOT NULL DEFAULT 0,
  reopen_count            INTEGER NOT NULL DEFAULT 0,
  closed_at               INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS cases_by_task ON cases(task_id, customer_id);
CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox(state, id);
)sql";

// Migration 3: near-duplicate marks (Store::MarkDuplicates); NULL for an original.
constexpr const char* kMigration3 = R"sql(
ALTER TABLE feedback ADD COLUMN duplicate_of TEXT;
)sql";

constexpr const char* kMigrations[] = {kMigration1, kMigration2, kMigration3};

}  // namespace

int LatestVersion() { return static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0])); }

absl::StatusOr<int> CurrentVersion(sqlite::Db* db) {
  auto st = db->Prepare("PRAGMA user_version");
  if (!st.ok()) return st.status();
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  int v = *row ? static_cast<int>((*st)->Int(0)) : 0;
  (*st)->Reset();
  return v;
}

absl::Status Migrate(sqlite::Db* db, bool read_only) {
  auto current = CurrentVersion(db);
  if (!current.ok()) return current.status();
  if (*current > LatestVersion()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "store '", db->path(), "' has schema version ", *current, ", newer than this voc (",
        LatestVersion(), "): upgrade voc to open it"));
  }
  if (*current == LatestVersion()) return absl::OkStatus();
  if (read_only) {
    return absl::FailedPreconditionError(absl::StrCat(
        "store '", db->path(), "' has schema version ", *current, " and needs migrating to ",
        LatestVersion(), ": open it read-write once"));
  }
  for (int v = *current; v < LatestVersion(); ++v) {
    sqlite::Transaction tx(db);
    if (auto s = tx.Begin(); !s.ok()) return s;
    // Re-check inside the write lock: another process may have migrated meanwhile.
    auto again = CurrentVersion(db);
    if (!again.ok()) return again.status();
    if (*again > v) continue;
    if (auto s = db->Exec(kMigrations[v]); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("migration to schema ", v + 1, ": ", s.message()));
    }
    if (auto s = db->Exec(absl::StrCat("PRAGMA user_version = ", v + 1).c_str()); !s.ok()) return s;
    if (auto s = tx.Commit(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace voc::store_schema
