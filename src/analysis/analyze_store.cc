#include <utility>
#include <vector>

#include "voc/analyzer.h"
#include "voc/store.h"

namespace voc {

absl::StatusOr<size_t> AnalyzeStore(Store& store, const Analyzer& analyzer, bool reanalyze,
                                    const std::function<void(size_t done)>& progress) {
  constexpr size_t kChunk = 2000;
  size_t analyzed = 0, skipped = 0;
  // Aggregates skip near-duplicates, so mark them before anything reads the analyses.
  if (auto d = store.MarkDuplicates(); !d.ok()) return d.status();
  while (true) {
    FeedbackQuery q;
    q.only_unanalyzed = !reanalyze;
    q.limit = kChunk;
    // Unanalysed rows leave the query as they are saved; only the ones that failed stay.
    q.offset = reanalyze ? analyzed + skipped : skipped;
    auto records = store.Query(q);
    if (!records.ok()) return records.status();
    if (records->empty()) break;
    std::vector<std::pair<std::string, Analysis>> results;
    results.reserve(records->size());
    for (const Feedback& f : *records) {
      AnalysisContext ctx;
      ctx.channel = f.channel;
      ctx.touchpoint = f.touchpoint;
      auto a = analyzer.Analyze(f.text, ctx);
      if (!a.ok()) {
        ++skipped;  // stored text is validated UTF-8, so this is not expected
        continue;
      }
      results.emplace_back(f.id, std::move(*a));
    }
    if (auto s = store.SaveAnalysis(results, analyzer.model_version()); !s.ok()) return s;
    analyzed += results.size();
    if (progress) progress(analyzed);
  }
  return analyzed;
}

}  // namespace voc
