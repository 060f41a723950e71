//! The YAML source format: one department-year, every fact typed once. These types mirror
//! the file the finance officer writes; nothing here is computed. Amounts are kept as the
//! scalar's text with its span (`Amt`) and parsed into exact decimals by `model`, so that
//! every malformed amount in the file is reported in one run, each at its line and column.
//!
//! The primitives (`Sp`, `Amt`, `Text`) and the shared `Department` are in `core::source`.
//! Keep these types free of `#[serde(flatten)]` and untagged enums: serde-saphyr's spans
//! are lost inside them.

use crate::core::source::{AcceptedWarning, Amt, Department, Sp, Text};
use crate::performance::overall::OverallSelfEval;
use crate::performance::source::{ProjectEval, Scheme};
use schemars::JsonSchema;
use serde::Deserialize;

/// 一个部门一个年度的部门决算源数据。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// 文档类型：final_accounts（部门决算，默认）或 performance_report（部门整体支出绩效自评报告）。
    #[serde(default)]
    pub document: Option<Text>,
    /// 城市模板（版式与措辞）：hubei（默认）、hunan、hebei。
    #[serde(default)]
    pub city: Option<Text>,
    /// 绩效自评的评分办法：hubei 或 hunan；省略时取城市模板的设置。自评数据是按哪个办法填的，就写哪个。
    #[serde(default)]
    pub scoring: Option<Sp<Scheme>>,
    /// 部门基本信息。
    pub department: Department,
    /// 部门主要职能，每条一项。
    pub functions: Vec<Text>,
    /// 部门决算单位构成：本级及下属单位。
    pub units: Vec<Unit>,
    /// 人员构成。
    pub staff: Staff,
    /// 本年支出，按支出功能分类科目（项级，7 位）逐行填写；同一科目由不同资金来源安排时分行填写。
    /// 类（3 位）、款（5 位）行是可选的小计，填写时必须等于其下各项之和。
    pub expenditure: Vec<ExpRow>,
    /// 本年收入，按功能分类科目。省略时视为每个科目的收入等于其财政拨款支出（无结转结余）。
    #[serde(default)]
    pub income_by_function: Option<Vec<IncomeRow>>,
    /// 年初、年末结转和结余，按资金性质。年末数可省略（自动计算）；填写时必须等于年初+收入−支出。
    #[serde(default)]
    pub carryover: Option<Carryover>,
    /// 使用非财政拨款结余（表1 第28行）。
    #[serde(default)]
    pub use_of_non_fiscal_balance: Option<Amt>,
    /// 结余分配（表1 第58行）。
    #[serde(default)]
    pub balance_distribution: Option<Amt>,
    /// 一般公共预算财政拨款基本支出，按部门预算支出经济分类科目（款级，5 位）。
    pub basic_by_economic: Vec<EconRow>,
    /// 本年度的部门预算公开源文件（document: budget，相对于本文件，须在数据目录之内），如
    /// ../../2020/本部门-budget.yaml。年初预算（按类）和“三公”经费年初预算由它取得，不必再填；
    /// 同时填写时两处须一致。
    #[serde(default)]
    pub budget: Option<Text>,
    /// 一般公共预算财政拨款年初预算，按功能分类“类”（3 位）或“项”（7 位），附决算与预算差异的原因。
    /// 有 budget: 链接时可省略，或只写 code 和 reason（金额由预算文件取得）。
    #[serde(default)]
    pub initial_budget: Option<Vec<BudgetRow>>,
    /// “三公”经费年初预算数与决算数。
    pub three_public: ThreePublic,
    /// 机关运行经费支出（万元）。
    pub office_operation: Amt,
    /// 机关运行经费年初预算数（湖南版式“比年初预算数增减”，可选）。
    #[serde(default)]
    pub office_operation_budget: Option<Amt>,
    /// 一般性支出：会议费、培训费（湖南版式“其他重要事项”，可选）。
    #[serde(default)]
    pub general_spending: Option<GeneralSpending>,
    /// 政府采购支出。
    pub procurement: Procurement,
    /// 国有资产占用情况。
    pub assets: Assets,
    /// 上年的源数据文件（相对本文件的路径，如 ../2019/汉阳区信访局.yaml）。填写后，
    /// “与上年相比”的基数和年初结转和结余的核对都取自上年文件。
    #[serde(default)]
    pub prior: Option<Text>,
    /// 上年决算数，用于“与上年相比”；没有上年文件时必填，有上年文件时可省略（填写则核对）。
    #[serde(default)]
    pub prior_year: Option<Prior>,
    /// 情况说明中各项增减变动的原因。
    #[serde(default)]
    pub reasons: Reasons,
    /// 项目支出：每个一级项目一次，名称与金额全文统一使用。
    #[serde(default)]
    pub projects: Vec<Project>,
    /// 预算绩效情况说明中的文字部分。
    #[serde(default)]
    pub performance: Performance,
    /// 重点工作完成情况。
    #[serde(default)]
    pub key_work: Option<KeyWork>,
    /// 可选：表中印出的合计数（总计、合计、小计）。程序自行计算每个合计；此处填写的数
    /// 只用来核对，必须与计算结果一致，从不代替计算结果。
    #[serde(default)]
    pub totals: Option<Totals>,
    /// 第五部分 附件：支出绩效自评报告（湖南版式，seed 000）。数字取自本文件的决算数据。
    #[serde(default)]
    pub performance_report: Option<PerformanceAnnex>,
    /// 其他重要事项中“其他”一节的段落（如公开渠道的说明）。
    #[serde(default)]
    pub other_matters: Vec<Text>,
    /// 用户自己的模板目录（相对本文件），在查找链中排在城市模板之前；不能指向项目之外。
    #[serde(default)]
    pub templates: Option<Text>,
    /// 附件2 整体支出绩效自评报告（湖北）。
    #[serde(default)]
    pub overall_self_evaluation: Option<OverallSelfEval>,
    /// 已核实、接受的警告：写明规则编号和理由后，该规则的警告不再显示（错误不能接受）。
    #[serde(default)]
    pub accepted_warnings: Vec<AcceptedWarning>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// 单位名称。
    pub name: Text,
    /// 单位性质：行政单位、参照公务员法管理事业单位、全额拨款事业单位、差额拨款事业单位、自收自支事业单位等。
    pub kind: Text,
    /// 是否为部门本级（有且只有一个）。
    #[serde(default)]
    pub main: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    /// 在职实有人数，按类别，如 行政 5、事业 5。
    pub active: Vec<Headcount>,
    /// 离退休人员，按类别，如 退休 8、离休 0。
    #[serde(default)]
    pub retired: Vec<Headcount>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Headcount {
    /// 类别名称。
    pub kind: Text,
    /// 人数。
    pub count: Sp<u32>,
}

/// 财政拨款资金性质。
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Default)]
#[serde(rename_all = "snake_case")]
pub enum Fund {
    /// 一般公共预算财政拨款
    #[default]
    General,
    /// 政府性基金预算财政拨款
    GovFund,
    /// 国有资本经营预算财政拨款
    StateCapital,
    /// 非财政拨款资金（上级补助、事业收入等）
    NonFiscal,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpRow {
    /// 支出功能分类科目编码：项 7 位；类 3 位、款 5 位为可选小计。
    pub code: Text,
    /// 科目名称；省略时取报告年度的科目名称（gen-report codes 编码 --year 年度）。填写的名称在表中和名词解释中照印；类、款行（3、5 位）只写 code 和 name 即为该类、款命名。
    #[serde(default)]
    pub name: Option<Text>,
    /// 资金来源，默认 general（一般公共预算财政拨款）。
    #[serde(default)]
    pub fund: Option<Sp<Fund>>,
    /// 基本支出。
    #[serde(default)]
    pub basic: Option<Amt>,
    /// 项目支出。
    #[serde(default)]
    pub project: Option<Amt>,
    /// 上缴上级支出。
    #[serde(default)]
    pub upper: Option<Amt>,
    /// 经营支出。
    #[serde(default)]
    pub operating: Option<Amt>,
    /// 对附属单位补助支出。
    #[serde(default)]
    pub subsidiary: Option<Amt>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeRow {
    /// 功能分类科目编码（项 7 位）。
    pub code: Text,
    /// 科目名称；省略时取报告年度的科目名称。
    #[serde(default)]
    pub name: Option<Text>,
    /// 一般公共预算财政拨款收入。
    #[serde(default)]
    pub general: Option<Amt>,
    /// 政府性基金预算财政拨款收入。
    #[serde(default)]
    pub gov_fund: Option<Amt>,
    /// 国有资本经营预算财政拨款收入。
    #[serde(default)]
    pub state_capital: Option<Amt>,
    /// 上级补助收入。
    #[serde(default)]
    pub superior: Option<Amt>,
    /// 事业收入。
    #[serde(default)]
    pub business: Option<Amt>,
    /// 经营收入。
    #[serde(default)]
    pub operating: Option<Amt>,
    /// 附属单位上缴收入。
    #[serde(default)]
    pub affiliated: Option<Amt>,
    /// 其他收入。
    #[serde(default)]
    pub other: Option<Amt>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundAmounts {
    #[serde(default)]
    pub general: Option<Amt>,
    #[serde(default)]
    pub gov_fund: Option<Amt>,
    #[serde(default)]
    pub state_capital: Option<Amt>,
    #[serde(default)]
    pub non_fiscal: Option<Amt>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Carryover {
    /// 年初结转和结余。
    #[serde(default)]
    pub opening: FundAmounts,
    /// 年末结转和结余（可省略，自动计算；填写则核对）。
    #[serde(default)]
    pub closing: Option<FundAmounts>,
    /// 政府性基金年初结转和结余按功能分类科目（项）的分布，用于表8 各行；合计必须等于 opening.gov_fund。
    #[serde(default)]
    pub gov_fund_by_code: Vec<CodeAmount>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeAmount {
    /// 功能分类科目编码（项 7 位）。
    pub code: Text,
    /// 科目名称；省略时取报告年度的科目名称。
    #[serde(default)]
    pub name: Option<Text>,
    /// 年初结转和结余。
    pub opening: Amt,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EconRow {
    /// 经济分类科目编码（款 5 位；类 3 位为可选小计）。
    pub code: Text,
    /// 科目名称；省略时取报告年度的科目名称。
    #[serde(default)]
    pub name: Option<Text>,
    /// 决算数。
    pub amount: Amt,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetRow {
    /// 功能分类编码：“类”（3 位），或“项”（7 位，湖南版式逐项说明）。同一类不能两种都填。
    pub code: Text,
    /// 年初预算数；有 budget: 链接时可省略（由预算文件取得）。
    #[serde(default)]
    pub amount: Option<Amt>,
    /// 决算与年初预算不同（年中追加或低于 95%）的原因。
    #[serde(default)]
    pub reason: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreeItems {
    /// 因公出国（境）费。
    pub abroad: Amt,
    /// 公务用车购置费。
    pub vehicle_purchase: Amt,
    /// 公务用车运行费。
    pub vehicle_operation: Amt,
    /// 公务接待费。
    pub reception: Amt,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreeReasons {
    /// 因公出国（境）费决算与预算差异的原因。
    #[serde(default)]
    pub abroad: Option<Text>,
    /// 公务用车购置及运行费决算与预算差异的原因。
    #[serde(default)]
    pub vehicle: Option<Text>,
    /// 公务接待费决算与预算差异的原因。
    #[serde(default)]
    pub reception: Option<Text>,
    /// “三公”经费比上年增减的原因。
    #[serde(default)]
    pub change: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreePublic {
    /// 年初预算数；有 budget: 链接时可省略（由预算文件取得）。
    #[serde(default)]
    pub budget: Option<ThreeItems>,
    /// 决算数。
    pub actual: ThreeItems,
    #[serde(default)]
    pub reasons: ThreeReasons,
    /// 出国团组、接待批次等（湖南版式“三公”经费具体情况说明）；省略为 0。
    #[serde(default)]
    pub activity: ThreeActivity,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreeActivity {
    /// 因公出国（境）团组数。
    #[serde(default)]
    pub abroad_groups: Option<Sp<u32>>,
    /// 因公出国（境）人次。
    #[serde(default)]
    pub abroad_people: Option<Sp<u32>>,
    /// 公务接待团组数。
    #[serde(default)]
    pub reception_groups: Option<Sp<u32>>,
    /// 公务接待人次。
    #[serde(default)]
    pub reception_people: Option<Sp<u32>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    /// 政府采购货物支出。
    pub goods: Amt,
    /// 政府采购工程支出。
    pub works: Amt,
    /// 政府采购服务支出。
    pub services: Amt,
    /// 授予中小企业合同金额（可选，不超过采购总额）。
    #[serde(default)]
    pub sme: Option<Amt>,
    /// 其中授予小微企业合同金额（可选，不超过中小企业金额）。
    #[serde(default)]
    pub small_micro: Option<Amt>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    /// 截至年底的车辆数（辆）。
    pub vehicles: Sp<u32>,
    /// 单位价值50万元以上通用设备（台、套）。
    #[serde(default)]
    pub general_equipment: Option<Sp<u32>>,
    /// 单位价值100万元以上专用设备（台、套）。
    #[serde(default)]
    pub special_equipment: Option<Sp<u32>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prior {
    /// 上年收、支总计：上年表1 的“收入总计”（= 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余）。
    /// 与本年收、支总计比较（情况说明“收入支出决算总体情况”）。
    pub total: Amt,
    /// 上年财政拨款收、支总计：上年表4 的“收入总计”（= 财政拨款本年收入合计 + 年初财政拨款结转和结余），
    /// 不是财政拨款收入。比较财政拨款收入的城市用 fiscal_income。
    pub fiscal_total: Amt,
    /// 上年一般公共预算财政拨款支出：上年表5 的合计。
    pub general_budget_spend: Amt,
    /// 上年“三公”经费决算数：上年表7 的决算数。
    pub three_public: ThreeItems,
    /// 上年机关运行经费支出。
    pub office_operation: Amt,
    /// 上年本年收入合计：上年表1 的“本年收入合计”（不含年初结转和结余），供比较本年收入的版式使用（可选）。
    #[serde(default)]
    pub income: Option<Amt>,
    /// 上年本年支出合计：上年表1 的“本年支出合计”（不含年末结转和结余），供比较本年支出的版式使用（可选）。
    #[serde(default)]
    pub expenditure: Option<Amt>,
    /// 上年财政拨款收入：上年表4 的“本年收入合计”（不含年初结转和结余），供比较财政拨款收入的版式使用（可选）。
    #[serde(default)]
    pub fiscal_income: Option<Amt>,
}

/// 决算附件中的支出绩效自评报告：只填文字；预算、收支、人员和项目支出的数字由程序从决算数据计算。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerformanceAnnex {
    /// 一（一）单位基本情况（不含人数，人数取自 staff）。
    pub intro: Text,
    /// 一（二）年度整体支出绩效目标。
    pub goals: Text,
    /// 六（一）部门整体支出绩效情况，分段填写。
    pub overall: Vec<Text>,
    /// 六（二）专项资金支出：各项金额之和须等于本年项目支出。
    #[serde(default)]
    pub special_funds: Vec<SpecialFund>,
    /// 七、存在的问题及原因分析（省略印“无”）。
    #[serde(default)]
    pub problems: Option<Text>,
    /// 八、下一步改进措施。
    #[serde(default)]
    pub measures: Option<Text>,
    /// 九、绩效自评结果拟应用和公开情况。
    #[serde(default)]
    pub application: Option<Text>,
    /// 十、其他需要说明的情况。
    #[serde(default)]
    pub other: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecialFund {
    /// 用途，如 全国“两会”特护期差旅费。
    pub name: Text,
    /// 实际支出。
    pub amount: Amt,
    /// 绩效情况（可选）。
    #[serde(default)]
    pub text: Option<Text>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GeneralSpending {
    /// 会议费支出。
    #[serde(default)]
    pub meetings: Option<Amt>,
    /// 培训费支出。
    #[serde(default)]
    pub training: Option<Amt>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reasons {
    /// 收、支总计比上年增减的主要原因。
    #[serde(default)]
    pub total_change: Option<Text>,
    /// 财政拨款收、支总计比上年增减的主要原因（省略时沿用 total_change）。
    #[serde(default)]
    pub fiscal_change: Option<Text>,
    /// 一般公共预算财政拨款支出比上年增减的主要原因（省略时沿用 fiscal_change）。
    #[serde(default)]
    pub general_budget_change: Option<Text>,
    /// 机关运行经费比上年增减的主要原因。
    #[serde(default)]
    pub office_operation_change: Option<Text>,
    /// 机关运行经费与表6 公用经费口径不同的原因（两者不等时填写）。
    #[serde(default)]
    pub office_operation_vs_public: Option<Text>,
    /// 机关运行经费决算与年初预算数不同的原因（填写了 office_operation_budget 时）。
    #[serde(default)]
    pub office_operation_vs_budget: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 项目名称（全文统一）。
    pub name: Text,
    /// 全年预算数。
    pub budget: Amt,
    /// 全年执行数（一般公共预算项目支出）。
    pub actual: Amt,
    /// 资金用途，接在“用于”之后，如：划拨到各街道及相关部门，化解社会矛盾。
    #[serde(default)]
    pub purpose: Option<Text>,
    /// 资金包括的内容（可选），写在名称后的括号内。
    #[serde(default)]
    pub includes: Option<Text>,
    /// 主要产出和效益。
    #[serde(default)]
    pub outcome: Option<Text>,
    /// 项目支出绩效自评（自评表的指标、得分和说明）。
    #[serde(default)]
    pub evaluation: Option<ProjectEval>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    /// 预算绩效管理工作开展情况中的评价结论。
    #[serde(default)]
    pub management: Option<Text>,
    /// 单位整体支出自评结果（文字）。
    #[serde(default)]
    pub overall: Option<Text>,
    /// 发现的问题及原因。
    #[serde(default)]
    pub problems: Option<Text>,
    /// 下一步改进措施。
    #[serde(default)]
    pub measures: Option<Text>,
    /// 绩效自评结果应用情况。
    #[serde(default)]
    pub application: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyWork {
    /// 段落。
    #[serde(default)]
    pub paragraphs: Vec<Text>,
    /// 重要事项表。
    #[serde(default)]
    pub items: Vec<KeyItem>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyItem {
    /// 重要事项。
    pub item: Text,
    /// 工作内容及目标。
    pub target: Text,
    /// 完成情况。
    pub result: Text,
}

/// 表中印出的合计数。程序自己计算每一个合计；这里填写的（如从决算软件或工作簿抄来的）
/// 只用来核对：与计算结果不同时在该行报错，从不代替计算结果。字段按表分组，
/// 每个字段的说明写明它是哪张表的哪一个数。
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// 本年收入合计（表1 第9行、表2 合计行第1栏；同 t1.income）。
    #[serde(default)]
    pub income: Option<Amt>,
    /// 本年支出合计（表1、表3 合计行第1栏；同 t1.expenditure）。
    #[serde(default)]
    pub expenditure: Option<Amt>,
    /// 基本支出合计（表3 合计行第2栏）。
    #[serde(default)]
    pub basic: Option<Amt>,
    /// 项目支出合计（表3 合计行第3栏）。
    #[serde(default)]
    pub project: Option<Amt>,
    /// 人员经费合计（表6）。
    #[serde(default)]
    pub personnel: Option<Amt>,
    /// 公用经费合计（表6）。
    #[serde(default)]
    pub public: Option<Amt>,
    /// “三公”经费决算合计（表7 第7栏）。
    #[serde(default)]
    pub three_public: Option<Amt>,
    /// 政府采购支出总额（情况说明“政府采购支出情况”）。
    #[serde(default)]
    pub procurement: Option<Amt>,
    /// 年初预算合计：一般公共预算财政拨款年初预算数（情况说明“一般公共预算财政拨款支出决算情况”）。
    #[serde(default)]
    pub initial_budget: Option<Amt>,
    /// 表1 收入支出决算总表。
    #[serde(default)]
    pub t1: Option<T1Totals>,
    /// 表2 收入决算表的合计行。
    #[serde(default)]
    pub t2: Option<T2Totals>,
    /// 表3 支出决算表的合计行。
    #[serde(default)]
    pub t3: Option<T3Totals>,
    /// 表4 财政拨款收入支出决算总表。
    #[serde(default)]
    pub t4: Option<T4Totals>,
    /// 表5 一般公共预算财政拨款支出决算表的合计行。
    #[serde(default)]
    pub t5: Option<ColumnsTotals>,
    /// 表6 一般公共预算财政拨款基本支出决算表的合计。
    #[serde(default)]
    pub t6: Option<T6Totals>,
    /// 表7 “三公”经费支出决算表的合计栏。
    #[serde(default)]
    pub t7: Option<T7Totals>,
    /// 表8 政府性基金预算财政拨款收入支出决算表的合计行。
    #[serde(default)]
    pub t8: Option<T8Totals>,
    /// 表9 国有资本经营预算财政拨款支出决算表的合计行。
    #[serde(default)]
    pub t9: Option<ColumnsTotals>,
}

/// 表1 的合计、结转和总计行。
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct T1Totals {
    /// 本年收入合计（左栏）。
    #[serde(default)]
    pub income: Option<Amt>,
    /// 本年支出合计（右栏）。
    #[serde(default)]
    pub expenditure: Option<Amt>,
    /// 年初结转和结余。
    #[serde(default)]
    pub opening: Option<Amt>,
    /// 年末结转和结余。
    #[serde(default)]
    pub closing: Option<Amt>,
    /// 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余。
    #[serde(default)]
    pub income_total: Option<Amt>,
    /// 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余。
    #[serde(default)]
    pub expenditure_total: Option<Amt>,
}

/// 表2 合计行：本年收入合计及各收入来源。
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct T2Totals {
    /// 本年收入合计（第1栏）。
    #[serde(default)]
    pub total: Option<Amt>,
    /// 财政拨款收入（第2栏）。
    #[serde(default)]
    pub fiscal: Option<Amt>,
    /// 上级补助收入（第3栏）。
    #[serde(default)]
    pub superior: Option<Amt>,
    /// 事业收入（第4栏）。
    #[serde(default)]
    pub business: Option<Amt>,
    /// 经营收入（第5栏）。
    #[serde(default)]
    pub operating: Option<Amt>,
    /// 附属单位上缴收入（第6栏）。
    #[serde(default)]
    pub affiliated: Option<Amt>,
    /// 其他收入（第7栏）。
    #[serde(default)]
    pub other: Option<Amt>,
}

/// 表3 合计行：本年支出合计及各支出性质。
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct T3Totals {
    /// 本年支出合计（第1栏）。
    #[serde(default)]
    pub total: Option<Amt>,
    /// 基本支出（第2栏）。
    #[serde(default)]
    pub basic: Option<Amt>,
    /// 项目支出（第3栏）。
    #[serde(default)]
    pub project: Option<Amt>,
    /// 上缴上级支出（第4栏）。
    #[serde(default)]
    pub upper: Option<Amt>,
    /// 经营支出（第5栏）。
    #[serde(default)]
    pub operating: Option<Amt>,
    /// 对附属单位补助支出（第6栏）。
    #[serde(default)]
    pub subsidiary: Option<Amt>,
}

/// 表4 的合计、结转和总计行。
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct T4Totals {
    /// 本年收入合计（财政拨款）。
    #[serde(default)]
    pub income: Option<Amt>,
    /// 本年支出合计（财政拨款，第2栏）。
    #[serde(default)]
    pub expenditure: Option<Amt>,
    /// 本年支出合计中的一般公共预算财政拨款（第3栏）。
    #[serde(default)]
    pub expenditure_general: Option<Amt>,
    /// 本年支出合计中的政府性基金预算财政拨款（第4栏）。
    #[serde(default)]
    pub expenditure_gov_fund: Option<Amt>,
    /// 本年支出合计中的国有资本经营预算财政拨款（第5栏）。
    #[serde(default)]
    pub expenditure_state_capital: Option<Amt>,
    /// 年初财政拨款结转和结余。
    #[serde(default)]
    pub opening: Option<Amt>,
    /// 年末财政拨款结转和结余。
    #[serde(default)]
    pub closing: Option<Amt>,
    /// 收入总计（财政拨款收、支总计）= 本年收入合计 + 年初财政拨款结转和结余。
    #[serde(default)]
    pub income_total: Option<Amt>,
    /// 支出总计 = 本年支出合计 + 年末财政拨款结转和结余。
    #[serde(default)]
    pub expenditure_total: Option<Amt>,
}

/// 合计、基本支出、项目支出三栏的合计行（表5、表9）。
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnsTotals {
    /// 合计（小计）栏。
    #[serde(default)]
    pub total: Option<Amt>,
    /// 基本支出栏。
    #[serde(default)]
    pub basic: Option<Amt>,
    /// 项目支出栏。
    #[serde(default)]
    pub project: Option<Amt>,
}

/// 表6 的人员经费合计、公用经费合计。
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct T6Totals {
    /// 人员经费合计。
    #[serde(default)]
    pub personnel: Option<Amt>,
    /// 公用经费合计。
    #[serde(default)]
    pub public: Option<Amt>,
}

/// 表7 的合计栏与公务用车小计栏。
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct T7Totals {
    /// 预算数合计（第1栏）。
    #[serde(default)]
    pub budget: Option<Amt>,
    /// 预算数中公务用车购置及运行费小计（第3栏）。
    #[serde(default)]
    pub budget_vehicle: Option<Amt>,
    /// 决算数合计（第7栏）。
    #[serde(default)]
    pub actual: Option<Amt>,
    /// 决算数中公务用车购置及运行费小计（第9栏）。
    #[serde(default)]
    pub actual_vehicle: Option<Amt>,
}

/// 表8 合计行。
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct T8Totals {
    /// 年初结转和结余（第1栏）。
    #[serde(default)]
    pub opening: Option<Amt>,
    /// 本年收入（第2栏）。
    #[serde(default)]
    pub income: Option<Amt>,
    /// 本年支出小计（第3栏）。
    #[serde(default)]
    pub expenditure: Option<Amt>,
    /// 基本支出（第4栏）。
    #[serde(default)]
    pub basic: Option<Amt>,
    /// 项目支出（第5栏）。
    #[serde(default)]
    pub project: Option<Amt>,
    /// 年末结转和结余（第6栏）。
    #[serde(default)]
    pub closing: Option<Amt>,
}

impl Totals {
    /// Every total typed, with its field path (`totals.t1.income_total`).
    pub fn typed(&self) -> Vec<(String, &Amt)> {
        fn push<'a>(out: &mut Vec<(String, &'a Amt)>, group: &str, list: &[(&str, &'a Option<Amt>)]) {
            for (key, v) in list {
                if let Some(a) = v {
                    out.push((if group.is_empty() { format!("totals.{key}") } else { format!("totals.{group}.{key}") }, a));
                }
            }
        }
        let mut out = Vec::new();
        push(&mut out, "", &[("income", &self.income), ("expenditure", &self.expenditure), ("basic", &self.basic), ("project", &self.project), ("personnel", &self.personnel), ("public", &self.public), ("three_public", &self.three_public), ("procurement", &self.procurement), ("initial_budget", &self.initial_budget)]);
        if let Some(t) = &self.t1 {
            push(&mut out, "t1", &[("income", &t.income), ("expenditure", &t.expenditure), ("opening", &t.opening), ("closing", &t.closing), ("income_total", &t.income_total), ("expenditure_total", &t.expenditure_total)]);
        }
        if let Some(t) = &self.t2 {
            push(&mut out, "t2", &[("total", &t.total), ("fiscal", &t.fiscal), ("superior", &t.superior), ("business", &t.business), ("operating", &t.operating), ("affiliated", &t.affiliated), ("other", &t.other)]);
        }
        if let Some(t) = &self.t3 {
            push(&mut out, "t3", &[("total", &t.total), ("basic", &t.basic), ("project", &t.project), ("upper", &t.upper), ("operating", &t.operating), ("subsidiary", &t.subsidiary)]);
        }
        if let Some(t) = &self.t4 {
            push(&mut out, "t4", &[("income", &t.income), ("expenditure", &t.expenditure), ("expenditure_general", &t.expenditure_general), ("expenditure_gov_fund", &t.expenditure_gov_fund), ("expenditure_state_capital", &t.expenditure_state_capital), ("opening", &t.opening), ("closing", &t.closing), ("income_total", &t.income_total), ("expenditure_total", &t.expenditure_total)]);
        }
        for (group, t) in [("t5", &self.t5), ("t9", &self.t9)] {
            if let Some(t) = t {
                push(&mut out, group, &[("total", &t.total), ("basic", &t.basic), ("project", &t.project)]);
            }
        }
        if let Some(t) = &self.t6 {
            push(&mut out, "t6", &[("personnel", &t.personnel), ("public", &t.public)]);
        }
        if let Some(t) = &self.t7 {
            push(&mut out, "t7", &[("budget", &t.budget), ("budget_vehicle", &t.budget_vehicle), ("actual", &t.actual), ("actual_vehicle", &t.actual_vehicle)]);
        }
        if let Some(t) = &self.t8 {
            push(&mut out, "t8", &[("opening", &t.opening), ("income", &t.income), ("expenditure", &t.expenditure), ("basic", &t.basic), ("project", &t.project), ("closing", &t.closing)]);
        }
        out
    }
}
