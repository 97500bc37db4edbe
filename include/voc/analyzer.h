// voc/analyzer.h — the full per-text analysis: segmentation, sentiment, emotion, intent,
// effort, journey stages, themes and key phrases, in one call.
//
// An Analyzer is immutable after Create() and thread-safe: share one across threads (its
// models are loaded once and mapped read-only). Non-copyable because it owns the models.
#ifndef VOC_ANALYZER_H_
#define VOC_ANALYZER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "voc/analysis.h"
#include "voc/types.h"

namespace voc {

// Paths of the models and data files; empty means the default shipped with voc.
struct AnalyzerOptions {
  std::string segmenter_model;    // trained segmenter (voc train-segmenter); empty = lexicon
  std::string user_dict;          // extra words, one per line: "word [freq] [pos]"
  std::string sentiment_model;    // voc train-sentiment output
  std::string emotion_model;      // voc train-emotion output
  std::string journey_map;        // journey map JSON
  std::string themes;             // taxonomy JSON or voc train-themes model
  std::string keyword_idf;        // IDF table for key phrases (voc keywords --build-idf)
  int key_phrases = 5;            // how many key phrases to keep per text
  // Longer texts are refused with InvalidArgument (0: no limit). Analysis holds about 110
  // bytes of memory per byte of text while it runs, so one 100 MB text would need 11 GB;
  // the default matches the store's limit on a record's text (ValidationLimits).
  size_t max_text_bytes = size_t{1} << 20;
};

// Metadata that helps attribution (a survey sent after delivery, a call-centre note).
struct AnalysisContext {
  std::optional<Channel> channel;
  std::string touchpoint;  // hint: "delivery" or "delivery.logistics"
};

class Analyzer {
 public:
  static absl::StatusOr<std::unique_ptr<Analyzer>> Create(const AnalyzerOptions& options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Analyses one UTF-8 text. InvalidArgument on invalid UTF-8 (the offset is named) and on a
  // text over max_text_bytes.
  absl::StatusOr<Analysis> Analyze(std::string_view text,
                                   const AnalysisContext& context = {}) const;

  // Analyses many texts; `results` gets one entry per text, `statuses` (optional) one status
  // per text (a bad text does not stop the batch).
  void AnalyzeBatch(absl::Span<const std::string_view> texts, std::vector<Analysis>* results,
                    std::vector<absl::Status>* statuses) const;

  // The JSON object `voc analyze --format jsonl` writes for one record:
  // {"id", "polarity", "score", "intensity", "emotion", "emotions", "intent", "effort",
  //  "clauses", "stages", "themes", "key_phrases"} (offsets are UTF-8 bytes into `text`).
  static std::string ToJson(std::string_view id, std::string_view text, const Analysis& a);

  // Which library and data files made an analysis, stored with each analysis row:
  // "voc-<version>+<16 hex digits>", the hex a fingerprint of the models, lexicons, taxonomy,
  // journey map and IDF table in use (another model file gives another value).
  const std::string& model_version() const;

 private:
  struct Impl;
  explicit Analyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class Store;

// Analyses the stored feedback that has no analysis yet (all of it when `reanalyze`), using
// each record's channel and touchpoint, and saves the results one transaction per chunk.
// A record the analyzer refuses (a text over its max_text_bytes, when set below the store's
// 1 MiB) is left unanalysed and not counted.
// Returns how many records were analysed; `progress` (optional) is called after each chunk.
absl::StatusOr<size_t> AnalyzeStore(Store& store, const Analyzer& analyzer, bool reanalyze,
                                    const std::function<void(size_t done)>& progress = nullptr);

}  // namespace voc

#endif  // VOC_ANALYZER_H_
