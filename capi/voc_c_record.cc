// C ABI: the feedback record builder.
#include <string>

#include "capi/handles.h"
#include "internal.h"
#include "voc.h"
#include "voc/types.h"

using voc::capi::Guard;
using voc::capi::SetError;

extern "C" {

int voc_record_create(voc_record** out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(out != nullptr, "out is NULL");
    *out = new voc_record();
    return VOC_OK;
  });
}

void voc_record_destroy(voc_record* record) { delete record; }

void voc_record_reset(voc_record* record) {
  if (record != nullptr) record->feedback = voc::Feedback();
}

int voc_record_set_str(voc_record* record, int field, const char* value, size_t len) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(record != nullptr, "record is NULL");
    VOC_CHECK_ARG(value != nullptr || len == 0, "value is NULL");
    std::string v(value == nullptr ? "" : value, len);
    voc::Feedback& f = record->feedback;
    switch (field) {
      case VOC_FIELD_ID: f.id = std::move(v); break;
      case VOC_FIELD_TEXT: f.text = std::move(v); break;
      case VOC_FIELD_TOUCHPOINT: f.touchpoint = std::move(v); break;
      case VOC_FIELD_CUSTOMER_ID: f.customer_id = std::move(v); break;
      case VOC_FIELD_PRODUCT: f.product = std::move(v); break;
      case VOC_FIELD_REGION: f.region = std::move(v); break;
      default:
        return SetError(VOC_EINVAL, "invalid argument: unknown field " + std::to_string(field));
    }
    return VOC_OK;
  });
}

int voc_record_set_channel(voc_record* record, int channel) {
  VOC_CHECK_ARG(record != nullptr, "record is NULL");
  if (channel < 0 || channel >= voc::kChannelCount) {
    return SetError(VOC_EINVAL, "invalid argument: unknown channel " + std::to_string(channel));
  }
  record->feedback.channel = static_cast<voc::Channel>(channel);
  return VOC_OK;
}

int voc_record_set_created_at(voc_record* record, int64_t unix_seconds) {
  VOC_CHECK_ARG(record != nullptr, "record is NULL");
  record->feedback.created_at = unix_seconds;
  return VOC_OK;
}

int voc_record_set_rating(voc_record* record, int scale, double value) {
  VOC_CHECK_ARG(record != nullptr, "record is NULL");
  if (scale < VOC_RATING_NPS || scale > VOC_RATING_STARS) {
    return SetError(VOC_EINVAL, "invalid argument: unknown rating scale " + std::to_string(scale));
  }
  record->feedback.rating = voc::Rating{static_cast<voc::RatingScale>(scale), value};
  return VOC_OK;
}

int voc_record_set_attribute(voc_record* record, const char* key, size_t key_len,
                             const char* value, size_t value_len) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(record != nullptr, "record is NULL");
    VOC_CHECK_ARG(key != nullptr && key_len > 0, "key is empty");
    VOC_CHECK_ARG(value != nullptr || value_len == 0, "value is NULL");
    record->feedback.attributes[std::string(key, key_len)] =
        std::string(value == nullptr ? "" : value, value_len);
    return VOC_OK;
  });
}

int voc_record_set_contact_ok(voc_record* record, int contact_ok) {
  VOC_CHECK_ARG(record != nullptr, "record is NULL");
  record->feedback.contact_ok = contact_ok != 0;
  return VOC_OK;
}

int voc_record_validate(const voc_record* record, size_t index) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(record != nullptr, "record is NULL");
    return voc::capi::FromStatus(voc::ValidateFeedback(record->feedback, index));
  });
}

}  // extern "C"
