#!/usr/bin/env python3
"""Generates realistic, valid 部门决算 source files for tests and benchmarks.

    python3 scripts/gen-departments.py --count 200 --seed 7 --out /tmp/depts
    python3 scripts/gen-departments.py --count 1 --rows-max 10000 --out /tmp/huge   # 10,000 rows

Writes OUT/<city>/<year>/<dept>.yaml (city `hubei`) and prints nothing unless --verbose.
Every file is meant to pass `gen-report check` with no finding at all (no error, no warning):

- expenditure rows use real 7-digit codes from data/function-codes.yaml (201 plus
  208/210/221 and a few other 类), split into basic/project; occasionally a gov_fund,
  state_capital or non_fiscal row, and then income_by_function and carryover are typed and
  balance fund by fund (年末 = 年初 + 收入 − 支出 ≥ 0);
- basic_by_economic (5-digit codes from data/economic-codes.yaml) adds up exactly to the
  general-fund basic spending; 30108/30109/30110/30111/30113 equal the basic spending of
  2080505/2080506/2101101/2101103/2210201 (no X-FUNC-ECON warning);
- initial_budget per 类 of general-fund spending, with a reason exactly when the 决算 is
  above the budget or below 95% of it;
- office_operation equals 公用经费 (302+307+310+312+399), so no X-OFFICE-PUBLIC warning;
- the 三公 actuals are at least the matching 表6 items (30212, 31013, 30231, 30217);
- prior_year with a reason for every change; projects whose actuals add up exactly to the
  general-fund project spending.

All amounts are integer cents, written as 2-decimal strings (no float arithmetic).
Deterministic: the same --seed gives the same files; department i does not depend on --count.
Python 3 standard library only.
"""

import argparse
import json
import os
import random
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

# ---------------------------------------------------------------------------- catalogues


# Generated departments are of these years; a code is used only if it exists in all of them.
YEARS = (2020, 2021, 2022)


def name_in(value, year):
    """The name of a code in `year`: a plain name, or the range of a `[{from:, to:, name:}]`
    list that covers the year; None when the code does not exist that year."""
    if not value.startswith("["):
        return value
    for part in re.findall(r"\{([^}]*)\}", value):
        fields = dict(re.findall(r"(from|to|name):\s*([^,]+?)\s*(?=,|$)", part))
        if int(fields.get("from", 0)) <= year <= int(fields.get("to", 9999)):
            return fields.get("name")
    return None


def read_codes(path):
    """The `codes:` mapping of a data/*-codes.yaml file (code -> name), without PyYAML.
    Only codes that exist in every year of YEARS are kept, with their name in the first."""
    codes = {}
    in_codes = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if re.match(r"^codes:\s*$", line):
                in_codes = True
                continue
            if in_codes and re.match(r"^\S", line) and not line.startswith("#"):
                in_codes = False
            if not in_codes:
                continue
            m = re.match(r'^\s+"(\d+)":\s*(.+?)\s*(#.*)?$', line)
            if m and all(name_in(m.group(2), y) for y in YEARS):
                codes[m.group(1)] = name_in(m.group(2), YEARS[0])
    return codes


def read_table_classes(path):
    """Every 类 code listed in any table_classes entry (the 类 rows 表1/表4 print)."""
    text = open(path, encoding="utf-8").read()
    block = text.split("table_classes:", 1)[1].split("\ncodes:", 1)[0]
    return set(re.findall(r'"(\d{3})"', block))


FUNC = read_codes(os.path.join(ROOT, "data", "function-codes.yaml"))
ECON = read_codes(os.path.join(ROOT, "data", "economic-codes.yaml"))
TABLE_CLASSES = read_table_classes(os.path.join(ROOT, "data", "function-codes.yaml"))
LEAVES = sorted(c for c in FUNC if len(c) == 7 and c[:3] in TABLE_CLASSES)
BY_KUAN = {}
for _c in LEAVES:
    BY_KUAN.setdefault(_c[:5], []).append(_c)

# Function code -> economic code whose whole amount it is (the X-FUNC-ECON pairs).
FUNC_ECON = {"2080505": "30108", "2080506": "30109", "2101101": "30110", "2101103": "30111", "2210201": "30113"}
# 人员经费 codes apart from the paired ones, and 公用经费 codes (302/307/310/312/399 only,
# so that 机关运行经费 = 公用经费 exactly). All are printed by 表6.
PERSONNEL = ["30101", "30102", "30103", "30106", "30107", "30112", "30114", "30199",
             "30301", "30302", "30304", "30305", "30309", "30399"]
PUBLIC = ["30201", "30202", "30203", "30205", "30206", "30207", "30209", "30211", "30213",
          "30214", "30215", "30216", "30218", "30226", "30227", "30228", "30229", "30239",
          "30240", "30299", "31002", "31003", "31007", "39908"]
# 三公 items and their 表6 codes: abroad, vehicle_purchase, vehicle_operation, reception.
THREE_ECON = ["30212", "31013", "30231", "30217"]

# 类 drawn for the occasional extra general-fund project row.
EXTRA_CLASSES = ["201", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
                 "215", "216", "220", "221", "224"]
EXTRA_POOL = [c for c in LEAVES if c[:3] in EXTRA_CLASSES and c[:5] not in ("21208",)]
GOV_FUND_CODES = BY_KUAN.get("21208", [])
# 国有资本经营预算 项 are not in the catalogue: typed with a name, as the tool allows.
STATE_CAPITAL = [("2230199", "其他解决历史遗留问题及改革成本支出"), ("2230299", "其他国有企业资本金注入"),
                 ("2230399", "其他国有企业政策性补贴")]

for _code in list(FUNC_ECON) + [c for c in ("2080501", "2080502", "2101102", "2210202")]:
    assert _code in FUNC, f"{_code} missing from data/function-codes.yaml"
for _code in PERSONNEL + PUBLIC + THREE_ECON + list(FUNC_ECON.values()):
    assert _code in ECON, f"{_code} missing from data/economic-codes.yaml"
assert GOV_FUND_CODES, "no 21208 codes in data/function-codes.yaml"

# ---------------------------------------------------------------------------- departments

DISTRICTS = [  # (name, pinyin)
    ("江岸区", "jiangan"), ("江汉区", "jianghan"), ("硚口区", "qiaokou"), ("汉阳区", "hanyang"),
    ("武昌区", "wuchang"), ("青山区", "qingshan"), ("洪山区", "hongshan"), ("东西湖区", "dongxihu"),
    ("蔡甸区", "caidian"), ("江夏区", "jiangxia"), ("黄陂区", "huangpi"), ("新洲区", "xinzhou"),
    ("汉南区", "hannan"),
]
COUNTIES = [("宜昌市", "远安县", "yuanan"), ("宜昌市", "秭归县", "zigui"), ("襄阳市", "南漳县", "nanzhang"),
            ("荆州市", "公安县", "gongan"), ("黄冈市", "罗田县", "luotian"), ("恩施州", "来凤县", "laifeng"),
            ("十堰市", "竹山县", "zhushan"), ("孝感市", "孝昌县", "xiaochang")]

# (name, pinyin, main 款 codes, functions, project names)
AGENCIES = [
    ("信访局", "xinfang", ["20103"], ["受理人民群众来信来访，做好信访人的思想疏导和矛盾化解工作", "承办上级机关转办、交办的信访事项并督促落实", "负责阳光信访信息系统的运行和维护"], ["信访工作经费", "稳定工作经费", "信访积案化解经费"]),
    ("发展和改革局", "fagai", ["20104"], ["拟订并组织实施国民经济和社会发展规划", "统筹协调经济社会发展，推进经济体制改革", "负责重大项目的规划布局和投资管理"], ["重大项目前期工作经费", "经济运行监测经费", "价格监测经费"]),
    ("统计局", "tongji", ["20105"], ["组织实施各项统计调查和普查", "对经济社会发展情况进行统计分析和监测", "管理和公布统计数据"], ["经济普查经费", "人口抽样调查经费", "统计执法检查经费"]),
    ("财政局", "caizheng", ["20106"], ["拟订财政发展规划和政策并组织实施", "编制年度预决算草案并组织执行", "负责政府非税收入和国库集中支付管理"], ["预算管理改革经费", "财政信息化建设经费", "国库集中支付业务经费"]),
    ("审计局", "shenji", ["20108"], ["依法对财政收支和国有资产进行审计监督", "组织实施经济责任审计", "向本级政府报告审计结果"], ["审计业务经费", "审计信息化建设经费", "委托审计经费"]),
    ("档案馆", "dangan", ["20126"], ["收集、整理、保管档案资料", "提供档案利用服务", "指导各单位的档案工作"], ["档案数字化经费", "档案抢救保护经费", "档案征集经费"]),
    ("市场监督管理局", "shichang", ["20138"], ["负责市场综合监督管理和市场主体登记", "组织实施食品、药品和特种设备安全监管", "组织开展质量和标准化工作"], ["食品安全抽检经费", "市场执法办案经费", "特种设备监管经费"]),
    ("公安分局", "gongan", ["20402"], ["预防、制止和侦查违法犯罪活动", "维护社会治安秩序", "管理户政、交通和消防工作"], ["执法办案经费", "治安巡逻经费", "视频监控运维经费"]),
    ("司法局", "sifa", ["20406"], ["承担全面依法治区的统筹协调工作", "负责普法宣传和人民调解工作", "负责社区矫正和公共法律服务体系建设"], ["普法宣传经费", "社区矫正经费", "公共法律服务经费", "人民调解工作经费"]),
    ("教育局", "jiaoyu", ["20501", "20502"], ["贯彻执行教育方针政策，统筹教育事业发展", "管理各类学校的教育教学工作", "负责教师队伍建设"], ["学前教育补助经费", "义务教育均衡发展经费", "教师培训经费", "校园安全经费"]),
    ("科学技术局", "keji", ["20601", "20607"], ["拟订科技发展规划并组织实施", "推动科技成果转化和科技创新体系建设", "组织开展科学技术普及"], ["科技创新专项资金", "科普活动经费", "高新技术企业培育经费"]),
    ("文化和旅游局", "wenlv", ["20701", "20702"], ["繁荣发展文化和旅游事业", "管理文物保护和公共文化服务", "监管文化和旅游市场"], ["群众文化活动经费", "文物保护经费", "旅游推介经费", "公共文化服务体系建设经费"]),
    ("体育局", "tiyu", ["20703"], ["统筹推进全民健身和竞技体育发展", "管理公共体育设施", "组织开展群众性体育活动"], ["全民健身活动经费", "体育赛事经费", "体育设施维护经费"]),
    ("人力资源和社会保障局", "renshe", ["20801", "20807"], ["贯彻执行人力资源和社会保障政策", "促进就业创业，开展职业技能培训", "负责劳动人事争议调解仲裁和劳动保障监察"], ["就业创业补贴", "职业技能培训补贴", "劳动保障监察经费"]),
    ("民政局", "minzheng", ["20802", "20810"], ["负责社会救助和社会福利工作", "负责社会组织登记管理和区划地名管理", "推进养老服务体系建设"], ["养老服务补贴", "社会救助经费", "社会组织培育经费", "殡葬管理经费"]),
    ("残疾人联合会", "canlian", ["20811"], ["维护残疾人合法权益", "开展残疾人康复、就业和扶贫工作", "组织残疾人文化体育活动"], ["残疾人康复经费", "残疾人就业补贴", "残疾人生活补贴"]),
    ("红十字会", "hongshizi", ["20816"], ["开展应急救护培训和人道救助", "组织无偿献血和造血干细胞捐献宣传", "募集和管理救助款物"], ["应急救护培训经费", "人道救助经费"]),
    ("退役军人事务局", "tuiyi", ["20828", "20808"], ["负责退役军人思想政治和管理保障工作", "组织实施退役军人安置和就业创业扶持", "负责优抚对象的抚恤优待"], ["优抚对象补助经费", "退役士兵安置经费", "拥军优属经费"]),
    ("卫生健康局", "weijian", ["21001", "21004"], ["统筹规划卫生健康资源配置", "组织实施疾病预防控制和公共卫生服务", "负责医疗机构和医疗服务行业管理"], ["基本公共卫生服务经费", "重大公共卫生服务经费", "疫情防控经费", "家庭医生签约服务经费"]),
    ("医疗保障局", "yibao", ["21015", "21013"], ["拟订医疗保障政策并组织实施", "监督管理医疗保障基金", "组织实施医疗救助"], ["医疗救助资金", "医保基金监管经费"]),
    ("生态环境分局", "shengtai", ["21101", "21103"], ["监督管理生态环境保护工作", "组织开展污染防治", "组织实施环境监测和执法"], ["大气污染防治经费", "水污染防治经费", "环境监测经费"]),
    ("城市管理执法局", "chengguan", ["21201", "21205"], ["负责城市管理和综合执法工作", "组织实施市容环境卫生管理", "负责户外广告和城市照明管理"], ["环境卫生作业经费", "城管执法经费", "市容整治经费", "垃圾分类经费"]),
    ("农业农村局", "nongye", ["21301", "21305"], ["统筹推进乡村振兴和农业农村发展", "组织实施农产品质量安全监管", "负责动植物疫病防控"], ["农业生产发展资金", "动物防疫经费", "农产品质量安全监测经费", "高标准农田建设经费"]),
    ("水务和湖泊局", "shuiwu", ["21303"], ["负责水资源保护和水利工程管理", "组织实施防汛抗旱工作", "负责湖泊保护和河湖长制工作"], ["防汛抗旱经费", "河湖长制工作经费", "水利工程维修养护经费"]),
    ("交通运输局", "jiaotong", ["21401"], ["负责公路、水路交通建设和运输管理", "组织实施农村公路建设和养护", "负责交通运输安全监管"], ["农村公路养护经费", "道路运输管理经费"]),
    ("商务局", "shangwu", ["20113", "21602"], ["拟订商务发展规划并组织实施", "推进招商引资和对外贸易", "负责商贸流通行业管理"], ["招商引资经费", "商贸流通发展资金", "消费促进活动经费"]),
    ("自然资源和规划分局", "ziranziyuan", ["22001"], ["负责自然资源调查监测和确权登记", "组织编制国土空间规划", "负责耕地保护和土地执法"], ["国土空间规划编制经费", "不动产登记经费", "耕地保护经费"]),
    ("住房保障和房屋管理局", "fangguan", ["22101", "22103"], ["负责保障性住房建设和管理", "推进老旧小区改造", "负责房地产市场监管"], ["老旧小区改造经费", "公共租赁住房运营经费", "房屋安全鉴定经费"]),
    ("应急管理局", "yingji", ["22401"], ["组织编制应急预案并组织演练", "负责安全生产综合监督管理", "组织指导自然灾害防治和救援"], ["安全生产监管经费", "应急救援物资储备经费", "应急演练经费"]),
    ("地震局", "dizhen", ["22405"], ["负责地震监测预报工作", "组织开展防震减灾宣传", "指导建设工程抗震设防"], ["地震监测台网运维经费", "防震减灾宣传经费"]),
    ("人大常委会办公室", "renda", ["20101"], ["为人大常委会依法履职提供服务保障", "组织人大代表开展视察和调研", "办理代表建议"], ["人大会议经费", "代表履职经费", "人大监督工作经费"]),
    ("政协办公室", "zhengxie", ["20102"], ["为政协履行职能提供服务保障", "组织委员开展视察和调研", "办理政协提案"], ["政协会议经费", "委员视察经费", "提案办理经费"]),
]

UNIT_KINDS = ["参照公务员法管理事业单位", "全额拨款事业单位", "全额拨款事业单位", "差额拨款事业单位"]
SUB_UNITS = ["服务中心", "综合执法大队", "事务中心", "信息中心", "管理所", "保障中心", "研究室", "监测站"]

REASONS_UP = ["年中追加专项工作经费", "人员调入及工资标准调整，人员经费增加", "新增重点项目支出", "疫情防控工作经费增加",
              "按政策调增社会保障缴费基数", "上级下达专项资金增加"]
REASONS_DOWN = ["部分项目延期实施", "严格控制一般性支出，压减公用经费", "人员退休及调出，人员经费减少",
                "项目按进度拨付，部分资金结转下年使用", "落实过紧日子要求，压减非急需支出"]
REASONS_OFFICE = ["办公设备更新", "严格执行中央八项规定精神，压减日常公用经费", "办公场所搬迁，物业管理费增加",
                  "会议培训活动减少", "水电等运行费用增加"]
REASONS_THREE = ["严格执行中央八项规定精神，从严控制公务接待", "公务用车使用次数增加，运行维护费增加",
                 "车辆老化，维修费用增加", "无因公出国（境）任务", "减少公务接待批次和人数"]
PERF = {
    "management": ["项目资金管理规范，相关管理制度健全，预算执行进度总体符合要求，达到了预期的绩效目标",
                   "单位按要求开展了绩效目标申报和绩效自评，资金使用规范，整体实施效果良好"],
    "overall": ["单位整体支出管理规范，各项工作任务按计划完成，社会效益明显",
                "部门紧紧围绕年度重点工作，统筹安排资金，各项目标任务完成情况良好"],
    "problems": ["一是预算编制的精细程度有待提高；二是部分项目绩效目标设置不够细化",
                 "部分项目执行进度偏慢，绩效指标量化程度不高"],
    "measures": ["一是提高预算编制的科学性；二是加强项目执行进度管理，细化量化绩效指标",
                 "加强绩效运行监控，及时纠正执行偏差，强化绩效评价结果应用"],
    "application": ["将绩效评价结果作为以后年度编制预算和安排资金的重要依据",
                    "对绩效评价发现的问题及时整改，并将评价结果与预算安排挂钩"],
}
PURPOSES = ["保障各项业务工作正常开展", "开展专项业务活动", "购买专业服务和维护业务系统", "组织开展宣传培训和检查督导",
            "保障重点工作任务顺利完成"]
OUTCOMES = ["较好地完成了年度目标任务，服务对象满意度较高", "各项业务工作有序开展，达到了预期效果",
            "项目按计划实施，社会效益明显"]
KEY_ITEMS = [("推进重点工作", "完成年度重点任务", "按期完成"), ("加强队伍建设", "提升干部业务能力", "组织业务培训多次"),
             ("优化政务服务", "提高办事效率", "服务事项实现网上办理"), ("防范化解风险", "守住安全底线", "全年未发生重大安全事故"),
             ("强化作风建设", "落实八项规定精神", "一般性支出持续压减")]


# ---------------------------------------------------------------------------- helpers


def money(cents):
    """Integer cents -> "707.12"."""
    assert cents >= 0, cents
    return f"{cents // 100}.{cents % 100:02d}"


_PLAIN_BAD = re.compile(r'^[\s\-?:,\[\]{}#&*!|>\'"%@`~]|: |\s#|^(true|false|yes|no|null|on|off)$|^[0-9.+-]', re.I)


def q(text):
    """A YAML scalar for a text: plain when safe, otherwise double-quoted."""
    if _PLAIN_BAD.search(text) or text != text.strip() or "\n" in text:
        return json.dumps(text, ensure_ascii=False)
    return text


def split(total, n, rng):
    """Splits `total` cents into n positive parts (fewer when total < n), in random shares."""
    n = max(1, min(n, total))
    if total <= 0:
        return [0]
    weights = [rng.randint(150, 1000) for _ in range(n)]
    w = sum(weights)
    rest = total - n
    parts = [1 + rest * x // w for x in weights]
    parts[rng.randrange(n)] += total - sum(parts)
    assert sum(parts) == total and min(parts) >= 1
    return parts


def cents(rng, lo, hi):
    """Random amount in [lo, hi] 万元, in cents."""
    return rng.randint(int(round(lo * 100)), int(round(hi * 100)))


def scale(rng, c, lo, hi):
    """c cents times a random factor in [lo, hi], integer cents."""
    return c * rng.randint(int(lo * 1000), int(hi * 1000)) // 1000


# ---------------------------------------------------------------------------- one department


def department(seed, index, rows_min, rows_max):
    rng = random.Random(f"gen-departments:{seed}:{index}")
    agency = AGENCIES[rng.randrange(len(AGENCIES))]
    aname, apy, kuans, functions, pnames = agency
    kind = rng.random()
    if kind < 0.7:
        dist, dpy = DISTRICTS[rng.randrange(len(DISTRICTS))]
        name, short, level, slug = f"武汉市{dist}{aname}", f"{dist}{aname}", "区级", f"{dpy}-{apy}"
    elif kind < 0.85:
        name, short, level, slug = f"武汉市{aname.replace('分局', '局')}", f"市{aname.replace('分局', '局')}", "市级", f"wuhan-{apy}"
    else:
        city, county, cpy = COUNTIES[rng.randrange(len(COUNTIES))]
        name, short, level, slug = f"{county}{aname.replace('分局', '局')}", f"{county}{aname.replace('分局', '局')}", "县级", f"{cpy}-{apy}"
    year = rng.choice(YEARS)
    slug = f"{slug}-{index:05d}"

    # Units and staff.
    n_units = rng.choice([1, 1, 2, 2, 3, 4])
    units = [(name, "行政单位", True)]
    for k in rng.sample(SUB_UNITS, n_units - 1):
        units.append((f"{short}{k}", rng.choice(UNIT_KINDS), False))
    has_shiye = n_units > 1
    active = max(3, int(rng.lognormvariate(3.2, 0.8)))
    admin = max(1, active * rng.randint(30, 100) // 100) if has_shiye else active
    staff_active = [("行政", admin)]
    if active - admin > 0:
        staff_active.append(("事业", active - admin))
    if rng.random() < 0.3:
        staff_active.append(("工勤", rng.randint(1, 5)))
    retired = rng.randint(0, max(1, active // 2))
    staff_retired = [("退休", retired)] if retired else []
    if retired and rng.random() < 0.2:
        staff_retired.append(("离休", rng.randint(1, 3)))
    heads = sum(c for _, c in staff_active)

    # Expenditure rows: dicts with code, fund, name, basic, project, operating (cents).
    rows = []

    def row(code, basic=0, project=0, fund="general", name=None, operating=0):
        rows.append({"code": code, "fund": fund, "name": name, "basic": basic, "project": project, "operating": operating})

    main_kuan = kuans[0]
    admin_code = f"{main_kuan}01" if f"{main_kuan}01" in FUNC else BY_KUAN[main_kuan][0]
    target = rng.randint(rows_min, rows_max)
    # Another fund now and then (decided first so that the row target holds).
    other_funds = [f for f, p in (("gov_fund", 0.12), ("state_capital", 0.06), ("non_fiscal", 0.12)) if rng.random() < p]
    other_funds = other_funds[: max(0, target - 3)]
    base = target - len(other_funds)  # rows left for the general fund

    def room(k=0):
        return len(rows) + k < base

    row(admin_code, basic=heads * cents(rng, 9, 20) + cents(rng, 1, 50), project=cents(rng, 1, 80) if rng.random() < 0.3 else 0)
    # Social security, health and housing: the rows nearly every department has.
    row("2080505", basic=heads * cents(rng, 1.2, 2.6))
    own = [c for k in kuans for c in BY_KUAN.get(k, []) if c != admin_code]
    # One own project row is kept for when the target is small.
    n_own = rng.randint(1, max(1, min(len(own), base - 3 - 5)))
    if room(1) and has_shiye and f"{main_kuan}50" in FUNC:
        row(f"{main_kuan}50", basic=(active - admin + 1) * cents(rng, 8, 16))
    if room(1) and rng.random() < 0.85:
        row("2080506", basic=heads * cents(rng, 0.3, 1.1))
    if room(1) and retired and rng.random() < 0.5:
        row(rng.choice(["2080501", "2080502"]), basic=retired * cents(rng, 0.5, 3))
    if room(1):
        row("2101101" if rng.random() < 0.7 else "2101102", basic=heads * cents(rng, 0.5, 1.3))
    if room(1) and rng.random() < 0.7:
        row("2101103", basic=heads * cents(rng, 0.2, 0.8))
    if room(1) and rng.random() < 0.8:
        row("2210201", basic=heads * cents(rng, 1.0, 2.5))
    if room(1) and rng.random() < 0.2:
        row("2210202", basic=heads * cents(rng, 0.2, 0.9))
    # Project rows in the department's own 款.
    for c in rng.sample(own, min(n_own, len(own))):
        if not room():
            break
        if any(r["code"] == c for r in rows):
            continue
        row(c, project=cents(rng, 0.5, 900), basic=cents(rng, 1, 60) if c.endswith("50") else 0)
    # Fill up to the row target with general-fund rows from several 类 (codes may repeat).
    # A small department lists each code once; a huge one repeats them.
    pool_own = own or [admin_code]
    small = rows_max <= 40
    used = {r["code"] for r in rows}
    while len(rows) < base:
        r = rng.random()
        if r < 0.45:
            c = rng.choice(pool_own)
        elif r < 0.55 and not small:
            c = rng.choice(["2080505", "2080506", "2101101", "2101103", "2210201"])
            row(c, basic=cents(rng, 0.01, 30))
            continue
        else:
            c = rng.choice(EXTRA_POOL)
        if small and c in used:
            continue
        used.add(c)
        if rng.random() < 0.25:
            row(c, basic=cents(rng, 0.5, 200), project=cents(rng, 0.5, 200))
        else:
            row(c, project=cents(rng, 0.01, 600))
    for fund in other_funds:
        if fund == "gov_fund":
            row(rng.choice(GOV_FUND_CODES), project=cents(rng, 5, 3000), fund=fund)
        elif fund == "state_capital":
            code, nm = rng.choice(STATE_CAPITAL)
            row(code, project=cents(rng, 5, 500), fund=fund, name=nm)
        else:
            code = f"{main_kuan}50" if f"{main_kuan}50" in FUNC else admin_code
            if rng.random() < 0.3:
                row(code, operating=cents(rng, 1, 200), fund=fund)
            else:
                row(code, basic=cents(rng, 1, 150), project=cents(rng, 0, 50), fund=fund)
    assert len(rows) == target, (len(rows), target)
    if rows_max <= 40:
        rng.shuffle(rows)
        rows.sort(key=lambda r: r["code"])  # officers type them in code order

    general = [r for r in rows if r["fund"] == "general"]
    general_basic = sum(r["basic"] for r in general)
    general_project = sum(r["project"] for r in general)

    # 表6: the paired items first, the rest split into 人员经费 and 公用经费.
    econ = {}
    for fcode, ecode in FUNC_ECON.items():
        v = sum(r["basic"] for r in general if r["code"] == fcode)
        if v:
            econ[ecode] = v
    rest = general_basic - sum(econ.values())
    assert rest > 0
    public_total = rest * rng.randint(8, 30) // 100
    personnel_total = rest - public_total
    if personnel_total:
        k = rng.randint(3, 8)
        for code, v in zip(rng.sample(PERSONNEL, k), split(personnel_total, k, rng)):
            econ[code] = econ.get(code, 0) + v
    three_econ = [0, 0, 0, 0]
    if public_total:
        codes = rng.sample(PUBLIC, rng.randint(3, 10))
        # 三公 items booked in 表6 now and then.
        if rng.random() < 0.5:
            codes.append("30217")
        if rng.random() < 0.35:
            codes.append("30231")
        if rng.random() < 0.05:
            codes.append("30212")
        if rng.random() < 0.05:
            codes.append("31013")
        for code, v in zip(codes, split(public_total, len(codes), rng)):
            econ[code] = econ.get(code, 0) + v
            if code in THREE_ECON:
                three_econ[THREE_ECON.index(code)] += v
    econ_order = sorted(econ)
    office_operation = sum(v for c, v in econ.items() if c[:3] not in ("301", "303"))

    # 三公: the actual covers at least the 表6 part.
    three_actual = []
    for k in range(4):
        extra = 0
        if k == 2 and rng.random() < 0.4:
            extra = cents(rng, 0.1, 8)
        if k == 3 and rng.random() < 0.3:
            extra = cents(rng, 0.01, 2)
        if k == 0 and rng.random() < 0.05:
            extra = cents(rng, 1, 15)
        if k == 1 and rng.random() < 0.04:
            extra = cents(rng, 10, 30)
        three_actual.append(three_econ[k] + extra)
    three_budget = [a if rng.random() < 0.4 else scale(rng, a, 0.8, 1.3) + (cents(rng, 0, 2) if a == 0 and rng.random() < 0.3 else 0) for a in three_actual]
    vehicles = rng.randint(1, 6) if three_actual[2] else rng.choice([0, 0, 1])

    # Income and carryover: typed when another fund is used (or now and then anyway).
    typed_income = bool(other_funds) or rng.random() < 0.08
    income = []  # (code, name, {source: cents})
    opening = {"general": 0, "gov_fund": 0, "state_capital": 0, "non_fiscal": 0}
    closing = dict(opening)
    gov_by_code = []
    if typed_income:
        by_key = {}
        order = []
        for r in rows:
            key = (r["code"], r["fund"])
            if key not in by_key:
                by_key[key] = {"name": r["name"], "spend": 0, "operating": 0}
                order.append(key)
            by_key[key]["spend"] += r["basic"] + r["project"] + r["operating"]
            by_key[key]["operating"] += r["operating"]
        per_code = {}
        code_order = []
        carry = rng.random() < 0.6
        for key in order:
            code, fund = key
            d = by_key[key]
            spend = d["spend"]
            o = c = 0
            if carry and (fund != "general" or rng.random() < 0.15):
                o = rng.randint(0, spend // 3)
                c = rng.randint(0, max(1, spend // 4))
            opening[fund] += o
            closing[fund] += c
            inc = spend + c - o
            if fund == "gov_fund" and o:
                gov_by_code.append((code, o))
            if code not in per_code:
                per_code[code] = {"name": d["name"], "src": {}}
                code_order.append(code)
            src = per_code[code]["src"]
            if fund == "non_fiscal":
                op = min(inc, d["operating"])
                if op:
                    src["operating"] = src.get("operating", 0) + op
                if inc - op:
                    s = rng.choice(["business", "superior", "other"])
                    src[s] = src.get(s, 0) + inc - op
            elif inc:
                src[fund] = src.get(fund, 0) + inc
        for code in code_order:
            if per_code[code]["src"]:
                income.append((code, per_code[code]["name"], per_code[code]["src"]))
        income_total = sum(sum(s.values()) for _, _, s in income)
        fiscal_income = sum(s.get(k, 0) for _, _, s in income for k in ("general", "gov_fund", "state_capital"))
    else:
        income_total = sum(r["basic"] + r["project"] + r["operating"] for r in rows if r["fund"] != "non_fiscal")
        fiscal_income = sum(r["basic"] + r["project"] for r in rows if r["fund"] != "non_fiscal")
    opening_total = sum(opening.values())
    grand_total = income_total + opening_total
    fiscal_grand_total = fiscal_income + opening["general"] + opening["gov_fund"] + opening["state_capital"]
    general_total = general_basic + general_project

    # 年初预算 per 类 of general-fund spending; a reason exactly when the rule asks for one.
    budget = []
    class_actual = {}
    for r in general:
        class_actual[r["code"][:3]] = class_actual.get(r["code"][:3], 0) + r["basic"] + r["project"]
    for cls in sorted(class_actual):
        actual = class_actual[cls]
        b = actual if rng.random() < 0.25 else scale(rng, actual, 0.85, 1.12)
        b = max(b, 1)
        needs = actual > b or actual * 100 < b * 95
        reason = None
        if needs:
            reason = rng.choice(REASONS_UP) if actual > b else rng.choice(REASONS_DOWN)
        budget.append((cls, b, reason))

    # Procurement.
    procurement = [cents(rng, 0, 300) if rng.random() < 0.8 else 0,
                   cents(rng, 0, 800) if rng.random() < 0.15 else 0,
                   cents(rng, 0, 400) if rng.random() < 0.7 else 0]

    # Last year, and a reason for every change.
    def prior_of(v, p_same=0.1):
        if rng.random() < p_same:
            return v
        return max(1, scale(rng, v, 0.75, 1.25))

    prior_total = prior_of(grand_total)
    prior_fiscal = prior_total if fiscal_grand_total == grand_total and rng.random() < 0.5 else prior_of(fiscal_grand_total)
    prior_general = prior_of(general_total)
    prior_three = [a if rng.random() < 0.5 else scale(rng, a, 0.6, 1.4) + (cents(rng, 0, 1) if rng.random() < 0.1 else 0) for a in three_actual]
    prior_office = prior_of(office_operation, 0.05)
    reasons = {}
    if grand_total != prior_total:
        reasons["total_change"] = rng.choice(REASONS_UP if grand_total > prior_total else REASONS_DOWN)
    # fiscal_change falls back to total_change, general_budget_change to fiscal_change.
    if fiscal_grand_total != prior_fiscal and ("total_change" not in reasons or rng.random() < 0.5):
        reasons["fiscal_change"] = rng.choice(REASONS_UP if fiscal_grand_total > prior_fiscal else REASONS_DOWN)
    if general_total != prior_general and ("total_change" not in reasons and "fiscal_change" not in reasons or rng.random() < 0.5):
        reasons["general_budget_change"] = rng.choice(REASONS_UP if general_total > prior_general else REASONS_DOWN)
    if office_operation != prior_office:
        reasons["office_operation_change"] = rng.choice(REASONS_OFFICE)
    three_reasons = {}
    if three_actual[0] != three_budget[0] or rng.random() < 0.5:
        three_reasons["abroad"] = "无因公出国（境）任务" if three_actual[0] == 0 else "按计划开展因公出国（境）交流"
    if three_actual[1] + three_actual[2] != three_budget[1] + three_budget[2]:
        three_reasons["vehicle"] = rng.choice(["公务用车使用次数减少，运行维护费下降", "车辆老化，维修费用增加"])
    if three_actual[3] != three_budget[3]:
        three_reasons["reception"] = "严格执行中央八项规定精神，从严控制公务接待"
    if sum(three_actual) != sum(prior_three):
        three_reasons["change"] = rng.choice(REASONS_THREE)

    # Projects: actuals add up exactly to the general-fund project spending.
    projects = []
    if general_project:
        n = rng.randint(1, min(6, len(pnames) + 3))
        names = list(pnames) + [f"{aname.replace('分局', '局')}运行保障经费", "信息化建设运维经费", "业务培训经费", "专项业务工作经费"]
        names = rng.sample(names, min(n, len(names)))
        for nm, actual in zip(names, split(general_project, len(names), rng)):
            b = actual if rng.random() < 0.3 else scale(rng, actual, 0.9, 1.25)
            projects.append({"name": nm, "budget": b, "actual": actual, "purpose": rng.choice(PURPOSES),
                             "outcome": rng.choice(OUTCOMES), "includes": rng.choice([None, None, "办公设备购置、业务培训、宣传资料印制"])})

    totals = None
    if rng.random() < 0.1:
        personnel = sum(v for c, v in econ.items() if c[:3] in ("301", "303"))
        totals = {
            "income": income_total,
            "expenditure": sum(r["basic"] + r["project"] + r["operating"] for r in rows),
            "basic": sum(r["basic"] for r in rows),
            "project": sum(r["project"] for r in rows),
            "personnel": personnel,
            "public": office_operation,
            "three_public": sum(three_actual),
            "procurement": sum(procurement),
        }

    # ------------------------------------------------------------------ YAML text
    out = []
    w = out.append
    w(f"# 生成的测试数据（scripts/gen-departments.py，seed {seed}，第 {index} 个部门）")
    w("city: hubei")
    w("")
    w("department:")
    w(f"  name: {q(name)}")
    w(f"  short_name: {q(short)}")
    w(f"  level: {level}")
    w(f"  year: {year}")
    w(f"  published: {year + 1}-{rng.randint(8, 10):02d}-{rng.randint(1, 28):02d}")
    if rng.random() < 0.8:
        w(f'  phone: "{rng.randint(10000000, 89999999)}"')
    w("")
    w("functions:")
    for t in functions:
        w(f"  - {q(t + '。')}")
    w("")
    w("units:")
    for un, uk, main in units:
        w(f"  - name: {q(un)}")
        w(f"    kind: {q(uk)}")
        if main:
            w("    main: true")
    w("")
    w("staff:")
    w("  active:")
    for k, c in staff_active:
        w(f"    - {{ kind: {k}, count: {c} }}")
    if staff_retired:
        w("  retired:")
        for k, c in staff_retired:
            w(f"    - {{ kind: {k}, count: {c} }}")
    w("")
    w("expenditure:")
    for r in rows:
        parts = [f'code: "{r["code"]}"']
        if r["name"]:
            parts.append(f"name: {q(r['name'])}")
        if r["fund"] != "general":
            parts.append(f"fund: {r['fund']}")
        for col in ("basic", "project", "operating"):
            if r[col]:
                parts.append(f"{col}: {money(r[col])}")
        w("  - { " + ", ".join(parts) + " }")
    if typed_income:
        w("")
        w("income_by_function:")
        for code, nm, src in income:
            parts = [f'code: "{code}"']
            if nm:
                parts.append(f"name: {q(nm)}")
            for k in ("general", "gov_fund", "state_capital", "superior", "business", "operating", "affiliated", "other"):
                if src.get(k):
                    parts.append(f"{k}: {money(src[k])}")
            w("  - { " + ", ".join(parts) + " }")
        if any(opening.values()) or any(closing.values()):
            w("")
            w("carryover:")
            w("  opening: { " + ", ".join(f"{k}: {money(v)}" for k, v in opening.items() if v) + " }")
            if gov_by_code:
                w("  gov_fund_by_code:")
                for code, o in gov_by_code:
                    w(f'    - {{ code: "{code}", opening: {money(o)} }}')
            w("  closing: { " + ", ".join(f"{k}: {money(v)}" for k, v in closing.items() if v) + " }")
    w("")
    w("basic_by_economic:")
    for code in econ_order:
        w(f'  - {{ code: "{code}", amount: {money(econ[code])} }}')
    w("")
    w("initial_budget:")
    for cls, b, reason in budget:
        if reason:
            w(f'  - {{ code: "{cls}", amount: {money(b)}, reason: {q(reason)} }}')
        else:
            w(f'  - {{ code: "{cls}", amount: {money(b)} }}')
    w("")
    keys = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")
    w("three_public:")
    w("  budget: { " + ", ".join(f"{k}: {money(v)}" for k, v in zip(keys, three_budget)) + " }")
    w("  actual: { " + ", ".join(f"{k}: {money(v)}" for k, v in zip(keys, three_actual)) + " }")
    if three_reasons:
        w("  reasons:")
        for k, v in three_reasons.items():
            w(f"    {k}: {q(v)}")
    w("")
    w(f"office_operation: {money(office_operation)}")
    w("procurement: { " + ", ".join(f"{k}: {money(v)}" for k, v in zip(("goods", "works", "services"), procurement)) + " }")
    w(f"assets: {{ vehicles: {vehicles} }}")
    w("")
    w("prior_year:")
    w(f"  total: {money(prior_total)}")
    w(f"  fiscal_total: {money(prior_fiscal)}")
    w(f"  general_budget_spend: {money(prior_general)}")
    w("  three_public: { " + ", ".join(f"{k}: {money(v)}" for k, v in zip(keys, prior_three)) + " }")
    w(f"  office_operation: {money(prior_office)}")
    if reasons:
        w("")
        w("reasons:")
        for k, v in reasons.items():
            w(f"  {k}: {q(v)}")
    if projects:
        w("")
        w("projects:")
        for p in projects:
            w(f"  - name: {q(p['name'])}")
            w(f"    budget: {money(p['budget'])}")
            w(f"    actual: {money(p['actual'])}")
            if p["includes"]:
                w(f"    includes: {q(p['includes'])}")
            w(f"    purpose: {q(p['purpose'])}")
            w(f"    outcome: {q(p['outcome'])}")
    if rng.random() < 0.85:
        w("")
        w("performance:")
        for k, opts in PERF.items():
            w(f"  {k}: {q(rng.choice(opts))}")
    if rng.random() < 0.5:
        items = rng.sample(KEY_ITEMS, rng.randint(2, 4))
        w("")
        w("key_work:")
        w("  paragraphs:")
        for i, (item, target_, result) in enumerate(items):
            w(f"    - {q('一二三四五'[i] + '是' + item + '。' + target_ + '，' + result + '。')}")
        w("  items:")
        for item, target_, result in items:
            w(f"    - {{ item: {q(item)}, target: {q(target_)}, result: {q(result)} }}")
    if totals:
        w("")
        w("totals:")
        for k, v in totals.items():
            w(f"  {k}: {money(v)}")
    return year, slug, "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=10, help="number of departments (default 10)")
    ap.add_argument("--seed", default="1", help="seed; the same seed gives the same files (default 1)")
    ap.add_argument("--out", default="out/generated", help="output directory (default out/generated)")
    ap.add_argument("--rows-max", type=int, default=25,
                    help="most expenditure rows per department (default 25); above 25 it makes huge departments, "
                         "e.g. --rows-max 10000 gives 10,000 rows each (codes then repeat across rows)")
    ap.add_argument("--rows-min", type=int, default=None,
                    help="fewest expenditure rows per department (default 3, or --rows-max when that is above 25)")
    ap.add_argument("--verbose", action="store_true", help="print each path written")
    a = ap.parse_args(argv)
    if a.rows_min is None:
        a.rows_min = 3 if a.rows_max <= 25 else a.rows_max
    if a.count < 0 or a.rows_min < 3 or a.rows_max < a.rows_min:
        ap.error("need --count >= 0 and 3 <= --rows-min <= --rows-max")
    for i in range(a.count):
        year, slug, text = department(a.seed, i, a.rows_min, a.rows_max)
        d = os.path.join(a.out, "hubei", str(year))
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, f"{slug}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        if a.verbose:
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
