#!/usr/bin/env python3
"""Generates voc's bundled sample data: data/samples/feedback.jsonl and customers.jsonl.

The texts are composed here from this project's own templates and phrase pools (an online
retailer of home appliances and phones), not copied from any corpus. The data tells a story
that voc's features are meant to find (see data/samples/README.md):

  1. 退货审批 is slow (5-8 complaints a week) until the automated return approval ships on
     2026-07-15; afterwards the complaints almost vanish and praise of fast returns appears.
  2. A logistics spike (物流爆仓 / 快递延误) in the week 2026-08-18 .. 08-24, mostly social and
     app reviews.
  3. 如何开发票 / 电子发票 questions every week.
  4. A breakpoint cohort of 30 customers: vague 详情页 / 图片与实物不符 before buying, then
     安装太复杂 / 说明书看不懂 / 不会设置 after delivery.
  5. Pain and highlight moments (delivery staff, installers, quality, 客服态度差) and weak
     signals growing in September (以旧换新, 碎屏险).

Deterministic: a fixed seed, no set/dict-order dependence, so the same script always writes
the same bytes.

usage: python3 scripts/gen_samples.py [--out DIR]   (default DIR: data/samples next to scripts/)
"""
import argparse
import datetime as dt
import json
import os
import random

SEED = 20260715
START = dt.date(2026, 5, 1)
END = dt.date(2026, 9, 30)  # inclusive
FIX_DATE = dt.date(2026, 7, 15)  # automated return approval ships
SPIKE_START = dt.date(2026, 8, 18)
SPIKE_END = dt.date(2026, 8, 24)  # inclusive
EMERGING_START = dt.date(2026, 8, 24)

REGIONS = ["华东", "华东", "华东", "华北", "华北", "华南", "华南", "华中", "西南", "西北", "东北"]
CITIES = {
    "华东": ["上海", "杭州", "南京", "苏州", "合肥", "济南"],
    "华北": ["北京", "天津", "石家庄", "太原"],
    "华南": ["广州", "深圳", "厦门", "南宁"],
    "华中": ["武汉", "长沙", "郑州"],
    "西南": ["成都", "重庆", "昆明", "贵阳"],
    "西北": ["西安", "兰州", "乌鲁木齐"],
    "东北": ["沈阳", "哈尔滨", "长春", "大连"],
}
SEGMENTS = ["家庭", "家庭", "家庭", "单身", "新婚", "银发", "学生", "企业采购"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁沈")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉婷雪琳晨宇浩然欣怡子轩梓涵思远嘉豪雨桐一诺")

# product line -> display names used in texts
PRODUCTS = [
    ("空调", ["空调", "这台空调", "1.5匹变频空调", "KFR-35GW空调"]),
    ("洗衣机", ["洗衣机", "滚筒洗衣机", "XQG100洗衣机"]),
    ("冰箱", ["冰箱", "对开门冰箱", "BCD-540冰箱"]),
    ("扫地机器人", ["扫地机器人", "扫地机", "S8扫地机器人"]),
    ("智能门锁", ["智能门锁", "门锁", "L5指纹锁"]),
    ("净水器", ["净水器", "RO-600净水器"]),
    ("手机", ["手机", "iPhone15", "新手机"]),
]
PRODUCT_CUES = [
    (["制冷", "冷氣"], "空调"), (["吸力", "扫得"], "扫地机器人"), (["拍照", "续航", "碎屏险"], "手机"),
    (["出水", "水质", "滤芯"], "净水器"), (["漏水", "童锁"], "洗衣机"), (["遥控器"], "空调"),
]
SETUP_PRODUCTS = ["扫地机器人", "智能门锁", "净水器", "空调", "洗衣机"]

# --- phrase pools. {p} product name, {n} small number, {price} price, {oid} order id ---------

PRODUCT_PAGE_NEG = [
    "详情页写得太模糊了，根本看不出尺寸",
    "商品介绍说得不清不楚，问了半天才知道要另外买配件",
    "图片与实物不符，实物颜色暗很多",
    "详情页的参数和实物对不上，{p}比图上大一圈",
    "产品介绍太笼统，买之前完全不知道要打孔",
    "页面图片修得太过了，收到的{p}跟图片与实物差距有点大",
    "详情页连个安装说明都没有，介绍就几句广告词",
    "看详情页以为是免安装的，介绍里一个字都没提",
    "介绍写的支持APP远程控制，没说要另外买网关，详情页太含糊",
    "详情页的图片与实物不符，材质看着像塑料",
]
SETUP_NEG = [
    ("delivery.installation", "安装太复杂了，折腾了一下午还没装好"),
    ("usage.first_use", "说明书看不懂，全是图没有文字，步骤还跳着来"),
    ("usage.first_use", "不会设置，APP配网试了十几次都失败"),
    ("delivery.installation", "安装步骤太多，上门的师傅都说这款装起来费劲"),
    ("usage.first_use", "说明书写得跟天书一样，第一次用根本不知道怎么开机"),
    ("usage.first_use", "到手不会设置，连wifi一直提示失败，说明书也没写"),
    ("delivery.installation", "自己装不了，要打孔还得另外预约安装，太复杂"),
    ("usage.first_use", "刚用就懵了，按键没标识，说明书看不懂"),
    ("delivery.installation", "安装太复杂，配件一大堆也不标序号"),
    ("usage.first_use", "不会设置定时，说明书翻了三遍也没找到"),
]
CONSIDERATION_POS = [
    "详情页介绍很详细，尺寸参数一目了然",
    "售前咨询回复很快，推荐的型号很合适",
    "到店体验了一下，销售顾问讲得很清楚，不推销",
    "官网的对比表做得好，选型省了不少时间",
    "详情页有安装视频，买之前心里就有数了",
]
CONSIDERATION_NEU = [
    "请问这款{p}有没有白色的？",
    "想问下{p}和上一代有什么区别",
    "详情页上写的能效是一级吗？",
    "售前咨询一下，{p}适合{n}0平米的房间吗",
    "门店有样机可以看吗？",
]
PURCHASE_NEG = [
    "下单的时候优惠券用不了，说是系统问题",
    "付款页面一直转圈，扣了钱订单却显示未支付",
    "刚买完就降价了{n}00元，价保也不给",
    "活动规则太复杂了，凑满减凑得头大",
    "APP下单老是闪退，换了手机也一样",
    "价格比别家贵了{n}0块，还说是最低价",
]
PURCHASE_POS = [
    "价格很划算，比线下便宜了{n}00块",
    "活动力度大，性价比很高",
    "下单支付很顺畅，一分钟搞定",
    "叠加券下来才{price}元，超值",
    "分期免息，付款很方便",
]
PURCHASE_NEU = [
    "请问订单可以改地址吗？订单号{oid}",
    "分期付款有没有手续费？",
    "下单后还能换型号吗",
    "企业采购能不能走对公转账？",
]
LOGISTICS_NEG = [
    "物流太慢了，下单{n}天了还没到",
    "一直不发货，问客服就说在排队",
    "快递延误了好几天，也没人通知一声",
    "配送太慢，说好的次日达变成了{n}日达",
    "物流信息{n}天没更新，快递太慢了",
    "下单一周了还没发货，迟迟不发货也不给说法",
]
SPIKE_NEG = [
    "物流爆仓了吧？{n}天了还显示待揽收",
    "大促后物流爆仓，快递延误到现在",
    "一直不发货，订单卡在仓库，问就是爆仓",
    "配送太慢了，别家早到了你家还在路上",
    "快递延误一个星期，客服只会说抱歉",
    "#物流爆仓# 等了{n}天，物流信息一动不动",
    "一直不发货，急用的东西等到现在",
    "物流爆仓就别搞活动啊，快递延误谁负责",
]
LOGISTICS_POS = [
    "物流超快，昨天下单今天就到了",
    "送货很及时，配送员态度很好，还帮忙搬上楼",
    "配送员小哥很热情，提前打电话约时间",
    "快递包装很结实，送货速度也快",
    "配送员很有礼貌，大件也帮忙拆包装",
]
LOGISTICS_NEU = [
    "请问现在下单大概几天能到？",
    "能不能指定周末送货？",
    "偏远地区包邮吗？运费要15.5元吗",
]
UNBOXING_NEG = [
    "开箱发现外壳有划痕，包装也破了",
    "少件了，配件包里没有遥控器",
    "收到的颜色和下单的不一样",
]
UNBOXING_POS = ["包装很用心，开箱完好无损", "开箱验货一切正常，配件齐全"]
INSTALL_POS = [
    "安装师傅很专业，半小时装好还把垃圾带走了",
    "上门安装很准时，师傅态度特别好，讲解也耐心",
    "安装师傅手艺好，走线整齐，必须点赞",
    "安装师傅很细心，装完还教我怎么用",
    "师傅上门安装特别快，服务态度没得说",
]
INSTALL_NEG = [
    "安装师傅迟到两个小时，还乱收费{n}0元",
    "约了上门安装，等了三天都没人来",
]
USAGE_POS = [
    "质量很好，做工扎实，用了{n}个月没毛病",
    "做工精细，质感不错，比想象中好",
    "{p}很安静，效果很好，家里人都说好",
    "质量很好，用着放心",
    "做工扎实，细节处理到位，性价比很高",
    "制冷很快，还省电",
    "吸力很强，扫得很干净",
    "拍照效果很好，续航也够一天",
    "出水很快，水质喝着明显好了",
    "性价比很高，功能够用",
]
USAGE_NEG = [
    "用了不到一个月就坏了，质量太差",
    "噪音很大，晚上根本睡不着",
    "{p}漏水了，才用了{n}周",
    "耗电快得离谱，电费涨了不少",
    "APP控制经常断连，智能个寂寞",
    "做工粗糙，边缘毛刺都没打磨",
]
USAGE_NEU = [
    "请问滤芯多久换一次？",
    "这个童锁模式怎么关掉？",
    "{p}可以连小爱同学吗？",
]
CS_NEG = [
    "客服态度差，问两句就不耐烦",
    "客服不回复，留言两天了没人理",
    "打客服电话排队半小时，最后还挂断了",
    "客服踢皮球，一个问题转了三个人",
    "客服态度差，只会复制粘贴话术",
    "在线客服不回复，机器人答非所问",
]
CS_POS = [
    "客服小姐姐很耐心，问题一次就解决了",
    "客服回复很及时，处理得很专业",
    "客服态度很好，主动帮我申请了补偿",
]
REPAIR_NEG = [
    "报修一周了还没人上门",
    "维修收费不透明，换个零件要{n}00",
]
REPAIR_POS = ["售后维修很快，第二天师傅就上门修好了", "保修期内免费换了新的，售后靠谱"]
RETURN_NEG = [
    "退货审批太慢了，提交{n}天了还没结果",
    "申请退货一直在审核中，到底要等多久",
    "退款审核要等好几天，钱一直卡着",
    "退货流程太麻烦，要拍照要填单还要等审批",
    "审批慢得要命，退个货比买东西难多了",
    "流程繁琐，退货要审批好几轮，服了",
    "退货审批太慢，客服只会让我等",
    "退款审核要等好几天，说好的极速退款呢",
    "申请退货一直在审核中，{n}天了状态都没变",
    "退货流程太麻烦了，审批慢还不告诉进度",
]
RETURN_NEG_AGAIN = [
    "第二次反映了，上次的退货还是一直在审核中",
    "又来了，退货审批太慢，{n}天了没人处理",
    "上周就说了退款审核要等好几天，到现在还没退",
]
RETURN_POS = [
    "退货很快，提交申请几分钟就自动审批通过了",
    "退款秒到账，这体验可以",
    "退货很方便，快递上门取件，退款当天就到",
    "自动审批太方便了，不用干等",
    "现在退货很快啊，以前要等好几天",
    "申请退款秒批，退款秒到账",
    "退货很方便，全程不用找客服",
]
RETURN_POS_AGAIN = [
    "之前吐槽过退货等太久，这次自动审批，当天就退款了，改进了点个赞",
    "上次退货等了一周，这次退款秒到账，进步很大",
]
RETURN_NEU = ["退货需要自己付运费吗？", "换货的话要把原包装寄回吗？"]
INVOICE = [
    "如何开发票？下单时忘记勾选了",
    "发票怎么开？订单号{oid}",
    "电子发票在哪里下载？",
    "请问可以开增值税专用发票吗",
    "电子发票抬头写错了，怎么重开",
    "发票怎么开啊，找了半天没找到入口",
    "公司报销需要发票，如何开发票？",
    "电子发票多久能开出来？",
]
LOYALTY_POS = [
    "第二次在这家买了，一直很放心",
    "老顾客了，会员积分还能抵现，不错",
    "已经推荐给同事了，他也下单了",
    "回购第三台了，家里电器基本都在这买",
    "会推荐给朋友，服务比别家好",
]
LOYALTY_NEG = [
    "会员积分莫名其妙清零了",
    "老顾客还不如新用户优惠，寒心",
    "以后不会再买了",
]
LOYALTY_NEU = ["会员等级怎么升级？", "积分什么时候过期？"]
SUGGESTION = [
    ("consideration.product_page", "建议详情页加上安装视频和尺寸图"),
    ("delivery.logistics", "希望能增加晚上配送的时段"),
    ("service.customer_service", "建议客服晚上也能在线"),
    ("purchase.order_payment", "建议APP支持修改订单地址"),
    ("loyalty.membership", "希望积分能换安装服务"),
]
EMERGING = [
    ("neu", "purchase.price_promotion", "以旧换新补贴怎么申请？旧{p}能抵多少钱"),
    ("pos", "purchase.price_promotion", "以旧换新太划算了，旧冰箱抵了{n}00"),
    ("neg", "purchase.price_promotion", "以旧换新上门回收的师傅一直没来"),
    ("neu", "purchase.order_payment", "碎屏险怎么买？iPhone15能上吗"),
    ("neu", "service.repair_maintenance", "碎屏险理赔要什么材料？"),
    ("pos", "service.repair_maintenance", "买了碎屏险，摔了一次理赔还挺快"),
    ("neg", "service.repair_maintenance", "碎屏险理赔要跑三趟，不如不买"),
    ("neu", "purchase.price_promotion", "以旧换新和国补能一起用吗？"),
]
TRADITIONAL = [
    ("neg", "delivery.logistics", "物流太慢了，等了五天才到，客服也不回覆"),
    ("pos", "delivery.installation", "安裝師傅很專業，服務態度好，推薦！"),
    ("neu", "service.invoice", "請問電子發票怎麼開？"),
    ("pos", "usage.quality", "品質很好，做工紮實，性價比高"),
    ("neg", "service.customer_service", "客服態度很差，問題一直沒解決"),
    ("neg", "consideration.product_page", "詳情頁的圖片與實物不符，顏色差很多"),
    ("pos", "usage.performance", "冷氣很安靜，又省電，家人都很滿意"),
    ("neu", "loyalty.membership", "會員積分怎麼兌換？"),
    ("pos", "delivery.logistics", "配送員很有禮貌，還幫忙搬上樓"),
    ("neg", "service.returns_refunds", "退貨審批太久，申請了一個禮拜還沒消息"),
]
TRADITIONAL_TEXTS = [t for _, _, t in TRADITIONAL]
CONTEXT = [
    "{d}下的单，", "买的是{p}，", "给爸妈买的{p}，", "家里老的坏了，换了台{p}，",
    "朋友推荐来买的，", "看了网上评价种草的，", "第一次在这家买，", "新房装修买的，",
    "{n}号晚上下的单，", "用了{n}天，",
]
OPENERS = {
    "neg": ["", "", "", "说实话，", "吐槽一下：", "讲真，", "无语，", "emmm ", "家人们，"],
    "pos": ["", "", "", "说实话，", "必须夸一下，", "讲真，", "第一次写评价，", "家人们，"],
    "neu": ["", "", "", "你好，", "您好，", "麻烦问一下，", "hi，"],
}
CLOSERS = {
    "neg": ["", "。", "。", "，无语了", "，差评！", "😡", "🙄", "，真的会谢", "，心累", "!!!", "，醉了",
            "，希望尽快处理", "。。。", "，太失望了💔"],
    "pos": ["", "。", "。", "👍", "，好评！", "，yyds", "，绝绝子", "，五星好评", "😊", "，会回购的",
            "，赞赞赞", "👍👍", "，安利给大家"],
    "neu": ["", "", "", "，谢谢", "，麻烦回复一下", "🙏", "，在线等", "，急"],
}
DETAILS = {
    "neg": ["打了三次电话都说在处理", "前前后后耽误了我一个多星期", "本来是给家里老人买的，现在还得我请假处理",
            "问题拖着不解决，体验真的很差", "之前在你们家买过好几次，这次真的失望",
            "希望你们认真对待，不要每次都是模板回复", "跟朋友吐槽了一圈，都说遇到过类似的情况",
            "周末一整天就耗在这上面了", "说好的24小时内回复，到现在都没消息"],
    "pos": ["家里老人用着也很顺手", "整个过程没操心，体验很好", "之前在别家买过同类产品，对比下来这家服务好太多",
            "已经晒到家庭群里了", "下次换冰箱还来这家", "细节做得很到位，能感觉到用心了",
            "本来没抱太大期望，结果超出预期"],
    "neu": ["订单是上周的", "麻烦看到后回复一下", "之前问过一次没人回", "在APP里没找到相关说明",
            "方便的话发个操作步骤给我"],
}
MULTI = [
    ("neg", "delivery.logistics", "下单很顺利，但是物流太慢，客服也不理人"),
    ("neg", "service.customer_service", "东西质量没问题，安装师傅也挺好，就是客服态度差，问个问题等了半天"),
    ("neg", "usage.quality", "价格确实便宜，可是用了两周就出故障，报修又要排队，这性价比不要也罢"),
    ("pos", "delivery.installation", "从下单到送货安装一共两天，配送员和安装师傅都很客气，空调制冷也快，整体非常满意"),
    ("pos", "usage.quality", "对比了好几家才下单，到手质量很好，做工扎实，价格还比线下便宜三百多"),
    ("neg", "usage.first_use", "送货挺快，但是到手不知道怎么用，说明书就两页，打客服电话一直占线"),
]
LONG = [
    ("neg", "delivery.installation",
     "我6月初在你们APP买了一台滚筒洗衣机，送货倒是准时，可是安装师傅来了说水龙头接口不匹配装不了，让我自己去买转接头，"
     "前前后后拖了两个星期才用上，中间打了四次客服电话，每次都要重新说一遍情况，真的非常疲惫，希望你们能改进一下，至少安装前先确认好配件，别让顾客白等一天"),
    ("neg", "service.repair_maintenance",
     "空调用了不到三个月就不制冷了，报修后等了五天师傅才上门，检查说是缺氟，加完氟第二天又不行了。现在是七月最热的时候，"
     "家里有老人小孩，根本等不起。要求换新机，客服说要走检测流程，我只想问到底要等多久？如果这周还解决不了，我会考虑投诉"),
    ("neg", "usage.quality",
     "扫地机器人刚开始用还行，一个月后开始频繁卡住，边刷也掉了两次，APP里经常显示离线。联系客服让我重置，"
     "重置了三次也没用，最后说寄回检测，来回快递又是一周，这体验真的不行，后悔没买另一个牌子。希望售后能给个明确的处理方案，而不是一直让我等"),
    ("pos", "delivery.installation",
     "记录一下这次愉快的购物：周五晚上下单的冰箱和空调，周日上午就送到了，配送员两个人抬上六楼没有一句怨言，"
     "下午安装师傅准时上门，装完把包装和垃圾都带走了，还教我爸妈怎么用遥控器。价格也比线下门店便宜不少，以后家电就认准这家了，已经推荐给同事"),
    ("pos", "service.customer_service",
     "净水器用了半年提示换滤芯，在线问客服，小姐姐不光告诉我型号，还帮我查到有会员专享价，下单第二天就到了，"
     "按视频教程五分钟换好。之前对电商售后印象一般，这次真的改观了，服务很到位，给客服小姐姐点赞，也希望你们一直保持这个水准"),
    ("neu", "service.invoice",
     "你好，我们公司上个月通过企业采购买了二十台空调，需要开增值税专用发票，税号和开户行信息已经在订单备注里填了，"
     "但是到现在电子发票还没收到，请问发票怎么开，是需要另外提交申请吗？财务那边月底要报账，麻烦尽快回复"),
    ("neu", "consideration.presales_consult",
     "准备给新房买全套家电，空调、冰箱、洗衣机都要，想问一下有没有套购优惠？另外安装是不是都包含在价格里，"
     "空调铜管超出部分怎么收费？老房子的旧家电能不能顺便回收？另外企业采购能开专票吗？麻烦给个详细说明，最好能有人电话联系我，谢谢"),
]
SOFT_CONTRAST_NEG = ["东西本身还行，就是", "价格倒是便宜，但是", "物流挺快的，不过"]
SOFT_CONTRAST_POS = ["，就是包装有点简陋", "，唯一不足是颜色选择少", "，就是送货慢了一天"]
TYPOS = [("在", "再"), ("的", "滴"), ("什么", "神马"), ("非常", "灰常"), ("这样", "酱紫"),
         ("账", "帐"), ("怎么", "咋")]
PHONES = ["13812345678", "13987654321", "15011112222", "18600001234", "17712345098"]
EMAILS = ["zhang.wei@example.com", "lily_chen88@example.cn", "wangfang2026@example.com"]
STORES = ["上海徐汇店", "北京朝阳店", "广州天河店", "成都春熙路店", "武汉光谷店"]


class Gen:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.records = []  # (datetime, seq, dict)
        self.seq = 0
        self.customers = []
        self.order_no = 0

    # --- helpers -------------------------------------------------------------------------
    def pick(self, xs):
        return xs[self.rng.randrange(len(xs))]

    def day_in(self, a, b):
        """A random date in [a, b] inclusive."""
        return a + dt.timedelta(days=self.rng.randint(0, (b - a).days))

    def stamp(self, day):
        r = self.rng.random()
        hour = self.rng.randint(9, 18) if r < 0.6 else self.rng.randint(19, 23) if r < 0.9 \
            else self.rng.randint(0, 8)
        return dt.datetime(day.year, day.month, day.day, hour, self.rng.randrange(60),
                           self.rng.randrange(60))

    def order_id(self, day):
        self.order_no += 1
        return "SO%s%05d" % (day.strftime("%Y%m%d"), 10000 + self.order_no * 7 % 90000)

    def fill(self, tmpl, product_line, day):
        names = dict(PRODUCTS)[product_line]
        return tmpl.format(p=self.pick(names), n=self.rng.randint(2, 9),
                           price=self.pick(["1299", "2999", "3499", "899", "4599", "1999.9"]),
                           oid=self.order_id(day), d="%d月%d号" % (day.month, day.day))

    # --- customers -----------------------------------------------------------------------
    def make_customers(self, count):
        used = []
        for i in range(count):
            while True:
                name = self.pick(SURNAMES) + self.pick(GIVEN) + (self.pick(GIVEN) if self.rng.random() < 0.7 else "")
                if name not in used:
                    used.append(name)
                    break
            r = self.rng.random()
            tier = "standard" if r < 0.5 else "silver" if r < 0.75 else "gold" if r < 0.92 else "vip"
            base = {"standard": 3000, "silver": 9000, "gold": 25000, "vip": 60000}[tier]
            region = self.pick(REGIONS)
            self.customers.append({
                "id": "c-%05d" % (i + 1),
                "name": name,
                "tier": tier,
                "tenure_months": self.rng.randint(1, 96),
                "lifetime_value": round(base * (0.4 + self.rng.random() * 1.2), 2),
                "region": region,
                "contact_ok": self.rng.random() < 0.82,
                "attributes": {"segment": self.pick(SEGMENTS), "city": self.pick(CITIES[region])},
            })

    # --- text composition ----------------------------------------------------------------
    def compose(self, core, pol, channel, product_line, day, context=True, decorate=True):
        rng = self.rng
        text = core
        if decorate:
            if pol == "neg" and not core.startswith(("物流", "快递", "一直不发货", "配送", "下单一周")) \
                    and rng.random() < 0.1:
                text = self.pick(SOFT_CONTRAST_NEG) + text
            if pol == "pos" and rng.random() < 0.08:
                text = text + self.pick(SOFT_CONTRAST_POS)
            # longer messages on the channels where people write more
            p = {"email": 0.6, "forum": 0.6, "call_center": 0.35, "social": 0.2}.get(channel, 0.12)
            for _ in range(2):
                if rng.random() >= p:
                    break
                detail = self.pick(DETAILS[pol])
                if detail in text:
                    break
                if text.endswith(("？", "?")):
                    text = text + detail + "。"
                else:
                    text = text.rstrip("。！!") + "，" + detail
        if context and not core.startswith("#") and rng.random() < 0.3:
            text = self.fill(self.pick(CONTEXT), product_line, day) + text
        if decorate:
            opener = self.pick(OPENERS[pol])
            if rng.random() < 0.5 and channel != "call_center" and not (channel == "email" and "好" in opener):
                text = opener + text
            closer = self.pick(CLOSERS[pol])
            if text.endswith(("？", "?", "！", "!", "。")) and closer.startswith(("，", "。", "？")):
                closer = ""
            text = text + closer
            if rng.random() < 0.06:
                a, b = self.pick(TYPOS)
                if a in text:
                    text = text.replace(a, b, 1)
        if channel == "call_center":
            text = self.pick(["客户来电反映：", "来电：", "客户来电称", "电话回访，客户表示："]) + text
            if pol == "neg" and rng.random() < 0.3:
                text += self.pick(["（客户情绪激动）", "（已安抚，承诺48小时内回电）", "（已升级主管）"])
        elif channel == "email":
            tail = self.pick(["谢谢！", "盼复。", "请尽快处理。", ""])
            # Traditional texts and texts with their own greeting stay as written.
            if core not in TRADITIONAL_TEXTS and not text.startswith(("你好", "您好")):
                if "处理" in text and "处理" in tail:
                    tail = ""
                if tail and not text.endswith(("？", "?", "！", "!", "。", "😡", "🙄", "💔", "👍", "😊", "🙏")):
                    text += "。"
                text = "您好，" + text + tail
        elif channel == "store":
            text = self.pick(["门店顾客反馈：", "到店顾客说", ""]) + text
        elif channel == "social" and rng.random() < 0.3:
            text = self.pick(["@某某电器官方 ", "#避雷# ", "#真实测评# ", ""]) + text
        elif channel == "forum" and rng.random() < 0.3:
            text = self.pick(["有没有人遇到：", "分享一下：", "求助帖：", "来说说我的经历，"]) + text
        return text

    def length_fix(self, text, pol, product_line, day):
        while len(text) < 10:
            if text.endswith(("？", "?")):
                text = text + "麻烦尽快回复"
                continue
            text = text + self.pick({"neg": ["，真的不行", "，太差了"], "pos": ["，非常满意", "，推荐购买"],
                                     "neu": ["，请帮忙看一下", "，谢谢客服"]}[pol])
        if len(text) > 150:
            text = text[:149] + "…"
        return text

    # --- record emission ------------------------------------------------------------------
    def emit(self, day, channel, core, pol, stage, customer=None, product=None, tp_hint=None,
             context=True, decorate=True, extra_attrs=None):
        rng = self.rng
        product = self.product_for(core, stage, product)
        text = self.compose(self.fill(core, product, day), pol, channel, product, day, context, decorate)
        text = self.length_fix(text, pol, product, day)
        rec = {"id": None, "channel": channel}
        if tp_hint is None and channel == "survey":
            tp_hint = stage.split(".")[0] if rng.random() < 0.6 else stage
        if tp_hint is None and channel == "chat" and rng.random() < 0.2:
            tp_hint = stage
        if tp_hint:
            rec["touchpoint"] = tp_hint
        ts = self.stamp(day)
        rec["created_at"] = ts.strftime("%Y-%m-%dT%H:%M:%SZ")
        if customer is not None:
            rec["customer_id"] = customer["id"]
        rating = self.rating(channel, pol)
        if rating:
            rec["rating"], rec["rating_scale"] = rating[1], rating[0]
        rec["text"] = text
        if rng.random() < 0.75:
            rec["product"] = product
        rec["region"] = customer["region"] if customer else self.pick(REGIONS)
        attrs = {}
        if channel == "app_review":
            attrs["app_version"] = self.app_version(day)
            attrs["os"] = self.pick(["iOS", "Android", "Android", "HarmonyOS"])
        elif channel == "call_center" and rng.random() < 0.5:
            attrs["call_duration_s"] = str(rng.randint(60, 1500))
        elif channel == "store":
            attrs["store"] = self.pick(STORES)
        if stage.split(".")[0] in ("purchase", "delivery", "service") and rng.random() < 0.35:
            attrs["order_id"] = self.order_id(day)
        if extra_attrs:
            attrs.update(extra_attrs)
        if attrs:
            rec["attributes"] = attrs
        if customer is not None:
            rec["contact_ok"] = customer["contact_ok"] and rng.random() < 0.87
        else:
            rec["contact_ok"] = rng.random() < 0.55
        self.seq += 1
        self.records.append((ts, self.seq, rec, pol))

    def product_for(self, core, stage, product):
        """Keeps the product line consistent with what the text talks about."""
        for words, line in PRODUCT_CUES:
            if any(w in core for w in words):
                return line
        if product:
            return product
        if stage in ("delivery.installation", "usage.first_use") or "安装" in core or "师傅" in core:
            return self.pick(SETUP_PRODUCTS)
        return self.pick(PRODUCTS)[0]

    def rating(self, channel, pol):
        rng = self.rng
        scale = None
        if channel == "survey" and rng.random() < 0.92:
            scale = "nps"
        elif channel == "app_review" and rng.random() < 0.95:
            scale = "stars"
        elif channel in ("chat", "call_center") and rng.random() < 0.55:
            scale = "csat"
        elif channel == "store" and rng.random() < 0.3:
            scale = "csat"
        if scale is None:
            return None
        eff = pol
        if rng.random() < 0.04:  # ratings and texts do not always agree
            eff = self.pick(["neg", "pos", "neu"])
        if scale == "nps":
            v = {"neg": rng.randint(0, 5), "neu": rng.randint(6, 8), "pos": rng.randint(9, 10)}[eff]
        else:
            v = {"neg": rng.randint(1, 2), "neu": 3, "pos": rng.randint(4, 5)}[eff]
        return scale, v

    def app_version(self, day):
        if day < dt.date(2026, 6, 15):
            return self.pick(["5.1.0", "5.1.2"])
        if day < dt.date(2026, 8, 20):
            return self.pick(["5.2.0", "5.2.1"])
        return self.pick(["5.2.1", "5.3.0", "5.3.0"])

    def customer(self, pool=None):
        return self.pick(pool or self.customers)

    def maybe_customer(self):
        return self.pick(self.customers) if self.rng.random() < 0.86 else None

    # --- the story -------------------------------------------------------------------------
    def weeks(self):
        d = START
        while d <= END:
            yield d, min(d + dt.timedelta(days=6), END)
            d += dt.timedelta(days=7)

    def story_returns(self, pool):
        rng = self.rng
        channels = ["call_center", "chat", "chat", "app_review", "survey", "email", "social", "forum"]
        complainers = []
        last_day = FIX_DATE - dt.timedelta(days=1)
        for a, b in self.weeks():
            if a >= FIX_DATE:
                break
            b = min(b, last_day)
            for _ in range(rng.randint(4, 7)):
                c = self.pick(pool)
                day = self.day_in(a, b)
                ch = self.pick(channels)
                self.emit(day, ch, self.pick(RETURN_NEG), "neg", "service.returns_refunds", c,
                          tp_hint="service.returns_refunds" if ch == "survey" else None)
                complainers.append((c, day))
            if rng.random() < 0.4:
                self.emit(self.day_in(a, b), self.pick(channels), self.pick(RETURN_NEU), "neu",
                          "service.returns_refunds", self.maybe_customer())
        # some customers complain twice
        seen = []
        for c, day in complainers:
            if c["id"] in seen or len(seen) >= 14:
                continue
            again = day + dt.timedelta(days=rng.randint(5, 20))
            if again >= FIX_DATE:
                continue
            seen.append(c["id"])
            self.emit(again, self.pick(["call_center", "chat", "email"]), self.pick(RETURN_NEG_AGAIN),
                      "neg", "service.returns_refunds", c)
        # after the fix: a couple of stragglers, and praise
        for day in (dt.date(2026, 7, 21), dt.date(2026, 8, 12), dt.date(2026, 9, 16)):
            self.emit(day, self.pick(channels), self.pick(RETURN_NEG[:4]), "neg",
                      "service.returns_refunds", self.pick(pool))
        for a, b in self.weeks():
            if b < FIX_DATE:
                continue
            a = max(a, FIX_DATE)
            for _ in range(rng.randint(2, 5)):
                ch = self.pick(["app_review", "survey", "chat", "social", "survey", "forum"])
                self.emit(self.day_in(a, b), ch, self.pick(RETURN_POS), "pos", "service.returns_refunds",
                          self.pick(pool) if rng.random() < 0.4 else self.maybe_customer(),
                          tp_hint="service.returns_refunds" if ch == "survey" else None)
        # a few earlier complainers notice the change (the closed loop 回访 payoff)
        for cid in seen[:5]:
            c = [x for x in self.customers if x["id"] == cid][0]
            self.emit(self.day_in(dt.date(2026, 7, 20), dt.date(2026, 8, 30)), "survey",
                      self.pick(RETURN_POS_AGAIN), "pos", "service.returns_refunds", c,
                      tp_hint="service.returns_refunds", context=False)

    def story_logistics(self):
        rng = self.rng
        for a, b in self.weeks():
            for _ in range(rng.randint(1, 4)):
                day = self.day_in(a, b)
                if SPIKE_START <= day <= SPIKE_END:
                    continue
                self.emit(day, self.pick(["social", "app_review", "chat", "call_center", "survey", "forum"]),
                          self.pick(LOGISTICS_NEG), "neg", "delivery.logistics", self.maybe_customer())
        for _ in range(13):
            ch = self.pick(["social", "social", "social", "app_review", "app_review", "chat", "call_center"])
            self.emit(self.day_in(SPIKE_START, SPIKE_END), ch, self.pick(SPIKE_NEG + LOGISTICS_NEG[:3]), "neg",
                      "delivery.logistics", self.maybe_customer())

    def story_invoice(self):
        rng = self.rng
        for a, b in self.weeks():
            for _ in range(rng.randint(1, 3)):
                self.emit(self.day_in(a, b), self.pick(["chat", "chat", "call_center", "email", "app_review", "forum"]),
                          self.pick(INVOICE), "neu", "service.invoice", self.maybe_customer(), decorate=rng.random() < 0.5)

    def story_breakpoint(self, cohort):
        rng = self.rng
        for c in cohort:
            product = self.pick(SETUP_PRODUCTS)
            d1 = self.day_in(START, dt.date(2026, 8, 31))
            ch1 = self.pick(["app_review", "social", "survey", "chat", "forum"])
            self.emit(d1, ch1, self.pick(PRODUCT_PAGE_NEG), "neg", "consideration.product_page", c, product,
                      tp_hint="consideration.product_page" if ch1 == "survey" else None)
            d2 = min(d1 + dt.timedelta(days=rng.randint(4, 25)), END)
            if d2 == d1:
                d2 = d1 + dt.timedelta(days=1)
            tp, core = self.pick(SETUP_NEG)
            ch2 = self.pick(["call_center", "chat", "survey", "app_review"])
            self.emit(d2, ch2, core, "neg", tp, c, product, tp_hint=tp if ch2 == "survey" else None)
            if rng.random() < 0.35 and d2 + dt.timedelta(days=10) <= END:
                pol, tp3, texts = self.pick([("pos", "usage.quality", USAGE_POS),
                                             ("neg", "service.customer_service", CS_NEG),
                                             ("neg", "loyalty.repurchase", LOYALTY_NEG)])
                self.emit(self.day_in(d2 + dt.timedelta(days=3), min(d2 + dt.timedelta(days=30), END)),
                          self.pick(["survey", "app_review"]), self.pick(texts), pol, tp3, c, product)

    def story_journeys(self, pool):
        """Customers with feedback at several stages, in journey order."""
        rng = self.rng
        stages = [
            ("consideration", [("pos", "consideration.product_page", CONSIDERATION_POS),
                               ("neu", "consideration.presales_consult", CONSIDERATION_NEU)]),
            ("purchase", [("pos", "purchase.price_promotion", PURCHASE_POS),
                          ("neg", "purchase.order_payment", PURCHASE_NEG),
                          ("neu", "purchase.order_payment", PURCHASE_NEU)]),
            ("delivery", [("pos", "delivery.logistics", LOGISTICS_POS), ("pos", "delivery.installation", INSTALL_POS),
                          ("neg", "delivery.unboxing", UNBOXING_NEG), ("pos", "delivery.unboxing", UNBOXING_POS),
                          ("neg", "delivery.installation", INSTALL_NEG)]),
            ("usage", [("pos", "usage.quality", USAGE_POS), ("neg", "usage.quality", USAGE_NEG),
                       ("neu", "usage.performance", USAGE_NEU)]),
            ("service", [("neg", "service.customer_service", CS_NEG), ("pos", "service.customer_service", CS_POS),
                         ("neg", "service.repair_maintenance", REPAIR_NEG),
                         ("pos", "service.repair_maintenance", REPAIR_POS)]),
            ("loyalty", [("pos", "loyalty.repurchase", LOYALTY_POS), ("neg", "loyalty.repurchase", LOYALTY_NEG),
                         ("neu", "loyalty.membership", LOYALTY_NEU)]),
        ]
        for c in pool:
            product = self.pick(PRODUCTS)[0]
            k = rng.randint(2, 4)
            first = rng.randrange(0, len(stages) - k + 1)
            chosen = sorted(rng.sample(range(first, len(stages)), k))
            day = self.day_in(START, dt.date(2026, 7, 31))
            for si in chosen:
                pol, tp, pool_texts = self.pick(stages[si][1])
                ch = self.pick(["survey", "app_review", "chat", "call_center", "email", "social", "forum", "store", "other"])
                if stages[si][0] == "consideration" and rng.random() < 0.5:
                    ch = "store"
                self.emit(day, ch, self.pick(pool_texts), pol, tp, c, product)
                day = min(day + dt.timedelta(days=rng.randint(2, 20)), END)

    def story_background(self):
        """Pain and highlight moments spread over the whole period."""
        rng = self.rng
        for a, b in self.weeks():
            for _ in range(rng.randint(2, 4)):
                tp, texts = self.pick([("delivery.installation", INSTALL_POS), ("delivery.logistics", LOGISTICS_POS)])
                self.emit(self.day_in(a, b), self.pick(["survey", "app_review", "social", "store"]),
                          self.pick(texts), "pos", tp, self.maybe_customer())
            for _ in range(rng.randint(2, 4)):
                self.emit(self.day_in(a, b), self.pick(["app_review", "survey", "social", "forum", "store", "other"]),
                          self.pick(USAGE_POS + PURCHASE_POS), "pos", "usage.quality", self.maybe_customer())
            for _ in range(rng.randint(1, 3)):
                self.emit(self.day_in(a, b), self.pick(["chat", "call_center", "social", "app_review", "email"]),
                          self.pick(CS_NEG), "neg", "service.customer_service", self.maybe_customer())
            for _ in range(rng.randint(1, 3)):
                self.emit(self.day_in(a, b), self.pick(["app_review", "forum", "social", "call_center", "other"]),
                          self.pick(USAGE_NEG + PURCHASE_NEG + UNBOXING_NEG + REPAIR_NEG), "neg",
                          "usage.quality", self.maybe_customer())
            if rng.random() < 0.6:
                tp, core = self.pick(SUGGESTION)
                self.emit(self.day_in(a, b), self.pick(["email", "forum", "survey", "chat", "other"]), core, "neu",
                          tp, self.maybe_customer())
            if rng.random() < 0.5:
                self.emit(self.day_in(a, b), self.pick(["chat", "forum", "store", "other"]),
                          self.pick(CONSIDERATION_NEU + LOGISTICS_NEU + LOYALTY_NEU), "neu",
                          "consideration.presales_consult", self.maybe_customer())
            if rng.random() < 0.7:
                pol, tp, core = self.pick(LONG)
                self.emit(self.day_in(a, b), self.pick(["email", "forum", "email", "social"]), core, pol, tp,
                          self.maybe_customer(), context=False, decorate=False)
            if rng.random() < 0.5:
                pol, tp, core = self.pick(MULTI)
                self.emit(self.day_in(a, b), self.pick(["email", "forum", "survey", "social", "call_center"]),
                          core, pol, tp, self.maybe_customer(), context=False)
        # a few setup complaints from customers who did not complain about the product page
        for _ in range(6):
            tp, core = self.pick(SETUP_NEG)
            self.emit(self.day_in(START, END), self.pick(["chat", "call_center"]), core, "neg", tp,
                      self.maybe_customer(), self.pick(SETUP_PRODUCTS))

    def story_emerging(self):
        plan = [(dt.date(2026, 8, 10), 1), (EMERGING_START, 1), (dt.date(2026, 8, 31), 2),
                (dt.date(2026, 9, 7), 3), (dt.date(2026, 9, 14), 4), (dt.date(2026, 9, 21), 5),
                (dt.date(2026, 9, 28), 3)]
        for a, n in plan:
            for _ in range(n):
                pol, tp, core = self.pick(EMERGING)
                product = "手机" if "碎屏险" in core else self.pick(["空调", "冰箱", "洗衣机"])
                self.emit(self.day_in(a, min(a + dt.timedelta(days=6), END)),
                          self.pick(["chat", "social", "forum", "app_review", "call_center"]), core, pol, tp,
                          self.maybe_customer(), product)

    def story_traditional_and_pii(self):
        for pol, tp, core in TRADITIONAL:
            day = self.day_in(START, dt.date(2026, 7, 10) if tp == "service.returns_refunds" else END)
            self.emit(day, self.pick(["social", "forum", "email", "app_review"]), core, pol, tp,
                      self.maybe_customer(), context=False, decorate=False)
        pii = [
            ("neg", "service.customer_service", "客服一直不回电，我的电话是{ph}，请尽快联系我"),
            ("neg", "delivery.logistics", "快递三天没动了，收件电话{ph}，麻烦催一下"),
            ("neu", "service.invoice", "电子发票请发到我邮箱{em}，订单号{oid}"),
            ("neg", "service.repair_maintenance", "报修没人理，联系方式{ph}，邮箱{em}"),
            ("neu", "purchase.order_payment", "订单地址要改成上海市浦东新区张江路88号，电话{ph}"),
            ("pos", "delivery.installation", "师傅很好，想再约他装一台，请让他打我电话{ph}"),
            ("neu", "consideration.presales_consult", "想了解企业采购价格，请发资料到{em}"),
            ("neg", "service.returns_refunds", "退款一直没到，我手机{ph}，请回电"),
        ]
        for i, (pol, tp, core) in enumerate(pii * 2):
            core = core.replace("{ph}", PHONES[i % len(PHONES)]).replace("{em}", EMAILS[i % len(EMAILS)])
            day = self.day_in(START, dt.date(2026, 7, 10) if tp == "service.returns_refunds" else END)
            self.emit(day, self.pick(["chat", "email", "call_center", "other"]), core, pol, tp,
                      self.maybe_customer(), context=False)

    def story_fill(self, target):
        """Tops up to `target` records, steering the polarity mix to ~45/35/20."""
        pools = {
            "neg": [("usage.quality", USAGE_NEG), ("purchase.order_payment", PURCHASE_NEG),
                    ("delivery.unboxing", UNBOXING_NEG), ("service.customer_service", CS_NEG),
                    ("loyalty.repurchase", LOYALTY_NEG), ("delivery.installation", INSTALL_NEG)],
            "pos": [("usage.quality", USAGE_POS), ("purchase.price_promotion", PURCHASE_POS),
                    ("delivery.installation", INSTALL_POS), ("service.customer_service", CS_POS),
                    ("loyalty.repurchase", LOYALTY_POS), ("consideration.product_page", CONSIDERATION_POS)],
            "neu": [("consideration.presales_consult", CONSIDERATION_NEU), ("purchase.order_payment", PURCHASE_NEU),
                    ("usage.performance", USAGE_NEU), ("loyalty.membership", LOYALTY_NEU)],
        }
        share = {"neg": 0.45, "pos": 0.35, "neu": 0.20}
        while len(self.records) < target:
            counts = {k: 0 for k in share}
            for r in self.records:
                counts[r[3]] += 1
            n = len(self.records) + 1
            pol = max(["neg", "pos", "neu"], key=lambda k: share[k] * n - counts[k])
            tp, texts = self.pick(pools[pol])
            self.emit(self.day_in(START, END),
                      self.pick(["survey", "app_review", "call_center", "chat", "email", "social", "forum", "store", "other"]),
                      self.pick(texts), pol, tp, self.maybe_customer())

    def run(self):
        self.make_customers(220)
        pool = list(self.customers)
        self.rng.shuffle(pool)
        cohort, returners, journeys = pool[:30], pool[30:85], pool[85:185]
        self.story_returns(returners)
        self.story_logistics()
        self.story_invoice()
        self.story_breakpoint(cohort)
        self.story_journeys(journeys)
        self.story_background()
        self.story_emerging()
        self.story_traditional_and_pii()
        self.story_fill(900)
        self.records.sort(key=lambda r: (r[0], r[1]))
        out = []
        for i, (_, _, rec, _) in enumerate(self.records):
            rec["id"] = "fb-%06d" % (i + 1)
            out.append(rec)
        return out


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, separators=(", ", ": ")) + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "samples"),
                    help="output directory (default: data/samples)")
    args = ap.parse_args()
    gen = Gen()
    feedback = gen.run()
    os.makedirs(args.out, exist_ok=True)
    write_jsonl(os.path.join(args.out, "feedback.jsonl"), feedback)
    write_jsonl(os.path.join(args.out, "customers.jsonl"), gen.customers)
    print("wrote %d feedback records and %d customers to %s"
          % (len(feedback), len(gen.customers), os.path.normpath(args.out)))


if __name__ == "__main__":
    main()
