# The segmentation lexicon and the keyword IDF table are compiled at build time from Debian's
# python3-jieba (dict.txt and the HMM tables; analyse/idf.txt; MIT) plus voc's own domain
# word list; nothing derived from them is tracked.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(VOC_JIEBA_DIR "/usr/lib/python3/dist-packages/jieba" CACHE PATH
    "python3-jieba's package directory (dict.txt, finalseg/prob_*.py, analyse/idf.txt)")
if(NOT EXISTS ${VOC_JIEBA_DIR}/dict.txt OR NOT EXISTS ${VOC_JIEBA_DIR}/analyse/idf.txt)
  message(FATAL_ERROR "${VOC_JIEBA_DIR}/dict.txt or analyse/idf.txt not found: apt-get install "
                      "python3-jieba (scripts/setup.sh does) or set VOC_JIEBA_DIR")
endif()
set(_lexicon ${VOC_BUILD_DATA_DIR}/lexicon/base.voclex)
set(_idf ${VOC_BUILD_DATA_DIR}/lexicon/idf.bin)
add_custom_command(OUTPUT ${_lexicon}
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/build_lexicon.py
          ${VOC_JIEBA_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/lexicon/domain_words.txt ${_lexicon}
  DEPENDS ${PROJECT_SOURCE_DIR}/scripts/build_lexicon.py
          ${CMAKE_CURRENT_SOURCE_DIR}/lexicon/domain_words.txt ${VOC_JIEBA_DIR}/dict.txt
  COMMENT "Compiling the segmentation lexicon" VERBATIM)
add_custom_command(OUTPUT ${_idf}
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/build_idf.py
          ${VOC_JIEBA_DIR}/analyse/idf.txt ${_idf}
  DEPENDS ${PROJECT_SOURCE_DIR}/scripts/build_idf.py ${VOC_JIEBA_DIR}/analyse/idf.txt
  COMMENT "Compiling the keyword IDF table" VERBATIM)
add_custom_target(voc_lexicon ALL DEPENDS ${_lexicon} ${_idf})
add_dependencies(voc_data voc_lexicon)
if(VOC_INSTALL)
  install(FILES ${_lexicon} ${_idf} DESTINATION ${CMAKE_INSTALL_DATADIR}/voc/lexicon)
endif()
