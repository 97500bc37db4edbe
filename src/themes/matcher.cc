#include "themes/matcher.h"

#include <deque>

namespace voc::themes {

void Matcher::Add(std::string_view word, int32_t value) {
  if (word.empty()) return;
  int32_t node = 0;
  for (unsigned char c : word) {
    int32_t next = delta_[static_cast<size_t>(node) * 256 + c];
    if (next <= 0) {
      next = static_cast<int32_t>(out_head_.size());
      delta_[static_cast<size_t>(node) * 256 + c] = next;
      delta_.resize(delta_.size() + 256, -1);
      out_head_.push_back(-1);
    }
    node = next;
  }
  outs_.push_back({value, static_cast<uint32_t>(word.size()), out_head_[node]});
  out_head_[node] = static_cast<int32_t>(outs_.size() - 1);
  ++words_;
}

void Matcher::Build() {
  // Breadth-first: fill missing transitions from the failure state (turning the trie into a
  // DFA) and append each failure state's outputs to the node's own chain.
  std::vector<int32_t> fail(out_head_.size(), 0);
  std::deque<int32_t> queue;
  for (int c = 0; c < 256; ++c) {
    int32_t& t = delta_[c];
    if (t <= 0) {
      t = 0;
    } else {
      fail[t] = 0;
      queue.push_back(t);
    }
  }
  while (!queue.empty()) {
    int32_t node = queue.front();
    queue.pop_front();
    // Link the end of this node's own chain to its failure state's chain (already complete
    // since the failure state is shallower).
    int32_t tail_target = out_head_[fail[node]];
    if (out_head_[node] < 0) {
      out_head_[node] = tail_target;
    } else {
      int32_t o = out_head_[node];
      while (outs_[o].next >= 0) o = outs_[o].next;
      outs_[o].next = tail_target;
    }
    for (int c = 0; c < 256; ++c) {
      int32_t& t = delta_[static_cast<size_t>(node) * 256 + c];
      int32_t via_fail = delta_[static_cast<size_t>(fail[node]) * 256 + c];
      if (t <= 0) {
        t = via_fail;
      } else {
        fail[t] = via_fail;
        queue.push_back(t);
      }
    }
  }
  built_ = true;
}

void Matcher::FindAll(std::string_view text, std::vector<Match>* out) const {
  if (!built_ || words_ == 0) return;
  int32_t node = 0;
  const int32_t* delta = delta_.data();
  for (size_t i = 0; i < text.size(); ++i) {
    node = delta[static_cast<size_t>(node) * 256 + static_cast<unsigned char>(text[i])];
    for (int32_t o = out_head_[node]; o >= 0; o = outs_[o].next) {
      uint32_t end = static_cast<uint32_t>(i + 1);
      out->push_back({end - outs_[o].length, end, outs_[o].value});
    }
  }
}

}  // namespace voc::themes
