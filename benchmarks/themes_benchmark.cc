// Theme analysis throughput with the default taxonomy (target: >= 30,000 texts/s, one thread).
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "voc/themes.h"

namespace {

const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = {
      "物流很快但是客服态度很差",
      "东西收到了，包装很好，价格也实惠，快递小哥服务态度好",
      "发货太慢了，等了一个星期才到，客服也不回消息",
      "质量不错，用了一个月没有问题，就是有点贵",
      "这个面膜补水效果很好，味道也好闻，会回购的",
      "App老是闪退，付款的时候扣了两次钱，退款到现在还没到账",
      "送的赠品很多，活动价很划算，下次还来",
      "一般般吧，没什么特别的感觉",
  };
  return texts;
}

void BM_ThemeAnalyze(benchmark::State& state) {
  auto analyzer = voc::ThemeAnalyzer::Create();
  if (!analyzer.ok()) {
    state.SkipWithError("cannot load the default taxonomy");
    return;
  }
  const auto& texts = Texts();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    benchmark::DoNotOptimize((*analyzer)->Analyze(t));
    bytes += t.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ThemeAnalyze);

}  // namespace
