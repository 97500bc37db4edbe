#!/usr/bin/env python3
"""Measures the Python batch calls of voc.Analyzer against the same texts as
benchmarks/analyzer_benchmark.cc (~60-character feedback, batches of 1024, one thread).

usage: VOC_LIBRARY=build-rel/capi/libvoc_c.so PYTHONPATH=bindings/python python3 scripts/bench_python.py
Prints texts/s (median of --repeat runs) for analyze_columns(results=False) (polarity, score
and intensity columns: nothing parsed per text), analyze_columns (plus the full results) and
analyze_many (a list of dicts). The full results cost what Python's json.loads needs to build
~2 KB of nested dicts per text.
"""
import argparse
import statistics
import time

import voc

TEXTS = [
    "物流很快，包装也很好，但是客服态度太差了，问了三次都没人回复，下次不会再买了，非常失望！真的很生气，要求退款。",
    "味道不错，分量也足，就是送餐有点慢，等了一个多小时，汤都凉了，希望商家改进一下配送速度。米饭也有点硬，一般般。",
    "酒店位置很好，交通方便，房间干净整洁，前台服务热情周到，早餐种类丰富，下次出差还会再来住，强烈推荐给大家。",
    "这款车动力充沛，油耗也不高，空间宽敞，就是隔音效果一般，高速上胎噪有点大，总体还算满意吧，值得入手，推荐。",
    "手机用了一周，屏幕清晰，运行流畅，但是耗电太快了，一天要充两次电，发热也比较严重，有点后悔，不推荐购买。",
    "打了五次客服电话都没人处理，跑了两趟营业厅，流程繁琐，难道你们就是这样对待老客户的吗？太让人寒心了。",
    "东西收到了，和描述的一样，质量挺好的，价格也实惠，卖家发货速度快，给个好评，推荐大家购买👍满意，还会回购。",
    "衣服面料很舒服，尺码标准，颜色和图片一样，就是线头有点多，洗了一次有点掉色，不算太差吧，还行，凑合穿。",
]


def measure(fn, batch, repeat):
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(batch)
        rates.append(len(batch) / (time.perf_counter() - start))
    return statistics.median(rates)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=1024)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    batch = [TEXTS[i % len(TEXTS)] for i in range(args.batch)]
    with voc.Analyzer() as az:
        az.analyze_many(batch[:16])  # warm up
        calls = [("analyze_columns(results=False)", lambda b: az.analyze_columns(b, results=False)),
                 ("analyze_columns", az.analyze_columns),
                 ("analyze_many", az.analyze_many)]
        for name, fn in calls:
            rate = measure(fn, batch, args.repeat)
            print(f"{name:31s} {rate:10,.0f} texts/s  (batch {args.batch}, median of {args.repeat})")


if __name__ == "__main__":
    main()
