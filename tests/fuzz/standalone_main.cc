// A driver for the fuzz targets when libFuzzer is not in use (g++ builds, CI): it runs the
// target on every seed below and on deterministic random mutations of them, so the targets
// run as ordinary tests under ASan/UBSan. With clang, build with -DVOC_FUZZ=ON instead.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

const char* const kSeeds[] = {
    "",
    "物流很快但是客服态度很差",
    "下单很顺利，但是物流太慢，客服也不理人",
    "不是不好，就是有点贵😀😀👍🏻",
    "難道你們不知道嗎？？？",
    "ｉＰｈｏｎｅ１５ 3天 15.5元 http://x.cn @客服 #话题#",
    "{\"id\":\"a\",\"text\":\"退货审批太慢\",\"created_at\":\"2026-05-01\",\"rating\":11}",
    "{\"id\":1,\"text\":[1,2],\"attributes\":{\"k\":null}}",
    "\xff\xfe\xc3\x28\xed\xa0\x80\xf4\x90\x80\x80",
    "\x00\x00物流\x00",
    "。。。！！！，，，；；",
    "👨‍👩‍👧‍👦🇨🇳❤️",
};

}  // namespace

int main(int argc, char** argv) {
  int iterations = argc > 1 ? std::atoi(argv[1]) : 3000;
  std::mt19937_64 rng(20261122);
  size_t runs = 0;
  for (const char* seed : kSeeds) {
    std::string s(seed);
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size());
    ++runs;
  }
  // NUL bytes inside a seed.
  std::string with_nul("\x00\x00\xe7\x89\xa9\xe6\xb5\x81\x00", 9);
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(with_nul.data()), with_nul.size());
  std::vector<std::string> pool;
  for (const char* seed : kSeeds) pool.emplace_back(seed);
  for (int i = 0; i < iterations; ++i) {
    std::string s = pool[rng() % pool.size()];
    int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
      switch (rng() % 5) {
        case 0: s.insert(pos, 1, static_cast<char>(rng() & 0xff)); break;
        case 1: if (!s.empty() && pos < s.size()) s.erase(pos, 1 + rng() % 4); break;
        case 2: if (pos < s.size()) s[pos] = static_cast<char>(rng() & 0xff); break;
        case 3: s.insert(pos, pool[rng() % pool.size()]); break;
        case 4: if (s.size() < 4096) s += s; break;
      }
    }
    if (s.size() > 1 << 16) s.resize(1 << 16);
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size());
    ++runs;
    if (rng() % 4 == 0) pool.push_back(s.substr(0, 512));
  }
  std::printf("%zu inputs ran without a crash\n", runs);
  return 0;
}
