// Text normalisation and Chinese word segmentation.
//
// Normalizer: NFKC (full-width -> half-width), Traditional -> Simplified, Latin lower-case,
// control characters and odd white space -> space, invalid UTF-8 -> U+FFFD (or an error). Every
// normalised byte keeps the span of the original bytes it came from.
//
// Segmenter: jieba-style most probable path through the DAG of lexicon words (jieba's dict.txt
// plus voc's domain words, compiled at build time and memory-mapped), an HMM over runs of
// unmatched characters for unknown words, and scanners for mixed script: Latin runs, numbers
// with units (3天, 15.5元, 2小时), dates, URLs, @mentions, emoji sequences, punctuation. Token
// offsets always point into the ORIGINAL text.
#ifndef VOC_TEXT_H_
#define VOC_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace voc {

// Coarse part of speech; TokenTagName gives the short (jieba / ICTCLAS style) name.
enum class TokenTag : uint8_t {
  kOther = 0,     // "x"   unknown / other symbol
  kNoun,          // "n"
  kPersonName,    // "nr"
  kPlaceName,     // "ns"
  kOrganization,  // "nt"
  kVerb,          // "v"
  kAdjective,     // "a"
  kAdverb,        // "d"
  kNegator,       // "neg" 不, 没有, 别 ...
  kDegree,        // "deg" 很, 非常, 太 ...
  kNumeral,       // "m"   numbers, numbers with units, dates
  kClassifier,    // "q"
  kPronoun,       // "r"
  kPreposition,   // "p"
  kConjunction,   // "c"
  kParticle,      // "u"
  kInterjection,  // "e"
  kTime,          // "t"
  kDirection,     // "f"
  kIdiom,         // "i"
  kLatin,         // "eng"
  kUrl,           // "url"
  kMention,       // "at"
  kEmoji,         // "emoji"
  kPunctuation,   // "w"
};

// "n", "v", ... ("x" for out-of-range values).
std::string_view TokenTagName(TokenTag tag);

// One token: bytes [start, end) of the original text.
struct Token {
  uint32_t start = 0;
  uint32_t end = 0;
  TokenTag tag = TokenTag::kOther;
  bool operator==(const Token& o) const {
    return start == o.start && end == o.end && tag == o.tag;
  }
};

enum class InvalidUtf8 : uint8_t {
  kReplace,  // each invalid byte becomes U+FFFD
  kError,    // Normalize fails with InvalidArgument naming the byte offset
};

struct NormalizerOptions {
  bool nfkc = true;
  bool fullwidth_to_halfwidth = true;
  bool traditional_to_simplified = true;
  bool lowercase = true;
  bool clean_whitespace = true;  // control characters and odd white space -> ' '
  InvalidUtf8 invalid_utf8 = InvalidUtf8::kReplace;
};

// Normalised text; byte i of `text` came from original bytes [source_start[i], source_end[i]).
struct NormalizedText {
  std::string text;
  std::vector<uint32_t> source_start;
  std::vector<uint32_t> source_end;
};

// Character-level normaliser. Thread-safe.
class Normalizer {
 public:
  static absl::StatusOr<std::unique_ptr<Normalizer>> Create(const NormalizerOptions& options);
  absl::StatusOr<NormalizedText> Normalize(std::string_view text) const;

  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  struct Impl;

 private:
  explicit Normalizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct SegmenterOptions {
  std::string lexicon;    // compiled lexicon; empty = default data file
  std::string model;      // optional character-tagger model (`voc train-segmenter`)
  std::string user_dict;  // optional user dictionary loaded at creation
  bool normalize = true;  // look words up in normalised text (offsets stay original)
  bool hmm = true;        // find unknown words with the HMM
};

// Thread-safe: Segment may run concurrently with itself and with user-dictionary updates,
// each call seeing one whole snapshot of the user dictionary.
class Segmenter {
 public:
  static absl::StatusOr<std::unique_ptr<Segmenter>> Create(const SegmenterOptions& options);

  std::vector<Token> Segment(std::string_view text) const;
  // Allocation-light: replaces *tokens.
  void Segment(std::string_view text, std::vector<Token>* tokens) const;

  // freq 0: high enough to beat the word's own pieces (like jieba's suggest_freq).
  absl::Status AddWord(std::string_view word, int64_t freq = 0, TokenTag tag = TokenTag::kNoun);
  absl::Status RemoveWord(std::string_view word);
  // "word [freq] [tag]" per line, "-word" hides a lexicon word, '#' comments.
  absl::Status LoadUserDict(const std::string& path);
  absl::Status SaveUserDict(const std::string& path) const;

  // Whether `word` (normalised first) is a word of this segmenter: the lexicon's or the user
  // dictionary's, and not removed.
  bool Contains(std::string_view word) const;

  // -log P(word) of a normalised word (the unknown-word cost when it is not in the lexicon).
  double WordCost(std::string_view normalized_word) const;

  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  struct Impl;

 private:
  explicit Segmenter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Appends the tokens of `text` as `voc segment` prints a line: separated by single spaces,
// each followed by /TAG when `with_tags`.
void AppendTokens(std::string_view text, const std::vector<Token>& tokens, bool with_tags,
                  std::string* out);

}  // namespace voc

#endif  // VOC_TEXT_H_
