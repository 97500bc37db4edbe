// Journey throughput: Attribute on the dev texts (target >= 50,000 texts/s, one thread; a
// synthetic set when /work/shared/data is absent) and BuildJourneyReport on 100k rows.
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "voc/journey.h"

namespace {

std::string MapPath() { return std::string(VOC_SOURCE_DIR) + "/data/journey/default_map.json"; }

// The "text" field of each JSONL line, found by hand (the dev file is trusted and simple).
std::vector<std::string> DevTexts() {
  std::vector<std::string> texts;
  std::ifstream in(std::string(VOC_SHARED_DATA_DIR) + "/journey/dev.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    size_t k = line.find("\"text\": \"");
    size_t len = 9;
    if (k == std::string::npos) {
      k = line.find("\"text\":\"");
      len = 8;
    }
    if (k == std::string::npos) continue;
    size_t s = k + len, e = s;
    while (e < line.size() && !(line[e] == '"' && line[e - 1] != '\\')) ++e;
    texts.push_back(line.substr(s, e - s));
  }
  if (texts.empty()) {
    texts = {"下单很顺利，但是物流太慢，客服也不理人", "朋友推荐来的，试驾以后当场签约",
             "东西收到了，包装很好，价格也实惠，快递小哥服务态度好",
             "质量不错，用了一个月没有问题，就是有点贵", "味道很好，分量足，会回购的",
             "退款到现在还没到账，打了三次电话", "一般般吧，没什么特别的感觉",
             "如果物流再快一点的话就好了"};
  }
  return texts;
}

void BM_JourneyAttribute(benchmark::State& state) {
  auto map = voc::JourneyMap::Load(MapPath());
  if (!map.ok()) {
    state.SkipWithError("cannot load the default journey map");
    return;
  }
  voc::JourneyAttributorOptions o;
  o.map = &*map;
  auto a = voc::JourneyAttributor::Create(o);
  if (!a.ok()) {
    state.SkipWithError("cannot create the attributor");
    return;
  }
  const auto texts = DevTexts();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    benchmark::DoNotOptimize((*a)->Attribute(t));
    bytes += t.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_JourneyAttribute);

void BM_BuildJourneyReport(benchmark::State& state) {
  auto map = voc::JourneyMap::Load(MapPath());
  if (!map.ok()) {
    state.SkipWithError("cannot load the default journey map");
    return;
  }
  const size_t n = static_cast<size_t>(state.range(0));
  std::mt19937 rng(7);
  std::vector<std::string> tps;
  for (const auto& s : map->stages()) {
    for (const auto& t : s.touchpoints) tps.push_back(t.id);
  }
  const char* themes[] = {"logistics.speed", "service.attitude", "product.quality", "price.level",
                          "packaging", "service.returns_refunds"};
  const char* emotions[] = {"anger", "joy", "neutral", "sadness", "like"};
  std::vector<voc::AnalyzedFeedback> rows(n);
  for (size_t i = 0; i < n; ++i) {
    auto& r = rows[i];
    r.feedback_id = "f" + std::to_string(i);
    r.customer_id = "c" + std::to_string(rng() % (n / 4 + 1));
    r.created_at = 1767225600 + static_cast<int64_t>(rng() % (365 * 86400));
    auto& a = r.analysis;
    int pol = static_cast<int>(rng() % 3) - 1;
    a.polarity = static_cast<voc::Polarity>(pol);
    a.score = pol * 0.5;
    a.intensity = (rng() % 100) / 100.0;
    a.emotion = emotions[rng() % 5];
    size_t k = 1 + rng() % 2;
    for (size_t j = 0; j < k; ++j) {
      const std::string& tp = tps[rng() % tps.size()];
      uint32_t st = static_cast<uint32_t>(rng() % 60);
      a.stages.push_back({tp.substr(0, tp.find('.')), tp, 0.8, {st, st + 6}});
    }
    voc::ThemeMention th;
    th.theme = themes[rng() % 6];
    th.polarity = a.polarity;
    th.span = {10, 16};
    a.themes.push_back(th);
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(voc::BuildJourneyReport(rows, {}, *map));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_BuildJourneyReport)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
