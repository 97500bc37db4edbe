#include "voc/redact.h"

#include <cstring>

#include "re2/re2.h"

namespace voc {
namespace {

bool LuhnValid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

// GB 11643-1999 check digit of an 18-character resident ID.
bool IdCardValid(std::string_view id) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  char expected = kCheck[sum % 11];
  char last = id[17] == 'x' ? 'X' : id[17];
  return last == expected;
}

std::string DigitsOnly(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (c >= '0' && c <= '9') d.push_back(c);
  }
  return d;
}

struct Patterns {
  // Digits must not be glued to other digits or ASCII letters (order numbers, model codes).
  RE2 email{R"(([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}))"};
  RE2 id_card{R"((?:^|[^0-9A-Za-z])([1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx])(?:[^0-9A-Za-z]|$))"};
  RE2 bank_card{R"((?:^|[^0-9A-Za-z])((?:[0-9][ -]?){15,18}[0-9])(?:[^0-9A-Za-z]|$))"};
  RE2 phone{R"((?:^|[^0-9A-Za-z])((?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2})(?:[^0-9A-Za-z]|$))"};
};

const Patterns& GetPatterns() {
  static const Patterns* p = new Patterns();
  return *p;
}

// Replaces each match of `re`'s first group for which `accept` holds.
template <typename Accept>
int ReplaceAll(std::string* text, const RE2& re, const char* placeholder, Accept accept) {
  int count = 0;
  std::string out;
  size_t consumed = 0;
  re2::StringPiece group;
  size_t pos = 0;
  while (pos <= text->size()) {
    re2::StringPiece sub(text->data() + pos, text->size() - pos);
    if (!RE2::PartialMatch(sub, re, &group)) break;
    size_t start = static_cast<size_t>(group.data() - text->data());
    size_t end = start + group.size();
    std::string_view match(group.data(), group.size());
    if (accept(match)) {
      out.append(text->data() + consumed, start - consumed);
      out.append(placeholder);
      consumed = end;
      ++count;
    }
    pos = end > pos ? end : pos + 1;
  }
  if (count == 0) return 0;
  out.append(text->data() + consumed, text->size() - consumed);
  text->swap(out);
  return count;
}

}  // namespace

bool MayContainPii(std::string_view text) {
  for (char c : text) {
    if ((c >= '0' && c <= '9') || c == '@') return true;
  }
  return false;
}

std::string RedactPii(std::string_view text, RedactionStats* stats) {
  bool has_digit = false, has_at = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') has_digit = true;
    if (c == '@') has_at = true;
  }
  std::string out(text);
  if (!has_digit && !has_at) return out;
  const Patterns& p = GetPatterns();
  RedactionStats local;
  if (has_at) {
    local.emails = ReplaceAll(&out, p.email, "[EMAIL]", [](std::string_view) { return true; });
  }
  if (has_digit) {
    local.id_cards = ReplaceAll(&out, p.id_card, "[ID_CARD]", IdCardValid);
    local.bank_cards = ReplaceAll(&out, p.bank_card, "[BANK_CARD]", [](std::string_view m) {
      std::string d = DigitsOnly(m);
      return d.size() >= 16 && d.size() <= 19 && LuhnValid(d);
    });
    local.phones = ReplaceAll(&out, p.phone, "[PHONE]", [](std::string_view) { return true; });
  }
  if (stats != nullptr) *stats = local;
  return out;
}

}  // namespace voc
