# Fuzz targets: tests/fuzz/fuzz_<name>.cc define LLVMFuzzerTestOneInput. With -DVOC_FUZZ=ON
# and clang they are libFuzzer binaries; otherwise they link a deterministic driver and run
# as tests (3000 mutated inputs each), so CI runs them under ASan/UBSan.
file(GLOB _fuzzers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_*.cc)
foreach(_src IN LISTS _fuzzers)
  get_filename_component(_n ${_src} NAME_WE)
  if(VOC_FUZZ)
    add_executable(${_n} ${_src})
    target_compile_options(${_n} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(${_n} PRIVATE -fsanitize=fuzzer,address,undefined)
  else()
    add_executable(${_n} ${_src} ${PROJECT_SOURCE_DIR}/tests/fuzz/standalone_main.cc)
    add_test(NAME ${_n}_regression COMMAND ${_n} 3000)
    set_tests_properties(${_n}_regression PROPERTIES ENVIRONMENT "VOC_DATA_DIR=${VOC_BUILD_DATA_DIR}" TIMEOUT 600)
  endif()
  target_link_libraries(${_n} PRIVATE voc_internal)
  target_compile_options(${_n} PRIVATE ${VOC_WARNINGS})
endforeach()
