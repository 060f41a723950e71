//! Seed 004 — 石家庄市长安区信访局 2021 年部门预算信息公开说明, Hebei
//! (/work/shared/seeds/004_412eb5b2bc1167e2.txt).
//!
//! Builds `examples/shijiazhuang-changan-xinfang-2021-budget.yaml` with the real binary and
//! compares the PDF (read back with `pdftotext -layout`) and the HTML with the seed's text,
//! section by section:
//!
//! * the opening sentence and the running text of 一 … 九: all of it, character for character
//!   after normalisation (whitespace and line breaks removed, ASCII parentheses made
//!   full-width, page footers "— 3 —" dropped), not only the numbers;
//! * the four tables the seed prints inside its sections (部门机构设置情况, 预算项目绩效目标,
//!   部门政府采购预算, 部门固定资产占用情况表): caption, the lines under it, every header cell
//!   and every body cell. HTML: each body cell in its grid column. PDF: each cell (also one
//!   wrapped over several lines) near its row's line, the row's numbers in that line, and no
//!   text in the table that is not a seed cell;
//! * the titles in order (table of contents and body) and the cover;
//! * the 部门预算公开表 (表1–表10), which the seed does not print: their totals are the seed's
//!   figures.
//!
//! The seed's text is embedded below as (seed line, text), so the test runs in a fresh clone;
//! when ../shared/seeds/ is present, `embedded_text_is_the_seed` checks it line for line and
//! that no line of the seed was left out.
//!
//! Where the seed is wrong, the report deliberately differs. Each place is a `TextDeviation`
//! (seed line, seed text → generated text, reason), applied to the seed's text before the
//! comparison, or a dropped table row (`DROPPED_ROWS`); docs/SEED-004.md documents them.

mod common;

use common::*;
use std::sync::OnceLock;

const EXAMPLE: &str = "shijiazhuang-changan-xinfang-2021-budget";
const SEED_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/004_412eb5b2bc1167e2.txt");

fn out() -> &'static Output {
    static OUT: OnceLock<Output> = OnceLock::new();
    OUT.get_or_init(|| build(EXAMPLE))
}

// ====================================================================================
// The seed's running text, section by section: (seed line, the line's text, trimmed).
// ====================================================================================

struct Section {
    heading: (u32, &'static str),
    text: &'static [(u32, &'static str)],
    /// Caption of the table that closes the section (TABLES).
    table: Option<&'static str>,
}

const TITLE: &str = "石家庄市长安区信访局2021年部门预算信息公开说明";
/// The heading after 九: the 部门预算公开表, which the seed does not have.
const TABLES_PART: &str = "石家庄市长安区信访局2021年部门预算公开表";

const SECTIONS: &[Section] = &[
    // The document's title and its opening sentence (before 一).
    Section {
        heading: (2, TITLE),
        text: &[(4, "按照《预算法》、《地方预决算公开操作规程》和《河北省省级预算公开办法》规定，现将2021年部门预算公开如下：")],
        table: None,
    },
    Section {
        heading: (6, "一、部门职责及机构设置情况"),
        text: &[
            (7, "部门职责："),
            (9, "长安区信访局为区委工作籍贯，机构规格正科级。"),
            (10, "研究提出全区信访工作思路，贯彻落实有关信访法规、规章。"),
            (11, "办理人民群众来信，接待群众来访，受理群众网上投诉，查办信访案件，承办区领导电子信箱有关信访工作，负责人民群众建议征集工作。"),
            (12, "调查研究和综合分析全区信访形势及信访工作状况，总结推广各地各部门信访工作经验，提出改进和加强信访工作的意见和建议。"),
            (13, "参与组织、协调、指导全区社会治安综合治理和维护社会稳定工作，协助报账国家、省、市重大政治活动顺利进行，参与处理影响社会政治稳定的突发性、群体性事件。"),
            (14, "督促检查和知道各街镇和区直部门的信访工作，对各街镇和区直有关部门信访工作年度责任目标进行考核，对全区社会治安综合治理和维护社会稳定年度责任目标中有关信访工作进行考核。"),
            (15, "协助国家信访局、省信访局、市信访局处理长安区群众进京上访工作，综合协调处理跨地区、跨部门、跨行业的重要信访问题，协助有关部门维护区委、区政府机关正常工作秩序。"),
            (16, "负责省、市、区领导及省、市直、区直部门领导公开接访和包联案件的组织协调工作。"),
            (17, "承担石家庄市长安区信访工作联席会议的日常工作，督促落实联席会议决定的事项。"),
            (18, "完成区委、区政府以及国家、省、市信访局交办的其他任务。"),
            (19, "机构设置："),
        ],
        table: Some("部门机构设置情况"),
    },
    Section {
        heading: (37, "二、部门预算安排的总体情况"),
        text: &[
            (38, "按照预算管理有关规定，我部门预算的编制实行综合预算制度，即全部收入和支出都反映在预算中。"),
            (39, "1、收入说明"),
            (40, "反映本部门当年全部收入。2021年预算收入431.21万元，其中：一般公共预算收入431.21万元。"),
            (41, "2、支出说明"),
            (42, "2021年预算支出431.21万元。其中，人员经费支出343.65万元，正常公用经费27.56万元，项目支出60万元（其中本级项目支出60万元，对下补助0万元。）"),
            (43, "3、比上年增减情况"),
            (44, "2021年预算收支安排431.21万元，较2020年预算增加了7.31万元，其中：基本支出增加68.03万元，主要为增加新进行政人员经费支出；项目支出减少60.72元，主要为减少了部分专项资金项目支出。"),
        ],
        table: None,
    },
    Section {
        heading: (45, "三、机关运行经费安排情况"),
        text: &[(47, "机关运行经费共计安排4.26万元，主要用于保证机关正常运转的办公及印刷费、差旅费、会议费、日常维修费等支出。")],
        table: None,
    },
    Section {
        heading: (48, "四、财政拨款“三公”经费预算情况及增减变化原因"),
        text: &[(50, "2021年“三公”经费预算2.5万元（其中，公务用车运行及维护费2.5万元，公务接待0元，因公出国（境）费0万元），预算与上年相比无变化。按照勤俭办公的原则未增加“三公”经费预算。")],
        table: None,
    },
    Section {
        heading: (51, "五、预算绩效信息"),
        text: &[
            (52, "总体绩效目标："),
            (54, "信访渠道，减少信访案件，维护社会和谐稳定。提高信访事项办理质量和效率，妥善处置非正常访，维护社会大局和谐稳定。推动重要信访事项解决，规范信访事项办理、终结。用好特殊疑难信访问题专项资金。对生活确实困难的信访人进行救助。进一步提高信访干部业务能力；吸收可行建议，改进信访工作；提高信访信息化应用水平，实现办公自动化、网络化智能化。保障机要邮件正常传递；确保相关会议正常召开，维护好群众工作中心正常运行，进一步提高信访干部业务能力；吸收可行建议，改进信访工作；提高信访信息化应用水平，实现办公自动化、网络化智能化。保障机要邮件正常传递和信访接待楼正常运转；确保相关会议正常召开。"),
            (55, "分项绩效目标："),
            (56, "1、信访问题处理"),
            (57, "绩效目标：畅通信访渠道，减少信访案件，维护社会和谐稳定。"),
            (58, "绩效指标：负责正常信访、非访、突发性及群体性事件的办理；提供相关服务保障；负责处理全区群众进京上访；信访事项督查、复查复核、听证；负责区委区政府交办的其他事项。"),
            (59, "2、信访业务办理"),
            (60, "绩效目标：畅通信访渠道，提高信访事项办理质量和效率"),
            (61, "绩效指标：办理人民群众来信、来访、网上信访。协助上级单位处理本区群众进京上访；重大活动期间的正常上访和越级上访工作。"),
            (62, "3、处置非访、突发性及群体性事件"),
            (63, "绩效目标：妥善处置非正常访，维护社会大局和谐稳定"),
            (64, "绩效指标：协助公安机关维护重点区域的正常工作秩序；处置影响社会政治稳定的各类非访、突发性、群体性事件；负责组织协调、稳控劝返并做好服务保障工作；重大敏感时期本地和驻京信访保障工作；参加市里统一安排的驻京保障工作，根据我区信访形势，做好区里要求的长期驻京值班信访稳定保障工作，处理全区群众进京非访工作"),
            (65, "4、信访救助"),
            (66, "绩效目标：对生活确实困难的信访人进行救助。"),
            (67, "绩效指标：对生活确实困难的信访人进行救助"),
            (68, "5、信访事务管理"),
            (69, "绩效目标：进一步提高信访干部业务能力；吸收可行建议，改进信访工作；提高信访信息化应用水平，实现办公自动化、网络化智能化。保障机要邮件正常传递；确保相关会议正常召开，维护好群众工作中心正常运行"),
            (70, "绩效指标：拟定信访工作方针政策；调研提出信访工作对策建议；督促检查和指导全区信访工作；机关日常工作"),
            (71, "6、信访服务中心"),
            (72, "绩效目标：努力把社会矛盾纠纷解决在初始，化解在当地，实施分类引导，领导干部接访，三级调处，信访听证，社会力量参与，教育疏导，监督监察，群众满意度评价等工作机制。"),
            (73, "绩效指标：登记受理群众来访事项，职能部门接待窗口负责接待调处、现场答复和报结回复、告知以及宣传等工作；牵头、接待、调处涉及多个部门和一些跨区域的信访件及重要、疑难信访问题；督促检查各职能部门继续做好本单位的来访接待和信访件的报结、回复工作。组织协调区党政领导和有关部门负责人参与接待群众来访工作。做好群众工作中心日常维护和管理。做好群众工作中心对信访条例以及政策规范的宣传。做好群众工作中心工作人员经费、工资、保险等保障支出。"),
            (74, "7、其他综合事务管理"),
            (75, "绩效目标：进一步提高信访干部业务能力；吸收可行建议，改进信访工作；提高信访信息化应用水平，实现办公自动化、网络化智能化。保障机要邮件正常传递和信访接待楼正常运转；确保相关会议正常召开。"),
            (76, "绩效指标 ：拟定信访工作方针政策；调研提出信访工作对策建议；督促检查和指导全区信访工作；业务培训、人民建议征集；公务外网建设与运维管理。机关文书档案、会计档案保管和文件印刷管理，机关人事、离退休人员服务，培训，财务、基建、后勤服务、维持局内日常办公运转所需办公耗材及办公设备；一线信访工作岗位津贴；领导交办的其他工作。"),
            (77, "工作保障措施："),
            (79, "1、加强制度建设。建立健全机关预算绩效管理制度，为全年预算绩效目标的实现奠定制度基础。"),
            (80, "2、规范财务管理。进一步完善财务管理制度，通过科学编制预算、优化支出结构、加快政府采购、加快项目建设、及时拨付资金，确保经费支出进度达到规定标准。"),
            (81, "3、加强内部监督。加强内部监督制度建设，对绩效运行、重大支出事项、资产处置及其他重要经济业务事项决策和执行进行监督，定期开展财务内部审计，确保财政资金使用安全合规。"),
            (82, "4、加强绩效监控。积极开展绩效运行监控，发现问题及时采取措施，确保绩效目标如期保质实现。"),
            (83, "5、做好绩效自评。按要求开展部门预算绩效自评和重点项目评价工作，对评价中发现的问题及时整改。"),
            (84, "6、加强宣传培训。加强人员培训，加大宣传力度，强化预算绩效管理意识，促进预算绩效管理水平提升。"),
        ],
        table: Some("预算项目绩效目标"),
    },
    Section {
        heading: (206, "六、政府采购预算情况"),
        text: &[(207, "2021年，我部门本年度无政府采购预算计划，安排政府采购预算0万元，空表列示。")],
        table: Some("部门政府采购预算"),
    },
    Section {
        heading: (265, "七、国有资产信息"),
        text: &[(267, "长安区信访局上年末固定资产金额为111.62万元，本年度无拟购固定资产。")],
        table: Some("部门固定资产占用情况表"),
    },
    Section {
        heading: (302, "八、名词解释"),
        text: &[
            (303, "1、一般公共预算拨款收入：指财政当年拨付的资金。"),
            (304, "2、事业收入：是指事业单位开展专业业务活动及辅助活动所取得的收入。如：河北省注册会计师协会收取的会费收入。"),
            (305, "3、其他收入：是指除上述“财政拨款收入”“事业收入”以外的收入。主要是按规定动用的租房收入、存款利息收入等。"),
            (306, "4、基本支出：为保障机构正常运转，完成日常工作任务，而发生的人员支出和公用支出。"),
            (307, "5、项目支出：为完成特定行政任务和事业发展目标而发生的费用。"),
            (308, "6、上缴上级支出：指所属单位上缴上级的支出。"),
            (309, "7、三公经费：纳入财政预算管理的三公经费，是指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的住宿费、旅费、伙食补助、杂费、培训费等支出；公务用车购置及运行费反映单位公务用车购置费及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出 。"),
            (310, "8、机关运行经费：为保障行政单位运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费及其他费用。"),
        ],
        table: None,
    },
    Section { heading: (311, "九、其他说明事项"), text: &[(313, "我部门无其他说明事项。")], table: None },
];

// ====================================================================================
// The seed's tables. The extraction puts each cell on a line of its own, so a row is
// (line of its first cell, cells separated by "|"): cell k is seed line `line + k`.
// ====================================================================================

struct SeedTable {
    caption: (u32, &'static str),
    /// The lines between the caption and the header (department, unit, date), as a row.
    meta: Option<(u32, &'static str)>,
    header: &'static [(u32, &'static str)],
    rows: &'static [(u32, &'static str)],
}

const TABLES: &[SeedTable] = &[
    SeedTable {
        caption: (20, "部门机构设置情况"),
        meta: None,
        header: &[(21, "单位名称|单位性质|单位规格|经费保障形式")],
        rows: &[(26, "|||"), (31, "石家庄市长安区信访局|行政|正科级|财政拨款")],
    },
    SeedTable {
        caption: (85, "预算项目绩效目标"),
        meta: None,
        header: &[(87, "一级指标|二级指标|三级指标|绩效指标描述|评（扣）分标准|指标值|指标值确定依据"), (95, "|||||符号|值|单位（文字描述）|")],
        rows: &[
            (105, "产出指标|数量指标|督办信访案件数量|督办案件数量|按照年度完成情况|文字描述||年度督办案件数量|依据上年数据测评"),
            (115, "|质量指标|驻京人员值班情况|做好驻京值班人员生活补贴发放工作|按照年度完成情况||95.00|百分比|市联席办2012年石机号501"),
            (125, "|时效指标|驻京人员对信访保障工作完成情况|按要求做好信访保障工作|按照年度完成情况||95.00|百分比|依据上年数据测评"),
            (135, "|成本指标|资金完成数量|资金完成数量|按照年度完成情况||95.00|百分比|依据上年数据测评"),
            (145, "效益指标|社会效益指标|整合多方力量化解社会矛盾|能按照要求做好驻京信访保障工作|按照年度完成情况|文字描述||维社会稳定|依据上年数据测评"),
            (155, "||||||||"),
            (165, "||||||||"),
            (175, "满意度指标|服务对象满意度指标|信访群众满意度|信访群众满意度|按照年度完成情况|≥|90.00|信访办理满意度|依据上年数据测评"),
            (185, "||||||||"),
            (195, "||||||||"),
        ],
    },
    SeedTable {
        caption: (210, "部门政府采购预算"),
        meta: Some((212, "455石家庄市长安区信访局      （此表为空）|单位：万元")),
        header: &[
            (215, "政府采购项目来源|采购物品名称|政府采购目录序号|数量  单位|数量|单价|政府采购金额"),
            (223, "项目名称|预算资金||||||总计|当年部门预算安排资金|其他渠道资金"),
            (234, "||||||||合计|一般公共预算拨款|基金预算拨款|财政专户核拨|其他来源收入|"),
        ],
        rows: &[(249, "合　计|||||||||||||")],
    },
    SeedTable {
        caption: (268, "部门固定资产占用情况表"),
        meta: Some((270, "编制部门：[455石家庄市长安区信访局]|截止时间：2020年12月31日")),
        header: &[(273, "项   目|数量|价值（金额单位：万元）")],
        rows: &[
            (277, "资产总额|——|111.62"),
            (281, "1、房屋（平方米）||"),
            (285, "其中：办公用房||"),
            (289, "2、车辆（台、辆）|1|12.76"),
            (293, "3、单价在20万元以上的设备|——|"),
            (297, "4、其他固定资产|——|98.86"),
        ],
    },
];

// ====================================================================================
// Deviations: where the report prints something else on purpose (docs/SEED-004.md).
// ====================================================================================

/// On seed line `line`, `seed` (which occurs there exactly once) is printed as `generated`.
/// A table cell is a seed line of its own, so the same form serves for cells.
struct TextDeviation {
    line: u32,
    seed: &'static str,
    generated: &'static str,
    why: &'static str,
}

const DEVIATIONS: &[TextDeviation] = &[
    // 一、部门职责: typos in the seed, fixed in the example's functions.
    TextDeviation { line: 9, seed: "区委工作籍贯", generated: "区委工作机构", why: "typo: 区委工作机构 (cf. 机构规格 in the same sentence)" },
    TextDeviation { line: 13, seed: "协助报账国家", generated: "协助保障国家", why: "typo: one 保障 重大政治活动, one does not 报账 them" },
    TextDeviation { line: 14, seed: "督促检查和知道", generated: "督促检查和指导", why: "typo: 督促检查和指导, as the seed writes it at L70 and L76" },
    // 二、部门预算安排的总体情况
    TextDeviation {
        line: 40,
        seed: "反映本部门当年全部收入。",
        generated: "",
        why: "instruction of the form template left in the text; the sentence is generated from the figures, no free text can carry it",
    },
    TextDeviation {
        line: 40,
        seed: "一般公共预算收入431.21",
        generated: "一般公共预算拨款收入431.21",
        why: "the fund's name in 表1 and in 名词解释 1 (L303) is 一般公共预算拨款收入",
    },
    TextDeviation { line: 42, seed: "对下补助0万元。）", generated: "对下补助0万元）。", why: "misplaced full stop: inside the bracket, the sentence has none" },
    TextDeviation {
        line: 44,
        seed: "项目支出减少60.72元",
        generated: "项目支出减少60.72万元",
        why: "a 万元 figure written as 元: 7.31 = 68.03 − 60.72 (万元), prior 项目 120.72 = 60 + 60.72; amounts are computed and printed in 万元 (R-UNIT-MIX if typed)",
    },
    // 四、“三公”经费
    TextDeviation {
        line: 50,
        seed: "（其中，公务用车运行及维护费2.5万元，公务接待0元，因公出国（境）费0万元）",
        generated: "（其中，因公出国（境）费0万元，公务用车购置费0万元，公务用车运行维护费2.5万元，公务接待费0万元）",
        why: "元 and 万元 in one sentence (R-UNIT-MIX, its example); 公务用车购置费 left out; the template lists all four items in 表7's order and names",
    },
    // 五、预算绩效信息: 总体绩效目标
    TextDeviation {
        line: 54,
        seed: "信访渠道，减少信访案件",
        generated: "畅通信访渠道，减少信访案件",
        why: "the verb is lost at the start of the paragraph; item 1 (L57) has the same sentence with 畅通",
    },
    TextDeviation {
        line: 54,
        seed: "保障机要邮件正常传递；确保相关会议正常召开，维护好群众工作中心正常运行，进一步提高信访干部业务能力；吸收可行建议，改进信访工作；提高信访信息化应用水平，实现办公自动化、网络化智能化。保障机要邮件正常传递和信访接待楼正常运转；确保相关会议正常召开。",
        generated: "保障机要邮件正常传递和信访接待楼正常运转；确保相关会议正常召开，维护好群众工作中心正常运行。",
        why: "items 5 and 7 pasted one after the other: 进一步提高…智能化 twice (R-REPEATED-SENTENCE, its example); written once, with the parts of both",
    },
    // 五、分项绩效目标: paragraphs without a final full stop (the example's text has one).
    TextDeviation { line: 60, seed: "办理质量和效率", generated: "办理质量和效率。", why: "no full stop at the end of the paragraph" },
    TextDeviation { line: 63, seed: "维护社会大局和谐稳定", generated: "维护社会大局和谐稳定。", why: "no full stop at the end of the paragraph" },
    TextDeviation { line: 64, seed: "处理全区群众进京非访工作", generated: "处理全区群众进京非访工作。", why: "no full stop at the end of the paragraph" },
    TextDeviation { line: 67, seed: "绩效指标：对生活确实困难的信访人进行救助", generated: "绩效指标：对生活确实困难的信访人进行救助。", why: "no full stop at the end of the paragraph" },
    TextDeviation { line: 69, seed: "维护好群众工作中心正常运行", generated: "维护好群众工作中心正常运行。", why: "no full stop at the end of the paragraph" },
    TextDeviation { line: 70, seed: "机关日常工作", generated: "机关日常工作。", why: "no full stop at the end of the paragraph" },
    // 预算项目绩效目标 (table cells)
    TextDeviation { line: 152, seed: "维社会稳定", generated: "维护社会稳定", why: "typo: 维护社会稳定" },
    TextDeviation {
        line: 182,
        seed: "信访办理满意度",
        generated: "百分比",
        why: "a ≥ 90.00 satisfaction target needs a unit: 百分比, as the other targets; 信访办理满意度 is a description (B-INDICATOR-VALUE)",
    },
    // 八、名词解释
    TextDeviation {
        line: 304,
        seed: "如：河北省注册会计师协会收取的会费收入。",
        generated: "",
        why: "an example copied from another body's disclosure (a 协会's 会费); the term's text is the catalogue's (data/budget-glossary.yaml)",
    },
];

/// What gen-report does not reproduce yet (docs/SEED-004.md §4), in the same form.
const NOT_REPRODUCED: &[TextDeviation] = &[];

/// Seed table rows the report leaves out (first cell's line, why).
const DROPPED_ROWS: &[(u32, &str)] = &[
    (26, "an empty row between header and body"),
    (155, "empty row (B-INDICATOR-EMPTY: a row needs at least its 三级指标)"),
    (165, "empty row (B-INDICATOR-EMPTY)"),
    (185, "empty row (B-INDICATOR-EMPTY)"),
    (195, "empty row (B-INDICATOR-EMPTY)"),
];

fn all_deviations() -> impl Iterator<Item = &'static TextDeviation> {
    DEVIATIONS.iter().chain(NOT_REPRODUCED)
}

/// A seed line's text as the report prints it: every deviation of that line applied.
fn expected_line(line: u32, text: &str) -> String {
    let mut t = text.to_string();
    for d in all_deviations().filter(|d| d.line == line) {
        t = t.replacen(d.seed, d.generated, 1);
    }
    t
}

/// A section's running text as the report prints it, normalised.
fn expected_text(s: &Section) -> String {
    s.text.iter().map(|(n, t)| norm(&expected_line(*n, t))).collect()
}

/// The cells of a table row as the report prints them, normalised.
fn expected_cells(line: u32, spec: &str) -> Vec<String> {
    spec.split('|').enumerate().map(|(k, c)| norm(&expected_line(line + k as u32, c))).collect()
}

fn body_rows(t: &SeedTable) -> Vec<(u32, Vec<String>)> {
    t.rows.iter().filter(|(n, _)| !DROPPED_ROWS.iter().any(|d| d.0 == *n)).map(|(n, s)| (*n, expected_cells(*n, s))).collect()
}

fn non_empty(cells: &[String]) -> Vec<String> {
    cells.iter().filter(|c| !c.is_empty()).cloned().collect()
}

/// Where two normalised texts first differ, with some context.
fn difference(got: &str, want: &str) -> Option<String> {
    if got == want {
        return None;
    }
    let (g, w): (Vec<char>, Vec<char>) = (got.chars().collect(), want.chars().collect());
    let i = g.iter().zip(&w).take_while(|(a, b)| a == b).count();
    let around = |v: &[char]| v[i.saturating_sub(20).min(v.len())..(i + 40).min(v.len())].iter().collect::<String>();
    Some(format!("differs at character {i}:\n    generated: …{}…\n    expected:  …{}…", around(&g), around(&w)))
}

// ====================================================================================
// Running text of each section.
// ====================================================================================

/// The index of the body line that is exactly `heading` (the table of contents comes first
/// and has dot leaders; the cover breaks the title).
fn pdf_heading(lines: &[String], heading: &str) -> usize {
    let h = norm(heading);
    lines.iter().rposition(|l| norm(l) == h).unwrap_or_else(|| panic!("PDF: no line {heading:?}"))
}

/// PDF: (first line, end) of each section, headings excluded; the last ends at the 公开表.
fn pdf_regions(lines: &[String]) -> Vec<(usize, usize)> {
    let mut at: Vec<usize> = SECTIONS.iter().map(|s| pdf_heading(lines, s.heading.1)).collect();
    at.push(pdf_heading(lines, TABLES_PART));
    at.windows(2).map(|w| (w[0] + 1, w[1])).collect()
}

/// Index of the caption line of `caption` in `lines[from..to]`.
fn pdf_caption(lines: &[String], (from, to): (usize, usize), caption: &str) -> Option<usize> {
    lines[from..to].iter().position(|l| norm(l) == norm(caption)).map(|i| i + from)
}

#[test]
fn pdf_sections_are_the_seeds_text() {
    let lines = pdf_lines(&out().pdf);
    let mut errors = Vec::new();
    for (s, (from, to)) in SECTIONS.iter().zip(pdf_regions(&lines)) {
        assert!(from <= to, "PDF: {} out of order", s.heading.1);
        let end = match s.table {
            Some(c) => pdf_caption(&lines, (from, to), c).unwrap_or_else(|| panic!("PDF: no caption {c:?} in {}", s.heading.1)),
            None => to,
        };
        let got: String = lines[from..end].iter().map(|l| norm(l)).collect();
        if let Some(d) = difference(&got, &expected_text(s)) {
            errors.push(format!("PDF {} (seed line {}): {d}", s.heading.1, s.heading.0));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// HTML: the blocks (p, li, h4) after each section's heading, up to the next one. Tables
/// are not blocks.
#[test]
fn html_sections_are_the_seeds_text() {
    let blocks = html_blocks(&out().html);
    let pos = |h: &str| {
        blocks
            .iter()
            .position(|b| matches!(b.tag.as_str(), "h2" | "h3") && norm(&b.text) == norm(h))
            .unwrap_or_else(|| panic!("HTML: no heading {h:?}"))
    };
    let mut at: Vec<usize> = SECTIONS.iter().map(|s| pos(s.heading.1)).collect();
    at.push(pos(TABLES_PART));
    let mut errors = Vec::new();
    for (s, w) in SECTIONS.iter().zip(at.windows(2)) {
        let got: String = blocks[w[0] + 1..w[1]].iter().map(|b| norm(&b.text)).collect();
        if let Some(d) = difference(&got, &expected_text(s)) {
            errors.push(format!("HTML {} (seed line {}): {d}", s.heading.1, s.heading.0));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

// ====================================================================================
// The seed's tables.
// ====================================================================================

/// HTML: caption (with the lines under it), header cells row by row, and every body row's
/// non-empty cells in their grid columns; no other body rows.
#[test]
fn html_tables_are_the_seeds() {
    let tables = html_tables(&out().html);
    let mut errors = Vec::new();
    for t in TABLES {
        let cap = norm(t.caption.1);
        let Some(ht) = tables.iter().find(|h| h.caption.starts_with(&cap)) else {
            errors.push(format!("HTML: no table captioned {cap}"));
            continue;
        };
        let meta: String = t.meta.map(|(n, m)| expected_cells(n, m).concat()).unwrap_or_default();
        if ht.caption != format!("{cap}{meta}") {
            errors.push(format!("{cap}: caption {:?}, expected {:?}", ht.caption, format!("{cap}{meta}")));
        }
        let head: Vec<Vec<String>> = ht.rows.iter().filter(|r| !r.0).map(|r| non_empty(&r.1.iter().map(|c| norm(c)).collect::<Vec<_>>())).collect();
        let want: Vec<Vec<String>> = t.header.iter().map(|(n, s)| non_empty(&expected_cells(*n, s))).collect();
        if head != want {
            errors.push(format!("{cap}: header {head:?}, expected {want:?}"));
        }
        let by_col = |cells: &[String]| -> Vec<(usize, String)> { cells.iter().enumerate().filter(|(_, c)| !c.is_empty()).map(|(i, c)| (i, c.clone())).collect() };
        let got: Vec<Vec<(usize, String)>> = ht.rows.iter().filter(|r| r.0).map(|r| by_col(&r.1.iter().map(|c| norm(c)).collect::<Vec<_>>())).collect();
        let want: Vec<(u32, Vec<(usize, String)>)> = body_rows(t).into_iter().map(|(n, c)| (n, by_col(&c))).collect();
        if got.len() != want.len() {
            errors.push(format!("{cap}: {} body rows, expected {} (seed lines {:?})", got.len(), want.len(), want.iter().map(|w| w.0).collect::<Vec<_>>()));
        }
        for (g, (n, w)) in got.iter().zip(&want) {
            if g != w {
                errors.push(format!("{cap} seed line {n}: HTML row {g:?}, expected {w:?}"));
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// A run of non-space characters of a `-layout` line, with its columns (char indices).
struct Tok {
    start: usize,
    end: usize,
    text: String,
}

fn toks(line: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    let n = line.chars().count();
    for (i, c) in line.chars().chain(std::iter::once(' ')).enumerate() {
        if c.is_whitespace() {
            if let Some((s, t)) = cur.take() {
                out.push(Tok { start: s, end: i.min(n), text: norm(&t) });
            }
        } else {
            cur.get_or_insert((i, String::new())).1.push(c);
        }
    }
    out
}

/// The tokens of a PDF table; each seed cell takes the tokens it is made of, once.
struct Grid {
    toks: Vec<Vec<Tok>>,
    used: Vec<Vec<bool>>,
}

impl Grid {
    fn new(lines: &[String]) -> Grid {
        let toks: Vec<Vec<Tok>> = lines.iter().map(|l| toks(l)).collect();
        let used = toks.iter().map(|t| vec![false; t.len()]).collect();
        Grid { toks, used }
    }

    /// Takes the unused tokens that spell `cell`, starting on one of `starts` (tried in that
    /// order): a token, then the next one on its line (a cell with a space, "项  目"), or one
    /// on the next three lines whose columns overlap it (a cell wrapped in its column).
    fn take(&mut self, cell: &str, starts: &[usize]) -> bool {
        for &l in starts {
            for k in 0..self.toks[l].len() {
                let mut path = Vec::new();
                if self.walk(cell, 0, l, k, &mut path) {
                    for (a, b) in path {
                        self.used[a][b] = true;
                    }
                    return true;
                }
            }
        }
        false
    }

    fn walk(&self, cell: &str, pos: usize, l: usize, k: usize, path: &mut Vec<(usize, usize)>) -> bool {
        let t = &self.toks[l][k];
        if self.used[l][k] || path.contains(&(l, k)) || !cell[pos..].starts_with(t.text.as_str()) {
            return false;
        }
        path.push((l, k));
        let pos = pos + t.text.len();
        if pos == cell.len() {
            return true;
        }
        if let Some(next) = self.toks[l].get(k + 1)
            && next.start - t.end <= 6
            && self.walk(cell, pos, l, k + 1, path)
        {
            return true;
        }
        for l2 in l + 1..(l + 4).min(self.toks.len()) {
            for k2 in 0..self.toks[l2].len() {
                let n = &self.toks[l2][k2];
                if n.start < t.end && t.start < n.end && self.walk(cell, pos, l2, k2, path) {
                    return true;
                }
            }
        }
        path.pop();
        false
    }

    fn unused(&self, lines: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for (l, ts) in self.toks.iter().enumerate() {
            let left: Vec<&str> = ts.iter().zip(&self.used[l]).filter(|(_, u)| !**u).map(|(t, _)| t.text.as_str()).collect();
            if !left.is_empty() {
                out.push(format!("{left:?} in {:?}", lines[l]));
            }
        }
        out
    }
}

/// Lines `l`, `l − 1`, `l + 1`, … within ±4 (and inside `0..n`).
fn around(l: usize, n: usize) -> Vec<usize> {
    let mut v = vec![l];
    for d in 1..=4 {
        if l >= d {
            v.push(l - d);
        }
        if l + d < n {
            v.push(l + d);
        }
    }
    v
}

/// PDF: under the caption, the lines under it (department, unit, date), then the header cells,
/// then each body row: a line holding the row's numbers (and nothing but them) and at least
/// one whole cell, with every other cell of the row within four lines of it. Every piece of
/// text in the table must belong to a seed cell.
#[test]
fn pdf_tables_are_the_seeds() {
    let lines = pdf_lines(&out().pdf);
    let regions = pdf_regions(&lines);
    let mut errors = Vec::new();
    for t in TABLES {
        let cap = t.caption.1;
        let Some((i, region)) = SECTIONS.iter().zip(&regions).find(|(s, _)| s.table == Some(cap)).map(|(_, r)| (pdf_caption(&lines, *r, cap), *r)) else {
            panic!("{cap}: no section")
        };
        let Some(i) = i else {
            errors.push(format!("PDF: no caption line {cap:?}"));
            continue;
        };
        let block = &lines[i + 1..region.1];
        let mut g = Grid::new(block);
        let all: Vec<usize> = (0..block.len()).collect();
        for (n, m) in t.meta.iter() {
            for piece in m.split(['|', ' ']).filter(|p| !p.is_empty()) {
                if !g.take(&norm(piece), &all) {
                    errors.push(format!("{cap} seed line {n}: {piece:?} not under the caption"));
                }
            }
        }
        for (n, h) in t.header {
            for c in non_empty(&expected_cells(*n, h)) {
                if !g.take(&c, &all) {
                    errors.push(format!("{cap} seed line {n}: header cell {c:?} not found"));
                }
            }
        }
        let mut prev = g.used.iter().rposition(|u| u.iter().any(|x| *x));
        for (n, cells) in body_rows(t) {
            let nums: Vec<_> = cells.iter().flat_map(|c| numbers(c)).collect();
            let from = prev.map_or(0, |p| p + 1);
            let found = (from..block.len()).find(|&l| {
                if numbers(&block[l]) != nums || !cells.iter().any(|c| !c.is_empty() && norm(&block[l]).contains(c.as_str())) {
                    return false;
                }
                let saved = g.used.clone();
                if cells.iter().filter(|c| !c.is_empty()).all(|c| g.take(c, &around(l, block.len()))) {
                    return true;
                }
                g.used = saved;
                false
            });
            match found {
                Some(l) => prev = Some(l),
                None => errors.push(format!("{cap} seed line {n}: no row {cells:?} (numbers {nums:?}) after PDF line {from} of the table:\n{}", block.join("\n"))),
            }
        }
        errors.extend(g.unused(block).into_iter().map(|u| format!("{cap}: text not in the seed: {u}")));
    }
    assert!(errors.is_empty(), "{} mismatches:\n{}", errors.len(), errors.join("\n"));
}

// ====================================================================================
// The 部门预算公开表 (表1–表10): not in the seed, but their totals are its figures.
// ====================================================================================

/// (caption, a row as the HTML grid has it, where the seed has the figure).
const BUDGET_ROWS: &[(&str, &str, &str)] = &[
    ("2021年部门收支总表（表1）", "本年收入合计|431.21|本年支出合计|431.21", "L40, L42: 收入、支出 431.21"),
    ("2021年部门收支总表（表1）", "收入总计|431.21|支出总计|431.21", "L40, L42"),
    ("2021年部门收入总表（表2）", "合计||431.21||431.21||||||||", "L40: all of it 一般公共预算拨款收入"),
    ("2021年部门支出总表（表3）", "合计||431.21|371.21|60", "L42: 基本 343.65 + 27.56 = 371.21, 项目 60"),
    ("2021年财政拨款收支总表（表4）", "收入总计|431.21|支出总计|431.21|431.21||", "L40"),
    ("2021年一般公共预算支出表（表5）", "合计||431.21|371.21|60", "L42"),
    ("2021年一般公共预算基本支出表（表6）", "合计||371.21|343.65|27.56", "L42: 人员经费 343.65, 正常公用经费 27.56"),
    ("2021年一般公共预算基本支出表（表6）", "302|商品和服务支出|27.56||27.56", "L42: 公用经费 27.56 (机关运行经费 4.26 ≤ 27.56, B-OFFICE-PUBLIC)"),
    ("2021年一般公共预算基本支出表（表6）", "30231|公务用车运行维护费|2.5||2.5", "L50: 公务用车运行维护费 2.5"),
    ("2021年一般公共预算“三公”经费支出表（表7）", "2.5||2.5||2.5|", "L50: 合计 2.5, 公务用车运行维护费 2.5; 出国、购置、接待 0 (blank)"),
    ("2021年政府性基金预算支出表（表8）", "合计||||", "no 政府性基金"),
    ("2021年国有资本经营预算支出表（表9）", "合计||||", "no 国有资本经营预算"),
    ("2021年项目支出表（表10）", "合计||60|60|||", "L42: 项目支出 60, all 本级"),
];

const EMPTY_TABLE_SENTENCES: &[&str] = &["本部门无政府性基金预算财政拨款安排，此表为空表。", "本部门无国有资本经营预算财政拨款安排，此表为空表。"];

#[test]
fn pdf_budget_tables_show_the_seeds_figures() {
    let lines = pdf_lines(&out().pdf);
    let start = pdf_heading(&lines, TABLES_PART);
    let mut errors = Vec::new();
    for (cap, row, seed) in BUDGET_ROWS {
        let Some(c) = lines[start..].iter().position(|l| norm(l) == norm(cap)).map(|i| i + start) else {
            errors.push(format!("PDF: no caption {cap}"));
            continue;
        };
        let end = lines[c + 1..].iter().position(|l| norm(l).starts_with("2021年") && norm(l).contains("（表")).map_or(lines.len(), |i| i + c + 1);
        let want = norm(&row.replace('|', ""));
        if !lines[c + 1..end].iter().any(|l| norm(l) == want) {
            errors.push(format!("{cap}: no line {want:?} ({seed})"));
        }
    }
    let text: String = lines[start..].iter().map(|l| norm(l)).collect();
    for s in EMPTY_TABLE_SENTENCES {
        if !text.contains(s) {
            errors.push(format!("PDF: {s:?} missing"));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn html_budget_tables_show_the_seeds_figures() {
    let tables = html_tables(&out().html);
    let mut errors = Vec::new();
    for (cap, row, seed) in BUDGET_ROWS {
        let Some(t) = tables.iter().find(|t| t.caption.starts_with(&norm(cap))) else {
            errors.push(format!("HTML: no table {cap}"));
            continue;
        };
        let want: Vec<String> = row.split('|').map(norm).collect();
        if !t.rows.iter().any(|(body, cells)| *body && cells.iter().map(|c| norm(c)).collect::<Vec<_>>() == want) {
            let rows: Vec<String> = t.rows.iter().filter(|r| r.0).map(|r| r.1.join("|")).collect();
            errors.push(format!("{cap}: no row {row:?} ({seed}); rows: {rows:#?}"));
        }
    }
    let blocks: String = html_blocks(&out().html).iter().map(|b| norm(&b.text)).collect();
    for s in EMPTY_TABLE_SENTENCES {
        if !blocks.contains(s) {
            errors.push(format!("HTML: {s:?} missing"));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

// ====================================================================================
// Titles and cover.
// ====================================================================================

/// The seed's titles (the document title, 一 … 九), then the 公开表 and its ten tables, which
/// gen-report adds. The seed has no table of contents.
fn toc() -> Vec<String> {
    let mut v: Vec<String> = SECTIONS.iter().map(|s| norm(s.heading.1)).collect();
    v.push(norm(TABLES_PART));
    v.extend(BUDGET_TABLE_HEADINGS.iter().map(|h| norm(h)));
    v
}

const BUDGET_TABLE_HEADINGS: &[&str] = &[
    "一、部门收支总表（表1）",
    "二、部门收入总表（表2）",
    "三、部门支出总表（表3）",
    "四、财政拨款收支总表（表4）",
    "五、一般公共预算支出表（表5）",
    "六、一般公共预算基本支出表（表6）",
    "七、一般公共预算“三公”经费支出表（表7）",
    "八、政府性基金预算支出表（表8）",
    "九、国有资本经营预算支出表（表9）",
    "十、项目支出表（表10）",
];

/// The sub-headings of 二 (seed lines 39, 41, 43), headings of their own in the report.
const SUBHEADINGS: &[&str] = &["1、收入说明", "2、支出说明", "3、比上年增减情况"];

fn body_titles() -> Vec<String> {
    let mut v = toc();
    let at = v.iter().position(|t| t.starts_with("二、")).unwrap() + 1;
    v.splice(at..at, SUBHEADINGS.iter().map(|s| norm(s)));
    v
}

#[test]
fn pdf_titles_in_order() {
    let lines = pdf_lines(&out().pdf);
    let body = pdf_heading(&lines, TITLE);
    let got: Vec<String> = lines[..body].iter().filter_map(|l| l.find(" . ").map(|i| norm(&l[..i]))).collect();
    assert_eq!(got, toc(), "PDF table of contents");
    let mut at = body;
    for want in body_titles() {
        match lines[at..].iter().position(|l| norm(l) == want) {
            Some(i) => at += i + 1,
            None => panic!("PDF: heading {want:?} not found as a line after line {at}"),
        }
    }
}

#[test]
fn html_titles_in_order() {
    let blocks = html_blocks(&out().html);
    let got: Vec<String> = blocks.iter().filter(|b| b.tag == "li" && b.class.as_deref().is_some_and(|c| c.starts_with("toc-"))).map(|b| norm(&b.text)).collect();
    assert_eq!(got, toc(), "HTML table of contents");
    let got: Vec<String> = blocks
        .iter()
        .filter(|b| matches!(b.tag.as_str(), "h2" | "h3" | "h4") && b.class.as_deref() != Some("toc-title"))
        .map(|b| norm(&b.text))
        .collect();
    assert_eq!(got, body_titles(), "HTML headings");
}

/// The cover carries the seed's title (line 2); the date is the example's `published`
/// (not printed in the seed).
#[test]
fn cover() {
    let lines = pdf_lines(&out().pdf);
    let toc = lines.iter().position(|l| norm(l) == "目录").expect("PDF: 目录");
    let cover: String = lines[..toc].iter().map(|l| norm(l)).collect();
    assert_eq!(cover, format!("{}2021年3月1日", norm(TITLE)));
    let h1: Vec<String> = html_blocks(&out().html).iter().filter(|b| b.tag == "h1").map(|b| norm(&b.text)).collect();
    assert_eq!(h1, [norm(TITLE)]);
}

// ====================================================================================
// The deviations and the embedded text.
// ====================================================================================

/// Each deviation applies to the embedded seed text (its seed form occurs exactly once on its
/// line) and really changes it.
#[test]
fn deviations_apply_to_the_seed_text() {
    let mut lines: Vec<(u32, &str)> = SECTIONS.iter().flat_map(|s| s.text.iter().copied()).collect();
    for t in TABLES {
        for (n, spec) in t.meta.iter().chain(t.header).chain(t.rows) {
            lines.extend(spec.split('|').enumerate().map(|(k, c)| (n + k as u32, c)));
        }
    }
    for d in all_deviations() {
        let Some((_, text)) = lines.iter().find(|(n, _)| *n == d.line) else { panic!("seed line {}: not embedded ({})", d.line, d.why) };
        assert_eq!(text.matches(d.seed).count(), 1, "seed line {}: {:?} must occur once in {text:?}", d.line, d.seed);
        assert_ne!(norm(d.seed), norm(d.generated), "seed line {}: not a deviation ({})", d.line, d.why);
    }
    for (n, why) in DROPPED_ROWS {
        assert!(TABLES.iter().any(|t| t.rows.iter().any(|r| r.0 == *n)), "seed line {n}: no such row ({why})");
    }
}

/// The embedded text is the seed's, line for line, and leaves no line of the seed out.
/// Skipped where the seeds are not checked out next to the repository (CI).
#[test]
fn embedded_text_is_the_seed() {
    let Ok(seed) = std::fs::read_to_string(SEED_FILE) else { return };
    let seed: Vec<&str> = seed.lines().collect();
    let mut embedded: Vec<(u32, String)> = Vec::new();
    for s in SECTIONS {
        embedded.push((s.heading.0, s.heading.1.to_string()));
        embedded.extend(s.text.iter().map(|(n, t)| (*n, t.to_string())));
    }
    for t in TABLES {
        embedded.push((t.caption.0, t.caption.1.to_string()));
        for (n, spec) in t.meta.iter().chain(t.header).chain(t.rows) {
            let cells: Vec<&str> = spec.split('|').collect();
            embedded.extend(cells.iter().enumerate().map(|(k, c)| (n + k as u32, c.to_string())));
            let after = seed.get((n + cells.len() as u32) as usize - 1).copied().unwrap_or("");
            assert!(!after.starts_with('\t'), "seed line {n}: the row has more cells than {spec:?}");
        }
    }
    for (n, text) in &embedded {
        let line = seed.get(*n as usize - 1).unwrap_or_else(|| panic!("seed line {n} does not exist"));
        assert_eq!(line.trim(), text, "seed line {n}");
    }
    for (i, line) in seed.iter().enumerate() {
        let n = i as u32 + 1;
        let covered = embedded.iter().filter(|(m, _)| *m == n).count();
        if line.trim().is_empty() {
            assert!(covered <= 1, "seed line {n}: embedded twice");
        } else {
            assert_eq!(covered, 1, "seed line {n} ({line:?}): embedded {covered} times");
        }
    }
}
