// Keyword extraction (segment + TF-IDF) on real review texts (the waimai dev split when the
// shared data is present, else built-in samples), one thread; and the IDF table load time.
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "core/json.h"
#include "voc/keywords.h"
#include "voc/text.h"

namespace {

std::vector<std::string> LoadTexts() {
  std::vector<std::string> out;
  std::ifstream in(VOC_SHARED_DATA_DIR "/sentiment/waimai_10k/dev.jsonl");
  std::string line;
  while (std::getline(in, line) && out.size() < 1000) {
    auto v = voc::json::Parse(line);
    if (v.ok() && v->is_object() && v->Find("text") != nullptr && v->Find("text")->is_string()) {
      out.push_back(v->Find("text")->str());
    }
  }
  if (out.empty()) {
    out = {"物流很快，包装也很好，但是客服态度太差了，问了三次都没人回复，要求退款。",
           "味道不错，分量也足，就是送餐有点慢，等了一个多小时，汤都凉了，骑手态度也差。",
           "这款车动力充沛，油耗也不高，就是隔音效果一般，高速上胎噪有点大，4S店服务不错。",
           "退货审批太慢了，七天无理由退货居然要等两周，售后电话一直打不通，差评！"};
  }
  return out;
}

void BM_KeywordsExtract(benchmark::State& state) {
  auto kw = voc::KeywordExtractor::Create(voc::KeywordOptions());
  if (!kw.ok()) {
    state.SkipWithError(std::string(kw.status().message()).c_str());
    return;
  }
  const std::vector<std::string> texts = LoadTexts();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    benchmark::DoNotOptimize((*kw)->Extract(t, 5));
    bytes += t.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(i));
}
BENCHMARK(BM_KeywordsExtract);

// One text of state.range(0) bytes of distinct Latin words (kaaaa kaaab ...): the time per
// byte should not grow with the number of distinct words (finding a repeated key by scanning
// the candidates once made this quadratic). Compare the bytes_per_second of the sizes.
void BM_KeywordsDistinctWords(benchmark::State& state) {
  auto kw = voc::KeywordExtractor::Create(voc::KeywordOptions());
  if (!kw.ok()) {
    state.SkipWithError(std::string(kw.status().message()).c_str());
    return;
  }
  std::string text;
  for (size_t i = 0; text.size() + 6 <= static_cast<size_t>(state.range(0)); ++i) {
    std::string w = "k";
    for (size_t k = 0, v = i; k < 4; ++k, v /= 26) w += static_cast<char>('a' + v % 26);
    text += w + " ";
  }
  for (auto _ : state) benchmark::DoNotOptimize((*kw)->Extract(text, 3));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_KeywordsDistinctWords)->Arg(64 << 10)->Arg(512 << 10)->Unit(benchmark::kMillisecond);

// Creating an extractor over an existing segmenter: dominated by mapping the IDF table.
void BM_KeywordsCreate(benchmark::State& state) {
  auto seg = voc::Segmenter::Create(voc::SegmenterOptions());
  if (!seg.ok()) {
    state.SkipWithError(std::string(seg.status().message()).c_str());
    return;
  }
  std::shared_ptr<const voc::Segmenter> shared(std::move(*seg));
  for (auto _ : state) {
    auto kw = voc::KeywordExtractor::Create(voc::KeywordOptions(), shared);
    benchmark::DoNotOptimize(kw);
  }
}
BENCHMARK(BM_KeywordsCreate)->Unit(benchmark::kMillisecond);

}  // namespace
