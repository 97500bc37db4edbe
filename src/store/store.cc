#include "voc/store.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "core/files.h"
#include "core/json.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "store/record_io.h"
#include "store/near_duplicates.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "voc/redact.h"

namespace voc {
namespace {

int64_t WallClock() { return static_cast<int64_t>(std::time(nullptr)); }

std::string AttributesJson(const std::map<std::string, std::string>& attrs) {
  if (attrs.empty()) return {};
  std::string out;
  json::Writer w(&out);
  w.BeginObject();
  for (const auto& [k, v] : attrs) w.Key(k).String(v);
  w.EndObject();
  return out;
}

void ParseAttributes(std::string_view text, std::map<std::string, std::string>* out) {
  if (text.empty()) return;
  auto v = json::Parse(text);
  if (!v.ok() || !v->is_object()) return;
  for (const auto& [k, val] : v->members()) {
    if (val.is_string()) (*out)[k] = val.str();
  }
}

// Numbers read back from the store's own tables and JSON. A damaged or hand-edited store must
// not become undefined behaviour (a double out of range cast to an integer) or an offset past
// the text, so anything out of range reads as 0 or neutral.
uint32_t StoredOffset(double v) { return v >= 0 && v <= 4294967295.0 ? static_cast<uint32_t>(v) : 0; }
uint32_t StoredOffset(int64_t v) { return v >= 0 && v <= int64_t{4294967295} ? static_cast<uint32_t>(v) : 0; }
Polarity StoredPolarity(double v) {
  return v > 0.5 ? Polarity::kPositive : (v < -0.5 ? Polarity::kNegative : Polarity::kNeutral);
}

// [[start, end], ...] as SaveAnalysis writes spans.
std::vector<Span> SpansFromJson(const json::Value& list) {
  std::vector<Span> spans;
  for (const json::Value& pair : list.items()) {
    if (!pair.is_array() || pair.items().size() != 2) continue;
    spans.push_back(Span{StoredOffset(pair.items()[0].number()), StoredOffset(pair.items()[1].number())});
  }
  return spans;
}

constexpr const char* kFeedbackColumns =
    "f.id, f.channel, f.touchpoint, f.created_at, f.customer_id, f.rating, f.rating_scale, "
    "f.text, f.product, f.region, f.attributes, f.contact_ok";

void ReadFeedbackRow(const sqlite::Statement& st, Feedback* f) {
  f->id = std::string(st.Text(0));
  f->channel = ParseChannel(st.Text(1)).value_or(Channel::kOther);
  f->touchpoint = std::string(st.Text(2));
  f->created_at = st.Int(3);
  f->customer_id = std::string(st.Text(4));
  if (!st.IsNull(5)) {
    f->rating = Rating{ParseRatingScale(st.Text(6)).value_or(RatingScale::kStars), st.Double(5)};
  }
  f->text = std::string(st.Text(7));
  f->product = std::string(st.Text(8));
  f->region = std::string(st.Text(9));
  ParseAttributes(st.Text(10), &f->attributes);
  f->contact_ok = st.Int(11) != 0;
}

// WHERE clause for a FeedbackQuery over alias f; binds start at index 1.
std::string WhereClause(const FeedbackQuery& q) {
  std::string w = " WHERE 1=1";
  if (q.from > 0) w += " AND f.created_at >= ?1";
  if (q.to > 0) w += " AND f.created_at < ?2";
  if (q.channel) w += " AND f.channel = ?3";
  if (!q.customer_id.empty()) w += " AND f.customer_id = ?4";
  if (q.only_unanalyzed) w += " AND NOT EXISTS (SELECT 1 FROM analysis a WHERE a.feedback_rowid = f.rowid)";
  if (q.skip_duplicates) w += " AND f.duplicate_of IS NULL";
  return w;
}

void BindQuery(sqlite::Statement* st, const FeedbackQuery& q) {
  if (q.from > 0) st->BindInt(1, q.from);
  if (q.to > 0) st->BindInt(2, q.to);
  if (q.channel) st->BindText(3, ChannelName(*q.channel));
  if (!q.customer_id.empty()) st->BindText(4, q.customer_id);
}

std::string LimitClause(const FeedbackQuery& q) {
  std::string s;
  // LIMIT takes an int64 (a larger value is a "datatype mismatch"); beyond it means no limit.
  const bool limited = q.limit > 0 && q.limit <= static_cast<uint64_t>(INT64_MAX);
  if (limited) s += absl::StrCat(" LIMIT ", q.limit);
  if (q.offset > 0) s += absl::StrCat(limited ? "" : " LIMIT -1", " OFFSET ", q.offset);
  return s;
}

}  // namespace

Store::Store(std::unique_ptr<sqlite::Db> db) : db_(std::move(db)) {}
Store::~Store() = default;

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const StoreOptions& options) {
  if (options.path.empty()) return absl::InvalidArgumentError("store path is empty");
  sqlite::Db::Options o;
  o.create = options.create_if_missing;
  o.read_only = options.read_only;
  auto db = sqlite::Db::Open(options.path, o);
  if (!db.ok()) return db.status();
  if (auto s = store_schema::Migrate(db->get(), options.read_only); !s.ok()) return s;
  return std::unique_ptr<Store>(new Store(std::move(*db)));
}

int Store::LatestSchemaVersion() { return store_schema::LatestVersion(); }

int Store::schema_version() const {
  auto v = store_schema::CurrentVersion(db_.get());
  return v.ok() ? *v : -1;
}

sqlite::Db& Store::db() { return *db_; }

absl::StatusOr<IngestReport> Store::Ingest(absl::Span<const Feedback> records,
                                           const IngestOptions& options) {
  std::vector<size_t> lines(records.size());
  for (size_t i = 0; i < lines.size(); ++i) lines[i] = i + 1;
  return IngestParsed(records, lines, IngestReport(), options);
}

absl::StatusOr<IngestReport> Store::IngestParsed(absl::Span<const Feedback> records,
                                                 absl::Span<const size_t> lines,
                                                 IngestReport report,
                                                 const IngestOptions& options) {
  if (options.strict && !report.errors.empty()) {
    return absl::InvalidArgumentError(report.errors.front().message);
  }
  // Validate everything before writing anything.
  std::vector<bool> ok(records.size(), true);
  for (size_t i = 0; i < records.size(); ++i) {
    absl::Status s = ValidateFeedback(records[i], lines[i], options.limits);
    if (s.ok()) continue;
    if (options.strict) return s;
    ok[i] = false;
    IngestError e;
    e.line = lines[i];
    e.id = utf8::Printable(records[i].id);  // a NUL would cut the C string short
    std::string msg(s.message());
    // The field is the first word after "): " in ValidateFeedback's messages.
    size_t p = msg.find("): ");
    p = p == std::string::npos ? msg.find(": ") : p + 1;
    if (p != std::string::npos) {
      std::string rest = msg.substr(p + 2);
      e.field = rest.substr(0, rest.find(' '));
    }
    e.message = std::move(msg);
    report.errors.push_back(std::move(e));
  }

  sqlite::Transaction tx(db_.get());
  if (auto s = tx.Begin(); !s.ok()) return s;
  const char* insert_sql =
      "INSERT INTO feedback (id, channel, touchpoint, created_at, customer_id, rating, "
      "rating_scale, text, raw_text, product, region, attributes, contact_ok, ingested_at, "
      "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) "
      "ON CONFLICT(id) DO NOTHING";
  const char* update_sql =
      "UPDATE feedback SET channel = ?2, touchpoint = ?3, created_at = ?4, customer_id = ?5, "
      "rating = ?6, rating_scale = ?7, text = ?8, raw_text = ?9, product = ?10, region = ?11, "
      "attributes = ?12, contact_ok = ?13, updated_at = ?14 WHERE id = ?1";
  auto insert = db_->Prepare(insert_sql);
  if (!insert.ok()) return insert.status();
  auto update = db_->Prepare(update_sql);
  if (!update.ok()) return update.status();
  auto drop_analysis = db_->Prepare(
      "DELETE FROM analysis WHERE feedback_rowid = (SELECT rowid FROM feedback WHERE id = ?1)");
  if (!drop_analysis.ok()) return drop_analysis.status();
  auto drop_themes = db_->Prepare(
      "DELETE FROM analysis_theme WHERE feedback_rowid = (SELECT rowid FROM feedback WHERE id = ?1)");
  if (!drop_themes.ok()) return drop_themes.status();
  auto drop_stages = db_->Prepare(
      "DELETE FROM analysis_stage WHERE feedback_rowid = (SELECT rowid FROM feedback WHERE id = ?1)");
  if (!drop_stages.ok()) return drop_stages.status();

  int64_t now = WallClock();
  std::string redacted, attrs;
  for (size_t i = 0; i < records.size(); ++i) {
    if (!ok[i]) continue;
    const Feedback& f = records[i];
    RedactionStats stats;
    // Most texts hold no digit and no '@': bind them as they are, without a copy.
    bool candidate = MayContainPii(f.text);
    if (candidate) {
      redacted = RedactPii(f.text, &stats);
      if (stats.total() > 0) ++report.redacted;
    }
    std::string_view stored_text = candidate ? std::string_view(redacted) : std::string_view(f.text);
    attrs = AttributesJson(f.attributes);
    auto bind = [&](sqlite::Statement* st) {
      st->BindText(1, f.id);
      st->BindText(2, ChannelName(f.channel));
      st->BindOptionalText(3, f.touchpoint);
      st->BindInt(4, f.created_at);
      st->BindOptionalText(5, f.customer_id);
      if (f.rating) {
        st->BindDouble(6, f.rating->value);
        st->BindText(7, RatingScaleName(f.rating->scale));
      }
      st->BindText(8, stored_text);
      if (options.keep_raw_text && stats.total() > 0) st->BindText(9, f.text);
      st->BindOptionalText(10, f.product);
      st->BindOptionalText(11, f.region);
      st->BindOptionalText(12, attrs);
      st->BindInt(13, f.contact_ok ? 1 : 0);
      st->BindInt(14, now);
    };
    (*insert)->Reset();
    bind(*insert);
    if (auto s = (*insert)->Run(); !s.ok()) return s;
    if (db_->Changes() == 1) {
      ++report.stored;
      continue;
    }
    // The id exists already (stored earlier or earlier in this batch).
    switch (options.on_duplicate) {
      case OnDuplicate::kSkip:
        ++report.skipped;
        break;
      case OnDuplicate::kUpdate: {
        (*update)->Reset();
        bind(*update);
        if (auto s = (*update)->Run(); !s.ok()) return s;
        // The old analysis describes the old text.
        for (auto* st : {*drop_analysis, *drop_themes, *drop_stages}) {
          st->Reset();
          st->BindText(1, f.id);
          if (auto s = st->Run(); !s.ok()) return s;
        }
        ++report.updated;
        break;
      }
      case OnDuplicate::kError: {
        std::string msg = absl::StrCat(RecordPrefix(lines[i], f.id),
                                       "id already exists (re-ingest with on_duplicate=update "
                                       "or skip)");
        if (options.strict) return absl::AlreadyExistsError(msg);  // tx rolls back
        report.errors.push_back(IngestError{lines[i], utf8::Printable(f.id), "id", msg});
        break;
      }
    }
  }
  if (auto s = tx.Commit(); !s.ok()) return s;
  std::sort(report.errors.begin(), report.errors.end(),
            [](const IngestError& a, const IngestError& b) { return a.line < b.line; });
  return report;
}

absl::StatusOr<IngestReport> Store::IngestJsonl(std::string_view data, const IngestOptions& options) {
  std::vector<Feedback> records;
  std::vector<size_t> lines;
  IngestReport report;
  ForEachLine(data, [&](size_t line, std::string_view text) {
    auto v = json::Parse(text);
    RecordError err;
    Feedback f;
    if (!v.ok()) {
      report.errors.push_back(IngestError{line, "", "json",
                                          absl::StrCat("record ", line, ": ", v.status().message())});
      return;
    }
    if (!FeedbackFromJson(*v, line, &f, &err)) {
      report.errors.push_back(
          IngestError{line, utf8::Printable(f.id), err.field, err.message});
      return;
    }
    records.push_back(std::move(f));
    lines.push_back(line);
  });
  return IngestParsed(records, lines, std::move(report), options);
}

absl::StatusOr<IngestReport> Store::IngestCsv(std::string_view data, const IngestOptions& options) {
  auto rows = ParseCsv(data);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return IngestReport();
  const std::vector<std::string>& header = rows->front().fields;
  std::vector<Feedback> records;
  std::vector<size_t> lines;
  IngestReport report;
  for (size_t r = 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    if (row.fields.size() != header.size()) {
      report.errors.push_back(IngestError{
          row.line, "", "csv",
          absl::StrCat("record ", row.line, ": has ", row.fields.size(), " fields, the header has ",
                       header.size())});
      continue;
    }
    json::Value v = CsvRowToJson(header, row.fields);
    Feedback f;
    RecordError err;
    if (!FeedbackFromJson(v, row.line, &f, &err)) {
      report.errors.push_back(
          IngestError{row.line, utf8::Printable(f.id), err.field, err.message});
      continue;
    }
    records.push_back(std::move(f));
    lines.push_back(row.line);
  }
  return IngestParsed(records, lines, std::move(report), options);
}

absl::StatusOr<IngestReport> Store::IngestFile(const std::string& path, const IngestOptions& options) {
  std::ifstream in;
  if (absl::Status s = OpenInputFile(path, "feedback file", &in); !s.ok()) return s;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string data = ss.str();
  bool csv = path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
  auto r = csv ? IngestCsv(data, options) : IngestJsonl(data, options);
  if (!r.ok()) return absl::Status(r.status().code(), absl::StrCat(path, ": ", r.status().message()));
  return r;
}

absl::StatusOr<std::vector<Feedback>> Store::Query(const FeedbackQuery& q) {
  std::string sql = absl::StrCat("SELECT ", kFeedbackColumns, " FROM feedback f", WhereClause(q),
                                 " ORDER BY f.created_at, f.rowid", LimitClause(q));
  auto st = db_->Prepare(sql.c_str());
  if (!st.ok()) return st.status();
  BindQuery(*st, q);
  std::vector<Feedback> out;
  while (true) {
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.emplace_back();
    ReadFeedbackRow(**st, &out.back());
  }
  return out;
}

absl::StatusOr<DuplicateReport> Store::MarkDuplicates(const DuplicateOptions& options) {
  using store_internal::HammingDistance;
  using store_internal::TextSimHash;
  struct Original {
    uint64_t hash;
    int64_t created_at;
    size_t chars;
    std::string id, customer;
  };
  // Four 16-bit bands: fingerprints within 3 bits share at least one band exactly.
  constexpr int kBands = 4;
  constexpr size_t kMaxBucketScan = 256;  // bounds the work for very common fingerprints
  std::vector<Original> originals;
  absl::flat_hash_map<uint32_t, std::vector<uint32_t>> buckets;
  auto band_key = [](uint64_t h, int band) {
    return static_cast<uint32_t>(band) << 16 | static_cast<uint32_t>((h >> (16 * band)) & 0xFFFF);
  };
  const int max_distance = std::min(options.max_distance, kBands - 1);

  sqlite::Transaction tx(db_.get());
  if (auto s = tx.Begin(); !s.ok()) return s;
  auto read = db_->Prepare(
      "SELECT rowid, id, customer_id, created_at, text, duplicate_of FROM feedback "
      "ORDER BY created_at, rowid");
  if (!read.ok()) return read.status();
  // Changes are applied after the scan: SQLite leaves a read undefined when the same
  // connection writes the table under it.
  std::vector<std::pair<int64_t, std::string>> changes;
  DuplicateReport report;
  while (true) {
    auto row = (*read)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const sqlite::Statement& r = **read;
    ++report.examined;
    const int64_t rowid = r.Int(0);
    Original cur;
    cur.id = std::string(r.Text(1));
    cur.customer = r.IsNull(2) ? "" : std::string(r.Text(2));
    cur.created_at = r.Int(3);
    cur.hash = TextSimHash(r.Text(4), &cur.chars);
    const std::string old_mark = r.IsNull(5) ? "" : std::string(r.Text(5));
    const Original* found = nullptr;
    bool same_customer = false;
    if (cur.chars >= options.min_chars) {
      for (int b = 0; b < kBands && found == nullptr; ++b) {
        auto it = buckets.find(band_key(cur.hash, b));
        if (it == buckets.end()) continue;
        const std::vector<uint32_t>& bucket = it->second;
        const size_t first = bucket.size() > kMaxBucketScan ? bucket.size() - kMaxBucketScan : 0;
        for (size_t k = bucket.size(); k-- > first;) {  // most recent first
          const Original& o = originals[bucket[k]];
          if (HammingDistance(o.hash, cur.hash) > max_distance) continue;
          if (!cur.customer.empty() && cur.customer == o.customer) {
            found = &o;
            same_customer = true;
            break;
          }
          if (cur.chars >= options.cross_customer_min_chars &&
              o.chars >= options.cross_customer_min_chars &&
              cur.created_at - o.created_at <= options.cross_customer_window) {
            found = &o;
            break;
          }
        }
      }
    }
    const std::string new_mark = found == nullptr ? "" : found->id;
    if (found != nullptr) {
      ++report.duplicates;
      if (same_customer) ++report.same_customer;
    } else if (cur.chars >= options.min_chars) {
      const uint32_t index = static_cast<uint32_t>(originals.size());
      for (int b = 0; b < kBands; ++b) buckets[band_key(cur.hash, b)].push_back(index);
      originals.push_back(std::move(cur));
    }
    if (new_mark != old_mark) changes.emplace_back(rowid, new_mark);
  }
  (*read)->Reset();
  auto mark = db_->Prepare("UPDATE feedback SET duplicate_of = ?1 WHERE rowid = ?2");
  if (!mark.ok()) return mark.status();
  for (const auto& [rowid, new_mark] : changes) {
    (*mark)->Reset();  // a stepped statement takes no new bindings until reset
    (*mark)->BindOptionalText(1, new_mark);
    (*mark)->BindInt(2, rowid);
    if (auto s = (*mark)->Run(); !s.ok()) return s;
  }
  report.changed = changes.size();
  if (auto s = tx.Commit(); !s.ok()) return s;
  return report;
}

absl::StatusOr<std::string> Store::DuplicateOf(std::string_view id) {
  auto st = db_->Prepare("SELECT duplicate_of FROM feedback WHERE id = ?1");
  if (!st.ok()) return st.status();
  (*st)->BindText(1, id);
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError(absl::StrCat("no feedback with id '", AV(id), "'"));
  std::string out = (*st)->IsNull(0) ? "" : std::string((*st)->Text(0));
  (*st)->Reset();
  return out;
}

absl::StatusOr<int64_t> Store::CountFeedback() {
  auto st = db_->Prepare("SELECT COUNT(*) FROM feedback");
  if (!st.ok()) return st.status();
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  int64_t n = (*st)->Int(0);
  (*st)->Reset();
  return n;
}

absl::StatusOr<Feedback> Store::GetFeedback(std::string_view id) {
  std::string sql = absl::StrCat("SELECT ", kFeedbackColumns, " FROM feedback f WHERE f.id = ?1");
  auto st = db_->Prepare(sql.c_str());
  if (!st.ok()) return st.status();
  (*st)->BindText(1, id);
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError(absl::StrCat("no feedback with id '", AV(id), "'"));
  Feedback f;
  ReadFeedbackRow(**st, &f);
  (*st)->Reset();
  return f;
}

absl::StatusOr<std::string> Store::GetRawText(std::string_view id) {
  auto st = db_->Prepare("SELECT raw_text, text FROM feedback WHERE id = ?1");
  if (!st.ok()) return st.status();
  (*st)->BindText(1, id);
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError(absl::StrCat("no feedback with id '", AV(id), "'"));
  if ((*st)->IsNull(0)) {
    (*st)->Reset();
    return absl::NotFoundError(absl::StrCat("feedback '", AV(id), "' has no raw text kept"));
  }
  std::string raw((*st)->Text(0));
  (*st)->Reset();
  return raw;
}

absl::StatusOr<size_t> Store::UpsertCustomers(absl::Span<const Customer> customers) {
  for (size_t i = 0; i < customers.size(); ++i) {
    if (auto s = ValidateCustomer(customers[i], i + 1); !s.ok()) return s;
  }
  sqlite::Transaction tx(db_.get());
  if (auto s = tx.Begin(); !s.ok()) return s;
  auto st = db_->Prepare(
      "INSERT INTO customers (id, name, tier, tenure_months, lifetime_value, region, contact_ok, "
      "attributes, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(id) DO "
      "UPDATE SET name = ?2, tier = ?3, tenure_months = ?4, lifetime_value = ?5, region = ?6, "
      "contact_ok = ?7, attributes = ?8, updated_at = ?9");
  if (!st.ok()) return st.status();
  int64_t now = WallClock();
  for (const Customer& c : customers) {
    std::string attrs = AttributesJson(c.attributes);
    (*st)->Reset();
    (*st)->BindText(1, c.id);
    (*st)->BindOptionalText(2, c.name);
    (*st)->BindOptionalText(3, c.tier);
    if (c.tenure_months) (*st)->BindInt(4, *c.tenure_months);
    if (c.lifetime_value) (*st)->BindDouble(5, *c.lifetime_value);
    (*st)->BindOptionalText(6, c.region);
    (*st)->BindInt(7, c.contact_ok ? 1 : 0);
    (*st)->BindOptionalText(8, attrs);
    (*st)->BindInt(9, now);
    if (auto s = (*st)->Run(); !s.ok()) return s;
  }
  if (auto s = tx.Commit(); !s.ok()) return s;
  return customers.size();
}

absl::StatusOr<size_t> Store::UpsertCustomersJsonl(std::string_view data) {
  std::vector<Customer> customers;
  absl::Status error;
  ForEachLine(data, [&](size_t line, std::string_view text) {
    if (!error.ok()) return;
    auto v = json::Parse(text);
    if (!v.ok()) {
      error = absl::InvalidArgumentError(absl::StrCat("customer line ", line, ": ", v.status().message()));
      return;
    }
    Customer c;
    RecordError err;
    if (!CustomerFromJson(*v, line, &c, &err)) {
      error = absl::InvalidArgumentError(err.message);
      return;
    }
    if (auto s = ValidateCustomer(c, line); !s.ok()) {
      error = s;
      return;
    }
    customers.push_back(std::move(c));
  });
  if (!error.ok()) return error;
  return UpsertCustomers(customers);
}

absl::StatusOr<std::map<std::string, Customer>> Store::GetCustomers() {
  auto st = db_->Prepare(
      "SELECT id, name, tier, tenure_months, lifetime_value, region, contact_ok, attributes "
      "FROM customers");
  if (!st.ok()) return st.status();
  std::map<std::string, Customer> out;
  while (true) {
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    Customer c;
    c.id = std::string((*st)->Text(0));
    c.name = std::string((*st)->Text(1));
    c.tier = std::string((*st)->Text(2));
    if (!(*st)->IsNull(3)) c.tenure_months = static_cast<int>((*st)->Int(3));
    if (!(*st)->IsNull(4)) c.lifetime_value = (*st)->Double(4);
    c.region = std::string((*st)->Text(5));
    c.contact_ok = (*st)->Int(6) != 0;
    ParseAttributes((*st)->Text(7), &c.attributes);
    out.emplace(c.id, std::move(c));
  }
  return out;
}

absl::Status Store::SaveAnalysis(absl::Span<const std::pair<std::string, Analysis>> rows,
                                 std::string_view model_version) {
  sqlite::Transaction tx(db_.get());
  if (auto s = tx.Begin(); !s.ok()) return s;
  auto find = db_->Prepare("SELECT rowid FROM feedback WHERE id = ?1");
  auto put = db_->Prepare(
      "INSERT OR REPLACE INTO analysis (feedback_rowid, polarity, score, intensity, emotion, "
      "intent, effort, details, model_version, analyzed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
      "?8, ?9, ?10)");
  auto del_themes = db_->Prepare("DELETE FROM analysis_theme WHERE feedback_rowid = ?1");
  auto del_stages = db_->Prepare("DELETE FROM analysis_stage WHERE feedback_rowid = ?1");
  auto put_theme = db_->Prepare(
      "INSERT INTO analysis_theme (feedback_rowid, theme, polarity, score, aspect, opinion, "
      "span_start, span_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  auto put_stage = db_->Prepare(
      "INSERT INTO analysis_stage (feedback_rowid, stage, touchpoint, confidence, span_start, "
      "span_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (auto* st : {&find, &put, &del_themes, &del_stages, &put_theme, &put_stage}) {
    if (!st->ok()) return st->status();
  }
  int64_t now = WallClock();
  std::string details;
  for (const auto& [id, a] : rows) {
    (*find)->Reset();
    (*find)->BindText(1, id);
    auto found = (*find)->Step();
    if (!found.ok()) return found.status();
    if (!*found) return absl::NotFoundError(absl::StrCat("no feedback with id '", id, "'"));
    int64_t rowid = (*find)->Int(0);
    (*find)->Reset();

    details.clear();
    json::Writer w(&details);
    w.BeginObject().Key("emotions").BeginObject();
    for (const auto& [k, v] : a.emotions) w.Key(k).Number(v);
    w.EndObject().Key("clauses").BeginArray();
    for (const ClauseResult& c : a.clauses) {
      w.BeginObject().Key("start").Int(c.span.start).Key("end").Int(c.span.end);
      w.Key("polarity").Int(static_cast<int>(c.polarity)).Key("score").Number(c.score);
      w.Key("evidence").BeginArray();
      for (const Span& e : c.evidence) w.BeginArray().Int(e.start).Int(e.end).EndArray();
      w.EndArray().EndObject();
    }
    w.EndArray().Key("effort_evidence").BeginArray();
    for (const Span& e : a.effort_evidence) w.BeginArray().Int(e.start).Int(e.end).EndArray();
    w.EndArray().Key("key_phrases").BeginArray();
    for (const std::string& k : a.key_phrases) w.String(k);
    w.EndArray().EndObject();

    sqlite::Statement* p = *put;
    p->Reset();
    p->BindInt(1, rowid);
    p->BindInt(2, static_cast<int>(a.polarity));
    p->BindDouble(3, a.score);
    p->BindDouble(4, a.intensity);
    p->BindText(5, a.emotion);
    p->BindText(6, a.intent);
    p->BindDouble(7, a.effort);
    p->BindText(8, details);
    p->BindText(9, model_version);
    p->BindInt(10, now);
    if (auto s = p->Run(); !s.ok()) return s;
    for (auto* st : {*del_themes, *del_stages}) {
      st->Reset();
      st->BindInt(1, rowid);
      if (auto s = st->Run(); !s.ok()) return s;
    }
    for (const ThemeMention& t : a.themes) {
      sqlite::Statement* st = *put_theme;
      st->Reset();
      st->BindInt(1, rowid);
      st->BindText(2, t.theme);
      st->BindInt(3, static_cast<int>(t.polarity));
      st->BindDouble(4, t.score);
      st->BindOptionalText(5, t.aspect);
      st->BindOptionalText(6, t.opinion);
      st->BindInt(7, t.span.start);
      st->BindInt(8, t.span.end);
      if (auto s = st->Run(); !s.ok()) return s;
    }
    for (const StageMention& m : a.stages) {
      sqlite::Statement* st = *put_stage;
      st->Reset();
      st->BindInt(1, rowid);
      st->BindText(2, m.stage);
      st->BindOptionalText(3, m.touchpoint);
      st->BindDouble(4, m.confidence);
      st->BindInt(5, m.span.start);
      st->BindInt(6, m.span.end);
      if (auto s = st->Run(); !s.ok()) return s;
    }
  }
  return tx.Commit();
}

absl::StatusOr<std::vector<AnalyzedFeedback>> Store::LoadAnalyzed(const FeedbackQuery& q) {
  FeedbackQuery query = q;
  query.only_unanalyzed = false;
  std::string where = WhereClause(query);
  std::string sql = absl::StrCat(
      "SELECT f.rowid, f.id, f.customer_id, f.created_at, f.channel, f.rating, f.rating_scale, "
      "f.contact_ok AND COALESCE(c.contact_ok, 1), a.polarity, a.score, a.intensity, a.emotion, "
      "a.intent, a.effort, a.details FROM feedback f JOIN analysis a ON a.feedback_rowid = f.rowid "
      "LEFT JOIN customers c ON c.id = f.customer_id",
      where, " ORDER BY f.created_at, f.rowid", LimitClause(query));
  auto st = db_->Prepare(sql.c_str());
  if (!st.ok()) return st.status();
  BindQuery(*st, query);
  std::vector<AnalyzedFeedback> out;
  absl::flat_hash_map<int64_t, size_t> index;
  while (true) {
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const sqlite::Statement& s = **st;
    AnalyzedFeedback r;
    index[s.Int(0)] = out.size();
    r.feedback_id = std::string(s.Text(1));
    r.customer_id = std::string(s.Text(2));
    r.created_at = s.Int(3);
    r.channel = ParseChannel(s.Text(4)).value_or(Channel::kOther);
    if (!s.IsNull(5)) r.rating = Rating{ParseRatingScale(s.Text(6)).value_or(RatingScale::kStars), s.Double(5)};
    r.contact_ok = s.Int(7) != 0;
    Analysis& a = r.analysis;
    a.polarity = StoredPolarity(static_cast<double>(s.Int(8)));
    a.score = s.Double(9);
    a.intensity = s.Double(10);
    a.emotion = std::string(s.Text(11));
    a.intent = std::string(s.Text(12));
    a.effort = s.Double(13);
    if (auto d = json::Parse(s.Text(14)); d.ok()) {
      if (const json::Value* e = d->Find("emotions"); e != nullptr && e->is_object()) {
        for (const auto& [k, v] : e->members()) a.emotions[k] = v.number();
      }
      if (const json::Value* k = d->Find("key_phrases"); k != nullptr && k->is_array()) {
        for (const auto& v : k->items()) a.key_phrases.push_back(v.str());
      }
      if (const json::Value* c = d->Find("clauses"); c != nullptr && c->is_array()) {
        for (const auto& v : c->items()) {
          ClauseResult cr;
          if (const json::Value* x = v.Find("start")) cr.span.start = StoredOffset(x->number());
          if (const json::Value* x = v.Find("end")) cr.span.end = StoredOffset(x->number());
          if (const json::Value* x = v.Find("polarity")) cr.polarity = StoredPolarity(x->number());
          if (const json::Value* x = v.Find("score")) cr.score = x->number();
          if (const json::Value* x = v.Find("evidence"); x != nullptr && x->is_array()) {
            cr.evidence = SpansFromJson(*x);
          }
          a.clauses.push_back(cr);
        }
      }
      if (const json::Value* e = d->Find("effort_evidence"); e != nullptr && e->is_array()) {
        a.effort_evidence = SpansFromJson(*e);
      }
    }
    out.push_back(std::move(r));
  }
  if (out.empty()) return out;
  // Themes and stages of the selected rows (same filter, so the join stays cheap).
  std::string theme_sql = absl::StrCat(
      "SELECT t.feedback_rowid, t.theme, t.polarity, t.score, t.aspect, t.opinion, t.span_start, "
      "t.span_end FROM analysis_theme t JOIN feedback f ON f.rowid = t.feedback_rowid",
      where, " ORDER BY t.rowid");
  auto ts = db_->Prepare(theme_sql.c_str());
  if (!ts.ok()) return ts.status();
  BindQuery(*ts, query);
  while (true) {
    auto row = (*ts)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const sqlite::Statement& s = **ts;
    auto it = index.find(s.Int(0));
    if (it == index.end()) continue;
    ThemeMention t;
    t.theme = std::string(s.Text(1));
    t.polarity = StoredPolarity(static_cast<double>(s.Int(2)));
    t.score = s.Double(3);
    t.aspect = std::string(s.Text(4));
    t.opinion = std::string(s.Text(5));
    t.span = Span{StoredOffset(s.Int(6)), StoredOffset(s.Int(7))};
    out[it->second].analysis.themes.push_back(std::move(t));
  }
  std::string stage_sql = absl::StrCat(
      "SELECT t.feedback_rowid, t.stage, t.touchpoint, t.confidence, t.span_start, t.span_end "
      "FROM analysis_stage t JOIN feedback f ON f.rowid = t.feedback_rowid",
      where, " ORDER BY t.rowid");
  auto ss = db_->Prepare(stage_sql.c_str());
  if (!ss.ok()) return ss.status();
  BindQuery(*ss, query);
  while (true) {
    auto row = (*ss)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const sqlite::Statement& s = **ss;
    auto it = index.find(s.Int(0));
    if (it == index.end()) continue;
    StageMention m;
    m.stage = std::string(s.Text(1));
    m.touchpoint = std::string(s.Text(2));
    m.confidence = s.Double(3);
    m.span = Span{StoredOffset(s.Int(4)), StoredOffset(s.Int(5))};
    out[it->second].analysis.stages.push_back(std::move(m));
  }
  return out;
}

}  // namespace voc
