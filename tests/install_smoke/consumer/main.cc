// Links the installed static C++ library through find_package(voc).
#include <cstdio>

#include "voc/types.h"
#include "voc/version.h"

int main() {
  voc::Feedback f;
  f.id = "x-1";
  f.created_at = 1772353800;
  f.text = "客服态度很好";
  f.rating = voc::Rating{voc::RatingScale::kNps, 11};
  absl::Status s = voc::ValidateFeedback(f, 1);
  std::printf("voc %s: %s\n", VOC_VERSION_STRING, std::string(s.message()).c_str());
  return s.ok() ? 1 : 0;  // the rating is out of range, so validation must fail
}
