// The full per-text analysis (voc::Analyzer: sentiment, emotion, intent, effort, clauses,
// journey stages, themes, key phrases) of ~60-character feedback texts on one thread, through
// the C++ API one text at a time, the C++ batch call and the C ABI batch call (which also
// builds each item's JSON). Target: >= 50,000 texts/s, the C batch within 15% of C++.
// scripts/bench_python.py measures the Python batch calls the same way.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "benchmark/benchmark.h"
#include "voc.h"
#include "voc/analyzer.h"

namespace {

const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = {
      "物流很快，包装也很好，但是客服态度太差了，问了三次都没人回复，下次不会再买了，非常失望！真的很生气，要求退款。",
      "味道不错，分量也足，就是送餐有点慢，等了一个多小时，汤都凉了，希望商家改进一下配送速度。米饭也有点硬，一般般。",
      "酒店位置很好，交通方便，房间干净整洁，前台服务热情周到，早餐种类丰富，下次出差还会再来住，强烈推荐给大家。",
      "这款车动力充沛，油耗也不高，空间宽敞，就是隔音效果一般，高速上胎噪有点大，总体还算满意吧，值得入手，推荐。",
      "手机用了一周，屏幕清晰，运行流畅，但是耗电太快了，一天要充两次电，发热也比较严重，有点后悔，不推荐购买。",
      "打了五次客服电话都没人处理，跑了两趟营业厅，流程繁琐，难道你们就是这样对待老客户的吗？太让人寒心了。",
      "东西收到了，和描述的一样，质量挺好的，价格也实惠，卖家发货速度快，给个好评，推荐大家购买👍满意，还会回购。",
      "衣服面料很舒服，尺码标准，颜色和图片一样，就是线头有点多，洗了一次有点掉色，不算太差吧，还行，凑合穿。",
  };
  return texts;
}

constexpr size_t kBatch = 1024;

// The batch as the C ABI takes it: one blob and count + 1 offsets.
struct Blob {
  std::string bytes;
  std::vector<uint64_t> offsets{0};
  std::vector<std::string_view> views;
};

const Blob& BatchBlob() {
  static const Blob blob = [] {
    Blob b;
    const auto& texts = Texts();
    for (size_t i = 0; i < kBatch; ++i) {
      b.bytes += texts[i % texts.size()];
      b.offsets.push_back(b.bytes.size());
    }
    for (size_t i = 0; i < kBatch; ++i) {
      b.views.emplace_back(b.bytes.data() + b.offsets[i], b.offsets[i + 1] - b.offsets[i]);
    }
    return b;
  }();
  return blob;
}

voc::AnalyzerOptions DefaultOptions() { return voc::AnalyzerOptions(); }

void BM_AnalyzeOne(benchmark::State& state) {
  auto analyzer = voc::Analyzer::Create(DefaultOptions());
  if (!analyzer.ok()) {
    state.SkipWithError(std::string(analyzer.status().message()).c_str());
    return;
  }
  const auto& texts = Texts();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    auto a = (*analyzer)->Analyze(t);
    benchmark::DoNotOptimize(a);
    bytes += t.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_AnalyzeOne);

// Creating the analyzer: every model, lexicon, taxonomy and map mapped or loaded, and the
// fingerprint of their files taken for model_version().
void BM_AnalyzerCreate(benchmark::State& state) {
  for (auto _ : state) {
    auto analyzer = voc::Analyzer::Create(DefaultOptions());
    if (!analyzer.ok()) {
      state.SkipWithError(std::string(analyzer.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize((*analyzer)->model_version());
  }
}
BENCHMARK(BM_AnalyzerCreate)->Unit(benchmark::kMillisecond);

// One text of at least `bytes` bytes, `unit(i)` repeated, analysed whole.
template <typename Unit>
void AnalyzeLong(benchmark::State& state, size_t bytes, Unit unit) {
  voc::AnalyzerOptions options = DefaultOptions();
  options.max_text_bytes = 0;  // past the default 1 MiB on purpose
  auto analyzer = voc::Analyzer::Create(options);
  if (!analyzer.ok()) {
    state.SkipWithError(std::string(analyzer.status().message()).c_str());
    return;
  }
  std::string text;
  for (size_t i = 0; text.size() < bytes; ++i) text += unit(i);
  for (auto _ : state) {
    auto a = (*analyzer)->Analyze(text);
    if (!a.ok()) {
      state.SkipWithError(std::string(a.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize(a);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

// One long text (the eight samples repeated to state.range(0) bytes): the time per byte
// should not grow with the length (a clause scanning every rule hit, or a cue every opinion,
// once made a 4 MB text take minutes). Compare the bytes_per_second of the sizes.
void BM_AnalyzeLongText(benchmark::State& state) {
  AnalyzeLong(state, static_cast<size_t>(state.range(0)),
              [](size_t i) -> const std::string& { return Texts()[i % Texts().size()]; });
}
BENCHMARK(BM_AnalyzeLongText)->Arg(64 << 10)->Arg(512 << 10)->Arg(4 << 20)->Unit(benchmark::kMillisecond);

// The same without punctuation: one clause of state.range(0) bytes, the case where aspects
// once searched every opinion of their clause.
void BM_AnalyzeLongClause(benchmark::State& state) {
  AnalyzeLong(state, static_cast<size_t>(state.range(0)),
              [](size_t) { return std::string_view("物流很快客服态度很差包装很好价格便宜"); });
}
BENCHMARK(BM_AnalyzeLongClause)->Arg(64 << 10)->Arg(512 << 10)->Unit(benchmark::kMillisecond);

void BM_AnalyzeBatch(benchmark::State& state) {
  auto analyzer = voc::Analyzer::Create(DefaultOptions());
  if (!analyzer.ok()) {
    state.SkipWithError(std::string(analyzer.status().message()).c_str());
    return;
  }
  const Blob& blob = BatchBlob();
  std::vector<voc::Analysis> results;
  for (auto _ : state) {
    (*analyzer)->AnalyzeBatch(blob.views, &results, nullptr);
    benchmark::DoNotOptimize(results.data());
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(blob.bytes.size()));
}
BENCHMARK(BM_AnalyzeBatch)->Unit(benchmark::kMillisecond);

void BM_CApiAnalyzeBatch(benchmark::State& state) {
  voc_analyzer* analyzer = nullptr;
  if (voc_analyzer_create(&analyzer, nullptr) != VOC_OK) {
    state.SkipWithError(voc_last_error_message());
    return;
  }
  const Blob& blob = BatchBlob();
  for (auto _ : state) {
    voc_batch_result* result = nullptr;
    if (voc_analyzer_analyze_batch(analyzer, &result, blob.bytes.data(), blob.offsets.data(),
                                   kBatch) != VOC_OK) {
      state.SkipWithError(voc_last_error_message());
      break;
    }
    benchmark::DoNotOptimize(voc_batch_result_scores(result));
    voc_batch_result_destroy(result);
  }
  voc_analyzer_destroy(analyzer);
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(blob.bytes.size()));
}
BENCHMARK(BM_CApiAnalyzeBatch)->Unit(benchmark::kMillisecond);

}  // namespace
