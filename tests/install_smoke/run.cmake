# Installs the build tree into a scratch prefix, then configures, builds and runs a tiny
# consumer that uses find_package(voc) for both voc::voc (C++) and voc::voc_c (C ABI).
set(_work ${BUILD_DIR}/install_smoke)
file(REMOVE_RECURSE ${_work})
set(_prefix ${_work}/prefix)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${_prefix}
  RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install failed")
endif()
set(_flags)
if(SANITIZE)
  set(_flags "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined" "-DCMAKE_C_FLAGS=-fsanitize=address,undefined"
    "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install_smoke/consumer
    -B ${_work}/build -DCMAKE_PREFIX_PATH=${_prefix} -DCMAKE_BUILD_TYPE=${CONFIG} ${_flags}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the consumer failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${_work}/build RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the consumer failed")
endif()
foreach(_exe consumer_cpp consumer_c)
  execute_process(COMMAND ${_work}/build/${_exe} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${_exe} failed (${rc})")
  endif()
endforeach()
