// Internal: where the default data files (lexicons, models, maps) are found.
#ifndef VOC_CORE_DATA_PATH_H_
#define VOC_CORE_DATA_PATH_H_

#include <string>
#include <string_view>

namespace voc {

// The path of a default data file, `relative` to the data directory ("lexicon/base.voclex").
// Looks in $VOC_DATA_DIR, then the build tree's data directory, then the installed one, and
// returns the first that exists (or the installed path when none does, so the error names it).
std::string DefaultDataPath(std::string_view relative);

}  // namespace voc

#endif  // VOC_CORE_DATA_PATH_H_
