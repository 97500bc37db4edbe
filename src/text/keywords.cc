#include "voc/keywords.h"

#include <algorithm>
#include <cstring>
#include <cstdio>
#include <cmath>
#include <limits>
#include <fstream>
#include <iterator>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/data_path.h"
#include "core/files.h"
#include "core/mapped_file.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "text/normalize_impl.h"

namespace voc {
namespace {

// Function words and feedback filler that carry no topic ("感觉", "东西"); content words such
// as 问题 or 客服 are deliberately absent.
constexpr const char* kStopWords[] = {
    "的", "了", "是", "在", "我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "自己",
    "这", "那", "这个", "那个", "这些", "那些", "这样", "那样", "这么", "那么", "怎么", "什么",
    "为什么", "怎么样", "一个", "一些", "一下", "一点", "一直", "一样", "一次", "有点", "有些",
    "没有", "不是", "就是", "还是", "但是", "而且", "因为", "所以", "如果", "虽然", "然后",
    "可是", "不过", "或者", "以及", "还有", "已经", "现在", "时候", "的话", "感觉", "觉得",
    "真的", "真是", "可以", "可能", "应该", "需要", "知道", "东西", "事情", "问问", "大家",
    "非常", "特别", "比较", "十分", "确实", "其实", "总是", "每次", "终于", "居然", "竟然",
    "这里", "那里", "哪里", "之前", "之后", "以后", "以前", "还要", "只是", "只有", "简直",
    "了解", "表示", "进行", "希望", "出来", "起来", "下来", "过来", "回来", "不会", "不能",
    "没法", "一般", "而已", "呵呵", "哈哈", "谢谢", "你好", "您好", "亲", "请问",
    "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as",
    "on", "with", "can", "if", "from", "which", "you", "it", "this", "then", "at", "have",
    "all", "not", "one", "has", "or", "a", "i", "my", "me", "so", "very", "too", "was"};

constexpr TokenTag kDefaultTags[] = {
    TokenTag::kNoun,  TokenTag::kPersonName, TokenTag::kPlaceName, TokenTag::kOrganization,
    TokenTag::kVerb,  TokenTag::kAdjective,  TokenTag::kIdiom,     TokenTag::kLatin,
    TokenTag::kOther};

#pragma pack(push, 1)
struct IdfEntry {
  uint32_t offset;
  uint32_t length;
  float idf;
};
#pragma pack(pop)
static_assert(sizeof(IdfEntry) == 12, "file layout");
constexpr size_t kHeaderSize = 8 + 4 * 4;

// The compiled IDF table, mapped read-only (scripts/build_idf.py documents the layout).
class IdfTable {
 public:
  static absl::StatusOr<std::unique_ptr<IdfTable>> Open(const std::string& path) {
    auto file = MappedFile::Open(path, "IDF table");
    if (!file.ok()) return file.status();
    const size_t size = (*file)->bytes().size();
    if (size < kHeaderSize) return absl::DataLossError(absl::StrCat("IDF table ", path, ": truncated"));
    std::unique_ptr<IdfTable> t(new IdfTable());
    t->file_ = std::move(*file);
    const char* p = t->file_->bytes().data();
    auto bad = [&](const char* why) {
      return absl::DataLossError(absl::StrCat("IDF table ", path, ": ", why));
    };
    if (std::memcmp(p, "VOCIDF01", 8) != 0) return bad("not a voc IDF table (bad magic)");
    uint32_t version, count, blob_size;
    std::memcpy(&version, p + 8, 4);
    std::memcpy(&count, p + 12, 4);
    std::memcpy(&t->median_, p + 16, 4);
    std::memcpy(&blob_size, p + 20, 4);
    if (version != 1) return bad("unsupported version");
    if (kHeaderSize + static_cast<uint64_t>(count) * sizeof(IdfEntry) + blob_size != size) {
      return bad("size does not match its header");
    }
    t->entries_ = reinterpret_cast<const IdfEntry*>(p + kHeaderSize);
    t->count_ = count;
    t->blob_ = p + kHeaderSize + static_cast<size_t>(count) * sizeof(IdfEntry);
    for (uint32_t i = 0; i < count; ++i) {
      const IdfEntry& e = t->entries_[i];
      if (static_cast<uint64_t>(e.offset) + e.length > blob_size) return bad("entry out of range");
    }
    // The entries are sorted by bytes, so those sharing their first bytes (the first Han
    // character) are one run: index the runs, and Get searches only its word's run.
    for (uint32_t i = 0; i < count;) {
      const uint32_t b = Bucket(t->Key(i));
      uint32_t j = i + 1;
      while (j < count && Bucket(t->Key(j)) == b) ++j;
      auto [it, inserted] = t->runs_.try_emplace(b, i, j);
      if (!inserted) t->runs_.clear(), t->unsorted_ = true;  // not sorted: plain search
      if (t->unsorted_) break;
      i = j;
    }
    return t;
  }
  float median() const { return median_; }
  // The IDF of `word`, or the median when absent.
  float Get(std::string_view word) const {
    uint32_t lo = 0, hi = count_;
    if (!unsorted_) {
      auto it = runs_.find(Bucket(word));
      if (it == runs_.end()) return median_;
      lo = it->second.first;
      hi = it->second.second;
    }
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      int c = Key(mid).compare(word);
      if (c == 0) return entries_[mid].idf;
      if (c < 0) lo = mid + 1; else hi = mid;
    }
    return median_;
  }

 private:
  IdfTable() = default;
  // The first three bytes and the length capped at 3: equal for the keys of one run.
  static uint32_t Bucket(std::string_view w) {
    uint32_t b = static_cast<uint32_t>(std::min<size_t>(w.size(), 3)) << 24;
    for (size_t k = 0; k < w.size() && k < 3; ++k) b |= static_cast<uint32_t>(static_cast<unsigned char>(w[k])) << (8 * k);
    return b;
  }
  std::string_view Key(uint32_t i) const {
    return std::string_view(blob_ + entries_[i].offset, entries_[i].length);
  }
  std::shared_ptr<const MappedFile> file_;
  const IdfEntry* entries_ = nullptr;
  uint32_t count_ = 0;
  const char* blob_ = nullptr;
  float median_ = 0;
  absl::flat_hash_map<uint32_t, std::pair<uint32_t, uint32_t>> runs_;  // Bucket -> [lo, hi)
  bool unsorted_ = false;
};

}  // namespace

struct KeywordExtractor::Impl {
  KeywordOptions options;
  std::shared_ptr<const Segmenter> segmenter;
  std::unique_ptr<Normalizer> normalizer;
  NormalizerOptions norm_options;
  std::unique_ptr<IdfTable> idf;
  absl::flat_hash_set<std::string> stop;
  bool allowed[256] = {};
};

KeywordExtractor::KeywordExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
KeywordExtractor::~KeywordExtractor() = default;

absl::StatusOr<std::unique_ptr<KeywordExtractor>> KeywordExtractor::Create(
    const KeywordOptions& options, std::shared_ptr<const Segmenter> segmenter) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (impl->options.top_k == 0) return absl::InvalidArgumentError("keyword top_k must be > 0");
  if (segmenter == nullptr) {
    auto seg = Segmenter::Create(SegmenterOptions());
    if (!seg.ok()) return seg.status();
    segmenter = std::move(*seg);
  }
  impl->segmenter = std::move(segmenter);
  NormalizerOptions norm_options;
  norm_options.invalid_utf8 = InvalidUtf8::kReplace;  // bad bytes become U+FFFD, never a key
  auto norm = Normalizer::Create(norm_options);
  if (!norm.ok()) return norm.status();
  impl->normalizer = std::move(*norm);
  impl->norm_options = norm_options;
  const std::string path =
      options.idf_path.empty() ? DefaultDataPath("lexicon/idf.bin") : options.idf_path;
  auto idf = IdfTable::Open(path);
  if (!idf.ok()) return idf.status();
  impl->idf = std::move(*idf);
  for (const char* w : kStopWords) impl->stop.insert(w);
  for (const std::string& w : options.stop_words) impl->stop.insert(w);
  if (options.allowed_tags.empty()) {
    for (TokenTag t : kDefaultTags) impl->allowed[static_cast<uint8_t>(t)] = true;
  } else {
    for (TokenTag t : options.allowed_tags) impl->allowed[static_cast<uint8_t>(t)] = true;
  }
  return std::unique_ptr<KeywordExtractor>(new KeywordExtractor(std::move(impl)));
}

double KeywordExtractor::Idf(std::string_view normalized_word) const {
  return impl_->idf->Get(normalized_word);
}

std::vector<Keyword> KeywordExtractor::Extract(std::string_view text, size_t top_k) const {
  std::vector<Token> tokens;
  impl_->segmenter->Segment(text, &tokens);
  return Extract(text, tokens, top_k);
}

std::vector<Keyword> KeywordExtractor::Extract(std::string_view text,
                                               const std::vector<Token>& tokens,
                                               size_t top_k) const {
  if (top_k == 0) top_k = impl_->options.top_k;
  // Normalise the text once and read each token's key out of it: the normalised characters
  // of token [start, end) are those whose source starts in [start, end) (sources never
  // decrease). Normalisation is per character, so the characters are enough; the keys go to
  // one per-thread buffer.
  struct Scratch {
    std::vector<text::NormChar> chars;
    std::string keys;
    absl::flat_hash_map<std::string, uint32_t> index;  // key -> its candidate in `found`
  };
  thread_local Scratch scratch;
  std::vector<text::NormChar>& chars = scratch.chars;
  std::string& keys = scratch.keys;
  // Finding a repeated key by scanning the candidates was quadratic in long, varied texts.
  absl::flat_hash_map<std::string, uint32_t>& index = scratch.index;
  chars.clear();
  keys.clear();
  index.clear();
  text::NormalizeChars(text, impl_->norm_options, &chars);
  struct Candidate {
    uint32_t key_start;
    uint32_t key_size;
    const Token* first;
    uint32_t count;
  };
  std::vector<Candidate> found;
  found.reserve(tokens.size());
  size_t total = 0;
  auto by_start = [](const text::NormChar& c, uint32_t pos) { return c.start < pos; };
  // The segmenter's tokens come in text order: each search starts where the last one ended
  // (a binary search all the same, since foreign tokens may not).
  auto from = chars.begin();
  for (const Token& t : tokens) {
    if (t.end <= t.start || t.end > text.size()) continue;  // foreign tokens: ignore
    if (!impl_->allowed[static_cast<uint8_t>(t.tag)]) continue;
    if (from != chars.begin() && std::prev(from)->start >= t.start) from = chars.begin();
    const auto lo = std::lower_bound(from, chars.end(), t.start, by_start);
    const auto hi = std::lower_bound(lo, chars.end(), t.end, by_start);
    from = hi;
    if (hi == lo) continue;
    const size_t key_start = keys.size();
    for (auto c = lo; c != hi; ++c) utf8::Append(&keys, c->cp);
    std::string_view key(keys.data() + key_start, keys.size() - key_start);
    // Unknown-tag tokens are kept only when they are words (Han or Latin), not symbols. Each
    // normalised character is one code point of the key (never empty: hi > lo).
    const char32_t first = lo->cp;
    bool keep = true;
    if (keep && t.tag == TokenTag::kOther && !(first >= 0x3400 && first <= 0x9FFF)) keep = false;
    if (keep && static_cast<size_t>(hi - lo) < impl_->options.min_chars) keep = false;
    if (keep && t.tag == TokenTag::kLatin) {
      // Codes (order numbers such as SO2026081519520) are no topic: mostly digits.
      size_t digits = 0;
      for (auto c = lo; c != hi; ++c) digits += c->cp >= '0' && c->cp <= '9';
      keep = 2 * digits < static_cast<size_t>(hi - lo);
    }
    if (keep && impl_->stop.contains(AV(key))) keep = false;
    if (!keep) {
      keys.resize(key_start);
      continue;
    }
    ++total;
    // A short text's few candidates are scanned (no hashing, no allocation); past kScanned
    // distinct keys the index takes over, so a long text stays linear.
    constexpr size_t kScanned = 32;
    size_t at = found.size();
    if (found.size() <= kScanned) {
      for (size_t i = 0; i < found.size(); ++i) {
        if (std::string_view(keys.data() + found[i].key_start, found[i].key_size) == key) {
          at = i;
          break;
        }
      }
      if (at == found.size() && found.size() == kScanned) {
        for (size_t i = 0; i < found.size(); ++i) {
          index.emplace(std::string(keys.data() + found[i].key_start, found[i].key_size), static_cast<uint32_t>(i));
        }
      }
    } else {
      auto [it, added] = index.try_emplace(std::string(key), static_cast<uint32_t>(found.size()));
      if (!added) at = it->second;
    }
    if (at == found.size()) {
      found.push_back({static_cast<uint32_t>(key_start), static_cast<uint32_t>(key.size()), &t, 1});
      if (found.size() == kScanned + 1) index.emplace(std::string(key), static_cast<uint32_t>(at));
    } else {
      ++found[at].count;
      keys.resize(key_start);
    }
  }
  if (total == 0) return {};
  std::vector<std::pair<double, size_t>> order;  // weight, index in `found`
  order.reserve(found.size());
  for (size_t i = 0; i < found.size(); ++i) {
    order.push_back({static_cast<double>(found[i].count) / static_cast<double>(total) *
                         impl_->idf->Get(std::string_view(keys.data() + found[i].key_start,
                                                          found[i].key_size)),
                     i});
  }
  // Highest weight first; ties keep the order of first occurrence.
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  if (order.size() > top_k) order.resize(top_k);
  std::vector<Keyword> words;
  words.reserve(order.size());
  for (const auto& [weight, i] : order) {
    Keyword k;
    k.text = std::string(keys.data() + found[i].key_start, found[i].key_size);
    k.surface = std::string(text.substr(found[i].first->start, found[i].first->end - found[i].first->start));
    k.start = found[i].first->start;
    k.end = found[i].first->end;
    k.count = found[i].count;
    k.weight = weight;
    words.push_back(std::move(k));
  }
  return words;
}

absl::Status WriteIdfTable(const KeywordExtractor& extractor,
                           const std::vector<std::string>& documents, const std::string& path,
                           size_t min_df) {
  if (documents.empty()) return absl::InvalidArgumentError("IDF table: no documents");
  absl::flat_hash_map<std::string, uint32_t> df;
  for (const std::string& doc : documents) {
    // Every distinct candidate word of the document (Extract returns each once).
    for (const Keyword& k : extractor.Extract(doc, std::numeric_limits<size_t>::max())) ++df[k.text];
  }
  std::vector<std::pair<std::string, float>> rows;
  const double n = static_cast<double>(documents.size());
  for (const auto& [word, count] : df) {
    if (count < min_df) continue;
    rows.push_back({word, static_cast<float>(std::log((n + 1) / (count + 1.0)) + 1.0)});
  }
  std::sort(rows.begin(), rows.end());  // by the word's bytes, as the reader's binary search needs
  // Words missing from the table are rarer than min_df: they get the IDF of a word seen once
  // (stored where jieba's table keeps its median, the reader's default).
  const float median = static_cast<float>(std::log((n + 1) / 2.0) + 1.0);
  std::string entries, blob;
  for (const auto& [word, idf] : rows) {
    uint32_t offset = static_cast<uint32_t>(blob.size()), length = static_cast<uint32_t>(word.size());
    entries.append(reinterpret_cast<const char*>(&offset), 4);
    entries.append(reinterpret_cast<const char*>(&length), 4);
    entries.append(reinterpret_cast<const char*>(&idf), 4);
    blob += word;
  }
  std::string out("VOCIDF01", 8);
  const uint32_t version = 1, count = static_cast<uint32_t>(rows.size()),
                 blob_size = static_cast<uint32_t>(blob.size());
  out.append(reinterpret_cast<const char*>(&version), 4);
  out.append(reinterpret_cast<const char*>(&count), 4);
  out.append(reinterpret_cast<const char*>(&median), 4);
  out.append(reinterpret_cast<const char*>(&blob_size), 4);
  out += entries;
  out += blob;
  return WriteFileAtomically(path, out, "IDF table");
}

}  // namespace voc
