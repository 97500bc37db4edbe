#include "journey/automaton.h"

#include <deque>

namespace voc::journey {

int Automaton::Add(std::string_view pattern) {
  if (next_.empty()) {
    next_.assign(256, -1);
    pending_out_.emplace_back();
  }
  int32_t s = 0;
  for (char ch : pattern) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    int32_t& t = next_[static_cast<size_t>(s) * 256 + c];
    if (t < 0) {
      t = static_cast<int32_t>(next_.size() / 256);
      // `t` may dangle after the resize: write through the index instead.
      size_t slot = static_cast<size_t>(s) * 256 + c;
      next_.resize(next_.size() + 256, -1);
      pending_out_.emplace_back();
      s = next_[slot];
    } else {
      s = t;
    }
  }
  int id = static_cast<int>(lengths_.size());
  lengths_.push_back(pattern.size());
  pending_out_[s].push_back(id);
  return id;
}

void Automaton::Build() {
  if (next_.empty()) {
    next_.assign(256, -1);
    pending_out_.emplace_back();
  }
  size_t n = next_.size() / 256;
  std::vector<int32_t> fail(n, 0);
  std::deque<int32_t> queue;
  for (int c = 0; c < 256; ++c) {
    int32_t& t = next_[c];
    if (t < 0) {
      t = 0;
    } else {
      fail[t] = 0;
      queue.push_back(t);
    }
  }
  // BFS order guarantees fail[s] (shallower) has its outputs complete before s copies them.
  std::vector<int32_t> order;
  while (!queue.empty()) {
    int32_t s = queue.front();
    queue.pop_front();
    order.push_back(s);
    for (int c = 0; c < 256; ++c) {
      int32_t& t = next_[static_cast<size_t>(s) * 256 + c];
      int32_t f = next_[static_cast<size_t>(fail[s]) * 256 + c];
      if (t < 0) {
        t = f;
      } else {
        fail[t] = f;
        queue.push_back(t);
      }
    }
  }
  for (int32_t s : order) {
    const auto& inherited = pending_out_[fail[s]];
    pending_out_[s].insert(pending_out_[s].end(), inherited.begin(), inherited.end());
  }
  out_begin_.assign(n + 1, 0);
  out_.clear();
  for (size_t s = 0; s < n; ++s) {
    out_begin_[s] = static_cast<uint32_t>(out_.size());
    out_.insert(out_.end(), pending_out_[s].begin(), pending_out_[s].end());
  }
  out_begin_[n] = static_cast<uint32_t>(out_.size());
  pending_out_.clear();
  pending_out_.shrink_to_fit();
}

}  // namespace voc::journey
