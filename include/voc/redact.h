// voc/redact.h — removal of personal data from feedback text.
#ifndef VOC_REDACT_H_
#define VOC_REDACT_H_

#include <string>
#include <string_view>

namespace voc {

// What was redacted, by kind.
struct RedactionStats {
  int phones = 0;     // mainland mobile numbers (+86 optional, separators allowed)
  int id_cards = 0;   // 18-digit resident ID numbers (last may be X), checksum-verified
  int bank_cards = 0; // 16–19 digit card numbers passing the Luhn check
  int emails = 0;
  int total() const { return phones + id_cards + bank_cards + emails; }
};

// Replaces personal data by typed placeholders: [PHONE], [ID_CARD], [BANK_CARD], [EMAIL].
// Order numbers and other digit runs that fail the checks are left alone. Thread-safe; the
// patterns (RE2) are compiled once. Text without a digit or '@' is returned unchanged quickly.
std::string RedactPii(std::string_view text, RedactionStats* stats = nullptr);

// False when `text` cannot contain anything RedactPii replaces (no ASCII digit, no '@').
bool MayContainPii(std::string_view text);

}  // namespace voc

#endif  // VOC_REDACT_H_
