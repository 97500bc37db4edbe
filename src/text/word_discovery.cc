#include "text/word_discovery.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/utf8.h"
#include "text/normalize_impl.h"

namespace voc::text {
namespace {

struct Neighbours {
  std::unordered_map<char32_t, int64_t> left, right;
  int64_t left_edges = 0, right_edges = 0;  // occurrences at the edge of a Han run
};

// Entropy of a neighbour distribution; each edge occurrence counts as a distinct neighbour
// (a word at the end of many sentences is free on that side, not bound to "end").
double Entropy(const std::unordered_map<char32_t, int64_t>& counts, int64_t edges) {
  double total = static_cast<double>(edges);
  for (const auto& [c, n] : counts) total += static_cast<double>(n);
  if (total <= 0) return 0;
  double h = static_cast<double>(edges) * std::log(total) / total;
  for (const auto& [c, n] : counts) {
    const double p = static_cast<double>(n) / total;
    h -= p * std::log(p);
  }
  return h;
}

bool IsParticleStart(char32_t c) {
  static constexpr std::u32string_view kChars = U"的了着吗呢吧啊呀嘛哦们地得之";
  return kChars.find(c) != std::u32string_view::npos;
}
bool IsParticleEnd(char32_t c) {
  static constexpr std::u32string_view kChars = U"的了吗呢吧啊呀哦嘛我你他她它在和与及把被给很都也就又最太";
  return kChars.find(c) != std::u32string_view::npos;
}

std::string Utf8(const std::u32string& s, size_t b, size_t e) {
  std::string out;
  for (size_t i = b; i < e; ++i) utf8::Append(&out, s[i]);
  return out;
}

}  // namespace

std::vector<DiscoveredWord> DiscoverWords(const std::vector<std::string_view>& texts,
                                          const WordDiscoveryOptions& options,
                                          const std::function<bool(std::string_view)>& is_known) {
  const size_t min_len = static_cast<size_t>(std::max(2, options.min_length));
  const size_t max_len = static_cast<size_t>(std::clamp(options.max_length, static_cast<int>(min_len), 16));
  // Runs of Han characters (normalised); everything else separates them.
  std::vector<std::u32string> runs;
  NormalizerOptions norm;
  norm.invalid_utf8 = InvalidUtf8::kReplace;
  std::vector<NormChar> chars;
  for (std::string_view text : texts) {
    chars.clear();
    NormalizeChars(text, norm, &chars);
    std::u32string run;
    for (const NormChar& c : chars) {
      if (IsHan(c.cp)) {
        run.push_back(c.cp);
      } else if (!run.empty()) {
        runs.push_back(std::move(run));
        run.clear();
      }
    }
    if (!run.empty()) runs.push_back(std::move(run));
  }

  // Counts of every n-gram up to max_len (the parts of a candidate are shorter than it).
  std::unordered_map<std::u32string, int64_t> counts;
  int64_t total_chars = 0;
  for (const auto& r : runs) {
    total_chars += static_cast<int64_t>(r.size());
    for (size_t i = 0; i < r.size(); ++i) {
      for (size_t n = 1; n <= max_len && i + n <= r.size(); ++n) ++counts[r.substr(i, n)];
    }
  }
  if (total_chars == 0) return {};
  const double N = static_cast<double>(total_chars);

  // Cohesion first (cheap), then neighbour statistics only for the survivors.
  struct Candidate {
    double pmi;
    Neighbours nb;
  };
  std::unordered_map<std::u32string, Candidate> cands;
  std::string utf8_word;
  for (const auto& [gram, count] : counts) {
    if (gram.size() < min_len || count < options.min_count) continue;
    if (options.drop_particle_edges && (IsParticleStart(gram.front()) || IsParticleEnd(gram.back()))) {
      continue;
    }
    double pmi = 1e300;
    for (size_t k = 1; k < gram.size(); ++k) {
      const double a = static_cast<double>(counts[gram.substr(0, k)]);
      const double b = static_cast<double>(counts[gram.substr(k)]);
      pmi = std::min(pmi, std::log(static_cast<double>(count) * N / (a * b)));
    }
    if (pmi < options.min_pmi) continue;
    cands.emplace(gram, Candidate{pmi, {}});
  }
  for (const auto& r : runs) {
    for (size_t i = 0; i < r.size(); ++i) {
      for (size_t n = min_len; n <= max_len && i + n <= r.size(); ++n) {
        auto it = cands.find(r.substr(i, n));
        if (it == cands.end()) continue;
        Neighbours& nb = it->second.nb;
        if (i == 0) ++nb.left_edges; else ++nb.left[r[i - 1]];
        if (i + n == r.size()) ++nb.right_edges; else ++nb.right[r[i + n]];
      }
    }
  }

  std::vector<DiscoveredWord> out;
  for (const auto& [gram, cand] : cands) {
    const double le = Entropy(cand.nb.left, cand.nb.left_edges);
    const double re = Entropy(cand.nb.right, cand.nb.right_edges);
    if (std::min(le, re) < options.min_entropy) continue;
    const std::string word = Utf8(gram, 0, gram.size());
    if (is_known) {
      if (is_known(word)) continue;
      if (options.drop_known_compounds) {
        bool compound = false;
        for (size_t k = 1; k < gram.size() && !compound; ++k) {
          compound = is_known(Utf8(gram, 0, k)) && is_known(Utf8(gram, k, gram.size()));
        }
        if (compound) continue;
      }
    }
    const int64_t count = counts[gram];
    const double score = std::log(static_cast<double>(count)) * std::min(cand.pmi, 8.0) * std::min(le, re);
    out.push_back({word, count, cand.pmi, le, re, score});
  }
  std::sort(out.begin(), out.end(), [](const DiscoveredWord& a, const DiscoveredWord& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.count != b.count) return a.count > b.count;
    return a.word < b.word;
  });
  if (options.top > 0 && out.size() > options.top) out.resize(options.top);
  return out;
}

}  // namespace voc::text
