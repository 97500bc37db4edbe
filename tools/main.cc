// voc — command-line tool. `voc --help` lists the commands; `voc CMD --help` explains one.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "command.h"
#include "core/timeutil.h"
#include "voc/version.h"

namespace voc::cli {

std::vector<Command>& Registry() {
  static std::vector<Command> commands;
  return commands;
}

std::optional<int64_t>& GlobalNow() {
  static std::optional<int64_t> now;
  return now;
}

int64_t Now() {
  if (GlobalNow()) return *GlobalNow();
  return static_cast<int64_t>(std::time(nullptr));
}

bool Flags::Parse(const std::vector<std::string>& args, const std::vector<std::string>& value_flags,
                  const std::vector<std::string>& bool_flags) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      help_ = true;
      continue;
    }
    if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
      std::string name = a.substr(2), value;
      bool has_value = false;
      if (size_t eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_value = true;
      }
      if (std::find(value_flags.begin(), value_flags.end(), name) != value_flags.end()) {
        if (!has_value) {
          if (i + 1 >= args.size()) {
            std::fprintf(stderr, "voc: --%s needs a value\n", name.c_str());
            return false;
          }
          value = args[++i];
        }
        values_[name] = value;
      } else if (std::find(bool_flags.begin(), bool_flags.end(), name) != bool_flags.end()) {
        if (has_value) {
          std::fprintf(stderr, "voc: --%s takes no value\n", name.c_str());
          return false;
        }
        values_[name] = "1";
      } else {
        std::fprintf(stderr, "voc: unknown option --%s (see --help)\n", name.c_str());
        return false;
      }
      continue;
    }
    positional_.push_back(a);
  }
  return true;
}

std::string Flags::Get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

int Fail(const char* command, const absl::Status& status) {
  std::fprintf(stderr, "voc %s: %s\n", command, std::string(status.message()).c_str());
  // Only the closed-loop commands move state machines; elsewhere FailedPrecondition means
  // something else (e.g. a database written by a newer voc).
  static const char* const kLoopCommands[] = {"task", "case", "verify", "followup", "outbox", "tick"};
  bool loop = false;
  for (const char* c : kLoopCommands) loop = loop || std::strcmp(c, command) == 0;
  if (!loop) return kExitRuntime;
  switch (status.code()) {
    case absl::StatusCode::kFailedPrecondition: return kExitState;
    case absl::StatusCode::kAborted: return kExitConflict;
    case absl::StatusCode::kPermissionDenied: return kExitPermission;
    default: return kExitRuntime;
  }
}

int UsageError(const char* command, const std::string& message) {
  std::fprintf(stderr, "voc %s: %s (see voc %s --help)\n", command, message.c_str(), command);
  return kExitUsage;
}

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

namespace {

void PrintHelp() {
  std::printf(
      "voc %s — turn Chinese customer feedback into owned, tracked, verified action\n\n"
      "usage: voc [--now TIMESTAMP] COMMAND [options]\n\n"
      "commands:\n",
      VOC_VERSION_STRING);
  std::vector<Command> sorted = Registry();
  std::sort(sorted.begin(), sorted.end(),
            [](const Command& a, const Command& b) { return std::strcmp(a.name, b.name) < 0; });
  for (const Command& c : sorted) std::printf("  %-18s %s\n", c.name, c.summary);
  std::printf(
      "\nglobal options:\n"
      "  --now TIMESTAMP    fix the clock (RFC 3339 or epoch seconds) for reproducible runs\n"
      "\nexit codes: 0 success, 1 runtime error, 2 usage error, 3 refused by a state machine\n"
      "(illegal move or unmet guard), 4 version conflict, 5 not allowed for the role.\n"
      "`voc COMMAND --help` for details.\n");
}

}  // namespace
}  // namespace voc::cli

int main(int argc, char** argv) {
  using namespace voc::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  // Global options come before the command.
  while (!args.empty() && args[0].rfind("--now", 0) == 0) {
    std::string value;
    if (args[0] == "--now") {
      if (args.size() < 2) return UsageError("", "--now needs a value");
      value = args[1];
      args.erase(args.begin(), args.begin() + 2);
    } else if (args[0].rfind("--now=", 0) == 0) {
      value = args[0].substr(6);
      args.erase(args.begin());
    } else {
      break;
    }
    auto t = voc::ParseTimestamp(value);
    if (!t.ok()) return UsageError("", std::string(t.status().message()));
    GlobalNow() = *t;
  }
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    PrintHelp();
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] == "--version") args[0] = "version";
  for (const Command& c : Registry()) {
    if (args[0] == c.name) {
      std::vector<std::string> rest(args.begin() + 1, args.end());
      // `--now` is also accepted after the command name, as every loop command documents it.
      for (size_t i = 0; i < rest.size(); ++i) {
        std::string value;
        size_t erase = 0;
        if (rest[i] == "--now" && i + 1 < rest.size()) {
          value = rest[i + 1];
          erase = 2;
        } else if (rest[i].rfind("--now=", 0) == 0) {
          value = rest[i].substr(6);
          erase = 1;
        }
        if (erase) {
          auto t = voc::ParseTimestamp(value);
          if (!t.ok()) return UsageError(c.name, std::string(t.status().message()));
          GlobalNow() = *t;
          rest.erase(rest.begin() + i, rest.begin() + i + erase);
          --i;
        }
      }
      if (std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
          std::find(rest.begin(), rest.end(), "-h") != rest.end()) {
        std::printf("%s\n", c.usage);
        return kExitOk;
      }
      try {
        return c.run(rest);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "voc %s: internal error: %s\n", c.name, e.what());
        return kExitRuntime;
      }
    }
  }
  std::fprintf(stderr, "voc: unknown command '%s' (see voc --help)\n", args[0].c_str());
  return kExitUsage;
}
