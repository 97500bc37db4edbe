/* Links the installed shared C ABI through find_package(voc). */
#include <stdio.h>
#include <string.h>

#include "voc.h"

int main(void) {
  printf("libvoc_c %s (ABI %d)\n", voc_version_string(), voc_abi_version());
  return voc_abi_version() == VOC_ABI_VERSION && strcmp(voc_version_string(), VOC_VERSION_STRING) == 0 ? 0 : 1;
}
