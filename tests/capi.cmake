# The C API from a real C99 translation unit.
add_executable(c_api_test ${PROJECT_SOURCE_DIR}/tests/c/c_api_test.c)
target_link_libraries(c_api_test PRIVATE voc_c)
target_compile_options(c_api_test PRIVATE -std=c99 -pedantic -Wall -Wextra -Werror -Wstrict-prototypes)
add_test(NAME c_api_test COMMAND c_api_test)
set_tests_properties(c_api_test PROPERTIES ENVIRONMENT "VOC_DATA_DIR=${VOC_BUILD_DATA_DIR}")

# libvoc_c must export nothing but voc_* (the version script's job; this keeps it honest).
add_test(NAME c_abi_exports_only_voc_symbols
  COMMAND ${CMAKE_COMMAND} -DLIB=$<TARGET_FILE:voc_c> -DBASELINE=${PROJECT_SOURCE_DIR}/capi/voc_c.abi
    -P ${PROJECT_SOURCE_DIR}/cmake/CheckExports.cmake)

# A consumer built against a staged install with find_package(voc) (C++) and pkg-config (C).
add_test(NAME install_smoke
  COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
    -DCONFIG=$<CONFIG> -DSANITIZE=${VOC_SANITIZE}
    -P ${PROJECT_SOURCE_DIR}/tests/install_smoke/run.cmake)
set_tests_properties(install_smoke PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE)
