#!/usr/bin/env python3
"""Generates data/lexicon/sentiment.tsv, voc's sentiment/emotion lexicon.

The lexicon is written by this project: hand-picked base opinion words (with polarity,
intensity and emotion) expanded systematically into degree forms (很好吃, 太慢了 ...), domain
phrases (aspect + opinion for retail, food delivery, services and cars, including
target-dependent ones such as 速度快 / 耗电快, 价格高 / 评分高), emoji, emoticons, Weibo tags
and internet slang. Deterministic: the same script always writes the same file.

Columns: word<TAB>polarity(-1|1, or 0 for a word that holds an opinion word and is none)
<TAB>intensity(0..1)<TAB>emotion (voc label or -).
Negators, degree words, contrast words and aspect targets are built into the rules
(src/sentiment/lexicon.cc), not listed here.

usage: scripts/gen_sentiment_lexicon.py [OUT]   (default data/lexicon/sentiment.tsv)
"""
import os
import sys

# (words, polarity, intensity, emotion)
BASE = [
    # general positive
    ("好 不错 可以 还行 行 凑合 过得去 尚可 还可以 挺好", 1, 0.5, "-"),
    ("满意 称心 放心 安心 舒心 省心 顺心 贴心 暖心 用心 走心 热心", 1, 0.7, "joy"),
    ("喜欢 爱 钟意 推荐 力荐 安利 种草 回购 再来 必买 值得 值 超值 划算 实惠 物美价廉 性价比高", 1, 0.7, "like"),
    ("棒 赞 优秀 完美 出色 精彩 惊艳 牛 厉害 给力 靠谱 专业 到位 周到 细心 耐心 热情 友好 亲切 客气 礼貌 负责 认真 敬业 诚信 守时", 1, 0.75, "like"),
    ("开心 高兴 快乐 愉快 欢乐 幸福 兴奋 激动 满足 惊喜 欣喜 欢喜 乐 爽 舒服 舒适 享受 过瘾 痛快", 1, 0.7, "joy"),
    ("感谢 谢谢 感激 多谢 辛苦了 点赞 好评 五星 满分 表扬 佩服 敬佩 感动", 1, 0.75, "like"),
    ("好吃 美味 可口 香 香甜 鲜美 新鲜 入味 地道 正宗 爽口 酥脆 嫩 软糯 鲜嫩 下饭 开胃 好喝 清爽 浓郁 够味 饱满 量足 分量足 实在 干净 卫生 热乎 热乎乎", 1, 0.7, "like"),
    ("漂亮 好看 美观 精致 大气 时尚 高端 上档次 有档次 美 帅 可爱 小巧 轻薄 轻便 结实 牢固 耐用 耐磨 柔软 舒服 合身 显瘦 百搭 顺滑 清晰 流畅 灵敏 稳定 安静 静音 省电 省油 省心 宽敞 平稳 扎实 顺畅 丝滑 细腻 通透 敞亮", 1, 0.65, "like"),
    ("正品 原装 全新 完好 完整 齐全 准确 及时 准时 迅速 神速 快捷 便捷 方便 简单 容易 好用 实用 耐看 不卡 好评如潮 人性化 智能 强劲 有劲 充沛 精准 灵活 轻松", 1, 0.6, "-"),
    ("温馨 整洁 明亮 安静 舒坦 宽敞明亮 交通便利 位置好 环境好 服务好 态度好 性价比不错", 1, 0.6, "joy"),
    ("优惠 便宜 划得来 不贵 低价 实惠 良心 厚道 大方 物超所值", 1, 0.6, "like"),
    ("期待 希望 相信 信赖 信任 支持 认可 肯定 欣赏", 1, 0.5, "like"),
    ("哈哈 哈哈哈 嘻嘻 呵呵哒 耶 赞赞赞 666 yyds nice good great perfect excellent awesome love like ok", 1, 0.6, "joy"),
    # general negative
    ("差 差劲 很差 太差 糟 糟糕 烂 很烂 垃圾 渣 废物 破 次 劣质 低劣 粗糙 简陋 山寨 假货 盗版 翻新 二手 残次", -1, 0.8, "disgust"),
    ("失望 绝望 遗憾 可惜 伤心 难过 心寒 心塞 委屈 郁闷 沮丧 无奈 心累 悲伤 心痛 后悔 懊悔 痛心", -1, 0.7, "sadness"),
    ("生气 愤怒 气愤 恼火 火大 气死 气人 窝火 无语 不爽 烦 烦人 烦躁 受够 可恶 过分 离谱 欺负 忽悠 敷衍 推诿 推脱 甩锅 态度恶劣 恶劣 嚣张 傲慢 蛮横 无理 无耻 坑爹", -1, 0.8, "anger"),
    ("恶心 反胃 难吃 难喝 难闻 臭 发臭 变质 发霉 馊 馊了 腥 油腻 腻 咸 太咸 齁 淡 寡淡 没味 没味道 苦 酸 涩 硬 干 柴 老 生 夹生 糊 焦 凉 冷 冰凉 凉了 冷了 坨了 稀 稀烂 软塌塌", -1, 0.7, "disgust"),
    ("担心 害怕 恐怖 吓人 焦虑 不安 忐忑 紧张 顾虑 提心吊胆 后怕 慌 心慌 危险 隐患 不安全", -1, 0.6, "fear"),
    ("骗 骗子 欺骗 诈骗 坑 坑人 黑心 奸商 宰客 欺诈 虚假 假 冒牌 以次充好 缺斤少两 偷工减料 霸王条款", -1, 0.9, "anger"),
    ("慢 缓慢 拖拉 拖延 延误 延迟 超时 晚点 迟到 磨蹭 漫长 久等 等太久 太久 好久", -1, 0.6, "anger"),
    # arrived only after a wait (一个小时才送到); not 才到, which 刚才到家 holds
    ("才送到 才送来 才收到 才到货 才发货", -1, 0.5, "anger"),
    ("贵 太贵 偏贵 昂贵 不值 不值得 不划算 坑钱 乱收费 溢价 虚高", -1, 0.6, "disgust"),
    ("脏 脏乱 脏乱差 乱 吵 吵闹 嘈杂 潮湿 异味 霉味 破旧 陈旧 老旧 狭小 拥挤 闷 热 冷清 简陋 不干净 不卫生", -1, 0.65, "disgust"),
    ("坏 坏了 损坏 破损 破了 碎 碎了 漏 漏了 撒 撒了 洒了 变形 掉色 褪色 起球 开线 开胶 断 裂 裂了 瑕疵 划痕 污渍 毛病 故障 问题 缺陷 bug 死机 卡 卡顿 闪退 黑屏 重启 发热 发烫 耗电 掉电 异响 抖动 顿挫 漏油 噪音大 异味大", -1, 0.65, "disgust"),
    ("麻烦 繁琐 复杂 难用 不好用 费劲 费事 折腾 别扭 不方便 不灵 失灵 不准 不稳 不清楚 模糊 不清晰", -1, 0.55, "anger"),
    ("少 太少 量少 分量少 缺 少了 漏送 送错 错了 发错 漏发 少发 缺货 断货 没货", -1, 0.6, "anger"),
    ("冷漠 冷淡 不耐烦 不理 不理人 爱答不理 不回复 没人理 没人管 没人接 没人回 不接电话 打不通 不负责 不专业 不靠谱 不守信 不诚信 态度差 服务差 素质差 素质低", -1, 0.75, "anger"),
    ("投诉 差评 退货 退款 退钱 赔偿 维权 举报 曝光 拉黑 再也不 再也不会 不会再 不再来 最后一次 不推荐 别买 千万别 慎买 避雷 踩雷 踩坑 劝退 吃亏 上当 被坑", -1, 0.8, "anger"),
    ("一般 一般般 普通 平平 马马虎虎 凑合吧 还凑合 勉强 将就 不怎么样 不太好 不咋地 没什么特别", -1, 0.35, "-"),
    ("惊讶 震惊 吃惊 意外 没想到 居然 竟然 想不到 出乎意料 不可思议 天哪 我的天 卧槽 哇", 1, 0.2, "surprise"),
    ("呵呵 嗬嗬 醉了 服了 无力吐槽 槽点 吐槽 心累 无语了 呵呵了 辣鸡 垃圾玩意 智商税 割韭菜 韭菜", -1, 0.7, "anger"),
]

# Extra pure-surprise / fear items with negative default polarity where fitting.
SURPRISE_NEG = "竟然这么差 居然这么慢 没想到这么差 万万没想到".split()

DEGREE = [("很", 1.3), ("非常", 1.6), ("太", 1.6), ("超", 1.6), ("超级", 1.8), ("特别", 1.5),
          ("挺", 1.2), ("真", 1.3), ("巨", 1.6), ("好", 1.3), ("蛮", 1.2), ("相当", 1.4),
          ("有点", 0.7), ("有些", 0.7), ("比较", 1.0), ("十分", 1.5), ("极其", 1.9), ("贼", 1.5)]
SUFFIX = ["了", "啊", "呀", "哦", "的", "死了", "极了", "得很", "爆了"]

# Aspects per domain; `speed`, `drain`, `cost`, `merit` classes for target-dependent words.
ASPECTS = {
    "food": "味道 口味 口感 菜 饭 米饭 面 汤 肉 菜品 饭菜 食材 外卖 包装 餐盒 分量 份量 配菜 主食 饮料 奶茶 咖啡 炸鸡 汉堡 披萨 饺子 粥 蛋糕 水果 骑手 小哥 送餐员 商家 老板 店家".split(),
    "retail": "质量 做工 材质 面料 手感 款式 颜色 尺码 版型 包装 物流 快递 发货 客服 卖家 店铺 宝贝 商品 东西 产品 衣服 鞋子 裤子 手机 电脑 屏幕 电池 系统 音质 画质 相机 键盘 鼠标 耳机 书 纸张 印刷 热水器 洗发水 售后 服务".split(),
    "service": "服务 态度 前台 服务员 工作人员 客服 经理 酒店 房间 环境 卫生 设施 早餐 位置 交通 床 隔音 装修 网络 空调 热水 停车 效率 流程 处理 售后 维修 安装 师傅".split(),
    "car": "动力 油耗 空间 内饰 外观 操控 舒适性 配置 底盘 悬挂 方向盘 刹车 变速箱 发动机 隔音 座椅 后排 后备箱 加速 提速 起步 车机 导航 做工 异响 保养 4s店 销售 试驾".split(),
}
GOOD = [("好", 0.6), ("不错", 0.6), ("很好", 0.75), ("棒", 0.8), ("满意", 0.7), ("一流", 0.85),
        ("没得说", 0.8), ("没话说", 0.8), ("杠杠的", 0.85), ("给力", 0.8), ("优秀", 0.8), ("可以", 0.45),
        ("还行", 0.35), ("到位", 0.65), ("好评", 0.75), ("超赞", 0.9), ("完美", 0.9), ("没毛病", 0.7)]
BAD = [("差", 0.7), ("很差", 0.8), ("太差", 0.9), ("不好", 0.6), ("一般", 0.35), ("垃圾", 0.9),
       ("糟糕", 0.8), ("烂", 0.8), ("不行", 0.6), ("有问题", 0.6), ("堪忧", 0.7), ("不敢恭维", 0.75),
       ("不咋地", 0.55), ("让人失望", 0.75), ("差劲", 0.8), ("极差", 0.95), ("太烂", 0.9), ("不满意", 0.7)]

TARGET_CLASS = {
    "speed": "速度 物流 发货 送货 配送 送餐 出餐 上菜 快递 反应 回复 处理 效率 网速 充电 开机 运行 加速 到货 退款 响应 送达 提速".split(),
    "drain": "耗电 掉电 发热 发烫 磨损 掉色 褪色 变质 电池掉电 掉漆 老化".split(),
    "cost": "价格 价钱 费用 收费 油耗 噪音 噪声 运费 配送费 成本 胎噪 风噪 误差 故障率 房价 价位 售价 维修费 保养费 异味 辐射".split(),
    "merit": "评分 性价比 质量 品质 颜值 分辨率 配置 分量 份量 容量 空间 动力 亮度 续航 满意度 清晰度 口碑 素质 待机 内存 信号 效果 档次 精度 回头率".split(),
}
TARGET_ADJ = {  # adjective -> polarity per class (speed, drain, cost, merit)
    "快": (0.7, -0.7, None, None), "很快": (0.75, -0.75, None, None), "超快": (0.85, -0.85, None, None),
    "慢": (-0.7, 0.5, None, None), "很慢": (-0.75, 0.5, None, None), "太慢": (-0.85, None, None, None),
    "高": (0.5, None, -0.6, 0.7), "很高": (0.55, None, -0.65, 0.75), "太高": (None, None, -0.8, None),
    "偏高": (None, None, -0.6, None), "低": (-0.5, None, 0.5, -0.6), "很低": (-0.55, None, 0.55, -0.65),
    "太低": (-0.7, None, None, -0.75), "偏低": (None, None, 0.3, -0.5), "大": (None, None, -0.5, 0.5),
    "很大": (None, None, -0.6, 0.6), "太大": (None, None, -0.75, None), "小": (None, None, 0.4, -0.5),
    "很小": (None, None, 0.5, -0.55), "太小": (None, None, None, -0.7), "严重": (-0.6, -0.7, -0.7, None),
    "足": (None, None, None, 0.6), "不足": (None, None, None, -0.6), "一般": (-0.35, None, None, -0.35),
    "贵": (None, None, -0.7, None), "便宜": (None, None, 0.6, None), "实惠": (None, None, 0.7, None),
    "超标": (None, None, -0.8, None), "给力": (0.8, None, None, 0.8), "感人": (-0.6, None, None, -0.6),
}

EMOJI = {
    "👍": (1, 0.8, "like"), "👏": (1, 0.7, "like"), "❤": (1, 0.8, "like"), "❤️": (1, 0.8, "like"),
    "💕": (1, 0.7, "like"), "💯": (1, 0.8, "like"), "😀": (1, 0.7, "joy"), "😁": (1, 0.7, "joy"),
    "😂": (1, 0.5, "joy"), "🤣": (1, 0.5, "joy"), "😃": (1, 0.7, "joy"), "😄": (1, 0.7, "joy"),
    "😊": (1, 0.7, "joy"), "☺": (1, 0.6, "joy"), "😍": (1, 0.9, "like"), "🥰": (1, 0.9, "like"),
    "😘": (1, 0.7, "like"), "😋": (1, 0.8, "like"), "😎": (1, 0.6, "joy"), "🤗": (1, 0.6, "joy"),
    "🌹": (1, 0.6, "like"), "🎉": (1, 0.7, "joy"), "✨": (1, 0.4, "joy"), "🙏": (1, 0.5, "like"),
    "💪": (1, 0.6, "like"), "👌": (1, 0.7, "like"), "🥳": (1, 0.8, "joy"), "😆": (1, 0.6, "joy"),
    "🌟": (1, 0.5, "like"), "⭐": (1, 0.5, "like"), "🔥": (1, 0.5, "like"), "😌": (1, 0.4, "joy"),
    "👎": (-1, 0.8, "disgust"), "😡": (-1, 0.9, "anger"), "😠": (-1, 0.8, "anger"), "🤬": (-1, 1.0, "anger"),
    "😤": (-1, 0.7, "anger"), "💢": (-1, 0.7, "anger"), "😞": (-1, 0.6, "sadness"), "😔": (-1, 0.6, "sadness"),
    "😢": (-1, 0.7, "sadness"), "😭": (-1, 0.8, "sadness"), "😿": (-1, 0.6, "sadness"), "💔": (-1, 0.8, "sadness"),
    "😩": (-1, 0.6, "sadness"), "😫": (-1, 0.6, "sadness"), "😓": (-1, 0.5, "sadness"), "😟": (-1, 0.5, "fear"),
    "😨": (-1, 0.7, "fear"), "😰": (-1, 0.7, "fear"), "😱": (-1, 0.6, "fear"), "😖": (-1, 0.6, "sadness"),
    "🤢": (-1, 0.8, "disgust"), "🤮": (-1, 0.9, "disgust"), "💩": (-1, 0.8, "disgust"), "😒": (-1, 0.6, "disgust"),
    "🙄": (-1, 0.6, "disgust"), "😑": (-1, 0.4, "disgust"), "😐": (-1, 0.2, "neutral"), "😕": (-1, 0.4, "sadness"),
    "🙁": (-1, 0.5, "sadness"), "☹": (-1, 0.6, "sadness"), "😣": (-1, 0.5, "sadness"), "😮": (1, 0.2, "surprise"),
    "😲": (1, 0.2, "surprise"), "😯": (1, 0.2, "surprise"), "🤔": (-1, 0.2, "neutral"), "😅": (-1, 0.2, "joy"),
}
EMOTICONS = {
    ":)": (1, 0.6, "joy"), ":-)": (1, 0.6, "joy"), ":D": (1, 0.7, "joy"), ":-D": (1, 0.7, "joy"),
    "^_^": (1, 0.6, "joy"), "^^": (1, 0.5, "joy"), "^o^": (1, 0.6, "joy"), "(^_^)": (1, 0.6, "joy"),
    "o(∩_∩)o": (1, 0.7, "joy"), "(*^▽^*)": (1, 0.7, "joy"), "(๑•̀ㅂ•́)و✧": (1, 0.7, "joy"), "=)": (1, 0.5, "joy"),
    "<3": (1, 0.7, "like"), ";)": (1, 0.4, "joy"), "xd": (1, 0.5, "joy"), "(≧∇≦)": (1, 0.7, "joy"),
    ":(": (-1, 0.6, "sadness"), ":-(": (-1, 0.6, "sadness"), ":'(": (-1, 0.7, "sadness"), "t_t": (-1, 0.6, "sadness"),
    "qaq": (-1, 0.6, "sadness"), "orz": (-1, 0.4, "sadness"), "-_-": (-1, 0.4, "disgust"), "-_-||": (-1, 0.5, "disgust"),
    "(╯‵□′)╯︵┻━┻": (-1, 0.9, "anger"), "╮(╯▽╰)╭": (-1, 0.3, "disgust"), "(╬▔皿▔)": (-1, 0.9, "anger"),
    ">_<": (-1, 0.5, "sadness"), "=_=": (-1, 0.4, "disgust"), "囧": (-1, 0.4, "sadness"),
}
WEIBO_TAGS = {
    "哈哈": (1, 0.6, "joy"), "嘻嘻": (1, 0.6, "joy"), "爱你": (1, 0.8, "like"), "心": (1, 0.6, "like"),
    "赞": (1, 0.7, "like"), "good": (1, 0.7, "like"), "鼓掌": (1, 0.6, "like"), "太开心": (1, 0.8, "joy"),
    "笑cry": (1, 0.4, "joy"), "偷笑": (1, 0.5, "joy"), "可爱": (1, 0.6, "like"), "馋嘴": (1, 0.5, "like"),
    "亲亲": (1, 0.7, "like"), "花心": (1, 0.7, "like"), "耶": (1, 0.6, "joy"), "威武": (1, 0.7, "like"),
    "给力": (1, 0.7, "like"), "酷": (1, 0.6, "like"), "礼物": (1, 0.4, "joy"), "蜡烛": (-1, 0.5, "sadness"),
    "怒": (-1, 0.8, "anger"), "怒骂": (-1, 0.9, "anger"), "抓狂": (-1, 0.8, "anger"), "哼": (-1, 0.5, "anger"),
    "鄙视": (-1, 0.7, "disgust"), "吐": (-1, 0.7, "disgust"), "衰": (-1, 0.6, "sadness"), "泪": (-1, 0.7, "sadness"),
    "悲伤": (-1, 0.7, "sadness"), "伤心": (-1, 0.7, "sadness"), "失望": (-1, 0.7, "sadness"), "晕": (-1, 0.4, "sadness"),
    "汗": (-1, 0.3, "sadness"), "生病": (-1, 0.5, "sadness"), "委屈": (-1, 0.6, "sadness"), "可怜": (-1, 0.5, "sadness"),
    "吃惊": (1, 0.2, "surprise"), "黑线": (-1, 0.4, "disgust"), "弱": (-1, 0.6, "disgust"), "不要": (-1, 0.5, "disgust"),
    "允悲": (-1, 0.4, "sadness"), "费解": (-1, 0.3, "surprise"), "疑问": (-1, 0.1, "surprise"), "害怕": (-1, 0.6, "fear"),
    "挖鼻": (-1, 0.3, "disgust"), "白眼": (-1, 0.5, "disgust"), "阴险": (-1, 0.3, "disgust"), "打脸": (-1, 0.5, "anger"),
}
SLANG = [
    ("绝绝子", 1, 0.8, "like"), ("yyds", 1, 0.9, "like"), ("永远的神", 1, 0.9, "like"), ("真香", 1, 0.7, "like"),
    ("爱了爱了", 1, 0.8, "like"), ("爱了", 1, 0.7, "like"), ("冲冲冲", 1, 0.6, "joy"), ("冲鸭", 1, 0.6, "joy"),
    ("太香了", 1, 0.8, "like"), ("好评返现", -1, 0.2, "-"), ("小确幸", 1, 0.6, "joy"), ("美滋滋", 1, 0.7, "joy"),
    ("妥妥的", 1, 0.7, "like"), ("杠杠的", 1, 0.8, "like"), ("棒棒哒", 1, 0.8, "like"), ("么么哒", 1, 0.7, "like"),
    ("赞一个", 1, 0.7, "like"), ("点个赞", 1, 0.7, "like"), ("无敌", 1, 0.7, "like"), ("牛逼", 1, 0.8, "like"),
    ("牛b", 1, 0.8, "like"), ("nb", 1, 0.6, "like"), ("6666", 1, 0.7, "like"), ("吊打", 1, 0.6, "like"),
    ("秒杀", 1, 0.5, "like"), ("宝藏", 1, 0.7, "like"), ("神仙", 1, 0.7, "like"), ("上头", 1, 0.6, "like"),
    ("无限回购", 1, 0.9, "like"), ("闭眼入", 1, 0.8, "like"), ("闭眼买", 1, 0.8, "like"), ("强推", 1, 0.8, "like"),
    ("好评好评", 1, 0.8, "like"), ("良心商家", 1, 0.8, "like"), ("业界良心", 1, 0.8, "like"), ("没毛病", 1, 0.6, "like"),
    ("没问题", 1, 0.5, "-"), ("不错不错", 1, 0.7, "like"), ("还不错", 1, 0.55, "-"), ("挺不错", 1, 0.65, "like"),
    ("拉胯", -1, 0.8, "disgust"), ("翻车", -1, 0.7, "sadness"), ("踩雷", -1, 0.8, "disgust"), ("智商税", -1, 0.8, "anger"),
    ("割韭菜", -1, 0.8, "anger"), ("辣鸡", -1, 0.9, "disgust"), ("垃圾玩意", -1, 0.9, "disgust"), ("坑爹", -1, 0.8, "anger"),
    ("无语子", -1, 0.6, "anger"), ("裂开", -1, 0.6, "sadness"), ("emo", -1, 0.6, "sadness"), ("破防", -1, 0.6, "sadness"),
    ("蚌埠住了", -1, 0.4, "surprise"), ("离大谱", -1, 0.8, "anger"), ("离谱", -1, 0.7, "anger"), ("什么鬼", -1, 0.6, "anger"),
    ("搞什么", -1, 0.6, "anger"), ("有病", -1, 0.8, "anger"), ("脑残", -1, 0.9, "anger"), ("sb", -1, 0.9, "anger"),
    ("傻逼", -1, 1.0, "anger"), ("操蛋", -1, 0.9, "anger"), ("坑货", -1, 0.8, "anger"), ("奇葩", -1, 0.6, "anger"),
    ("醉了", -1, 0.6, "anger"), ("呵呵哒", -1, 0.4, "disgust"), ("心好累", -1, 0.6, "sadness"), ("哭了", -1, 0.5, "sadness"),
    ("凉凉", -1, 0.6, "sadness"), ("扎心", -1, 0.6, "sadness"), ("吃土", -1, 0.4, "sadness"), ("被坑了", -1, 0.9, "anger"),
    ("凭什么", -1, 0.7, "anger"), ("有没有搞错", -1, 0.8, "anger"), ("什么玩意", -1, 0.8, "anger"), ("怎么能", -1, 0.4, "anger"),
    ("差评差评", -1, 0.9, "anger"), ("再也不买", -1, 0.9, "anger"), ("再也不点", -1, 0.9, "anger"), ("不会再点", -1, 0.9, "anger"),
    ("不会再买", -1, 0.9, "anger"), ("拒绝", -1, 0.5, "anger"), ("退了", -1, 0.5, "-"), ("退货了", -1, 0.6, "-"),
    ("物流给力", 1, 0.8, "like"), ("送货上门", 1, 0.4, "-"), ("准时送达", 1, 0.7, "like"), ("提前送达", 1, 0.7, "like"),
    ("按时送达", 1, 0.6, "like"), ("超时送达", -1, 0.7, "anger"), ("送餐超时", -1, 0.8, "anger"), ("洒了一半", -1, 0.8, "anger"),
    ("汤洒了", -1, 0.7, "anger"), ("没有餐具", -1, 0.5, "anger"), ("少送", -1, 0.7, "anger"), ("冰凉的", -1, 0.6, "disgust"),
    ("吃坏肚子", -1, 0.9, "disgust"), ("拉肚子", -1, 0.9, "disgust"), ("有头发", -1, 0.9, "disgust"), ("有虫子", -1, 1.0, "disgust"),
    ("吃出", -1, 0.4, "disgust"), ("不新鲜", -1, 0.7, "disgust"), ("不好吃", -1, 0.7, "disgust"), ("不热", -1, 0.5, "disgust"),
    ("掉价", -1, 0.5, "sadness"), ("降价", -1, 0.3, "sadness"), ("缩水", -1, 0.6, "anger"), ("货不对板", -1, 0.9, "anger"),
    ("与描述不符", -1, 0.8, "anger"), ("描述不符", -1, 0.8, "anger"), ("图片不符", -1, 0.7, "anger"), ("色差", -1, 0.5, "sadness"),
    ("物有所值", 1, 0.7, "like"), ("货真价实", 1, 0.8, "like"), ("名不虚传", 1, 0.8, "like"), ("名副其实", 1, 0.7, "like"),
    ("宾至如归", 1, 0.9, "like"), ("赏心悦目", 1, 0.8, "like"), ("心满意足", 1, 0.8, "joy"), ("爱不释手", 1, 0.9, "like"),
    ("无可挑剔", 1, 0.9, "like"), ("挑不出毛病", 1, 0.8, "like"), ("名不副实", -1, 0.8, "disgust"), ("徒有虚名", -1, 0.8, "disgust"),
    ("大失所望", -1, 0.9, "sadness"), ("令人失望", -1, 0.8, "sadness"), ("不尽人意", -1, 0.6, "sadness"), ("差强人意", -1, 0.4, "sadness"),
    ("一塌糊涂", -1, 0.9, "anger"), ("乱七八糟", -1, 0.7, "anger"), ("莫名其妙", -1, 0.6, "anger"), ("岂有此理", -1, 0.9, "anger"),
    ("忍无可忍", -1, 1.0, "anger"), ("不可理喻", -1, 0.9, "anger"), ("强烈推荐", 1, 0.9, "like"), ("值得推荐", 1, 0.8, "like"),
    ("值得购买", 1, 0.8, "like"), ("值得入手", 1, 0.8, "like"), ("下次还来", 1, 0.8, "like"), ("还会再来", 1, 0.8, "like"),
    ("会回购", 1, 0.8, "like"), ("还会光顾", 1, 0.8, "like"), ("一如既往", 1, 0.6, "like"), ("老顾客", 1, 0.3, "like"),
    ("不推荐", -1, 0.7, "disgust"), ("不值这个价", -1, 0.7, "disgust"), ("差评", -1, 0.8, "anger"), ("不怎么好", -1, 0.5, "-"),
    ("担心质量", -1, 0.5, "fear"), ("不敢买", -1, 0.6, "fear"), ("不敢吃", -1, 0.7, "fear"), ("怕", -1, 0.4, "fear"),
    ("吓死", -1, 0.7, "fear"), ("吓一跳", -1, 0.3, "surprise"), ("没想到", 1, 0.2, "surprise"), ("出乎意料地好", 1, 0.8, "surprise"),
]


# Words that hold a single-character opinion word and praise or blame nothing (牛 in 牛肉, 香 in
# 香菜, 爽 in 爽肤水, 好 in 说好的 "as promised"): written with polarity 0, so the rules' longest
# match takes them and finds no opinion. Only words common in reviews whose opinion reading
# never applies.
NOT_OPINIONS = ("牛肉 牛奶 牛排 牛腩 牛筋 牛杂 牛油 牛蛙 牛腱 牛柳 牛丸 牛仔 牛角 肥牛 蒙牛 蜗牛 奶牛 "
                "香菜 香肠 香蕉 香菇 香油 香料 香精 香水 香皂 香烟 香港 爽肤水 臭豆腐 咸鸭蛋 咸菜 "
                "贵州 贵阳 贵宾 值班 心脏 内脏 说好 好几 差不多 出差 香草 快要").split()


# Single characters are too ambiguous on their own (老板, 生日, 干净, 次日 ...): only these stand
# alone; the others appear inside compounds (很冷, 太干了).
SAFE_SINGLE = set("好棒赞差烂糟渣贵脏吵臭腥腻咸齁馊坑骗烦爽香嫩帅牛值囧")


def add(out, word, pol, inten, emo):
    word = word.strip().lower()
    if not word or word in out:
        return
    if len(word) == 1 and "\u4e00" <= word <= "\u9fff" and word not in SAFE_SINGLE:
        return
    out[word] = (pol, max(0.05, min(1.0, round(inten, 2))), emo)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data", "lexicon", "sentiment.tsv")
    out = {}
    # 1. base words.
    base = []
    for words, pol, inten, emo in BASE:
        for w in words.split():
            base.append((w, pol, inten, emo))
            add(out, w, pol, inten, emo)
    for words, pol, inten, emo in SLANG:
        add(out, words, pol, inten, emo)
    for w in SURPRISE_NEG:
        add(out, w, -1, 0.7, "surprise")
    # 2. degree and suffix forms of short base words (so 很好吃 / 太慢了 match as one unit).
    for w, pol, inten, emo in base:
        if len(w) > 2 or not any("\u4e00" <= c <= "\u9fff" for c in w):
            continue
        for d, mult in DEGREE:
            if w.startswith(d):
                continue
            add(out, d + w, pol, inten * mult, emo)
        for s in SUFFIX:
            if pol > 0 or s not in ("爆了",):
                add(out, w + s, pol, inten, emo)
        add(out, "太" + w + "了", pol, inten * 1.6, emo)
    # 3. domain phrases: aspect + general opinion.
    for domain, aspects in ASPECTS.items():
        for a in aspects:
            for o, inten in GOOD:
                add(out, a + o, 1, inten, "like")
            for o, inten in BAD:
                add(out, a + o, -1, inten, "disgust" if domain == "food" else "anger")
    # 4. target-dependent phrases.
    cls_index = {"speed": 0, "drain": 1, "cost": 2, "merit": 3}
    for cls, targets in TARGET_CLASS.items():
        for t in targets:
            for adj, pols in TARGET_ADJ.items():
                p = pols[cls_index[cls]]
                if p is None:
                    continue
                emo = "like" if p > 0 else ("anger" if cls in ("speed", "cost") else "disgust")
                add(out, t + adj, 1 if p > 0 else -1, abs(p), emo)
                if len(adj) == 1:
                    add(out, t + "很" + adj, 1 if p > 0 else -1, min(1.0, abs(p) * 1.2), emo)
                    add(out, t + "太" + adj, 1 if p > 0 else -1, min(1.0, abs(p) * 1.4), emo)
                    add(out, t + "挺" + adj, 1 if p > 0 else -1, abs(p), emo)
                    add(out, t + "非常" + adj, 1 if p > 0 else -1, min(1.0, abs(p) * 1.4), emo)
                    add(out, t + "特别" + adj, 1 if p > 0 else -1, min(1.0, abs(p) * 1.4), emo)
    # 5. emoji, emoticons, Weibo tags ([哈哈]) and slang.
    for table in (EMOJI, EMOTICONS):
        for w, (pol, inten, emo) in table.items():
            add(out, w, pol, inten, emo)
    for w, (pol, inten, emo) in WEIBO_TAGS.items():
        add(out, "[" + w + "]", pol, inten, emo)
    for w in NOT_OPINIONS:
        assert w not in out, w
        out[w] = (0, 0.0, "-")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("# voc sentiment lexicon: generated by scripts/gen_sentiment_lexicon.py, do not edit.\n")
        f.write("# word\tpolarity\tintensity\temotion\n")
        for w in sorted(out):
            pol, inten, emo = out[w]
            f.write("%s\t%d\t%.2f\t%s\n" % (w, pol, inten, emo))
    print("wrote %d entries to %s" % (len(out), path), file=sys.stderr)


if __name__ == "__main__":
    main()
