// Full per-text sentiment analysis (rules, sentiment and emotion models, intent, effort,
// clauses) of ~60-character feedback texts on one thread. Target: >= 50,000 texts/s.
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "voc/sentiment.h"

namespace {

const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = {
      "物流很快，包装也很好，但是客服态度太差了，问了三次都没人回复，下次不会再买了，非常失望！真的很生气，要求退款。其他方面暂时没发现问题。",
      "味道不错，分量也足，就是送餐有点慢，等了一个多小时，汤都凉了，希望商家改进一下配送速度。米饭也有点硬。其他方面暂时没发现问题。",
      "酒店位置很好，交通方便，房间干净整洁，前台服务热情周到，早餐种类丰富，下次出差还会再来住，强烈推荐给大家。其他方面暂时没发现问题。",
      "这款车动力充沛，油耗也不高，空间宽敞，就是隔音效果一般，高速上胎噪有点大，总体还算满意吧，值得入手。其他方面暂时没发现问题。",
      "手机用了一周，屏幕清晰，运行流畅，但是耗电太快了，一天要充两次电，发热也比较严重，有点后悔，不推荐购买。其他方面暂时没发现问题。",
      "打了五次客服电话都没人处理，跑了两趟营业厅，流程繁琐，难道你们就是这样对待老客户的吗？太让人寒心了。其他方面暂时没发现问题。",
      "东西收到了，和描述的一样，质量挺好的，价格也实惠，卖家发货速度快，给个好评，推荐大家购买👍满意其他方面暂时没发现问题。",
      "衣服面料很舒服，尺码标准，颜色和图片一样，就是线头有点多，洗了一次有点掉色，不算太差吧，还行。其他方面暂时没发现问题。",
  };
  return texts;
}

void BM_SentimentAnalyze(benchmark::State& state) {
  voc::SentimentOptions o;
  o.sentiment_model = VOC_SOURCE_DIR "/data/models/sentiment.model";
  o.emotion_model = VOC_SOURCE_DIR "/data/models/emotion.model";
  o.lexicon = VOC_SOURCE_DIR "/data/lexicon/sentiment.tsv";
  auto analyzer = voc::SentimentAnalyzer::Create(o);
  if (!analyzer.ok()) {
    state.SkipWithError(std::string(analyzer.status().message()).c_str());
    return;
  }
  const auto& texts = Texts();
  voc::Analysis a;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    benchmark::DoNotOptimize((*analyzer)->Analyze(t, &a));
    bytes += t.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_SentimentAnalyze);

void BM_SentimentCreate(benchmark::State& state) {
  voc::SentimentOptions o;
  o.sentiment_model = VOC_SOURCE_DIR "/data/models/sentiment.model";
  o.emotion_model = VOC_SOURCE_DIR "/data/models/emotion.model";
  o.lexicon = VOC_SOURCE_DIR "/data/lexicon/sentiment.tsv";
  for (auto _ : state) {
    auto analyzer = voc::SentimentAnalyzer::Create(o);
    benchmark::DoNotOptimize(analyzer);
  }
}
BENCHMARK(BM_SentimentCreate)->Unit(benchmark::kMillisecond);

}  // namespace
