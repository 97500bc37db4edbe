// Ingest throughput: batches of records with ~100-character texts into a file-backed store.
// Reports records/s as items_per_second. Target: >= 200,000 records/s in Release.
#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "voc/store.h"

namespace {

const char* const kPhrases[] = {"物流太慢了", "客服态度很好", "退货审批要等好几天", "包装破损",
                                "价格实惠", "质量不错", "安装师傅很专业", "发票怎么开",
                                "App 经常闪退", "配送员很准时", "性价比高", "说明书看不懂"};

std::vector<voc::Feedback> MakeBatch(size_t n, size_t first_id, bool with_pii) {
  std::mt19937 rng(42);
  std::vector<voc::Feedback> batch(n);
  for (size_t i = 0; i < n; ++i) {
    voc::Feedback& f = batch[i];
    f.id = "bench-" + std::to_string(first_id + i);
    f.created_at = 1777593600 + static_cast<int64_t>(i);
    f.channel = static_cast<voc::Channel>(i % voc::kChannelCount);
    f.customer_id = "c" + std::to_string(i % 5000);
    while (f.text.size() < 100 * 3) {  // ~100 Chinese characters (3 bytes each)
      f.text += kPhrases[rng() % (sizeof(kPhrases) / sizeof(kPhrases[0]))];
      f.text += "，";
    }
    if (with_pii && i % 10 == 0) f.text += "电话13812345678";
    if (i % 3 == 0) f.rating = voc::Rating{voc::RatingScale::kStars, static_cast<double>(1 + i % 5)};
  }
  return batch;
}

void BM_Ingest(benchmark::State& state) {
  const size_t batch_size = static_cast<size_t>(state.range(0));
  const bool with_pii = state.range(1) != 0;
  std::string path = (std::filesystem::temp_directory_path() /
                      ("voc_ingest_bench_" + std::to_string(getpid()) + ".db"))
                         .string();
  size_t next_id = 0, total = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    auto batch = MakeBatch(batch_size, next_id, with_pii);
    next_id += batch_size;
    voc::StoreOptions o;
    o.path = path;
    auto store = voc::Store::Open(o);
    if (!store.ok()) {
      state.SkipWithError(std::string(store.status().message()).c_str());
      return;
    }
    state.ResumeTiming();
    auto r = (*store)->Ingest(batch);
    if (!r.ok()) {
      state.SkipWithError(std::string(r.status().message()).c_str());
      return;
    }
    total += r->stored;
  }
  state.SetItemsProcessed(static_cast<int64_t>(total));
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
}
BENCHMARK(BM_Ingest)->Args({10000, 0})->Args({10000, 1})->Args({100000, 1})->Unit(benchmark::kMillisecond);

// Near-duplicate marking over a whole store (run before every analysis of a store).
void BM_MarkDuplicates(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  std::string path = (std::filesystem::temp_directory_path() /
                      ("voc_dedupe_bench_" + std::to_string(getpid()) + ".db"))
                         .string();
  std::filesystem::remove(path);
  voc::StoreOptions o;
  o.path = path;
  auto store = voc::Store::Open(o);
  if (!store.ok() || !(*store)->Ingest(MakeBatch(n, 0, false)).ok()) {
    state.SkipWithError("cannot build the store");
    return;
  }
  size_t duplicates = 0;
  for (auto _ : state) {
    auto r = (*store)->MarkDuplicates();
    if (!r.ok()) {
      state.SkipWithError(std::string(r.status().message()).c_str());
      return;
    }
    duplicates = r->duplicates;
  }
  state.counters["duplicates"] = static_cast<double>(duplicates);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
  store->reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
}
BENCHMARK(BM_MarkDuplicates)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_IngestJsonl(benchmark::State& state) {
  std::string data;
  for (const voc::Feedback& f : MakeBatch(10000, 0, true)) {
    data += "{\"id\":\"" + f.id + "\",\"created_at\":" + std::to_string(f.created_at) +
            ",\"channel\":\"chat\",\"text\":\"" + f.text + "\"}\n";
  }
  std::string path = (std::filesystem::temp_directory_path() /
                      ("voc_ingest_jsonl_" + std::to_string(getpid()) + ".db"))
                         .string();
  size_t total = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    voc::StoreOptions o;
    o.path = path;
    auto store = voc::Store::Open(o);
    state.ResumeTiming();
    auto r = (*store)->IngestJsonl(data);
    if (!r.ok()) {
      state.SkipWithError(std::string(r.status().message()).c_str());
      return;
    }
    total += r->stored;
  }
  state.SetItemsProcessed(static_cast<int64_t>(total));
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
}
BENCHMARK(BM_IngestJsonl)->Unit(benchmark::kMillisecond);

}  // namespace
