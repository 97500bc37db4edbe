// Internal: the structs behind the C ABI's opaque handles.
#ifndef VOC_CAPI_HANDLES_H_
#define VOC_CAPI_HANDLES_H_

#include <memory>

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

struct voc_analyzer {
  std::unique_ptr<voc::Analyzer> analyzer;
};

#endif  // VOC_CAPI_HANDLES_H_
