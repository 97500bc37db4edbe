// Internal: the structs behind the C ABI's opaque handles.
#ifndef VOC_CAPI_HANDLES_H_
#define VOC_CAPI_HANDLES_H_

#include <memory>
#include <mutex>
#include <vector>

#include "voc/analyzer.h"
#include "voc/store.h"
#include "voc/types.h"

struct voc_record {
  voc::Feedback feedback;
};

struct voc_store {
  std::unique_ptr<voc::Store> store;
  bool keep_raw_text = false;
};

// Analysis vectors of destroyed batch results, kept for the analyzer's next batch: analysing
// into them reuses their clauses, strings and map nodes (about 15% of a batch's time went to
// allocating and freeing fresh ones). Shared with the results, which may outlive the analyzer.
struct voc_result_pool {
  std::mutex mu;
  std::vector<std::vector<voc::Analysis>> free;
};

struct voc_analyzer {
  std::unique_ptr<voc::Analyzer> analyzer;
  std::shared_ptr<voc_result_pool> pool = std::make_shared<voc_result_pool>();
};

#endif  // VOC_CAPI_HANDLES_H_
