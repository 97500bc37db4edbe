#include "themes/opinion.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "core/strings.h"

namespace voc::themes {
namespace {

// Weight 2 = strong. Longer entries win over the words they contain (不错 over 错).
constexpr const char* kPositive[] = {
    "好", "很好", "不错", "挺好", "满意", "喜欢", "快", "迅速", "及时", "神速", "给力", "赞",
    "点赞", "棒", "很棒", "优秀", "完美", "完好", "完整", "精美", "精致", "漂亮", "好看", "美观",
    "结实", "牢固", "严实", "仔细", "用心", "细心", "耐心", "热情", "周到", "贴心", "专业",
    "礼貌", "友好", "客气", "负责", "靠谱", "放心", "舒服", "舒适", "便宜", "实惠", "划算",
    "超值", "物美价廉", "价廉物美", "亲民", "合理", "公道", "优惠", "值", "值得", "划得来",
    "正品", "真品", "好用", "方便", "简单", "清爽", "滋润", "温和", "好闻", "清香", "有效",
    "明显", "流畅", "稳定", "省油", "高端", "大气", "上档次", "时尚", "新鲜", "干净", "整洁",
    "顺利", "准时", "准确", "快速", "高效", "一流", "没得说", "无可挑剔", "推荐", "回购",
    "惊喜", "开心", "高兴", "愉快", "快乐", "良心", "厚道", "诚信", "实在",
    "可以", "还行", "不赖", "棒棒哒", "杠杠的", "nice", "good", "丰富", "齐全", "耐用",
    "细腻", "保湿", "水润", "服帖", "持久", "合适", "适合", "强", "好评", "五星", "物超所值",
    "性价比高", "价格低", "价格便宜", "很快", "超快", "安全", "宽敞", "省心", "顺畅", "没问题",
    "挺快", "蛮好", "特快", "有耐心", "态度好", "速度快", "没毛病", "热心", "高档", "价廉",
    "合算", "对得起", "对的起", "能接受", "可以接受", "有优势",
    // 速度 as an adjective (快递很速度): the aspect word inside is this opinion's, not a cue
    "很速度", "超速度", "超级速度", "非常速度", "好速度"};
// Thanks praise whom they are said to (谢谢快递小哥), not an aspect of another clause: in
// 等了三个小时，谢谢 they say nothing of the wait.
constexpr const char* kThanks[] = {"感谢", "谢谢", "多谢"};
constexpr const char* kPositiveStrong[] = {"非常满意", "超级好", "太好了", "完美", "一百个赞",
                                           "超赞", "超棒", "特别好", "非常好", "极好"};
constexpr const char* kNegative[] = {
    "差", "很差", "不好", "慢", "太慢", "缓慢", "拖拉", "延迟", "延误", "贵", "太贵", "偏贵", "小贵", "略贵",
    "坑", "坑人", "黑心", "失望", "不满", "不满意", "生气", "气人", "恶心", "垃圾", "烂",
    "破", "破损", "破了", "坏", "坏了", "损坏", "压坏", "漏", "漏液", "漏了", "洒了", "脏",
    "旧", "简陋", "粗糙", "劣质", "假", "假货", "假的", "山寨", "骗", "欺骗", "骗人", "忽悠",
    "敷衍", "冷漠", "不耐烦", "爱答不理", "不理", "不回", "推脱", "推诿", "态度差", "恶劣",
    "差劲", "无语", "郁闷", "糟糕", "麻烦", "难用", "不方便", "卡", "卡顿", "死机", "闪退",
    "发热", "发烫", "过敏", "刺激", "油腻", "黏腻", "难闻", "刺鼻", "异味", "臭", "没效果",
    "没用", "无效", "后悔", "退货", "投诉", "差评", "不值", "不划算", "费油", "耗油", "吵",
    "噪音", "异响", "抖动", "顿挫", "硬", "窄", "小气", "不专业", "一般般", "不敢恭维", "太次",
    "次品", "很次", "问题", "毛病", "故障", "瑕疵", "不新鲜", "过期", "变质", "少了", "漏发", "错发",
    "发错", "丢件", "不送", "不送上门", "乱收费", "骚扰", "泄露", "泄漏", "被盗", "诈骗",
    "不靠谱", "不行", "不怎么样", "不咋地", "不给力", "太差", "极差", "最差", "慢吞吞", "等了好久",
    "迟迟", "贵了", "太坑", "扯皮", "态度恶劣", "速度慢", "辣眼睛", "掉色", "起球", "开胶",
    "变形", "凹", "瘪", "才到", "才送到", "才收到", "才发货", "才送来", "没送到", "没收到",
    "没有收到", "没到货", "没发货", "没有发货", "不发货", "没人回", "没人理", "没人管", "没人处理",
    "没人接", "迟到", "爽约", "放鸽子", "压扁", "摔坏", "裂", "裂了", "不一样", "不符", "色差", "鸡肋",
    "三流", "不入流", "涨价", "实在不行",
    // leaning off the mark (尺码偏小, 口味偏咸) is a mild complaint whatever the aspect
    "偏小", "偏大", "偏短", "偏长", "偏紧", "偏硬", "偏软", "偏咸", "偏甜", "偏淡", "偏油", "偏辣"};
constexpr const char* kNegativeStrong[] = {"垃圾", "太差了", "非常差", "极差", "骗子", "最差",
                                           "再也不买", "差评", "恶心", "非常失望"};
// Words that soften/neutralise; scored weakly so they lose against real opinions.
constexpr const char* kNeutralish[] = {"一般", "还好", "凑合", "马马虎虎", "普通"};
// Adjectives whose polarity is the target's (价格高 bad, 评分高 good): found with a token
// weight, and the rule engine decides them from the aspect (sentiment::Lexicon::TargetPolarity).
constexpr const char* kTargetDependent[] = {"高", "低", "大", "小", "多", "少", "长", "短", "足"};
// Words holding an opinion word that are no opinion (价格多少 asks, 好几天 counts); weight 0,
// they only keep the opinion words from matching inside them.
constexpr const char* kNotOpinions[] = {"多少", "多大", "多长", "多高", "多久", "大小", "长短",
                                        "高低", "多么", "至少", "大多", "多数", "少数", "大概",
                                        "大家", "小时", "长期", "短期",
                                        // 好 and 值 that are no praise: 好几天, 说好的 (说好免的), 增值税
                                        // (not 刚好 or 正好: 大小刚好 is praise)
                                        "好几", "说好", "好像", "只好", "好不容易", "增值税",
                                        "增值", "值班",
                                        // a question or an "if not for", not a denial:
                                        // 是不是正品, 要不是快递小哥态度好
                                        "是不是", "要不是",
                                        // not yet used, not useless: 还没用，用过再评
                                        "还没用", "还没使用", "还没开始用", "没用过",
                                        // about the same, and about to: 大小差不多, 快要坏了
                                        "差不多", "快要",
                                        // the 好 of a wish (便宜点就好了) praises nothing
                                        "就好了", "就更好了"};

constexpr const char* kNegators[] = {"不", "不是", "没", "没有", "无", "别", "非", "未", "不太",
                                     "不是很", "不怎么", "并不", "一点也不", "一点都不",
                                     "毫不", "从不", "没那么", "不算", "不会"};
constexpr const char* kDegree[] = {"很", "非常", "特别", "超", "超级", "太", "好", "挺", "蛮",
                                   "十分", "极其", "相当", "真", "真的", "比较", "有点", "有些",
                                   "稍微", "略", "略微", "更", "最", "也", "都", "还", "还是",
                                   "巨", "贼", "老", "灰常", "炒鸡", "特", "这么", "那么", "如此"};

enum Kind : int32_t { kKindWord = 0, kKindNegator = 1, kKindDegree = 2 };

// Whether 没有 / 没 / 不如 / 不像 stands within six characters before byte `start` of `text`,
// in the same clause: 没有宣传的那么好 and 不如想象中那么好 deny the praise after 那么
// (没想到这么快 and 没见过这么差的 do not).
bool NotAsBefore(std::string_view text, size_t start) {
  const size_t from = start > 18 ? start - 18 : 0;
  const std::string_view before = text.substr(from, start - from);
  for (std::string_view negator : {"没", "不如", "不像"}) {  // 没 also finds 没有
    const size_t at = before.rfind(negator);
    if (at == std::string_view::npos) continue;
    const std::string_view between = before.substr(at);
    // 没想到这么快 is surprise, and 没见过这么差的 a superlative, not denial
    if (between.substr(0, 6) == "没想" || between.substr(0, 6) == "没料" ||
        between.find("过") != std::string_view::npos) {
      continue;
    }
    bool broken = between.find_first_of(",.!?;") != std::string_view::npos;
    for (std::string_view p : {"，", "。", "！", "？", "；"}) broken |= between.find(p) != std::string_view::npos;
    if (!broken) return true;
  }
  return false;
}

double DegreeFactor(std::string_view w) {
  if (w == "有点" || w == "有些" || w == "稍微" || w == "略" || w == "略微" || w == "比较" ||
      w == "还" || w == "还是")
    return 0.7;
  if (w == "也" || w == "都" || w == "这么" || w == "那么" || w == "如此") return 1.0;
  return 1.5;
}

class LexiconScorer : public OpinionScorer {
 public:
  LexiconScorer() {
    // value = index into entries_; entry holds kind and weight.
    auto add = [&](const char* w, int32_t kind, double weight, bool thanks = false) {
      matcher_.Add(w, static_cast<int32_t>(entries_.size()));
      entries_.push_back({kind, weight, w, 0, thanks});
    };
    for (const char* w : kPositive) add(w, kKindWord, 1.0);
    for (const char* w : kThanks) add(w, kKindWord, 1.0, /*thanks=*/true);
    for (const char* w : kPositiveStrong) add(w, kKindWord, 2.0);
    for (const char* w : kNegative) add(w, kKindWord, -1.0);
    for (const char* w : kNegativeStrong) add(w, kKindWord, -2.0);
    for (const char* w : kNeutralish) add(w, kKindWord, 0.05);
    for (const char* w : kTargetDependent) add(w, kKindWord, kTargetDependentWeight);
    for (const char* w : kNotOpinions) add(w, kKindWord, 0);
    for (const char* w : kNegators) add(w, kKindNegator, 0);
    for (const char* w : kDegree) add(w, kKindDegree, DegreeFactor(w));
    // 好 is both a degree word (好快) and an opinion (物流好): remember the word reading.
    for (Entry& m : entries_) {
      if (m.kind == kKindWord) continue;
      for (const Entry& w : entries_) {
        if (w.kind == kKindWord && std::string_view(w.word) == m.word) m.as_word = w.weight;
      }
    }
    matcher_.Build();
  }

  void Find(std::string_view text, std::vector<OpinionHit>* out) const override {
    thread_local std::vector<CodePointMatcher::Match> all, chosen;
    all.clear();
    chosen.clear();
    matcher_.FindAll(text, &all);
    if (all.empty()) return;
    // Leftmost-longest, non-overlapping, regardless of kind: 不错 beats 不 + 错, 好用 beats 好.
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      if (a.start != b.start) return a.start < b.start;
      if (a.end != b.end) return a.end > b.end;
      return a.value > b.value;  // modifiers were added last: prefer them on ties
    });
    uint32_t pos = 0;
    for (const CodePointMatcher::Match& m : all) {
      if (m.start < pos) continue;
      chosen.push_back(m);
      pos = m.end;
    }
    for (size_t i = 0; i < chosen.size(); ++i) {
      const Entry& e = entries_[chosen[i].value];
      double weight = e.weight;
      if (e.kind != kKindWord) {
        bool modifies = i + 1 < chosen.size() && chosen[i + 1].start == chosen[i].end;
        if (e.as_word == 0 || modifies) continue;
        weight = e.as_word;
      }
      // A degree word directly followed by a word ("好" in "好快") acts as a modifier only
      // when it is itself a modifier entry: the word kind decides here.
      double score = weight;
      uint32_t start = chosen[i].start;
      int negations = 0;
      double degree = 1;
      bool as_much = false;  // 那么 / 这么 in front: a comparison's degree
      // Walk left over adjacent modifiers (at most 3, contiguous bytes).
      for (size_t j = i, steps = 0; j > 0 && steps < 3; ++steps) {
        const CodePointMatcher::Match& prev = chosen[j - 1];
        const Entry& pe = entries_[prev.value];
        if (prev.end != start || pe.kind == kKindWord) break;
        if (pe.kind == kKindNegator) ++negations;
        if (pe.kind == kKindDegree) degree *= pe.weight;
        as_much |= std::string_view(pe.word) == "那么" || std::string_view(pe.word) == "这么";
        start = prev.start;
        --j;
      }
      // 没有宣传的那么好: the negation stands a few words before the comparison.
      if (as_much && negations == 0 && NotAsBefore(text, start)) ++negations;
      if (negations % 2 == 1) score = -score * (score > 0 ? 0.8 : 0.6);
      if (score > 0 && DeniedAfter(text, chosen[i].end)) score *= -0.8;  // 质量很好！才怪
      score *= degree;
      out->push_back({start, chosen[i].end, chosen[i].start, chosen[i].end, score, weight, e.thanks});
    }
  }

 private:
  struct Entry {
    int32_t kind;
    double weight;
    const char* word;
    double as_word = 0;
    bool thanks = false;
  };
  CodePointMatcher matcher_;
  std::vector<Entry> entries_;
};

bool StartsWith(std::string_view s, size_t i, std::string_view p) {
  return s.size() - i >= p.size() && s.compare(i, p.size(), p) == 0;
}

}  // namespace

const OpinionScorer& DefaultOpinionScorer() {
  static const LexiconScorer* scorer = new LexiconScorer();
  return *scorer;
}

std::vector<ClauseSpan> SplitClauses(std::string_view text) {
  std::vector<ClauseSpan> out;
  SplitClauses(text, &out);
  return out;
}

void SplitClauses(std::string_view text, std::vector<ClauseSpan>* clauses) {
  static constexpr std::string_view kPunct[] = {"，", "。", "！", "？", "；", "～", "…",
                                                "：", "）", "（", "【", "】", "\xEF\xBC\x8C"};
  static constexpr std::string_view kContrast[] = {"但是", "可是", "不过", "然而", "只是",
                                                   "但", "可惜", "就是有点", "就是太"};
  std::vector<ClauseSpan>& out = *clauses;
  out.clear();
  uint32_t start = 0;
  auto flush = [&](uint32_t end) {
    if (end > start) out.push_back({start, end});
  };
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t sep = 0;
    if (c < 0x80) {
      if (c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == '~' || c == ' ' ||
          c == '\n' || c == '\r' || c == '\t' || c == ':' || c == '(' || c == ')' || c == '\0')
        sep = (c == ' ' || c == '.') && InsideLatinText(text, i) ? 0 : 1;
    } else if (c == 0xE2 || c == 0xE3 || c == 0xEF) {  // the first bytes of kPunct
      for (std::string_view p : kPunct) {
        if (StartsWith(text, i, p)) {
          sep = p.size();
          break;
        }
      }
    }
    if (sep > 0) {
      flush(static_cast<uint32_t>(i));
      i += sep;
      start = static_cast<uint32_t>(i);
      continue;
    }
    if (c >= 0x80 && i > start) {
      bool contrast = false;
      for (std::string_view p : kContrast) {
        if (StartsWith(text, i, p)) {
          contrast = true;
          break;
        }
      }
      if (contrast) {
        flush(static_cast<uint32_t>(i));
        start = static_cast<uint32_t>(i);
      }
    }
    // Advance one UTF-8 sequence (or one stray byte).
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    i += std::min(len, text.size() - i);
  }
  flush(static_cast<uint32_t>(text.size()));
}

}  // namespace voc::themes
