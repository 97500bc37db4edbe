#include "text/char_tagger.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "text/word_discovery.h"

namespace voc::text {
namespace {

using Spans = std::vector<std::pair<uint32_t, uint32_t>>;

std::vector<std::vector<std::string>> TinyCorpus() {
  const char* lines[] = {
      "我们 喜欢 这个 产品", "客服 态度 很 好", "物流 太 慢 了", "我们 觉得 物流 很 快",
      "这个 客服 太 慢 了", "产品 质量 很 好", "我们 喜欢 客服", "质量 太 差 了",
      "这个 物流 很 好", "客服 喜欢 我们", "产品 太 贵 了", "我们 觉得 质量 很 差",
  };
  std::vector<std::vector<std::string>> out;
  for (const char* l : lines) {
    std::vector<std::string> words;
    std::string s = l;
    size_t i = 0;
    while (i < s.size()) {
      size_t j = s.find(' ', i);
      if (j == std::string::npos) j = s.size();
      words.push_back(s.substr(i, j - i));
      i = j + 1;
    }
    out.push_back(words);
  }
  return out;
}

std::unique_ptr<CharTagger> TrainTiny() {
  CharTaggerTrainOptions options;
  options.hash_bits = 14;
  options.epochs = 30;
  auto m = CharTagger::Train(TinyCorpus(), options);
  EXPECT_TRUE(m.ok()) << m.status();
  return m.ok() ? std::move(*m) : nullptr;
}

std::string Join(const CharTagger& t, const std::string& text) {
  Spans spans;
  t.Segment(text, &spans);
  std::string out;
  for (const auto& [b, e] : spans) {
    if (!out.empty()) out += ' ';
    out += text.substr(b, e - b);
  }
  return out;
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_char_tagger_" + name;
}

TEST(CharTaggerTest, LearnsTinyCorpusPerfectly) {
  auto t = TrainTiny();
  ASSERT_NE(t, nullptr);
  for (const auto& words : TinyCorpus()) {
    std::string text, gold;
    for (const auto& w : words) {
      text += w;
      gold += (gold.empty() ? "" : " ") + w;
    }
    EXPECT_EQ(Join(*t, text), gold);
  }
}

TEST(CharTaggerTest, SpacesSeparateAndSpansAreBytes) {
  auto t = TrainTiny();
  ASSERT_NE(t, nullptr);
  const std::string text = "  我们 喜欢这个产品  ";
  Spans spans;
  t->Segment(text, &spans);
  ASSERT_FALSE(spans.empty());
  for (const auto& [b, e] : spans) {
    ASSERT_LT(b, e);
    ASSERT_LE(e, text.size());
    EXPECT_EQ(text.substr(b, e - b).find(' '), std::string::npos);
  }
  EXPECT_EQ(Join(*t, text), "我们 喜欢 这个 产品");
}

TEST(CharTaggerTest, SaveLoadRoundTrip) {
  auto t = TrainTiny();
  ASSERT_NE(t, nullptr);
  const std::string path = TempPath("roundtrip.model");
  ASSERT_TRUE(t->Save(path).ok());
  auto u = CharTagger::Load(path);
  ASSERT_TRUE(u.ok()) << u.status();
  for (const std::string text : {"我们觉得客服态度太差了", "产品质量很好，物流很快！", "abc123 你好"}) {
    Spans a, b;
    t->Segment(text, &a);
    (*u)->Segment(text, &b);
    EXPECT_EQ(a, b) << text;
  }
  std::remove(path.c_str());
}

TEST(CharTaggerTest, RejectsDamagedModels) {
  auto t = TrainTiny();
  ASSERT_NE(t, nullptr);
  const std::string path = TempPath("damaged.model");
  ASSERT_TRUE(t->Save(path).ok());
  std::string data;
  {
    std::ifstream in(path, std::ios::binary);
    data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  auto write = [&](const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  };
  write(data.substr(0, data.size() / 2));  // truncated
  auto r = CharTagger::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(path), std::string::npos);

  std::string flipped = data;
  flipped[flipped.size() / 2] ^= 0x40;  // one damaged byte
  write(flipped);
  EXPECT_FALSE(CharTagger::Load(path).ok());

  write("not a model at all");
  EXPECT_FALSE(CharTagger::Load(path).ok());
  write("");
  EXPECT_FALSE(CharTagger::Load(path).ok());

  std::string other_version = data;
  other_version[8] = 99;  // the version field follows the 8-byte magic
  write(other_version);
  r = CharTagger::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("version"), std::string::npos) << r.status();

  EXPECT_EQ(CharTagger::Load(TempPath("missing.model")).status().code(), absl::StatusCode::kNotFound);
  std::remove(path.c_str());
}

TEST(CharTaggerTest, RejectsBadTrainingInput) {
  CharTaggerTrainOptions options;
  EXPECT_FALSE(CharTagger::Train({}, options).ok());
  options.hash_bits = 40;
  EXPECT_FALSE(CharTagger::Train(TinyCorpus(), options).ok());
  options.hash_bits = 14;
  options.epochs = 0;
  EXPECT_FALSE(CharTagger::Train(TinyCorpus(), options).ok());
}

TEST(CharTaggerTest, HostileInputNeverCrashes) {
  auto t = TrainTiny();
  ASSERT_NE(t, nullptr);
  const std::string inputs[] = {
      "",
      " ",
      std::string("我们\0喜欢", 7),
      "\xff\xfe\x80我们\xe6\x88",  // invalid bytes and a truncated sequence
      "😀😀😀👍",
      "\xe6",
      std::string(200000, 'a'),
      std::string(3000, '\x80'),
  };
  for (const std::string& text : inputs) {
    Spans spans;
    t->Segment(text, &spans);
    uint32_t last = 0;
    for (const auto& [b, e] : spans) {
      ASSERT_LE(last, b);
      ASSERT_LT(b, e);
      ASSERT_LE(e, text.size());
      last = e;
    }
  }
  Spans spans;
  t->Segment("\xff我们", &spans);
  ASSERT_FALSE(spans.empty());
  EXPECT_EQ(spans[0], std::make_pair(0u, 1u));  // an invalid byte is a word of its own
}

TEST(CharTaggerTest, ThreadsShareOneTagger) {
  auto t = TrainTiny();
  ASSERT_NE(t, nullptr);
  const std::vector<std::string> texts = {"我们觉得客服态度太差了", "产品质量很好物流很快",
                                          "这个产品太贵了", "客服喜欢我们"};
  std::vector<Spans> want(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) t->Segment(texts[i], &want[i]);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      Spans got;
      for (int round = 0; round < 300; ++round) {
        const size_t i = static_cast<size_t>(round + k) % texts.size();
        got.clear();  // Segment appends
        t->Segment(texts[i], &got);
        if (got != want[i]) ++mismatches[k];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(CharTaggerTest, ReadsSegmentedCorpus) {
  const std::string path = TempPath("corpus.txt");
  {
    std::ofstream out(path);
    out << "我们  喜欢\t产品\n\n客服\xe3\x80\x80很 好\r\n";
  }
  auto c = ReadSegmentedCorpus(path);
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->size(), 2u);
  EXPECT_EQ((*c)[0], (std::vector<std::string>{"我们", "喜欢", "产品"}));
  EXPECT_EQ((*c)[1], (std::vector<std::string>{"客服", "很", "好"}));
  {
    std::ofstream out(path);
    out << "好\n\xff\n";
  }
  c = ReadSegmentedCorpus(path);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("line 2"), std::string::npos) << c.status();
  std::remove(path.c_str());
}

// ---- new-word discovery ----

TEST(WordDiscoveryTest, FindsPlantedWordAndSkipsKnownOnes) {
  const std::vector<std::string> before = {"这个", "今天的", "朋友说", "真的", "感觉", "衣服",
                                           "口红", "新款", "客服说", "包装"};
  const std::vector<std::string> after = {"啊", "了", "，推荐", "！", "吧", "，下次买",
                                          "呀", "的感觉", "，好评", "哦"};
  std::vector<std::string> corpus;
  for (size_t i = 0; i < before.size(); ++i) {
    for (size_t j = 0; j < after.size(); ++j) {
      corpus.push_back(before[i] + "绝绝子" + after[j]);
      corpus.push_back(before[(i + j) % before.size()] + "物流很快" + after[(i * 3 + j) % after.size()]);
      corpus.push_back("质量不错，" + before[j] + "满意度" + after[i]);
    }
  }
  std::vector<std::string_view> texts(corpus.begin(), corpus.end());
  WordDiscoveryOptions options;
  options.min_count = 5;
  // A dictionary knows the everyday words around the planted one.
  const std::set<std::string_view> dict = {"满意度", "物流", "很快", "质量", "不错", "好评", "推荐",
                                           "感觉", "包装", "口红", "新款", "这个", "衣服", "客服",
                                           "朋友", "说", "下次", "买", "真的", "今天"};
  auto known = [&](std::string_view w) { return dict.count(w) > 0; };
  auto words = DiscoverWords(texts, options, known);
  ASSERT_FALSE(words.empty());
  bool found = false;
  for (size_t i = 0; i < words.size() && i < 3; ++i) found |= words[i].word == "绝绝子";
  std::string top;
  for (const auto& w : words) top += w.word + " ";
  EXPECT_TRUE(found) << top;
  for (const auto& w : words) {
    EXPECT_NE(w.word, "满意度");  // known
    EXPECT_NE(w.word, "物流很快");  // two known words
    EXPECT_GE(w.count, 5);
    EXPECT_GT(w.score, 0);
  }
  for (size_t i = 1; i < words.size(); ++i) EXPECT_GE(words[i - 1].score, words[i].score);
}

TEST(WordDiscoveryTest, HostileInput) {
  const std::vector<std::string> corpus = {"", "\xff\xfe", std::string("a\0b", 3), "😀😀",
                                           std::string(10000, 'x'), "好"};
  std::vector<std::string_view> texts(corpus.begin(), corpus.end());
  auto words = DiscoverWords(texts, WordDiscoveryOptions(), nullptr);
  EXPECT_TRUE(words.empty());
}

}  // namespace
}  // namespace voc::text
