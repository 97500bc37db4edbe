#include "voc/analysis.h"

namespace voc {

std::string_view PolarityName(Polarity p) {
  switch (p) {
    case Polarity::kNegative: return "negative";
    case Polarity::kNeutral: return "neutral";
    case Polarity::kPositive: return "positive";
  }
  return "neutral";
}

std::optional<Polarity> ParsePolarity(std::string_view name) {
  if (name == "negative") return Polarity::kNegative;
  if (name == "neutral") return Polarity::kNeutral;
  if (name == "positive") return Polarity::kPositive;
  return std::nullopt;
}

}  // namespace voc
