// Internal: the structs behind the C ABI's opaque handles.
#ifndef VOC_CAPI_HANDLES_H_
#define VOC_CAPI_HANDLES_H_

#include "voc/types.h"

struct voc_record {
  voc::Feedback feedback;
};

#endif  // VOC_CAPI_HANDLES_H_
