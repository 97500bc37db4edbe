// Internal: schema versions and migrations of the store.
#ifndef VOC_STORE_SCHEMA_H_
#define VOC_STORE_SCHEMA_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace voc::sqlite {
class Db;
}

namespace voc::store_schema {

int LatestVersion();
absl::StatusOr<int> CurrentVersion(sqlite::Db* db);
// Brings the database to LatestVersion(); refuses databases newer than this library.
absl::Status Migrate(sqlite::Db* db, bool read_only);

}  // namespace voc::store_schema

#endif  // VOC_STORE_SCHEMA_H_
