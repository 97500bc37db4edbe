// Internal: a thin RAII layer over SQLite. Prepared statements only (values are always bound,
// never spliced into SQL); every failure becomes an absl::Status naming the operation.
#ifndef VOC_STORE_SQLITE_H_
#define VOC_STORE_SQLITE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace voc::sqlite {

class Db;

// A prepared statement, owned by the Db's cache. Reset and clear bindings before reuse.
class Statement {
 public:
  Statement(Db* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding (1-based indexes, as in SQLite).
  void BindNull(int i);
  void BindInt(int i, int64_t v);
  void BindDouble(int i, double v);
  void BindText(int i, std::string_view v);
  void BindOptionalText(int i, std::string_view v);  // NULL when empty

  // Steps once: true when a row is available, false when done.
  absl::StatusOr<bool> Step();
  // Steps to completion (for statements that return no rows).
  absl::Status Run();
  void Reset();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string_view Text(int col) const;  // valid until the next Step/Reset

 private:
  Db* db_;
  sqlite3_stmt* stmt_;
};

// One connection. Thread-compatible (opened with SQLITE_OPEN_NOMUTEX): one per thread.
class Db {
 public:
  struct Options {
    bool create = true;
    bool read_only = false;
  };
  static absl::StatusOr<std::unique_ptr<Db>> Open(const std::string& path, const Options& options);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // A cached prepared statement, reset and ready to bind. The reference stays valid for the
  // life of the Db; do not use the same statement in two nested loops at once.
  absl::StatusOr<Statement*> Prepare(const char* sql);
  // Runs SQL text with no parameters (schema changes, pragmas).
  absl::Status Exec(const char* sql);
  // Maps the connection's current error to a Status: "what: message".
  absl::Status Error(std::string_view what) const;
  absl::Status ErrorFromCode(int rc, std::string_view what) const;

  int64_t LastInsertRowId() const;
  int Changes() const;
  bool in_transaction() const;
  const std::string& path() const { return path_; }
  sqlite3* raw() { return db_; }

 private:
  Db() = default;
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// BEGIN IMMEDIATE on construction (via Begin), ROLLBACK on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Db* db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  absl::Status Begin();
  absl::Status Commit();

 private:
  Db* db_;
  bool active_ = false;
};

}  // namespace voc::sqlite

#endif  // VOC_STORE_SQLITE_H_
