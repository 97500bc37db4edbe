#include "voc/types.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "core/strings.h"
#include "core/timeutil.h"
#include "core/utf8.h"

namespace voc {
namespace {

constexpr std::string_view kChannelNames[kChannelCount] = {
    "survey", "app_review", "call_center", "chat", "email", "social", "forum", "store", "other"};

absl::Status Invalid(size_t index, std::string_view id, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(RecordPrefix(index, id), AV(what)));
}

absl::Status CheckText(size_t index, std::string_view id, std::string_view field,
                       std::string_view value, size_t max_bytes) {
  if (value.size() > max_bytes) {
    return Invalid(index, id, absl::StrCat(AV(field), " is ", value.size(), " bytes, over the limit of ",
                                           max_bytes));
  }
  size_t bad = utf8::FindInvalid(value);
  if (bad != std::string_view::npos) {
    return Invalid(index, id, absl::StrCat(AV(field), " is not valid UTF-8 (byte ", bad, ")"));
  }
  if (value.find('\0') != std::string_view::npos) {
    return Invalid(index, id, absl::StrCat(AV(field), " contains a NUL byte"));
  }
  return absl::OkStatus();
}

}  // namespace

std::string_view ChannelName(Channel channel) {
  int i = static_cast<int>(channel);
  if (i < 0 || i >= kChannelCount) return "other";
  return kChannelNames[i];
}

std::optional<Channel> ParseChannel(std::string_view name) {
  for (int i = 0; i < kChannelCount; ++i) {
    if (kChannelNames[i] == name) return static_cast<Channel>(i);
  }
  return std::nullopt;
}

std::string_view RatingScaleName(RatingScale scale) {
  switch (scale) {
    case RatingScale::kNps: return "nps";
    case RatingScale::kCsat: return "csat";
    case RatingScale::kStars: return "stars";
  }
  return "?";
}

std::optional<RatingScale> ParseRatingScale(std::string_view name) {
  if (name == "nps") return RatingScale::kNps;
  if (name == "csat") return RatingScale::kCsat;
  if (name == "stars") return RatingScale::kStars;
  return std::nullopt;
}

void RatingScaleRange(RatingScale scale, double* min, double* max) {
  if (scale == RatingScale::kNps) {
    *min = 0;
    *max = 10;
  } else {
    *min = 1;
    *max = 5;
  }
}

double NormalizedRating(const Rating& rating) {
  double lo, hi;
  RatingScaleRange(rating.scale, &lo, &hi);
  return 2.0 * (rating.value - lo) / (hi - lo) - 1.0;
}

std::string RecordPrefix(size_t index, std::string_view id) {
  if (id.empty()) return absl::StrCat("record ", index, ": ");
  std::string shown = utf8::Printable(id.substr(0, 64));
  return absl::StrCat("record ", index, " (id=", shown, "): ");
}

absl::Status ValidateFeedback(const Feedback& f, size_t index, const ValidationLimits& limits) {
  if (f.id.empty()) return Invalid(index, f.id, "id is missing");
  if (auto s = CheckText(index, f.id, "id", f.id, limits.max_id_bytes); !s.ok()) return s;
  if (f.created_at == 0) return Invalid(index, f.id, "created_at is missing");
  if (auto s = CheckTimestamp("created_at", f.created_at); !s.ok()) {
    return Invalid(index, f.id, std::string(s.message()));
  }
  if (auto s = CheckText(index, f.id, "text", f.text, limits.max_text_bytes); !s.ok()) return s;
  if (f.text.empty() && !f.rating.has_value()) {
    return Invalid(index, f.id, "text is empty and there is no rating");
  }
  if (f.rating) {
    double lo, hi;
    RatingScaleRange(f.rating->scale, &lo, &hi);
    double v = f.rating->value;
    if (!std::isfinite(v) || v < lo || v > hi) {
      return Invalid(index, f.id,
                     absl::StrCat("rating ", v, " outside ", AV(RatingScaleName(f.rating->scale)), " ",
                                  lo, "..", hi));
    }
  }
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"touchpoint", &f.touchpoint},
      {"customer_id", &f.customer_id},
      {"product", &f.product},
      {"region", &f.region}};
  for (const auto& [name, value] : fields) {
    if (auto s = CheckText(index, f.id, name, *value, limits.max_field_bytes); !s.ok()) return s;
  }
  if (f.attributes.size() > limits.max_attributes) {
    return Invalid(index, f.id, absl::StrCat("attributes has ", f.attributes.size(),
                                             " entries, over the limit of ", limits.max_attributes));
  }
  for (const auto& [k, v] : f.attributes) {
    if (auto s = CheckText(index, f.id, "attributes key", k, limits.max_field_bytes); !s.ok()) {
      return s;
    }
    if (auto s = CheckText(index, f.id, absl::StrCat("attributes.", utf8::Sanitize(k)), v,
                           limits.max_field_bytes);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateCustomer(const Customer& c, size_t index, const ValidationLimits& limits) {
  if (c.id.empty()) return Invalid(index, c.id, "id is missing");
  if (auto s = CheckText(index, c.id, "id", c.id, limits.max_id_bytes); !s.ok()) return s;
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"name", &c.name}, {"tier", &c.tier}, {"region", &c.region}};
  for (const auto& [name, value] : fields) {
    if (auto s = CheckText(index, c.id, name, *value, limits.max_field_bytes); !s.ok()) return s;
  }
  if (c.tenure_months && *c.tenure_months < 0) {
    return Invalid(index, c.id, absl::StrCat("tenure_months ", *c.tenure_months, " is negative"));
  }
  if (c.lifetime_value && !std::isfinite(*c.lifetime_value)) {
    return Invalid(index, c.id, "lifetime_value is not a finite number");
  }
  for (const auto& [k, v] : c.attributes) {
    if (auto s = CheckText(index, c.id, "attributes", v, limits.max_field_bytes); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace voc
