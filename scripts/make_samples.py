#!/usr/bin/env python3
"""Writes voc's bundled sample data: feedback.jsonl, customers.jsonl (data/samples by default).

Scenario: an online retailer of home appliances and electronics. Every text is composed here
from this script's own templates and phrase pools (nothing is copied from a corpus). The data
tells a story voc's features should find; data/samples/README.md describes it:

  1. Systemic issue fixed mid-way: 退货审批 is slow (6-8 complaints a week) until the automated
     return approval ships on 2026-07-15; afterwards the complaints fall by > 70% and praise of
     fast returns (退货很快, 退款秒到账, 自动审批太方便了) appears.
  2. Negative spike: 2026-08-18 .. 08-24 a courier problem (物流爆仓, 快递延误, 一直不发货)
     triples the negative logistics volume, mostly on social and app_review.
  3. Recurring issue: 如何开发票 / 发票怎么开 / 电子发票 questions every week.
  4. Journey breakpoint: 30 customers first complain about a vague 详情页 / 图片与实物不符 and
     later about 安装太复杂 / 说明书看不懂 / 不会设置; plus 40 customers with ordered multi-stage
     journeys (purchase -> delivery -> usage -> service -> loyalty).
  5. Pain and highlight moments, and weak signals growing in September (以旧换新, 碎屏险).

Deterministic: one seeded random.Random, no dependence on set or hash order, so re-running
writes identical bytes.

usage: python3 scripts/make_samples.py [--out DIR]
"""
import argparse
import datetime as dt
import json
import os
import random

SEED = 20260501
START = dt.date(2026, 5, 1)
END = dt.date(2026, 9, 30)            # inclusive
FIX_DATE = dt.date(2026, 7, 15)       # automated return approval ships
SPIKE_START = dt.date(2026, 8, 18)    # courier problem, inclusive
SPIKE_END = dt.date(2026, 8, 24)

REGIONS = [("华东", 34), ("华北", 18), ("华南", 18), ("华中", 10), ("西南", 10), ("西北", 5),
           ("东北", 5)]
CITIES = {"华东": ["上海", "杭州", "南京", "苏州", "合肥"], "华北": ["北京", "天津", "石家庄"],
          "华南": ["广州", "深圳", "厦门"], "华中": ["武汉", "长沙", "郑州"],
          "西南": ["成都", "重庆", "昆明"], "西北": ["西安", "兰州"], "东北": ["沈阳", "哈尔滨"]}

# (product name, needs installation, is a phone/gadget)
PRODUCTS = [("滚筒洗衣机", True, False), ("变频空调", True, False), ("对开门冰箱", True, False),
            ("燃气热水器", True, False), ("嵌入式洗碗机", True, False), ("65寸电视", True, False),
            ("扫地机器人", False, False), ("空气净化器", False, False), ("无线吸尘器", False, False),
            ("电饭煲", False, False), ("微波炉", False, False), ("iPhone15", False, True),
            ("安卓手机", False, True), ("蓝牙耳机", False, True), ("笔记本电脑", False, True),
            ("平板电脑", False, True), ("智能手表", False, True), ("破壁机", False, False)]
INSTALL_PRODUCTS = [p[0] for p in PRODUCTS if p[1]]
SMART_PRODUCTS = ["扫地机器人", "空气净化器", "65寸电视", "滚筒洗衣机", "变频空调", "智能手表"]
PHONES = [p[0] for p in PRODUCTS if p[2] and p[0] in ("iPhone15", "安卓手机")]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
         "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓东", "子涵", "雨欣", "浩然", "思远",
         "一鸣", "佳怡", "梓萱", "宇轩", "欣怡", "俊杰", "文博", "海燕", "志强", "丹丹", "小龙"]
SEGMENTS = ["家庭", "年轻白领", "学生", "银发族", "小微企业", "租房族", "新婚家庭"]
TIERS = [("standard", 55), ("silver", 22), ("gold", 15), ("vip", 8)]

NEG_OPEN = ["", "", "", "", "吐槽一下，", "说实话，", "无语了，", "真的服了，", "emmm ", "气死了，",
            "我就想问问，", "第一次写差评，", "家人们谁懂啊，"]
NEG_CLOSE = ["", "", "", "😡", "！！！", "，差评", "，太失望了", "😤", "，真的无语", "。",
             "，希望尽快处理", "[怒]", "，再这样我要投诉了", "🙄", "，真的会谢", "，服了", "，无语子"]
POS_OPEN = ["", "", "", "", "给个好评，", "必须夸一下，", "说实话，", "惊喜，", "不错不错，"]
POS_CLOSE = ["", "", "", "👍", "！", "，好评", "，五星", "😊", "，yyds", "，下次还来", "🎉",
             "，推荐", "，nice", "，绝绝子", "，OK的"]
NEU_OPEN = ["", "", "", "你好，", "您好，", "请问一下，", "问一下，", "客服在吗？"]
NEU_CLOSE = ["", "", "", "，谢谢", "，谢谢！", "，麻烦回复一下", "🙏"]

NEG_CONTEXT = ["本来是给爸妈买的，", "周末特意请假在家等，", "买之前还专门问过客服，",
               "搬家第一件大件就买的你们家，", "冲着大品牌才下的单，", "活动价{price}买的，",
               "这已经是我第{n}次反馈了，", "家里老人小孩都等着用，"]
NEG_DETAIL = ["打了{n}次客服电话，每次都说在处理，到现在也没人给个准话",
              "订单号{order}，麻烦查一下到底怎么回事",
              "之前在你们家买过好几次都挺好，这次真的让人很失望",
              "家里老人不会弄，只能等我下班回去再折腾",
              "如果这周还解决不了，我就去12315投诉",
              "截图都留着，别到时候说我没反馈过",
              "在网上搜了一下，遇到同样问题的人还不少"]
POS_DETAIL = ["之前还担心大件网购不靠谱，现在完全放心了",
              "家里人都说这次买对了，用着很顺手",
              "这个价位能有这样的体验，真的超出预期",
              "以后家里电器就认准你们家了",
              "已经安利给两个同事了"]
NEU_DETAIL = ["订单号{order}", "之前问过一次没找到答案", "在线等，比较急", "app和官网都没找到说明"]
POS_CONTEXT = ["本来没抱太大期望，", "给爸妈换的，", "对比了好几家才下单，", "朋友推荐来买的，",
               "活动价{price}入手，", "新房装修一次买了好几件，"]

# ---------------------------------------------------------------------------------------
# Core phrase pools per category. Placeholders: {product} {n} {days} {price} {city} {ver}
# {order} {feat}. A category is (sentiment, intent, stage hint, templates).

RETURNS_SLOW = [
    "退货审批太慢了，{days}天了还在审核中，到底要等多久？",
    "申请退货一直在审核中，客服只会让我耐心等待",
    "{product}有质量问题申请退货，结果审批慢得要命，已经第{days}天了",
    "退款审核要等好几天，钱一直压在你们这里算怎么回事",
    "退货流程太麻烦了，填表、拍照、等审批，折腾了一个星期",
    "流程繁琐，审批慢，以后真不敢在你们家买大件了",
    "说好的7天无理由，退货审批拖了{days}天还没通过",
    "退个货比买东西难多了，审批太慢，电话还打不通",
    "为什么退货审批这么慢？提交{days}天了状态一点没变",
    "退货审批太慢，建议学学别家直接自动审核",
    "申请退货一直在审核中，{product}堆在门口占地方",
    "退款审核要等好几天，别家都是极速退款，差距太大了",
    "退货流程太麻烦，审核还要人工一个个看？都2026年了",
    "{product}退货审批太慢了，客服说要等仓库确认，仓库又说等审批，踢皮球",
    "退货申请提交了{days}天一直在审核中，也没人告诉我卡在哪一步",
    "審批太慢了，退貨申請等了{days}天還沒通過",
]
RETURNS_SLOW_AGAIN = [
    "又来了，上次说的退货还在审核中，已经第{days}天了，再不处理就投诉12315",
    "第二次反馈：退货审批太慢，到现在都没批下来，客服说已加急也没用",
    "上周申请的退货一直在审核中，跟客服说了几次都石沉大海",
    "还是那个退货，退款审核要等好几天我忍了，可这都两周了",
]
RETURNS_FAST = [
    "退货很快，上午申请下午就通过了",
    "退款秒到账，这次体验真不错",
    "退货很方便，提交完自动审批，快递小哥第二天就上门取件",
    "以前退个货要折腾好几天，现在提交完马上就通过了，进步很大",
    "{product}尺寸不合适退了，不到10分钟就审核通过，退款{n}小时到账",
    "自动审批太方便了！再也不用跟客服来回磨了",
    "新版app的退货流程简化了很多，点一下就好",
    "退货很方便，退款秒到账，给你们的改进点个赞",
    "没想到退货这么快，申请完直接通过，钱也原路退回来了",
    "退貨很快，款項當天就到帳了，讚",
]
LOGISTICS_NEG = [
    "下单{days}天了一直不发货，到底还卖不卖",
    "快递延误，说好{days}天到现在还没到，急用啊",
    "配送太慢了，{product}在中转站躺了{days}天",
    "物流信息{days}天没更新了，{product}是不是丢了",
    "快递太慢了，别家次日达，你们要一个星期",
    "送货时间一改再改，请了假在家等了一天没人来",
    "催了好几次发货，还是显示待出库",
    "配送太慢，买的{product}等了{days}天才送到{city}",
    "物流太慢了，而且全程没有任何通知",
    "一直不发货，问客服就说在排队，排了{days}天",
]
LOGISTICS_SPIKE = [
    "物流爆仓了吗？下单{days}天了一直不发货",
    "这几天物流爆仓，整个小区的快递都卡住了，{product}还没到",
    "快递延误就算了，客服也不回，到底什么时候能到",
    "一直不发货！！！物流爆仓也不提前说一声",
    "配送太慢，{city}这边说是快递延误，{days}天了还在路上",
    "物流爆仓能理解，但是{days}天连个发货通知都没有就过分了",
    "快递延误，说好的送货上门变成让我自己去驿站拿，{product}几十斤啊",
    "刷了下微博，好多人都是一直不发货，你们给个说法",
    "买的{product}卡在{city}分拣中心{days}天，物流爆仓也该有个预计时间吧",
    "快递延误太严重了，申请取消订单又说已经出库取消不了",
]
DELIVERY_PRAISE = [
    "配送员态度超好，下雨天还把{product}搬上六楼",
    "送货师傅很准时，还帮忙把包装带走了",
    "快递小哥提前打电话确认时间，很贴心",
    "配送很快，前一天晚上下单第二天上午就到了",
    "送货上门，配送员还帮忙检查了外观，服务到位",
    "包装很严实，{product}一点磕碰都没有",
    "配送員很有禮貌，送貨也準時",
]
INSTALL_PRAISE = [
    "安装师傅很专业，{product}装得又快又好，还讲解了怎么用",
    "安装师傅态度好，走的时候把地拖得干干净净",
    "上门安装很准时，师傅很细心，打孔都做了防尘",
    "安装师傅特别耐心，教我妈把遥控器每个按键都试了一遍",
    "师傅装完还帮忙调试了半小时，必须好评",
]
INSTALL_NEG = [
    "安装师傅迟到了两个小时，也没提前说一声",
    "约了安装{days}天了一直没人上门",
    "安装收费不透明，说好免费结果收了{price}材料费",
    "师傅装完{product}就走了，地上全是灰，墙上还留了个洞",
]
QUALITY_POS = [
    "质量很好，用了{n}个月没出过毛病",
    "做工扎实，比想象中重，很有质感",
    "{product}性价比高，这个价位找不到更好的了",
    "屏幕显示效果很好，声音也不错",
    "静音效果不错，晚上开着也不吵",
    "质量很好，做工扎实，细节处理得很用心",
    "用了{n}周了，{product}很好用，省了不少事",
    "性价比高，功能一个不少，价格比线下便宜了{price}",
    "{product}颜值高，做工扎实，放客厅很好看",
    "質量很好，做工紮實，性價比高",
]
QUALITY_NEG = [
    "{product}用了{days}天就坏了，开机没反应",
    "噪音很大，晚上根本睡不着",
    "做工粗糙，边缘还有毛刺",
    "制冷效果差，开到16度还是不凉",
    "续航太差了，充满电用半天就没了",
    "{product}才用了{n}周就出故障，显示E{n}错误码",
    "质量太差了，{product}门封条{n}个月就开胶了",
    "刚用就漏水，地板都泡了",
]
SERVICE_NEG = [
    "客服态度差，问两句就不耐烦",
    "客服不回复，留言{days}天了没人理",
    "打客服电话排队40分钟，最后还给挂了",
    "客服只会复制粘贴，问题根本没解决",
    "客服态度差，还说是我自己使用不当",
    "在线客服一直是机器人，转人工转了{n}次都没转到",
    "售后电话永远占线，客服不回复消息，这是要干嘛",
    "客服態度很差，問什麼都說不知道",
]
SERVICE_POS = [
    "客服小姐姐很耐心，问题一次就解决了",
    "售后处理很及时，第二天就派人来修了",
    "客服回复很快，还主动帮我申请了补偿",
    "维修师傅很负责，换了零件还给延保了{n}个月",
]
INVOICE_Q = [
    "如何开发票？下单的时候忘了选",
    "发票怎么开？公司报销要用",
    "电子发票在哪里下载？找了半天没找到",
    "请问可以开增值税专用发票吗",
    "发票抬头写错了能重新开吗",
    "订单{order}的电子发票一直没收到邮件",
    "怎么开发票啊，app里找不到入口",
    "买的{product}能开电子发票吗？要写公司名",
    "如何开发票，已经确认收货了还能补开吗？",
    "發票怎麼開？公司要報銷用",
    "电子发票发到哪个邮箱了？我没收到",
]
OTHER_Q = [
    "{product}保修多久？",
    "空调包安装吗？需要另外买支架吗",
    "现在下单什么时候能送到{city}？",
    "两张优惠券可以一起用吗",
    "有没有分期免息？{product}想分{n}期",
    "{product}和上一代有什么区别？",
    "会员积分怎么查？",
]
SUGGESTION = [
    "建议app增加按订单查安装进度的功能",
    "希望能提供晚上的配送时段，白天上班没人在家",
    "建议说明书附个视频教程",
    "希望会员积分能抵运费",
    "建议商品页把尺寸写清楚，方便量一下厨房",
    "希望以后能选择送货和安装同一天完成",
    "建议客服下班后也能留言，第二天统一回复",
]
NEUTRAL = [
    "东西收到了，还没开始用，先给个中评",
    "还行吧，跟描述差不多",
    "一般般，中规中矩",
    "{product}收到了，用几天再来追评",
    "价格一般，东西也一般，没什么特别的",
]
LOYALTY_POS = [
    "第二次在这家买了，一直挺放心",
    "老顾客了，这次回购{product}",
    "已经推荐给同事了，他也下单了",
    "会员积分换了个电饭煲，挺划算",
    "家里电器基本都在这家买的，会继续支持",
    "一直在这家买，售后有保障，会介绍给亲戚",
]
LOYALTY_NEG = [
    "这次体验太差了，以后不会再来买了",
    "不会推荐给朋友，太折腾",
    "会员等级说降就降，积分也清零了，老顾客就这待遇？",
]
PRICE_NEG = [
    "刚买完就降价{price}，申请价保被拒",
    "优惠券下单时用不了，页面写的满减是骗人的",
    "比别家贵了{price}，还不包安装",
    "活动规则太复杂，算了半天也没便宜多少",
]
PRICE_POS = [
    "活动价很划算，比平时便宜了{price}",
    "下单付款很顺利，优惠券自动就用上了",
    "趁活动入手，价格很美丽",
]
APP_NEG = [
    "app更新到{ver}之后老是闪退",
    "付款页面一直转圈，结果扣了两次钱",
    "app太卡了，订单页面加载半天",
]
PAGE_NEG = [  # journey breakpoint, first complaint (consideration / product page)
    "产品详情页写得太模糊了，到底支不支持{feat}都没说清楚",
    "商品介绍含糊其辞，参数都找不到",
    "图片与实物不符，实物颜色差很多",
    "详情页图片看着挺大，收到才发现小了一圈，图片与实物不符",
    "商品介绍里没说要自己安装，也没写需要什么配件",
    "产品详情页就几张宣传图，关键信息一个没有",
    "详情页写的{feat}，实物根本找不到这个功能，商品介绍太误导人",
    "图片与实物不符，{product}的颜色和图片完全两样",
]
SETUP_NEG = [  # journey breakpoint, later complaint (usage / first use)
    "安装太复杂了，折腾了一下午{product}还没装好",
    "说明书看不懂，全是图没有文字",
    "不会设置，{product}连不上wifi，说明书也没写",
    "app配网步骤太复杂，老人根本不会用",
    "安装太复杂，螺丝都分不清哪个是哪个",
    "说明书看不懂，{product}的模式到现在都不会设置",
    "不会设置定时功能，翻遍说明书也没找到",
    "安装太复杂了，视频教程也没有，只能花钱请人",
]
SETUP_POS = [
    "第一次用就上手了，设置很简单",
    "说明书写得很清楚，{product}十分钟就装好了",
]
TRADE_IN = [  # weak signal: 以旧换新
    "以旧换新怎么参加？旧冰箱能抵多少钱",
    "以旧换新的补贴什么时候到账？",
    "以旧换新上门回收的师傅比约定时间晚了{n}小时",
    "希望以旧换新能覆盖小家电",
    "以旧换新估价太低了，旧空调才给{price}",
    "以旧换新挺划算的，旧洗衣机直接抬走了",
]
SCREEN_INS = [  # weak signal: 碎屏险
    "碎屏险怎么理赔？",
    "买手机送的碎屏险激活不了",
    "碎屏险理赔要寄修，来回{days}天太麻烦了",
    "碎屏险的条款写得太绕了，到底换屏要不要自费",
    "请问碎屏险过了7天还能补买吗",
]
FEATURES = ["wifi", "变频", "自清洁", "语音控制", "烘干", "杀菌", "APP远程控制", "快充"]

# ---------------------------------------------------------------------------------------
# Categories: name -> (pool, sentiment, stage hint for survey/call touchpoints, channel weights)
CATEGORIES = {
    "returns_slow": (RETURNS_SLOW, "neg", "service.returns_refunds",
                     [("app_review", 30), ("chat", 25), ("call_center", 25), ("social", 20)]),
    "returns_slow_again": (RETURNS_SLOW_AGAIN, "neg", "service.returns_refunds",
                           [("call_center", 40), ("chat", 30), ("social", 20), ("app_review", 10)]),
    "returns_fast": (RETURNS_FAST, "pos", "service.returns_refunds",
                     [("app_review", 35), ("survey", 20), ("social", 15), ("chat", 15),
                      ("forum", 5), ("email", 5), ("other", 5)]),
    "logistics_neg": (LOGISTICS_NEG, "neg", "delivery.logistics",
                      [("app_review", 25), ("social", 20), ("chat", 20), ("call_center", 15),
                       ("survey", 10), ("email", 5), ("other", 5)]),
    "logistics_spike": (LOGISTICS_SPIKE, "neg", "delivery.logistics",
                        [("social", 45), ("app_review", 35), ("chat", 10), ("call_center", 10)]),
    "delivery_praise": (DELIVERY_PRAISE, "pos", "delivery",
                        [("survey", 40), ("app_review", 30), ("social", 10), ("store", 5),
                         ("forum", 5), ("other", 10)]),
    "install_praise": (INSTALL_PRAISE, "pos", "delivery.installation",
                       [("survey", 45), ("app_review", 25), ("social", 10), ("chat", 10),
                        ("email", 10)]),
    "install_neg": (INSTALL_NEG, "neg", "delivery.installation",
                    [("call_center", 30), ("chat", 30), ("survey", 20), ("app_review", 20)]),
    "quality_pos": (QUALITY_POS, "pos", "usage",
                    [("app_review", 45), ("survey", 15), ("social", 15), ("forum", 10),
                     ("store", 10), ("other", 5)]),
    "quality_neg": (QUALITY_NEG, "neg", "usage.quality",
                    [("app_review", 30), ("call_center", 20), ("chat", 20), ("forum", 10),
                     ("social", 10), ("email", 10)]),
    "service_neg": (SERVICE_NEG, "neg", "service.customer_service",
                    [("app_review", 20), ("social", 25), ("call_center", 20), ("chat", 15),
                     ("email", 10), ("survey", 10)]),
    "service_pos": (SERVICE_POS, "pos", "service",
                    [("survey", 35), ("chat", 25), ("call_center", 25), ("app_review", 15)]),
    "invoice": (INVOICE_Q, "neu", "service.invoice",
                [("chat", 40), ("email", 25), ("call_center", 20), ("forum", 10), ("other", 5)]),
    "other_q": (OTHER_Q, "neu", "consideration.presales_consult",
                [("chat", 40), ("forum", 20), ("call_center", 15), ("store", 15), ("email", 10)]),
    "suggestion": (SUGGESTION, "neu", "",
                   [("forum", 30), ("survey", 20), ("email", 20), ("app_review", 15),
                    ("store", 10), ("other", 5)]),
    "neutral": (NEUTRAL, "neu", "", [("app_review", 50), ("survey", 30), ("other", 20)]),
    "loyalty_pos": (LOYALTY_POS, "pos", "loyalty",
                    [("app_review", 30), ("survey", 30), ("social", 20), ("store", 20)]),
    "loyalty_neg": (LOYALTY_NEG, "neg", "loyalty",
                    [("social", 40), ("app_review", 40), ("survey", 20)]),
    "price_neg": (PRICE_NEG, "neg", "purchase.price_promotion",
                  [("app_review", 30), ("chat", 30), ("social", 20), ("call_center", 20)]),
    "price_pos": (PRICE_POS, "pos", "purchase",
                  [("app_review", 50), ("store", 30), ("social", 20)]),
    "app_neg": (APP_NEG, "neg", "purchase.order_payment",
                [("app_review", 80), ("email", 10), ("forum", 10)]),
    "page_neg": (PAGE_NEG, "neg", "consideration.product_page",
                 [("app_review", 30), ("chat", 30), ("forum", 15), ("social", 15), ("store", 10)]),
    "setup_neg": (SETUP_NEG, "neg", "usage.first_use",
                  [("call_center", 30), ("chat", 30), ("app_review", 25), ("forum", 15)]),
    "setup_pos": (SETUP_POS, "pos", "usage.first_use", [("app_review", 60), ("survey", 40)]),
    "trade_in": (TRADE_IN, "mixed", "purchase.price_promotion",
                 [("chat", 30), ("store", 25), ("forum", 20), ("call_center", 15), ("social", 10)]),
    "screen_ins": (SCREEN_INS, "mixed", "service",
                   [("chat", 35), ("app_review", 25), ("forum", 20), ("call_center", 20)]),
}

# Background volume per 7-day block: (min, max) items.
BACKGROUND = [
    ("logistics_neg", 3, 5), ("delivery_praise", 1, 3), ("install_praise", 1, 2),
    ("install_neg", 0, 1), ("quality_pos", 2, 3), ("quality_neg", 1, 3), ("service_neg", 1, 3),
    ("service_pos", 0, 2), ("invoice", 2, 4), ("other_q", 1, 2), ("suggestion", 1, 2),
    ("neutral", 1, 2), ("loyalty_pos", 0, 2), ("price_neg", 0, 2), ("price_pos", 0, 2),
    ("app_neg", 0, 1), ("setup_pos", 0, 1),
]


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for value, w in pairs:
        x -= w
        if x <= 0:
            return value
    return pairs[-1][0]


def days_between(a, b):
    """Every date from a to b inclusive."""
    return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]


class Generator:
    def __init__(self, seed=SEED):
        self.rng = random.Random(seed)
        self.items = []       # dicts without id; ids are assigned after sorting by time
        self.customers = []
        self.seq = 0

    # -- customers -------------------------------------------------------------------------
    def make_customers(self, count=180):
        rng = self.rng
        used = set()
        for i in range(count):
            while True:
                name = rng.choice(SURNAMES) + rng.choice(GIVEN)
                if name not in used or len(used) > 1500:
                    break
            used.add(name)
            tier = weighted(rng, TIERS)
            low, high = {"standard": (300, 8000), "silver": (5000, 20000),
                         "gold": (15000, 50000), "vip": (40000, 160000)}[tier]
            attrs = {"segment": rng.choice(SEGMENTS)}
            if rng.random() < 0.5:
                attrs["preferred_channel"] = rng.choice(["app", "电话", "微信", "门店", "邮件"])
            tenure = rng.randint(1, 96)
            if rng.random() < 0.3:
                attrs["member_since"] = str(2026 - tenure // 12)
            self.customers.append({
                "id": "cu-%05d" % (10001 + i),
                "name": name,
                "tier": tier,
                "tenure_months": tenure,
                "lifetime_value": round(rng.uniform(low, high), 2),
                "region": weighted(rng, REGIONS),
                "contact_ok": rng.random() < 0.88,
                "attributes": attrs,
            })
        # A stable popularity weight: some customers write a lot, most a little.
        self.weights = [(c, 1 + (5 if rng.random() < 0.1 else 0)) for c in self.customers]

    def any_customer(self):
        return weighted(self.rng, self.weights)

    # -- one item --------------------------------------------------------------------------
    def add(self, category, date, customer="random", channel=None):
        rng = self.rng
        pool, sentiment, hint, channels = CATEGORIES[category]
        if customer == "random":
            customer = self.any_customer() if rng.random() < 0.85 else None
        if channel is None:
            channel = weighted(rng, channels)
        hour = weighted(rng, [(h, w) for h, w in zip(range(24), [1, 1, 0, 0, 0, 0, 1, 2, 4, 6, 7, 7,
                                                                      6, 6, 6, 6, 5, 5, 5, 6, 7, 7, 5, 3])])
        minute = rng.randint(0, 59)
        when = dt.datetime(date.year, date.month, date.day, hour, minute)
        self.seq += 1
        self.items.append({"category": category, "when": when, "customer": customer,
                           "channel": channel, "seq": self.seq})

    # -- the story -------------------------------------------------------------------------
    def schedule(self):
        rng = self.rng
        block = START
        while block <= END:
            days = [d for d in days_between(block, block + dt.timedelta(days=6)) if d <= END]
            frac = len(days) / 7.0
            for category, low, high in BACKGROUND:
                for _ in range(round(rng.randint(low, high) * frac)):
                    self.add(category, rng.choice(days))
            # 1. Systemic issue: 6-8 a week before the fix, about one a week after it.
            before = [d for d in days if d < FIX_DATE]
            after = [d for d in days if d >= FIX_DATE]
            if before:
                for _ in range(round(rng.randint(6, 8) * len(before) / 7.0)):
                    self.add("returns_slow", rng.choice(before))
            if after:
                for _ in range(round(rng.choice([0, 1, 1, 1, 2]) * len(after) / 7.0)):
                    self.add("returns_slow", rng.choice(after))
                for _ in range(round(rng.randint(3, 5) * len(after) / 7.0)):
                    self.add("returns_fast", rng.choice(after))
            # 5. Weak signals growing from late August.
            weeks_in = (block - dt.date(2026, 8, 21)).days // 7
            if weeks_in >= 0:
                for _ in range(weeks_in + 1):
                    self.add("trade_in", rng.choice(days))
                for _ in range(max(0, weeks_in)):
                    self.add("screen_ins", rng.choice(days))
            block += dt.timedelta(days=7)

        # Some return complainers come back a few days later, still waiting.
        slow = [it for it in self.items if it["category"] == "returns_slow"
                and it["customer"] is not None and it["when"].date() < FIX_DATE - dt.timedelta(days=3)]
        for it in rng.sample(slow, 14):
            later = it["when"].date() + dt.timedelta(days=rng.randint(2, 8))
            self.add("returns_slow_again", min(later, FIX_DATE - dt.timedelta(days=1)), it["customer"])

        # 2. The courier spike: 11-13 extra negative logistics items in one week.
        spike_days = days_between(SPIKE_START, SPIKE_END)
        for _ in range(rng.randint(11, 13)):
            self.add("logistics_spike", rng.choice(spike_days))

        # 4. Journey breakpoint cohort: vague page first, setup trouble later.
        pool = list(self.customers)
        rng.shuffle(pool)
        cohort, page_only, journeys, setup_only = pool[:30], pool[30:38], pool[38:78], pool[78:84]
        for c in cohort:
            first = START + dt.timedelta(days=rng.randint(2, 125))
            self.add("page_neg", first, c)
            second = first + dt.timedelta(days=rng.randint(4, 25))
            if rng.random() < 0.4:
                self.add(rng.choice(["delivery_praise", "logistics_neg", "install_praise"]),
                         first + dt.timedelta(days=rng.randint(1, 3)), c)
            self.add("setup_neg", min(second, END), c)
        for c in page_only:
            first = START + dt.timedelta(days=rng.randint(2, 125))
            self.add("page_neg", first, c)
            self.add(rng.choice(["setup_pos", "quality_pos", "delivery_praise"]),
                     first + dt.timedelta(days=rng.randint(4, 20)), c)
        for c in setup_only:
            self.add("setup_neg", START + dt.timedelta(days=rng.randint(10, 150)), c)

        # Ordered multi-stage journeys: purchase -> delivery -> usage -> service -> loyalty.
        stages = [
            ("purchase", [("price_pos", 50), ("price_neg", 30), ("other_q", 20)]),
            ("delivery", [("delivery_praise", 40), ("logistics_neg", 35), ("install_praise", 15),
                          ("install_neg", 10)]),
            ("usage", [("quality_pos", 55), ("quality_neg", 45)]),
            ("service", [("service_pos", 35), ("service_neg", 40), ("invoice", 25)]),
            ("loyalty", None),
        ]
        for c in journeys:
            day = START + dt.timedelta(days=rng.randint(0, 100))
            chosen = [s for s in stages if rng.random() < 0.75] or stages[:2]
            negatives = 0
            for name, options in chosen:
                if day > END:
                    break
                if options is None:
                    category = "loyalty_neg" if negatives >= 2 else "loyalty_pos"
                else:
                    category = weighted(rng, options)
                negatives += CATEGORIES[category][1] == "neg"
                self.add(category, day, c)
                day += dt.timedelta(days=rng.randint(2, 15))

    # -- rendering -------------------------------------------------------------------------
    def render(self, item):
        rng = self.rng
        category, when, customer, channel = (item["category"], item["when"], item["customer"],
                                             item["channel"])
        pool, sentiment, hint, _ = CATEGORIES[category]
        template = rng.choice(pool)
        if sentiment == "mixed":
            if any(k in template for k in ("太", "麻烦", "低", "晚", "激活不了", "绕")):
                sentiment = "neg"
            elif "划算" in template:
                sentiment = "pos"
            else:
                sentiment = "neu"
        product = self.pick_product(category, template)
        region = customer["region"] if customer and rng.random() < 0.9 else weighted(rng, REGIONS)
        version = ("5.2.%d" if when.date() < FIX_DATE else "5.3.%d") % rng.randint(0, 4)
        order_id = "SO%s%05d" % (when.strftime("%Y%m%d"), rng.randint(0, 99999))
        values = {
            "product": product or rng.choice(PRODUCTS)[0], "days": rng.choice([2, 3, 3, 4, 5, 5, 6, 7, 8, 10, 12, 15]),
            "n": rng.randint(2, 6), "city": rng.choice(CITIES[region]), "ver": version,
            "price": rng.choice(["50元", "99元", "100元", "15.5元", "200元", "299元", "300元",
                                 "1299元", "80块", "500多"]),
            "order": order_id, "feat": rng.choice(FEATURES),
        }
        text = self.compose(template, pool, sentiment, values, channel)

        record = {"channel": channel}
        stage_hint = hint or "delivery"
        if channel == "survey":
            record["touchpoint"] = stage_hint.split(".")[0] if rng.random() < 0.6 else stage_hint
        elif hint and rng.random() < (0.4 if channel == "call_center" else 0.08):
            record["touchpoint"] = hint
        record["created_at"] = when.strftime("%Y-%m-%dT%H:%M:00Z")
        if customer:
            record["customer_id"] = customer["id"]
        rating = self.rating(channel, sentiment, category)
        if rating:
            record["rating"], record["rating_scale"] = rating
        record["text"] = text
        if product and ("{product}" in template or rng.random() < 0.5):
            record["product"] = product
        record["region"] = region
        attrs = {}
        if channel == "app_review":
            attrs["app_version"] = version
            attrs["os"] = rng.choice(["iOS", "Android", "Android", "HarmonyOS"])
        elif channel == "survey":
            attrs["survey"] = {"delivery": "post_delivery_nps", "service": "post_service_nps",
                               "usage": "30_day_nps"}.get(stage_hint.split(".")[0], "relationship_nps")
        elif channel == "call_center" and rng.random() < 0.7:
            attrs["agent_id"] = "A%03d" % rng.randint(1, 40)
        elif channel == "store":
            attrs["store"] = rng.choice(CITIES[region]) + rng.choice(["万达店", "旗舰店", "中心店"])
        if "{order}" in template or (record.get("product") and rng.random() < 0.45):
            attrs["order_id"] = order_id
        if attrs:
            record["attributes"] = dict(sorted(attrs.items()))
        if customer:
            record["contact_ok"] = customer["contact_ok"] and rng.random() < 0.8
        else:
            record["contact_ok"] = rng.random() < 0.55
        return record

    def pick_product(self, category, template):
        rng = self.rng
        for keyword, choices in PRODUCT_HINTS:
            if keyword in template:
                return rng.choice(choices)
        if category in ("install_praise", "install_neg", "trade_in"):
            return rng.choice(INSTALL_PRODUCTS)
        if category in ("setup_neg", "setup_pos", "page_neg"):
            return rng.choice(INSTALL_PRODUCTS + SMART_PRODUCTS)
        if category == "screen_ins":
            return rng.choice(PHONES)
        if category in ("suggestion", "neutral", "service_neg", "service_pos", "loyalty_neg",
                        "app_neg") and "{product}" not in template:
            return rng.choice([p[0] for p in PRODUCTS]) if rng.random() < 0.3 else None
        return rng.choice([p[0] for p in PRODUCTS])

    def compose(self, template, pool, sentiment, values, channel):
        rng = self.rng
        fill = lambda t: t.format(**values)
        core = fill(template)
        if is_traditional(core):  # keep Traditional texts free of Simplified decoration
            return core
        if pool not in (TRADE_IN, SCREEN_INS) and rng.random() < 0.15:  # a longer text: two complaints / praises in one go
            other = rng.choice([t for t in pool if t != template and not is_traditional(t)] or pool)
            core = core.rstrip("！。？") + rng.choice(["。而且", "，另外", "。还有，", "；"]) + fill(other)
        opens, closes, contexts, details = {
            "neg": (NEG_OPEN, NEG_CLOSE, NEG_CONTEXT, NEG_DETAIL),
            "pos": (POS_OPEN, POS_CLOSE, POS_CONTEXT, POS_DETAIL),
            "neu": (NEU_OPEN, NEU_CLOSE, [], NEU_DETAIL)}[sentiment]
        if sentiment == "neu" and not any(q in template for q in ("？", "吗", "怎么", "如何")):
            opens = ["", "", "", "个人觉得，", "总的来说，", "嗯，"]
        opener = rng.choice(opens) if channel != "call_center" else ""
        # E-mails and forum posts tend to ramble; elsewhere a few long texts.
        rambling = rng.random() < (0.5 if channel in ("email", "forum") else 0.06)
        context = fill(rng.choice(contexts)) if contexts and (rambling or rng.random() < 0.18) else ""
        for _ in range(3 if rambling else 1):
            if rambling or rng.random() < 0.3:
                core = core.rstrip("！。，") + ("" if core.endswith("？") else "。") + fill(rng.choice(details))
        closer = rng.choice(closes)
        if core.endswith("？") and closer.startswith("，"):
            closer = closer[1:]
        pii = ""
        if sentiment != "pos" and rng.random() < 0.035:
            pii = rng.choice([
                "，我电话%s，尽快联系我" % ("1" + rng.choice("3589") + "%09d" % rng.randint(0, 10**9 - 1)),
                "，有结果发我邮箱%s" % rng.choice(["wang.li88@example.com", "zhangmin@mail.example.cn",
                                                 "chen_h2026@example.org"]),
                "，手机号13812345678",
                "（登记的身份证号11010519900307231X）",
            ])
            if core.endswith("？"):
                pii = pii[1:] if pii.startswith("，") else pii
        prefix = ""
        if channel == "call_center" and rng.random() < 0.4:
            prefix = rng.choice(["客户来电反映：", "来电：", "客户致电称"])
        elif channel == "email" and rng.random() < 0.3 and not opener:
            prefix = "你好，"
        text = prefix + opener + context + core + pii + closer
        if len(text) > 150:
            text = (opener + core)[:150]
        if len(text) < 10:
            text += {"neg": "，太让人失望了", "pos": "，很满意", "neu": "，麻烦告知一下"}[sentiment]
        return text

    def rating(self, channel, sentiment, category):
        rng = self.rng
        if channel == "survey":
            scale = "nps"
        elif channel == "app_review":
            scale = "stars"
        elif channel in ("chat", "call_center") and rng.random() < 0.6:
            scale = "csat"
        else:
            return None
        table = {
            ("nps", "neg"): [0, 1, 2, 2, 3, 3, 4, 5, 6], ("nps", "pos"): [8, 9, 9, 10, 10, 10],
            ("nps", "neu"): [6, 7, 7, 8, 8], ("stars", "neg"): [1, 1, 1, 2, 2],
            ("stars", "pos"): [4, 5, 5, 5], ("stars", "neu"): [3, 3, 4],
            ("csat", "neg"): [1, 1, 2, 2], ("csat", "pos"): [4, 5, 5], ("csat", "neu"): [3, 4, 4, 5],
        }
        return rng.choice(table[(scale, sentiment)]), scale

    def run(self):
        self.make_customers()
        self.schedule()
        self.items.sort(key=lambda it: (it["when"], it["seq"]))
        feedback = []
        for i, item in enumerate(self.items):
            record = {"id": "fb-%06d" % (i + 1)}
            record.update(self.render(item))
            feedback.append(record)
        return feedback, self.customers


PRODUCT_HINTS = [
    ("制冷", ["变频空调", "对开门冰箱"]), ("续航", ["安卓手机", "iPhone15", "蓝牙耳机", "智能手表"]),
    ("屏幕", ["65寸电视", "笔记本电脑", "平板电脑"]), ("漏水", ["滚筒洗衣机", "嵌入式洗碗机", "燃气热水器"]),
    ("静音", ["变频空调", "空气净化器", "对开门冰箱"]), ("门封条", ["对开门冰箱", "滚筒洗衣机"]),
    ("wifi", SMART_PRODUCTS), ("配网", SMART_PRODUCTS), ("遥控器", ["变频空调", "65寸电视"]),
    ("打孔", ["变频空调", "65寸电视", "燃气热水器"]), ("碎屏", PHONES), ("手机", PHONES),
    ("冰箱", ["对开门冰箱"]), ("空调", ["变频空调"]), ("洗衣机", ["滚筒洗衣机"]),
    ("噪音", ["变频空调", "对开门冰箱", "滚筒洗衣机", "破壁机"]), ("错误码", INSTALL_PRODUCTS),
    ("搬上六楼", ["对开门冰箱", "滚筒洗衣机", "65寸电视"]), ("厨房", ["嵌入式洗碗机", "微波炉"]),
]


TRADITIONAL_CHARS = set("這還麼們讚質發貨審貨報問態紮實價員禮準時帳項當")


def is_traditional(text):
    return any(ch in TRADITIONAL_CHARS for ch in text)


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(here, "..", "data", "samples"),
                        help="output directory (default: data/samples)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    feedback, customers = Generator().run()
    write_jsonl(os.path.join(args.out, "feedback.jsonl"), feedback)
    write_jsonl(os.path.join(args.out, "customers.jsonl"), customers)
    print("wrote %d feedback records and %d customers to %s"
          % (len(feedback), len(customers), os.path.normpath(args.out)))


if __name__ == "__main__":
    main()
