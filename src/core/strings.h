// Internal: bridges between std::string_view (voc's public type) and absl::string_view
// (Debian's Abseil 20220623 keeps its own type, with no implicit conversion either way), and
// the JSONL line splitter the readers of in-memory JSONL share, and two tests the sentiment
// rules and the theme opinions share (spaces inside Latin text, a denying 才怪).
#ifndef VOC_CORE_STRINGS_H_
#define VOC_CORE_STRINGS_H_

#include <algorithm>
#include <cstddef>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"

namespace voc {

inline absl::string_view AV(std::string_view s) { return absl::string_view(s.data(), s.size()); }
inline std::string_view SV(absl::string_view s) { return std::string_view(s.data(), s.size()); }

// Splits JSONL into lines, calling fn(line_number, line) with 1-based line numbers; a leading
// UTF-8 byte-order mark, a '\r' before the '\n' and blank lines are skipped.
template <typename Fn>
void ForEachLine(std::string_view data, Fn fn) {
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  size_t line = 0, pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) nl = data.size();
    std::string_view l = data.substr(pos, nl - pos);
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    bool blank = l.find_first_not_of(" \t") == std::string_view::npos;
    if (!blank) fn(line, l);
    pos = nl + 1;
  }
}

// Whether the ' ' or '.' at byte `i` of `text` sits inside Latin-script text, where it separates
// words or numbers (The delivery was fast, 3.5, www.jd.com) rather than clauses as it does
// between Chinese phrases (质量很好 物流很快): a space next to an ASCII letter or digit, a period
// between two of them.
inline bool InsideLatinText(std::string_view text, size_t i) {
  auto alnum = [&](size_t j) {
    return j < text.size() && absl::ascii_isalnum(static_cast<unsigned char>(text[j]));
  };
  const bool before = i > 0 && alnum(i - 1), after = alnum(i + 1);
  if (text[i] == ' ') return before || after;
  if (text[i] == '.') return before && after;
  return false;
}

// Whether 才怪 ("as if!") follows byte `end` of `text` within three characters (好评！才怪),
// denying the praise that ends there. Both the sentiment rules and the theme opinions read it.
inline bool DeniedAfter(std::string_view text, size_t end) {
  return end <= text.size() && text.substr(end, 9 + 6).find("才怪") != std::string_view::npos;
}

// Whether 真是 / 真的是 stands in bytes [start - 9, end) of `text`: right before praise that
// starts at `start` (真是好服务), or inside it. The sentiment rules and the theme opinions read
// such praise as sarcasm when the text complains.
inline bool TrulyIsBefore(std::string_view text, size_t start, size_t end) {
  end = std::min(end, text.size());
  const size_t from = start >= 9 ? std::min(start - 9, end) : 0;
  const std::string_view lead = text.substr(from, end - from);
  return lead.find("真是") != std::string_view::npos || lead.find("真的是") != std::string_view::npos;
}

}  // namespace voc

#endif  // VOC_CORE_STRINGS_H_
