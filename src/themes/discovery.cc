// Discovery of candidate themes: spherical k-means over char-bigram TF-IDF of the feedback no
// theme matched; each cluster is then named by its most distinctive words (the segmenter's).
// Everything is ordered deterministically (sorted vocabulary, seeded k-means++).
#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <string>

#include "core/utf8.h"
#include "themes/opinion.h"
#include "voc/sentiment.h"
#include "voc/text.h"
#include "voc/themes.h"

namespace voc {
namespace {

bool IsContentChar(char32_t cp) {
  if (cp >= 0x4E00 && cp <= 0x9FFF) return true;  // CJK unified ideographs
  if (cp >= 0x3400 && cp <= 0x4DBF) return true;
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
  return false;
}

// Char bigrams of runs of content characters (punctuation, digits, emoji break runs).
std::vector<std::string> Bigrams(std::string_view text) {
  std::vector<std::string> out;
  std::string prev;
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    size_t n = utf8::Decode(text, i, &cp);
    if (n == 0) n = 1, cp = 0;
    std::string cur(text.substr(i, n));
    if (cp >= 'A' && cp <= 'Z') cur[0] = static_cast<char>(cur[0] + 'a' - 'A');
    i += n;
    if (!IsContentChar(cp)) {
      prev.clear();
      continue;
    }
    if (!prev.empty()) out.push_back(prev + cur);
    prev = cur;
  }
  return out;
}

// Function-word and generic-opinion bigrams: frequent everywhere, never a theme by themselves.
bool IsStopBigram(const std::string& g) {
  static const char* const kStop[] = {
      "没有", "非常", "感觉", "怎么", "就是", "一个", "这个", "那个", "还是", "不是", "真的", "可以",
      "特别", "很好", "不好", "不错", "一般", "我们", "你们", "他们", "自己", "什么", "因为", "所以",
      "但是", "而且", "已经", "还有", "这么", "那么", "时候", "知道", "觉得", "比较", "有点", "一点",
      "这样", "然后", "以后", "之前", "现在", "每次", "一次", "下次", "太差", "好吃", "满意", "喜欢",
      "东西", "了吧", "的话", "我的", "你的", "了一", "的时", "是我", "都是", "也是", "就不", "也不"};
  for (const char* s : kStop) {
    if (g == s) return true;
  }
  return false;
}

// The default segmenter, or null when its data is not installed (top terms are then the
// centroid's bigrams).
const Segmenter* DefaultSegmenter() {
  static const Segmenter* const segmenter = [] {
    auto s = Segmenter::Create(SegmenterOptions());
    return s.ok() ? s->release() : nullptr;
  }();
  return segmenter;
}

// Content words of a text, each once: nouns, verbs, adjectives, names and idioms of two or
// more characters that are not function words.
std::vector<std::string> ContentWords(const Segmenter& segmenter, std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : segmenter.Segment(text)) {
    switch (t.tag) {
      case TokenTag::kNoun: case TokenTag::kPersonName: case TokenTag::kPlaceName:
      case TokenTag::kOrganization: case TokenTag::kVerb: case TokenTag::kAdjective:
      case TokenTag::kIdiom:
        break;
      default:
        continue;
    }
    std::string w(text.substr(t.start, t.end - t.start));
    if (utf8::Length(w) < 2 || IsStopBigram(w)) continue;
    out.push_back(std::move(w));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The first `n` items by score, highest first; equal scores by item, for determinism.
template <typename T>
std::vector<T> Best(std::vector<std::pair<double, T>> scored, size_t n) {
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<T> out;
  for (size_t e = 0; e < scored.size() && e < n; ++e) out.push_back(std::move(scored[e].second));
  return out;
}

// Uniform double in [0, 1) from the engine's raw bits (portable across standard libraries).
double Uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

using SparseVec = std::vector<std::pair<int, double>>;  // sorted by term id, L2-normalised

double Dot(const SparseVec& v, const std::vector<double>& c) {
  double s = 0;
  for (const auto& [t, w] : v) s += w * c[t];
  return s;
}

}  // namespace

DiscoveryResult DiscoverThemes(const std::vector<DiscoveryDocument>& documents,
                               const ThemeAnalyzer* analyzer, const DiscoveryOptions& options) {
  DiscoveryResult result;
  result.documents = documents.size();
  std::vector<const DiscoveryDocument*> docs;
  for (const DiscoveryDocument& d : documents) {
    if (analyzer == nullptr || analyzer->Analyze(d.text).empty()) docs.push_back(&d);
  }
  result.unmatched = docs.size();
  if (docs.empty()) return result;

  // Vocabulary: bigrams in >= 2 documents (all of them for tiny inputs), sorted for determinism.
  std::vector<std::vector<std::string>> grams(docs.size());
  std::map<std::string, int> df;
  for (size_t i = 0; i < docs.size(); ++i) {
    grams[i] = Bigrams(docs[i]->text);
    std::vector<std::string> uniq = grams[i];
    std::sort(uniq.begin(), uniq.end());
    uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
    for (const std::string& g : uniq) df[g]++;
  }
  const int min_df = docs.size() >= 20 ? 2 : 1;
  std::map<std::string, int> vocab;
  std::vector<std::string> terms;
  std::vector<double> idf;
  for (const auto& [g, n] : df) {
    if (n < min_df || IsStopBigram(g)) continue;
    // Bigrams in more than half the documents carry no topic.
    if (docs.size() >= 20 && n * 2 > static_cast<int>(docs.size())) continue;
    vocab[g] = static_cast<int>(terms.size());
    terms.push_back(g);
    idf.push_back(std::log((1.0 + docs.size()) / (1.0 + n)) + 1.0);
  }
  std::vector<SparseVec> vecs(docs.size());
  std::vector<size_t> usable;
  for (size_t i = 0; i < docs.size(); ++i) {
    std::map<int, double> tf;
    for (const std::string& g : grams[i]) {
      auto it = vocab.find(g);
      if (it != vocab.end()) tf[it->second] += 1;
    }
    double norm = 0;
    for (auto& [t, w] : tf) {
      w = (1 + std::log(w)) * idf[t];
      norm += w * w;
    }
    if (norm == 0) continue;
    norm = std::sqrt(norm);
    for (const auto& [t, w] : tf) vecs[i].emplace_back(t, w / norm);
    usable.push_back(i);
  }
  if (usable.empty()) return result;
  const size_t k = std::max<size_t>(
      1, std::min<size_t>(static_cast<size_t>(std::max(1, options.clusters)), usable.size()));
  const size_t dim = terms.size();

  // Words of every usable document, for naming the clusters.
  const Segmenter* segmenter = DefaultSegmenter();
  std::vector<std::vector<std::string>> words(docs.size());
  std::map<std::string, int> word_df;
  if (segmenter != nullptr) {
    for (size_t i : usable) {
      words[i] = ContentWords(*segmenter, docs[i]->text);
      for (const std::string& w : words[i]) word_df[w]++;
    }
  }

  // k-means++ seeding (distance 1 - cosine).
  std::mt19937_64 rng(options.seed);
  std::vector<std::vector<double>> cent;
  auto as_dense = [&](size_t i) {
    std::vector<double> c(dim, 0.0);
    for (const auto& [t, w] : vecs[i]) c[t] = w;
    return c;
  };
  cent.push_back(as_dense(usable[static_cast<size_t>(Uniform(rng) * usable.size())]));
  std::vector<double> best_sim(usable.size(), -1);
  while (cent.size() < k) {
    double total = 0;
    for (size_t j = 0; j < usable.size(); ++j) {
      best_sim[j] = std::max(best_sim[j], Dot(vecs[usable[j]], cent.back()));
      total += std::max(0.0, 1 - best_sim[j]);
    }
    if (total <= 1e-12) break;  // every document coincides with a centre
    double r = Uniform(rng) * total;
    size_t pick = usable.size() - 1;
    for (size_t j = 0; j < usable.size(); ++j) {
      r -= std::max(0.0, 1 - best_sim[j]);
      if (r < 0) {
        pick = j;
        break;
      }
    }
    cent.push_back(as_dense(usable[pick]));
  }

  std::vector<int> assign(usable.size(), -1);
  for (int iter = 0; iter < std::max(1, options.iterations); ++iter) {
    bool changed = false;
    for (size_t j = 0; j < usable.size(); ++j) {
      int best = 0;
      double bs = -2;
      for (size_t c = 0; c < cent.size(); ++c) {
        double s = Dot(vecs[usable[j]], cent[c]);
        if (s > bs + 1e-12) bs = s, best = static_cast<int>(c);
      }
      if (assign[j] != best) assign[j] = best, changed = true;
    }
    for (size_t c = 0; c < cent.size(); ++c) {
      std::vector<double> sum(dim, 0.0);
      bool any = false;
      for (size_t j = 0; j < usable.size(); ++j) {
        if (assign[j] != static_cast<int>(c)) continue;
        any = true;
        for (const auto& [t, w] : vecs[usable[j]]) sum[t] += w;
      }
      if (!any) continue;  // keep the old centre
      double norm = 0;
      for (double v : sum) norm += v * v;
      norm = std::sqrt(norm);
      for (double& v : sum) v /= norm;
      cent[c] = std::move(sum);
    }
    if (!changed) break;
  }

  const themes::OpinionScorer& scorer = themes::DefaultOpinionScorer();
  for (size_t c = 0; c < cent.size(); ++c) {
    std::vector<std::pair<double, size_t>> members;  // (similarity, doc index)
    for (size_t j = 0; j < usable.size(); ++j) {
      if (assign[j] == static_cast<int>(c)) members.emplace_back(Dot(vecs[usable[j]], cent[c]), usable[j]);
    }
    if (members.size() < std::max<size_t>(1, options.min_size)) continue;
    std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    CandidateTheme cand;
    cand.size = members.size();
    size_t negative = 0;
    std::vector<themes::OpinionHit> hits;
    Analysis analysis;
    for (const auto& [sim, i] : members) {
      if (options.sentiment != nullptr) {
        negative += options.sentiment->Analyze(docs[i]->text, &analysis).ok() &&
                    analysis.polarity == Polarity::kNegative;
        continue;
      }
      hits.clear();
      scorer.Find(docs[i]->text, &hits);
      double s = 0;
      for (const auto& h : hits) s += themes::HasOwnPolarity(h) ? h.score : 0;
      negative += s < 0;
    }
    cand.share_negative = static_cast<double>(negative) / static_cast<double>(members.size());
    for (size_t e = 0; e < members.size() && e < static_cast<size_t>(options.examples); ++e) {
      cand.example_ids.push_back(docs[members[e].second]->id);
    }
    // Named by the words most particular to the cluster: the share of its members that use
    // a word times the word's IDF over all unmatched feedback. Words one member uses are
    // not a theme (unless the cluster is one member).
    std::map<std::string, int> in_cluster;
    for (const auto& [sim, i] : members) {
      for (const std::string& w : words[i]) in_cluster[w]++;
    }
    std::vector<std::pair<double, std::string>> named;
    const int min_members = members.size() >= 2 ? 2 : 1;
    for (const auto& [w, n] : in_cluster) {
      if (n < min_members) continue;
      const double idf = std::log((1.0 + usable.size()) / (1.0 + word_df[w])) + 1.0;
      named.emplace_back(static_cast<double>(n) / members.size() * idf, w);
    }
    const size_t top_terms = static_cast<size_t>(options.top_terms);
    cand.top_terms = Best(std::move(named), top_terms);
    if (cand.top_terms.empty()) {  // no segmenter data, or no shared word: the bigrams
      std::vector<std::pair<double, int>> top;
      for (size_t t = 0; t < dim; ++t) {
        if (cent[c][t] > 0) top.emplace_back(cent[c][t], static_cast<int>(t));
      }
      for (int t : Best(std::move(top), top_terms)) cand.top_terms.push_back(terms[t]);
    }
    result.candidates.push_back(std::move(cand));
  }
  std::stable_sort(result.candidates.begin(), result.candidates.end(),
                   [](const CandidateTheme& a, const CandidateTheme& b) { return a.size > b.size; });
  return result;
}

}  // namespace voc
