# The keyword extractor's IDF table is compiled at build time from Debian's python3-jieba
# (analyse/idf.txt, MIT); nothing derived from it is tracked.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(VOC_JIEBA_IDF "/usr/lib/python3/dist-packages/jieba/analyse/idf.txt" CACHE FILEPATH
    "python3-jieba's IDF table")
if(NOT EXISTS ${VOC_JIEBA_IDF})
  message(FATAL_ERROR "${VOC_JIEBA_IDF} not found: apt-get install python3-jieba "
                      "(scripts/setup.sh does) or set VOC_JIEBA_IDF")
endif()
set(_idf ${VOC_BUILD_DATA_DIR}/lexicon/idf.bin)
add_custom_command(OUTPUT ${_idf}
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/build_idf.py ${VOC_JIEBA_IDF} ${_idf}
  DEPENDS ${PROJECT_SOURCE_DIR}/scripts/build_idf.py ${VOC_JIEBA_IDF}
  COMMENT "Compiling the keyword IDF table" VERBATIM)
add_custom_target(voc_idf ALL DEPENDS ${_idf})
add_dependencies(voc_data voc_idf)
if(VOC_INSTALL)
  install(FILES ${_idf} DESTINATION ${CMAKE_INSTALL_DATADIR}/voc/lexicon)
endif()
