# voc_component(NAME [DEPS other components...])
# Builds src/NAME/*.cc into the OBJECT library voc_NAME. Components that a test or tool needs
# are linked directly (object files only reach direct dependents).
set(VOC_COMPONENTS "" CACHE INTERNAL "")

add_library(voc_deps INTERFACE)
target_include_directories(voc_deps INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/generated>
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/src>)
target_compile_features(voc_deps INTERFACE cxx_std_17)
target_link_libraries(voc_deps INTERFACE
  absl::status absl::statusor absl::strings absl::str_format absl::time absl::flat_hash_map
  absl::flat_hash_set absl::synchronization absl::span absl::hash
  PkgConfig::RE2 ICU::uc ICU::i18n ICU::data SQLite::SQLite3 Threads::Threads)

# Per-thread scratch buffers are read through TLS descriptors: in libvoc_c.so (which Python
# dlopens) the default general-dynamic model calls __tls_get_addr on every access (2% of a
# C-API batch); initial-exec would be cheaper still but can fail to dlopen.
include(CheckCXXCompilerFlag)
check_cxx_compiler_flag(-mtls-dialect=gnu2 VOC_HAVE_TLS_GNU2)
if(VOC_HAVE_TLS_GNU2 AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  target_compile_options(voc_deps INTERFACE -mtls-dialect=gnu2)
endif()

function(voc_component name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB _srcs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${name}/*.cc)
  if(NOT _srcs)
    # A component with no sources yet still takes part in linking.
    add_library(voc_${name} INTERFACE)
    target_link_libraries(voc_${name} INTERFACE voc_deps)
    foreach(dep IN LISTS ARG_DEPS)
      target_link_libraries(voc_${name} INTERFACE voc_${dep})
    endforeach()
    return()
  endif()
  add_library(voc_${name} OBJECT ${_srcs})
  target_link_libraries(voc_${name} PUBLIC voc_deps)
  foreach(dep IN LISTS ARG_DEPS)
    target_link_libraries(voc_${name} PUBLIC voc_${dep})
  endforeach()
  target_compile_options(voc_${name} PRIVATE ${VOC_WARNINGS})
  target_compile_definitions(voc_${name} PRIVATE
    VOC_BUILD_DATA_DIR="${VOC_BUILD_DATA_DIR}" VOC_INSTALL_DATA_DIR="${VOC_INSTALL_DATA_DIR}")
  set(VOC_COMPONENTS ${VOC_COMPONENTS} ${name} CACHE INTERNAL "")
endfunction()

# voc_gtest(NAME COMPONENTS a b c) : tests/NAME_test.cc (and tests/NAME/*.cc when present).
function(voc_gtest name)
  cmake_parse_arguments(ARG "" "" "COMPONENTS;SOURCES" ${ARGN})
  set(_srcs ${PROJECT_SOURCE_DIR}/tests/${name}_test.cc ${ARG_SOURCES})
  add_executable(${name}_test ${_srcs})
  foreach(c IN LISTS ARG_COMPONENTS)
    target_link_libraries(${name}_test PRIVATE voc_${c})
  endforeach()
  target_link_libraries(${name}_test PRIVATE GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${name}_test PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_options(${name}_test PRIVATE ${VOC_WARNINGS})
  target_compile_definitions(${name}_test PRIVATE
    VOC_SOURCE_DIR="${PROJECT_SOURCE_DIR}" VOC_SHARED_DATA_DIR="${PROJECT_SOURCE_DIR}/../shared/data")
  gtest_discover_tests(${name}_test DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "VOC_DATA_DIR=${VOC_BUILD_DATA_DIR}")
endfunction()

# Third-party libraries the public `voc` target carries (it is static, so its users link them).
set(VOC_THIRD_PARTY
  absl::status absl::statusor absl::strings absl::str_format absl::time absl::flat_hash_map
  absl::flat_hash_set absl::synchronization absl::span absl::hash
  PkgConfig::RE2 ICU::uc ICU::i18n ICU::data SQLite::SQLite3 Threads::Threads)
