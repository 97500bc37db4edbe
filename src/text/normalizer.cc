#include <memory>
#include <mutex>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/utf8.h"
#include "text/normalize_impl.h"
#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"
#include "voc/text.h"

namespace voc {
namespace text {
namespace {

constexpr char32_t kHanFirst = 0x4E00, kHanLast = 0x9FFF;

// Traditional → Simplified for the CJK Unified Ideographs block: the characters ICU's
// transliterator changes, listed at build time (src/text/gen/t2s_table_gen.cc), expanded
// once into a table, so a lookup is one read and needs neither ICU nor a lock.
struct T2SPair {
  char32_t from, to;
};
constexpr T2SPair kT2SPairs[] = {
#include "voc_t2s_table.inc"
};

const std::vector<char32_t>& TraditionalTable() {
  static const std::vector<char32_t>* table = [] {
    auto* t = new std::vector<char32_t>(kHanLast - kHanFirst + 1);
    for (char32_t c = kHanFirst; c <= kHanLast; ++c) (*t)[c - kHanFirst] = c;
    for (const T2SPair& p : kT2SPairs) (*t)[p.from - kHanFirst] = p.to;
    return t;
  }();
  return *table;
}

const icu::Normalizer2* Nfkc() {
  static const icu::Normalizer2* nfkc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfkc;
}

inline char32_t LowerAscii(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

// Appends field by field: a braced temporary is built on the stack from 4-byte stores and
// copied with an 8-byte load, which defeats store-to-load forwarding (measured: more than
// half of NormalizeChars' time sat on that copy).
inline void Append(std::vector<NormChar>* out, char32_t cp, uint32_t start, uint32_t end) {
  NormChar& c = out->emplace_back();
  c.cp = cp;
  c.start = start;
  c.end = end;
}

// BMP characters that every normalisation option leaves as they are (not white space or a
// control, NFKC-inert, no lower-case form): CJK punctuation and most symbols. Built once per
// process (about 2 ms), so the common non-Han characters skip four ICU property calls.
const std::vector<bool>& PlainBmp() {
  static const std::vector<bool>* plain = [] {
    auto* t = new std::vector<bool>(0x10000, false);
    const icu::Normalizer2* nfkc = Nfkc();
    for (UChar32 c = 0x80; c < 0x10000; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      (*t)[c] = nfkc != nullptr && nfkc->isInert(c) && !u_isUWhiteSpace(c) && !u_iscntrl(c) &&
                !u_isupper(c) && c != 0x3000 && c != 0x200D && c != 0x200C;
    }
    return t;
  }();
  return *plain;
}

}  // namespace

size_t NormalizeChars(std::string_view text, const NormalizerOptions& o,
                      std::vector<NormChar>* out) {
  const std::vector<char32_t>* trad = o.traditional_to_simplified ? &TraditionalTable() : nullptr;
  const icu::Normalizer2* nfkc = o.nfkc ? Nfkc() : nullptr;
  const std::vector<bool>& plain = PlainBmp();
  const unsigned char* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t first_invalid = std::string_view::npos;
  out->reserve(out->size() + text.size() / 2 + 1);
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const uint32_t start = static_cast<uint32_t>(i);
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {  // ASCII fast path
      char32_t c = b;
      if (o.clean_whitespace && (c < 0x20 || c == 0x7F)) c = ' ';
      if (o.lowercase) c = LowerAscii(c);
      Append(out, c, start, start + 1);
      ++i;
      continue;
    }
    // Han fast path: lead bytes E4..E9 are U+4000..U+9FFF, no overlong or surrogate forms.
    if (b >= 0xE4 && b <= 0xE9 && i + 2 < n && (bytes[i + 1] & 0xC0) == 0x80 &&
        (bytes[i + 2] & 0xC0) == 0x80) {
      const char32_t cp = ((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F);
      if (cp >= kHanFirst) {
        Append(out, trad ? (*trad)[cp - kHanFirst] : cp, start, start + 3);
        i += 3;
        continue;
      }
    }
    char32_t cp;
    size_t len = utf8::Decode(text, i, &cp);
    if (len == 0) {
      if (first_invalid == std::string_view::npos) first_invalid = i;
      Append(out, 0xFFFD, start, start + 1);
      ++i;
      continue;
    }
    i += len;
    const uint32_t end = static_cast<uint32_t>(i);
    if (cp >= kHanFirst && cp <= kHanLast) {
      Append(out, trad ? (*trad)[cp - kHanFirst] : cp, start, end);
      continue;
    }
    if ((o.fullwidth_to_halfwidth || o.nfkc) && cp >= 0xFF01 && cp <= 0xFF5E) {
      char32_t c = cp - 0xFEE0;
      Append(out, o.lowercase ? LowerAscii(c) : c, start, end);
      continue;
    }
    if (cp < 0x10000 && plain[cp]) {
      Append(out, cp, start, end);
      continue;
    }
    // ZWJ / ZWNJ and tag characters are format characters, but they hold emoji sequences
    // (👨‍👩‍👧, flags of regions) together: keep them for the segmenter.
    const bool joiner = cp == 0x200D || cp == 0x200C || (cp >= 0xE0020 && cp <= 0xE007F);
    if (o.clean_whitespace && !joiner &&
        (cp == 0x3000 || u_isUWhiteSpace(static_cast<UChar32>(cp)) ||
         u_iscntrl(static_cast<UChar32>(cp)))) {
      Append(out, ' ', start, end);
      continue;
    }
    if (nfkc != nullptr && !nfkc->isInert(static_cast<UChar32>(cp))) {
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString s(static_cast<UChar32>(cp));
      icu::UnicodeString r = nfkc->normalize(s, status);
      if (U_SUCCESS(status)) {
        for (int32_t k = 0; k < r.length(); k = r.moveIndex32(k, 1)) {
          char32_t c = static_cast<char32_t>(r.char32At(k));
          if (o.lowercase) c = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
          if (trad != nullptr && c >= kHanFirst && c <= kHanLast) c = (*trad)[c - kHanFirst];
          Append(out, c, start, end);
        }
        continue;
      }
    }
    if (o.lowercase && u_isupper(static_cast<UChar32>(cp))) {
      cp = static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
    }
    Append(out, cp, start, end);
  }
  return first_invalid;
}

}  // namespace text

struct Normalizer::Impl {
  NormalizerOptions options;
};

Normalizer::Normalizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Normalizer::~Normalizer() = default;

absl::StatusOr<std::unique_ptr<Normalizer>> Normalizer::Create(const NormalizerOptions& options) {
  if (options.nfkc && text::Nfkc() == nullptr) {
    return absl::InternalError("ICU NFKC data is not available");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (options.traditional_to_simplified) text::TraditionalTable();  // pay the set-up now
  return std::unique_ptr<Normalizer>(new Normalizer(std::move(impl)));
}

absl::StatusOr<NormalizedText> Normalizer::Normalize(std::string_view text) const {
  std::vector<text::NormChar> chars;
  size_t bad = text::NormalizeChars(text, impl_->options, &chars);
  if (bad != std::string_view::npos && impl_->options.invalid_utf8 == InvalidUtf8::kError) {
    return absl::InvalidArgumentError(absl::StrCat("text is not valid UTF-8 (byte ", bad, ")"));
  }
  NormalizedText r;
  r.text.reserve(text.size());
  for (const text::NormChar& c : chars) {
    utf8::Append(&r.text, c.cp);
    r.source_start.resize(r.text.size(), c.start);
    r.source_end.resize(r.text.size(), c.end);
  }
  return r;
}

}  // namespace voc
