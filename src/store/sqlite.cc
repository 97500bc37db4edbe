#include "store/sqlite.h"

#include <sqlite3.h>

#include "absl/strings/str_cat.h"
#include "core/strings.h"

namespace voc::sqlite {

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::BindNull(int i) { sqlite3_bind_null(stmt_, i); }
void Statement::BindInt(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
void Statement::BindDouble(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
void Statement::BindText(int i, std::string_view v) {
  // SQLITE_STATIC: callers keep the bound data alive until the statement has stepped. A
  // default-constructed view has a null data pointer, which SQLite would bind as NULL.
  sqlite3_bind_text(stmt_, i, v.data() == nullptr ? "" : v.data(), static_cast<int>(v.size()),
                    SQLITE_STATIC);
}
void Statement::BindOptionalText(int i, std::string_view v) {
  if (v.empty()) {
    BindNull(i);
  } else {
    BindText(i, v);
  }
}

absl::StatusOr<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  absl::Status s = db_->ErrorFromCode(rc, "statement failed");
  sqlite3_reset(stmt_);
  return s;
}

absl::Status Statement::Run() {
  // Reset afterwards (bindings kept): a stepped statement refuses new bindings until reset,
  // and a finished one should not hold its read snapshot.
  while (true) {
    auto r = Step();
    if (!r.ok() || !*r) {
      sqlite3_reset(stmt_);
      return r.ok() ? absl::OkStatus() : r.status();
    }
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::Double(int col) const { return sqlite3_column_double(stmt_, col); }
std::string_view Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(p),
                          static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

absl::StatusOr<std::unique_ptr<Db>> Db::Open(const std::string& path, const Options& options) {
  std::unique_ptr<Db> db(new Db());
  db->path_ = path;
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create && !options.read_only) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db->db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db->db_ ? sqlite3_errmsg(db->db_) : sqlite3_errstr(rc);
    if (rc == SQLITE_CANTOPEN && !options.create) {
      return absl::NotFoundError(absl::StrCat("cannot open store '", path, "': ", msg));
    }
    return absl::UnavailableError(absl::StrCat("cannot open store '", path, "': ", msg));
  }
  sqlite3_extended_result_codes(db->db_, 1);
  sqlite3_busy_timeout(db->db_, 5000);
  // WAL lets readers run while a writer commits; NORMAL sync is durable at checkpoints and
  // never corrupts. Foreign keys are off by default in SQLite.
  if (!options.read_only) {
    if (auto s = db->Exec("PRAGMA journal_mode=WAL"); !s.ok()) return s;
    if (auto s = db->Exec("PRAGMA synchronous=NORMAL"); !s.ok()) return s;
    // 64 MiB page cache: big batches touch four indexes.
    if (auto s = db->Exec("PRAGMA cache_size=-65536"); !s.ok()) return s;
  }
  if (auto s = db->Exec("PRAGMA foreign_keys=ON"); !s.ok()) return s;
  return db;
}

Db::~Db() {
  cache_.clear();  // finalize statements before closing
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

absl::StatusOr<Statement*> Db::Prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return ErrorFromCode(rc, "cannot prepare statement");
  auto owned = std::make_unique<Statement>(this, stmt);
  Statement* raw_stmt = owned.get();
  cache_.emplace(sql, std::move(owned));
  return raw_stmt;
}

absl::Status Db::Exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return ErrorFromCode(rc, absl::StrCat("'", std::string(sql).substr(0, 60), "' failed: ", msg));
  }
  return absl::OkStatus();
}

absl::Status Db::Error(std::string_view what) const {
  return ErrorFromCode(sqlite3_extended_errcode(db_), what);
}

absl::Status Db::ErrorFromCode(int rc, std::string_view what) const {
  std::string msg = absl::StrCat(AV(what), " (", path_, "): ", sqlite3_errmsg(db_));
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return absl::UnavailableError(absl::StrCat(msg, " — the disk or database is full; ",
                                                       "nothing from this operation was written"));
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(msg);
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(msg);
      }
      return absl::InvalidArgumentError(msg);
    case SQLITE_NOMEM:
      return absl::ResourceExhaustedError(msg);
    default:
      return absl::InternalError(msg);
  }
}

int64_t Db::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Db::Changes() const { return sqlite3_changes(db_); }
bool Db::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Transaction::~Transaction() {
  if (active_) db_->Exec("ROLLBACK").IgnoreError();
}

absl::Status Transaction::Begin() {
  if (auto s = db_->Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  active_ = true;
  return absl::OkStatus();
}

absl::Status Transaction::Commit() {
  if (!active_) return absl::FailedPreconditionError("commit without an open transaction");
  absl::Status s = db_->Exec("COMMIT");
  if (!s.ok()) return s;  // the destructor rolls back
  active_ = false;
  return absl::OkStatus();
}

}  // namespace voc::sqlite
