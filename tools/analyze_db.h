// The store mode of `voc analyze`.
#ifndef VOC_TOOLS_ANALYZE_DB_H_
#define VOC_TOOLS_ANALYZE_DB_H_

#include <string>

#include "voc/analyzer.h"

namespace voc::cli {

int AnalyzeStoreCommand(const Analyzer& analyzer, const std::string& db_path, bool reanalyze,
                        const std::string& report_path, bool json);

}  // namespace voc::cli

#endif  // VOC_TOOLS_ANALYZE_DB_H_
