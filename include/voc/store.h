// voc/store.h — the embedded feedback store (one SQLite database file).
//
// A Store holds feedback, customers, per-feedback analysis results, and the closed loop's
// insights, tasks, cases, audit events and outbox. The schema is versioned (PRAGMA
// user_version) and migrated on open. Every write is one transaction: a batch is stored whole
// or not at all.
//
// Thread-compatible: use one Store per thread (several Stores, in threads or processes, may
// open the same file; WAL lets readers proceed while one writer commits).
#ifndef VOC_STORE_H_
#define VOC_STORE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "voc/analysis.h"
#include "voc/types.h"

namespace voc {

namespace sqlite {
class Db;
}

struct StoreOptions {
  std::string path;               // database file
  bool create_if_missing = true;  // else NotFound when the file does not exist
  bool read_only = false;
};

enum class OnDuplicate { kError, kUpdate, kSkip };

struct IngestOptions {
  OnDuplicate on_duplicate = OnDuplicate::kError;
  // Strict: the first bad record fails the call and nothing is written. Lenient: bad records
  // are listed in the report and the others stored.
  bool strict = true;
  // Keep the unredacted text too (it contains personal data: opt in deliberately).
  bool keep_raw_text = false;
  ValidationLimits limits;
};

struct IngestError {
  size_t line = 0;      // 1-based line of the input (or index in the batch)
  std::string id;       // the record's id when it could be read
  std::string field;    // the field at fault ("rating", "created_at", "json", ...)
  std::string message;  // full message naming record and field
};

struct IngestReport {
  size_t stored = 0;    // new records
  size_t updated = 0;   // existing ids updated (OnDuplicate::kUpdate)
  size_t skipped = 0;   // existing ids left alone (OnDuplicate::kSkip)
  size_t redacted = 0;  // records whose text had personal data removed
  std::vector<IngestError> errors;
};

// Near-duplicate detection (copy-paste reviews, re-submissions, spam). Texts are compared by a
// SimHash of their character 3-grams (whitespace, punctuation and emoji ignored). A later
// record is a duplicate of an earlier one when their fingerprints differ in at most
// `max_distance` bits and either the same customer sent both, or both are at least
// `cross_customer_min_chars` long and arrived within `cross_customer_window` seconds of each
// other. Short texts (好评, 很好) are never duplicates: customers do repeat them.
struct DuplicateOptions {
  int max_distance = 3;
  size_t min_chars = 6;
  size_t cross_customer_min_chars = 30;
  int64_t cross_customer_window = 86400;
};

struct DuplicateReport {
  size_t examined = 0;        // records looked at
  size_t duplicates = 0;      // records marked as duplicates (in total, after this run)
  size_t same_customer = 0;   // ... of which sent again by the same customer
  size_t changed = 0;         // marks written or cleared by this run
};

struct FeedbackQuery {
  int64_t from = 0;             // created_at >= from (0: unbounded)
  int64_t to = 0;               // created_at < to (0: unbounded)
  std::optional<Channel> channel;
  std::string customer_id;      // empty: any
  bool only_unanalyzed = false; // records without an analysis row
  bool skip_duplicates = false; // leave out records marked as near-duplicates (MarkDuplicates)
  size_t limit = 0;             // 0: no limit
  size_t offset = 0;
};

class Store {
 public:
  static absl::StatusOr<std::unique_ptr<Store>> Open(const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The schema version this library writes, and the one of the open file.
  static int LatestSchemaVersion();
  int schema_version() const;

  // ---- Feedback ----
  absl::StatusOr<IngestReport> Ingest(absl::Span<const Feedback> records,
                                      const IngestOptions& options = {});
  // JSONL (one record per line) and CSV (header row; UTF-8 with or without BOM). Parse errors
  // are per line and follow the strict/lenient rule like validation errors.
  absl::StatusOr<IngestReport> IngestJsonl(std::string_view data, const IngestOptions& options = {});
  absl::StatusOr<IngestReport> IngestCsv(std::string_view data, const IngestOptions& options = {});
  // Reads a file and ingests it as CSV when it ends in .csv, else as JSONL.
  absl::StatusOr<IngestReport> IngestFile(const std::string& path, const IngestOptions& options = {});

  absl::StatusOr<std::vector<Feedback>> Query(const FeedbackQuery& query);
  absl::StatusOr<int64_t> CountFeedback();
  absl::StatusOr<Feedback> GetFeedback(std::string_view id);
  // Marks near-duplicates over all stored feedback (see DuplicateOptions) in one transaction;
  // idempotent. Marked records stay stored and analysed; aggregate readers (insights,
  // verification, summaries, journeys) skip them. AnalyzeStore runs it first.
  absl::StatusOr<DuplicateReport> MarkDuplicates(const DuplicateOptions& options = {});
  // The id of the record `id` duplicates, or "" when it is an original.
  absl::StatusOr<std::string> DuplicateOf(std::string_view id);
  // The unredacted text when it was kept (IngestOptions::keep_raw_text); NotFound otherwise.
  absl::StatusOr<std::string> GetRawText(std::string_view id);

  // ---- Customers ----
  absl::StatusOr<size_t> UpsertCustomers(absl::Span<const Customer> customers);
  absl::StatusOr<size_t> UpsertCustomersJsonl(std::string_view data);
  absl::StatusOr<std::map<std::string, Customer>> GetCustomers();

  // ---- Analysis ----
  // Saves (replaces) analysis rows in one transaction; unknown feedback ids are NotFound.
  absl::Status SaveAnalysis(absl::Span<const std::pair<std::string, Analysis>> rows,
                            std::string_view model_version);
  // Analysed feedback matching `query`, with customer consent folded into contact_ok.
  absl::StatusOr<std::vector<AnalyzedFeedback>> LoadAnalyzed(const FeedbackQuery& query);

  // The connection, for the other internal components (workflow) that keep their tables in
  // the same file. Not part of the stable API.
  sqlite::Db& db();

 private:
  explicit Store(std::unique_ptr<sqlite::Db> db);
  absl::StatusOr<IngestReport> IngestParsed(absl::Span<const Feedback> records,
                                            absl::Span<const size_t> lines, IngestReport report,
                                            const IngestOptions& options);
  std::unique_ptr<sqlite::Db> db_;
};

}  // namespace voc

#endif  // VOC_STORE_H_
