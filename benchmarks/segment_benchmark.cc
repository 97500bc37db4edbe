// Segmentation throughput on one thread over a few MB of real text (the PKU + MSR dev files
// with their spaces removed, when the shared data is present; else synthetic feedback), in the
// default mode with and without normalisation, plus the lexicon load time. Target: >= 60 MB/s.
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "core/data_path.h"
#include "text/lexicon.h"
#include "voc/text.h"

namespace {

// Lines of a few MB of text, read once.
const std::vector<std::string>& Lines() {
  static const std::vector<std::string>* lines = [] {
    auto* out = new std::vector<std::string>;
    for (const char* name : {"/seg/pku_dev.utf8", "/seg/msr_dev.utf8"}) {
      std::ifstream in(std::string(VOC_SHARED_DATA_DIR) + name);
      std::string line;
      while (std::getline(in, line)) {
        std::string joined;
        for (char c : line) if (c != ' ') joined += c;
        if (!joined.empty()) out->push_back(std::move(joined));
      }
    }
    if (out->empty()) {
      const char* samples[] = {
          "物流很快，包装也很好，但是客服态度太差了，问了三次都没人回复，要求退款😡",
          "味道不错，分量也足，就是送餐有点慢，等了1个多小时，汤都凉了，骑手态度也差。",
          "这款车动力充沛，油耗6.5L也不高，就是隔音效果一般，4S店提车时发现掉漆。",
          "退货审批太慢了，七天无理由退货居然要等2周，售后电话400-123-4567一直打不通，差评！",
          "iPhone15用了一周，屏幕清晰，但是耗电太快，详情见https://example.com/a?id=3 @客服小王"};
      for (int i = 0; i < 20000; ++i) out->push_back(samples[i % 5]);
    }
    return out;
  }();
  return *lines;
}

void Run(benchmark::State& state, bool normalize) {
  voc::SegmenterOptions o;
  o.normalize = normalize;
  auto seg = voc::Segmenter::Create(o);
  if (!seg.ok()) {
    state.SkipWithError(std::string(seg.status().message()).c_str());
    return;
  }
  const auto& lines = Lines();
  std::vector<voc::Token> tokens;
  size_t bytes = 0, n = 0;
  for (auto _ : state) {
    for (const std::string& l : lines) {
      (*seg)->Segment(l, &tokens);
      benchmark::DoNotOptimize(tokens.data());
      bytes += l.size();
      n += tokens.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["tokens"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}

void BM_SegmentNormalized(benchmark::State& state) { Run(state, true); }
void BM_SegmentRaw(benchmark::State& state) { Run(state, false); }
BENCHMARK(BM_SegmentNormalized)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SegmentRaw)->Unit(benchmark::kMillisecond);

// Mapping and checking the compiled lexicon (a fresh Open each time: no process cache).
void BM_LexiconLoad(benchmark::State& state) {
  const std::string path = voc::DefaultDataPath("lexicon/base.voclex");
  for (auto _ : state) {
    auto lex = voc::text::Lexicon::Open(path);
    if (!lex.ok()) {
      state.SkipWithError(std::string(lex.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize(lex->get());
  }
}
BENCHMARK(BM_LexiconLoad)->Unit(benchmark::kMillisecond);

}  // namespace
