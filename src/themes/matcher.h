// Internal: the themes component finds cue, exclusion and opinion words with the shared
// code-point matcher (exact case; every occurrence, ordered by end offset, longest first).
#ifndef VOC_THEMES_MATCHER_H_
#define VOC_THEMES_MATCHER_H_

#include "core/code_point_matcher.h"

namespace voc::themes {

using Matcher = CodePointMatcher;
using Match = CodePointMatcher::Match;

}  // namespace voc::themes

#endif  // VOC_THEMES_MATCHER_H_
