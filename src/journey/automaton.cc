#include "journey/automaton.h"

#include <deque>

namespace voc::journey {
namespace {

unsigned char Fold(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

}  // namespace

int Automaton::Add(std::string_view pattern) {
  std::string p(pattern);
  for (char& ch : p) ch = static_cast<char>(Fold(static_cast<unsigned char>(ch)));
  patterns_.push_back(std::move(p));
  lengths_.push_back(pattern.size());
  return static_cast<int>(lengths_.size()) - 1;
}

void Automaton::Build() {
  // Byte classes: one per byte some pattern uses (upper-case letters share their lower-case
  // class), class 0 for all the others.
  byte_class_.fill(0);
  uint32_t n_classes = 1;
  for (const auto& p : patterns_) {
    for (char ch : p) {
      unsigned char c = static_cast<unsigned char>(ch);
      if (byte_class_[c] == 0) byte_class_[c] = static_cast<uint16_t>(n_classes++);
    }
  }
  for (int c = 'A'; c <= 'Z'; ++c) byte_class_[c] = byte_class_[Fold(static_cast<unsigned char>(c))];
  classes_ = n_classes;

  // Trie; kNone marks a missing edge until the DFA is completed.
  constexpr uint32_t kNone = UINT32_MAX;
  next_.assign(classes_, kNone);
  std::vector<std::vector<int>> out(1);
  for (size_t id = 0; id < patterns_.size(); ++id) {
    uint32_t s = 0;
    for (char ch : patterns_[id]) {
      size_t slot = static_cast<size_t>(s) * classes_ + byte_class_[static_cast<unsigned char>(ch)];
      if (next_[slot] == kNone) {
        uint32_t t = static_cast<uint32_t>(next_.size() / classes_);
        next_[slot] = t;
        next_.resize(next_.size() + classes_, kNone);
        out.emplace_back();
      }
      s = next_[slot];
    }
    out[s].push_back(static_cast<int>(id));
  }
  size_t n = next_.size() / classes_;

  // Breadth-first completion: missing edges follow the failure link, outputs inherit the
  // failure state's (which is shallower, so already complete).
  std::vector<uint32_t> fail(n, 0);
  std::deque<uint32_t> queue;
  for (uint32_t c = 0; c < classes_; ++c) {
    uint32_t& t = next_[c];
    if (t == kNone) {
      t = 0;
    } else {
      fail[t] = 0;
      queue.push_back(t);
    }
  }
  while (!queue.empty()) {
    uint32_t s = queue.front();
    queue.pop_front();
    const auto& inherited = out[fail[s]];
    out[s].insert(out[s].end(), inherited.begin(), inherited.end());
    for (uint32_t c = 0; c < classes_; ++c) {
      uint32_t& t = next_[static_cast<size_t>(s) * classes_ + c];
      uint32_t f = next_[static_cast<size_t>(fail[s]) * classes_ + c];
      if (t == kNone) {
        t = f;
      } else {
        fail[t] = f;
        queue.push_back(t);
      }
    }
  }
  out_begin_.assign(n + 1, 0);
  out_.clear();
  for (size_t s = 0; s < n; ++s) {
    out_begin_[s] = static_cast<uint32_t>(out_.size());
    out_.insert(out_.end(), out[s].begin(), out[s].end());
  }
  out_begin_[n] = static_cast<uint32_t>(out_.size());
  patterns_.clear();
  patterns_.shrink_to_fit();
}

}  // namespace voc::journey
