// The voc command-line tool: subcommands register themselves here (one tools/cmd_*.cc each).
#ifndef VOC_TOOLS_COMMAND_H_
#define VOC_TOOLS_COMMAND_H_

#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace voc::cli {

// Exit codes of every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;
inline constexpr int kExitUsage = 2;
// The closed loop's refusals get their own codes so scripts can tell them from failures
// (the CLI equivalents of VOC_ESTATE and VOC_ECONFLICT).
inline constexpr int kExitState = 3;     // illegal state move or unmet guard
inline constexpr int kExitConflict = 4;  // stale --expect-version
inline constexpr int kExitPermission = 5;  // the --role may not make the change (VOC_EPERM)

struct Command {
  const char* name;     // "segment"
  const char* summary;  // one line for `voc --help`
  const char* usage;    // full text for `voc NAME --help`
  int (*run)(const std::vector<std::string>& args);  // args after the command name
};

std::vector<Command>& Registry();

struct Registrar {
  explicit Registrar(const Command& c) { Registry().push_back(c); }
};

#define VOC_CLI_CONCAT2(a, b) a##b
#define VOC_CLI_CONCAT(a, b) VOC_CLI_CONCAT2(a, b)
#define VOC_REGISTER_COMMAND(name, summary, usage, fn) \
  static ::voc::cli::Registrar VOC_CLI_CONCAT(voc_cmd_registrar_, __LINE__)({name, summary, usage, fn})

// A small flag parser: "--key value", "--key=value" and boolean "--flag".
// Unknown flags are usage errors (exit 2) so typos never pass silently.
class Flags {
 public:
  // `value_flags` take a value, `bool_flags` do not. Returns false (after printing the error
  // to stderr) on a usage error.
  bool Parse(const std::vector<std::string>& args, const std::vector<std::string>& value_flags,
             const std::vector<std::string>& bool_flags);
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  const std::vector<std::string>& positional() const { return positional_; }
  bool help() const { return help_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
  bool help_ = false;
};

// The global --now option (fixed clock for reproducible runs): seconds since epoch, or nullopt
// for the system clock. Set by main() before the command runs.
std::optional<int64_t>& GlobalNow();
int64_t Now();

// Prints "voc NAME: message" to stderr and returns kExitRuntime; for the closed-loop commands
// kExitState on FailedPrecondition and kExitConflict on Aborted.
int Fail(const char* command, const absl::Status& status);
int UsageError(const char* command, const std::string& message);

// True when stderr is a terminal (progress output is shown only then).
bool StderrIsTerminal();

}  // namespace voc::cli

#endif  // VOC_TOOLS_COMMAND_H_
