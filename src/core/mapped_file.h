// Internal: a read-only memory mapping of a whole file, for the data files voc reads in
// place (segmentation lexicon, IDF table, sentiment/emotion models).
#ifndef VOC_CORE_MAPPED_FILE_H_
#define VOC_CORE_MAPPED_FILE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace voc {

class MappedFile {
 public:
  // Maps `path` read-only. `what` names the file in errors ("lexicon /x/y: ..."): NotFound
  // when it cannot be opened, Internal when it cannot be mapped. An empty file maps to empty
  // bytes, so the caller's own size check names the problem. `populate` pre-faults the pages
  // (MAP_POPULATE), for files that are read whole at once.
  static absl::StatusOr<std::shared_ptr<const MappedFile>> Open(const std::string& path,
                                                                std::string_view what,
                                                                bool populate = false);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  MappedFile(void* data, size_t size) : data_(data), size_(size) {}
  void* data_;
  size_t size_;
};

}  // namespace voc

#endif  // VOC_CORE_MAPPED_FILE_H_
