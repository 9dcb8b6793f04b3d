#!/usr/bin/env python3
"""Builds dict/sensitive/*.txt from the sources in sources.py and the project's SEO-spam families.

Run from the repository root: python3 tools/lexicon/build_spam.py
Families are stems × suffixes: hijackers combine a brand or a vice word with 官网/在线观看/出售/货到付款 …;
every combination is a phrase no government text writes. Phrases a legitimate text can contain (a court
report quoting 「向他人出售冰毒」, a warning naming 「兼职刷单」) carry the enforcement contexts as `unless`."""
import os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from sources import *

VERSION = '2026-12-03.2'
OUT = 'dict/sensitive'
# Words of the texts that report on, forbid or warn against vice: a spam phrase inside such a sentence is a quotation.
ENF = ('打击|查处|取缔|严禁|禁止|整治|治理|非法|违法|犯罪|嫌疑人|被告人|判处|判决|涉嫌|抓获|破获|查获|缴获|收缴|案件|本案|该案|涉案|办案|立案|'
       '警方|民警|公安|检察|法院|举报|提醒|警惕|谨防|防范|诈骗|骗局|反诈|凡是|专项|通告|罪|刑拘|拘留|处罚|黑客|篡改|植入|不良信息|曝光|字样|等词|扫黄|打非|淫秽|禁毒|缉毒|涉黄|涉赌|涉毒|涉枪|涉爆|侵犯著作权|版权|'
       # Statutes and judicial interpretations name the offence without any of the words above: 「建立赌博网站…属于刑法…」, 「违规销售枪支2支以上的」.
       '刑法|违规|违反|定罪|以营利为目的|情节严重')

def words(block):
    return [w for w in re.split(r'\s+', block) if w]

def fam(stems, suffixes, prefix=False):
    out = []
    for s in words(stems):
        for x in words(suffixes):
            out.append(x + s if prefix else s + x)
    return out

# ---- porn: SEO vocabulary of hijacked titles (video-site words) ----
PORN_MARKERS_SAFE = '成人 色情 黄色 激情'
PORN_SUFFIX_SAFE = '视频 在线观看 免费观看 在线播放 免费视频 电影 影院 网站 网址 导航 直播 免费看 在线看'
PORN_MARKERS = '无码 有码 女优 人妻 熟女 一本道 麻豆传媒 草榴 色综合 色婷婷 亚洲av 国产av 日韩av 欧美av 日本av 三级片 伦理片 午夜福利 福利姬'
PORN_SUFFIX = '视频 在线观看 免费观看 在线播放 免费视频 电影 影院 网站 网址 导航 下载 一区 二区 三区 专区 资源 直播 入口 高清 免费看 在线看 种子 磁力 合集'
PORN_TOPIC = set(words("""色情片 色情电影 色情视频 黄色电影 黄色网站 黄色视频 黄色片 黄色小说 色情小说 色情直播 裸体直播 美女裸聊 免费裸聊 同城约炮 约炮软件
约炮神器 附近约炮 上门按摩 上门服务电话 酒店上门 全套上门 学生妹上门 外围女 外围模特 高端外围 包夜服务 楼凤信息 凤楼 品茶信息 喝茶资源 桑拿会所 莞式全套 特殊服务
激情小说 乱伦小说 成人小说网 强奸乱伦 偷拍自拍 自拍偷拍 偷窥自拍"""))
# No 「jav」: matched inside 「java」 (dropped from the generated file on 2026-12-02, now from the source so a rebuild keeps it out).
PORN_SEO = words("""高爱潮 爱潮有声 视频a片 亚洲人成 人成网站 男男gv 国产av毛片 av毛片 国产毛片 毛片免费 毛片视频 永久无码 无码国产 中文天堂 天堂在线 色综合 色综合久久 天天综合 久久综合网 日日噜 夜夜噜 日日噜噜 夜夜狠狠 狠狠久久 丁香五月 五月丁香 五月婷婷 婷婷五月 热久久 这里只有精品 大伊人 伊人久久 伊人网 伊人导航 伊人在线 青青草视频 青青草在线 青青草原综合 久久大伊人
国产精品无码 国产精品视频 国产精品久久 国产精品一区 国产精品免费 国产精品自拍 国产精品在线 国产精品麻豆 精品国产 精品无码 精品人妻 精品视频在线
久久精品 久久视频 久久热 久久免费 久久爱 久久草 久久综合 久久国产 久久不卡 日日夜夜 夜夜躁 日日躁 夜夜爽 夜夜操 天天操 天天干 天天射 天天撸 狠狠干 狠狠撸
狠狠操 狠狠爱 人人爽 人人干 人人操 人人摸 色色网 色狗 色中色 色天堂 色吧 色播 色情片 色情电影 色情视频 黄色电影 黄色网站 黄色视频 黄色片 黄色小说
成人av 成人午夜 午夜影院 午夜剧场 午夜视频 午夜激情 无码在线 无码中文 无码专区 中文字幕无码 中文字幕在线 日韩无码 欧美无码 亚洲无码 一区二区三区 二区三区
制服丝袜 丝袜美腿 美腿丝袜 人妻无码 人妻中文 人妻少妇 熟女人妻 强奸乱伦 偷拍自拍 自拍偷拍 偷窥自拍 亚洲色图 欧美色图 激情小说 乱伦小说 色情小说 成人小说网
四虎影院 四虎国产 四虎影视 麻豆视频 蜜桃视频 草莓视频 丝瓜视频 香蕉视频 榴莲视频 芭乐视频 番茄视频 小蝌蚪视频 向日葵视频 秋葵视频 黄瓜视频 成人抖音
avav av天堂 av在线 av电影 av网站 91porn 91自拍 91视频 91在线 91国产 pornhub xvideos 色情直播 裸体直播 美女裸聊 免费裸聊 同城约炮 约炮软件 约炮神器
附近约炮 上门按摩 上门服务电话 酒店上门 全套上门 学生妹上门 外围女 外围模特 高端外围 包夜服务 楼凤信息 凤楼 品茶信息 喝茶资源 桑拿会所 莞式全套 特殊服务""")

# ---- gambling: platforms, lottery spam, casino-game ads ----
GAMBLING_GAMES = ('博彩 博彩娱乐 网上赌场 在线赌场 真人娱乐 真人视讯 电子游艺 体育博彩 线上赌场 百家乐 龙虎斗 牛牛 时时彩 北京赛车 pk10 '
                  '幸运飞艇 极速赛车 分分彩 幸运28 pc蛋蛋 六合彩 香港六合彩 澳门六合彩')
GAMBLING_SEO_CONTEXTED = set('''赌博网站 赌博app 网上赌博平台 网赌平台 网投平台 博彩网站 博彩公司 博彩网 赌场开户 澳门赌场 网络赌场 真人赌场 赌场官网 真钱游戏 真钱棋牌
棋牌游戏提现 捕鱼游戏提现 老虎机在线 电子老虎机 外围投注 竞彩外围 体育投注 世界杯投注 欧洲杯投注 足球投注网 赌球app 六合彩资料 六合彩开奖 六合彩开奖结果 六合彩特码
彩金 反水 洗码 重庆时时彩 北京赛车pk10 腾讯分分彩 菠菜平台 菠菜网站'''.split())
GAMBLING_BRANDS = ('澳门新葡京 新葡京 葡京娱乐 澳门金沙 金沙娱乐 威尼斯人娱乐 澳门威尼斯人 澳门银河娱乐 永利皇宫娱乐 美高梅娱乐 太阳城娱乐 太阳城集团 皇冠体育 皇冠现金网 '
                   '伟德体育 伟德国际 必发体育 必发娱乐 沙巴体育 亚博体育 亚博 乐鱼体育 开云体育 开元棋牌 乐橙 凯发娱乐 利来娱乐 大发快三 大发彩票 彩神 '
                   '365体育 bet365 365bet 888真人 AG真人 BBIN 新濠天地娱乐 银河娱乐城 金沙娱乐城 中文博彩平台 皇冠 伟德 betvictor 开云 开云手机')
BRAND_SUFFIX = '官网 官方网站 网址 娱乐城 开户 注册 登录 登陆 app app下载 手机版 备用网址 投注 现金网 网投 下载 平台 入口'
GAMBLING_SUFFIX = '官网 官方网站 网址 网站 娱乐城 平台 开户 注册 登录 登陆 下载 app app下载 手机版 备用网址 入口 投注 现金网 在线 技巧 计划 网投 玩法 代理 充值'
GAMBLING_SEO = words("""官方娱乐平台 棋牌彩票电子 棋牌彩票 真人棋牌 彩票电子 首次充值即可得 充值即送彩金 首充送 首充即送 首存即送
中文博彩平台 真人真钱 网上娱乐城 网络娱乐城 真钱娱乐 伟德betvictor betvictor1946 betvlctor1946 betvictor 伟德1946 bet365体育 365bet体育
一肖一码 一码一肖 一肖中特 平特一肖 精准一肖 特码资料 六合彩资料 六合彩开奖 六合彩开奖结果 六合彩特码 香港马会资料 马会资料 管家婆资料
管家婆一肖 管家婆一码 白小姐一肖 白小姐资料 曾道人资料 新澳门开奖 澳门今晚开奖 澳门开奖结果 新澳开奖 新澳今晚 新澳门资料 澳门资料大全 澳门正版资料
澳门天天彩 天天彩资料 246天天好彩 四不像图 跑狗图 六合宝典 彩票计划群 时时彩计划 pk10计划群 北京赛车计划 幸运飞艇计划 北京赛车pk10 重庆时时彩 腾讯分分彩
首存送彩金 注册送彩金 彩金 首存优惠 存款优惠 反水 日返水 洗码 网投平台 网赌平台 网上赌博平台 赌博网站 赌博app 菠菜平台 菠菜网站 博彩网站 博彩公司 博彩网
真钱游戏 真钱棋牌 棋牌游戏提现 捕鱼游戏提现 老虎机在线 电子老虎机 真人百家乐 百家乐技巧 百家乐平台 百家乐官网 百家乐网站 百家乐开户 在线百家乐
网上百家乐 龙虎斗技巧 牛牛游戏 炸金花游戏 斗地主赢钱 德州扑克真钱 赌球app 足球投注网 世界杯投注 欧洲杯投注 体育投注 外围投注 竞彩外围 赌场开户
澳门赌场 网络赌场 真人赌场 赌场官网
投注官网""")

# ---- drugs: sale and purchase ads ----
DRUG_NAMES = ('冰毒 麻古 k粉 K仔 氯胺酮 摇头丸 海洛因 可卡因 鸦片 三唑仑 迷幻药 迷药 听话水 失身水 催情水 ghb '
              '上头电子烟 神仙水 小树枝 蓝精灵 开心水 咖啡包 奶茶包 跳跳糖毒品 邮票毒品 卡痛叶 恰特草 浴盐 甲卡西酮 羟亚胺 '
              '甲基苯丙胺 安非他命 摇头粉 k他命 lsd mdma')
# Medicines and industrial goods that are also drugs: lawful trade is written about (工业大麻、含麻黄碱类复方制剂), so only
# the unmistakable advertisement suffixes are combined with them.
DRUG_DUAL = '大麻 大麻油 吗啡 杜冷丁 曲马多 笑气 依托咪酯 芬太尼 麻黄碱 苯丙胺'
AD_AFTER = '货到付款 哪里买 哪里有卖 代购 网购 微信 qq 联系方式 包邮 多少钱一克'
AD_BEFORE = '哪里买 求购 网购 代购'
DRUG_AFTER = '货到付款 哪里买 哪里有卖 哪里有 购买渠道 代购 网购 专卖 批发 出售 销售 供应 价格 多少钱一克 微信 qq 联系方式 包邮 现货 购买'
DRUG_BEFORE = '哪里买 出售 购买 网购 批发 供应 销售 专卖 求购 代购 正品'

# ---- weapons (violence list): sale ads ----
GUN_NAMES = '手枪 气枪 猎枪 汽枪 步枪 狙击枪 仿真枪 钢珠枪 麻醉枪 火药枪 军用枪 真枪 枪支 枪械 手雷 电击枪 高压气枪 秃鹰气枪'
# 民用爆炸物品、弓弩 are lawfully sold under licence (炸药销售许可): only the advertisement suffixes.
GUN_DUAL = '子弹 雷管 炸药 弓弩 军刺 防身电棍'
GUN_AFTER = '出售 销售 专卖 批发 货到付款 哪里买 哪里有卖 网购 价格 图纸 配件 微信 qq 联系方式 买卖 供应 代购 专卖网 专卖店'
GUN_BEFORE = '出售 销售 买卖 专卖 批发 求购 网购 代购'

# ---- fraud and black-market ads: 代开发票、办证、贷款、私服、外挂 ----
FRAUD_SEO = words("""代开发票 代开增值税发票 代开专票 代开普票 发票代开 开发票联系 各类发票代开 增值税发票出售 出售增值税发票 真票代开 代开各类发票 代开发票qq
代开发票微信 发票出售 办假证 办证电话 办证qq 办证微信 证件代办 代办证件 代办毕业证 代办学历 代办学位证 毕业证办理 学历证书办理 学位证办理 学历认证代办
文凭代办 假文凭 假毕业证 假学历 假证件 办身份证 假身份证 身份证代办 驾驶证代办 驾照代办 代办驾照 刻章办证 私刻公章 刻公章 办假护照 假护照 房产证办理
结婚证办理 离婚证办理 出生证明代办 健康证代办 无抵押贷款 无抵押信用贷款 黑户贷款 黑户口子 网贷口子 新口子 秒批贷款 秒下款 秒到账贷款 不看征信 不查征信
征信修复 洗白征信 逾期修复 信用卡套现 花呗套现 白条套现 借呗套现 信用卡代还 pos机套现 空放 裸贷 校园贷 美容贷 高利贷 私人借钱 私人放款 贷款中介 贷款包过
私服发布网 传奇私服 新开私服 魔域私服 奇迹私服 梦幻私服 问道私服 天龙私服 私服sf 传奇sf 新开传奇 变态传奇 魔域sf 奇迹sf 新开sf 私服网站
外挂出售 外挂辅助 透视外挂 自瞄外挂 外挂下载 外挂网 辅助外挂 吃鸡外挂 绝地求生外挂 和平精英外挂 穿越火线外挂 cf外挂 王者荣耀外挂 外挂卡网
外挂科技 卡盟 刷钻 刷q币 代练接单 考试答案 高考答案 四六级答案 公务员考试答案 会计考试答案 替考 代考 包过 助考 考试作弊器 作弊耳机 隐形耳机出售
银行卡出售 收购银行卡 出租银行卡 出售银行卡 四件套 对公账户出售 手机卡出售 实名手机卡 黑卡 电话卡出售 微信号出售 qq号出售 收微信号 跑分 跑分平台
洗钱 地下钱庄 换汇 刷单兼职 兼职刷单 刷单返利 网络刷单 点赞兼职 打字员兼职 手工活外发 日结兼职 高薪兼职 在家兼职 宝妈兼职 学生兼职
代孕 代孕妈妈 供卵 试管代孕 卖肾 肾源 卖卵 私家侦探 婚外情调查 婚姻调查 查开房记录 查通话记录 查个人信息 手机定位 定位手机号 手机监控软件 手机监听
窃听器 针孔摄像头 偷拍设备 开锁工具 万能钥匙 改号软件 伪基站 短信群发器 猫池 假币 高仿假币 假钞 仿真假币 假币出售 代写论文 论文代写 代发论文
出售个人信息 公民信息出售 快递单号出售 空包网 刷流水 跑腿代收 洗码 网赚 网赚项目 赚钱项目 一单一结""")
SIFU_SEO = set(words('传奇私服 新开私服 魔域私服 奇迹私服 梦幻私服 问道私服 天龙私服 私服sf 传奇sf 新开传奇 变态传奇 魔域sf 奇迹sf 新开sf 私服发布网 私服网站'))
FRAUD_CONTEXTED = set(words("""刷单兼职 兼职刷单 刷单返利 网络刷单 点赞兼职 打字员兼职 手工活外发 日结兼职 高薪兼职 在家兼职 宝妈兼职 学生兼职 洗钱 地下钱庄 换汇 跑分
校园贷 美容贷 裸贷 高利贷 套路贷 贷款中介 私服 游戏外挂 办证 代开发票 刻章 假币 假证件 假文凭 假毕业证 假学历 假身份证 代孕 卖肾 私家侦探 伪基站 猫池 网赚
出售个人信息 公民信息出售 窃听器 针孔摄像头 偷拍设备 开锁工具 万能钥匙 改号软件 考试答案 替考 代考 包过 助考 银行卡出售 收购银行卡 出租银行卡 出售银行卡 四件套
手机卡出售 实名手机卡 黑卡 电话卡出售 跑分平台 刷流水 代写论文 论文代写 高考答案 一单一结 赚钱项目 网赚项目 信用卡套现 空放 黑户贷款 无抵押贷款 不看征信 不查征信
征信修复 洗白征信 逾期修复 代孕妈妈 发票出售 增值税发票出售 出售增值税发票 查开房记录 查通话记录 查个人信息 手机定位 定位手机号 手机监控软件 手机监听 短信群发器
快递单号出售 空包网 出租 四件套"""))

def write(name, header_lines, entries, unless=None, unless_for=None):
    seen, lines = set(), []
    for e in entries:
        k = e.lower()
        if k in seen or not e:
            continue
        seen.add(k)
        u = unless if (unless and (unless_for is None or e in unless_for)) else None
        lines.append(f'{e}\tunless={u}' if u else e)
    path = os.path.join(OUT, name)
    with open(path, 'w') as f:
        f.write(f'# version: {VERSION}\n')
        for h in header_lines:
            f.write(f'# {h}\n')
        f.write('\n'.join(lines) + '\n')
    return len(lines)

def main():
    n = {}
    cont = f'带 unless 的词：前后 60 字内出现执法、查处、防范语境（{ENF[:40]}…）即视为引述，不报。'
    n['porn.families'] = write('porn.families.txt', [
        '色情类：被劫持页面标题里的视频站 SEO 词（项目整理，来源见 dict/SOURCES.md「项目整理」）与「色情标记词×视频站后缀」组合。',
        '组合只用不会出现在政务正文里的标记词（无码、女优、人妻、亚洲av……），不用「国产」「高清」「视频」这类普通词单独成词。',
        '扫黄打非文本也会写的词（色情视频、色情直播、成人网站……）带执法语境例外。', cont],
        PORN_SEO + fam(PORN_MARKERS, PORN_SUFFIX) + fam(PORN_MARKERS_SAFE, PORN_SUFFIX_SAFE), unless=ENF,
        unless_for=PORN_TOPIC | set(fam(PORN_MARKERS_SAFE, PORN_SUFFIX_SAFE)))
    n['gambling.families'] = write('gambling.families.txt', [
        '赌博类：博彩平台品牌×SEO 后缀（官网、网址、开户、app下载……）与六合彩/时时彩推广词（项目整理）。',
        '不收「赌博」「博彩」「彩票」「开奖结果」等单独出现时政务文本也常用的词；品牌+后缀的组合在政务文本中不会出现，不设例外语境；',
        '游戏名+后缀（六合彩投注、时时彩网站）可见于判决和警情通报，带执法语境例外。', cont],
        GAMBLING_SEO + fam(GAMBLING_BRANDS, BRAND_SUFFIX) + fam(GAMBLING_GAMES, GAMBLING_SUFFIX), unless=ENF,
        unless_for=GAMBLING_SEO_CONTEXTED | set(fam(GAMBLING_GAMES, GAMBLING_SUFFIX)))
    n['drugs.families'] = write('drugs.families.txt', [
        '毒品类：毒品名×买卖用语（出售、货到付款、哪里买……）组合（项目整理）。毒品名本身是禁毒文本的常用词，不单独收录。', cont],
        fam(DRUG_NAMES, DRUG_AFTER) + fam(DRUG_NAMES, DRUG_BEFORE, prefix=True) + fam(DRUG_DUAL, AD_AFTER) + fam(DRUG_DUAL, AD_BEFORE, prefix=True), unless=ENF)
    n['violence.families'] = write('violence.families.txt', [
        '涉枪涉爆类：枪支、弹药、爆炸物、管制器具名×买卖用语组合（项目整理）。器物名本身是治安通告的常用词，不单独收录。', cont],
        fam(GUN_NAMES, GUN_AFTER) + fam(GUN_NAMES, GUN_BEFORE, prefix=True) + fam(GUN_DUAL, AD_AFTER) + fam(GUN_DUAL, AD_BEFORE, prefix=True), unless=ENF)
    n['fraud.families'] = write('fraud.families.txt', [
        '诈骗及黑产广告：代开发票、办证、贷款、私服、外挂、考试作弊、银行卡与个人信息买卖、刷单兼职等广告用语（项目整理）。', cont],
        FRAUD_SEO, unless=ENF, unless_for=set(FRAUD_SEO) - SIFU_SEO)
    lic_k = '来源：github.com/konsheng/Sensitive-lexicon Vocabulary/（MIT 许可，Copyright (c) 2024 Konsheng）。只保留广告、SEO 形态的短语；已删除单独的器物名、部位名等普通词。'
    lic_h = '来源：github.com/houbb/sensitive-word src/main/resources/（Apache-2.0 许可）。本项目修改：只保留广告、SEO 形态的短语；把该表写成数字的数词还原为汉字（1夜情→一夜情）。'
    n['violence.konsheng'] = write('violence.konsheng.txt', ['涉枪涉爆类。' + lic_k, cont], words(KONSHENG_VIOLENCE), unless=ENF)
    n['fraud.konsheng'] = write('fraud.konsheng.txt', ['诈骗及黑产广告。' + lic_k, cont], words(KONSHENG_FRAUD), unless=ENF)
    n['porn.konsheng'] = write('porn.konsheng.txt', ['色情类。' + lic_k, cont], words(KONSHENG_PORN), unless=ENF)
    n['porn.houbb'] = write('porn.houbb.txt', ['色情类。' + lic_h], words(HOUBB_PORN))
    n['gambling.houbb'] = write('gambling.houbb.txt', ['赌博类。' + lic_h, cont], words(HOUBB_GAMBLING), unless=ENF)
    n['drugs.houbb'] = write('drugs.houbb.txt', ['毒品类。' + lic_h, cont], words(HOUBB_DRUGS), unless=ENF)
    n['fraud.houbb'] = write('fraud.houbb.txt', ['诈骗及黑产广告。' + lic_h, cont], words(HOUBB_FRAUD), unless=ENF)
    for k, v in n.items():
        print(f'{k}\t{v}')
    print('total', sum(n.values()))

if __name__ == '__main__':
    main()
