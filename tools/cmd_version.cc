#include <cstdio>

#include "command.h"
#include "voc/version.h"

namespace voc::cli {
namespace {

int RunVersion(const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {}, {"json"})) return kExitUsage;
  if (flags.Has("json")) {
    std::printf("{\"version\":\"%s\",\"abi\":%d}\n", VOC_VERSION_STRING, VOC_ABI_VERSION);
  } else {
    std::printf("voc %s (C ABI %d)\n", VOC_VERSION_STRING, VOC_ABI_VERSION);
  }
  return kExitOk;
}

VOC_REGISTER_COMMAND("version", "print the version", "usage: voc version [--json]", RunVersion);

}  // namespace
}  // namespace voc::cli
