// Analyse a few texts with the C++ API and print the themes found.
//   example_cpp_analyze "物流很快但是客服态度很差"
#include <cstdio>
#include <string>

#include "voc/analyzer.h"

int main(int argc, char** argv) {
  auto analyzer = voc::Analyzer::Create();  // default shipped models
  if (!analyzer.ok()) {
    std::fprintf(stderr, "%s\n", std::string(analyzer.status().message()).c_str());
    return 1;
  }
  const char* text = argc > 1 ? argv[1] : "物流很快但是客服态度很差";
  auto result = (*analyzer)->Analyze(text);
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", std::string(result.status().message()).c_str());
    return 1;
  }
  std::printf("%s\n", voc::Analyzer::ToJson("example", text, *result).c_str());
  for (const voc::ThemeMention& t : result->themes) {
    std::printf("%-20s %-8s %s/%s\n", t.theme.c_str(), std::string(voc::PolarityName(t.polarity)).c_str(),
                t.aspect.c_str(), t.opinion.c_str());
  }
  return 0;
}
