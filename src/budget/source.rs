//! The YAML source of a 部门预算公开 (`document: budget`): one department-year, every fact
//! typed once. The 项-level lines by fund source and by 基本/项目, the economic lines of the
//! 基本支出, the projects, the “三公” and 机关运行经费 budgets, the performance targets, the
//! procurement plan and the fixed assets. Every total, table and figure quoted in the text is
//! computed from these; a total typed anyway (`totals`) is checked, never used.
//!
//! Keep these types free of `#[serde(flatten)]` and untagged enums: serde-saphyr's spans
//! are lost inside them.

use crate::core::source::{AcceptedWarning, Amt, Department, Sp, Text};
use schemars::JsonSchema;
use serde::Deserialize;

/// 一个部门一个年度的部门预算公开源数据。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetSource {
    /// 文档类型：budget（部门预算公开）。
    pub document: Text,
    /// 城市模板（版式与措辞）：hebei、hubei、hunan；省略时为 hebei。
    #[serde(default)]
    pub city: Option<Text>,
    /// 用户模板目录（相对于本文件，须在数据目录之内）。
    #[serde(default)]
    pub templates: Option<Text>,
    /// 部门基本信息（year 为预算年度）。
    pub department: Department,
    /// 单位编码，印在表头的部门名称前，如 455。
    #[serde(default)]
    pub code: Option<Text>,
    /// 部门职责，每条一段。
    pub functions: Vec<Text>,
    /// 机构设置：纳入本部门预算的单位。
    pub units: Vec<Unit>,
    /// 本年预算支出，按支出功能分类科目（项级，7 位）逐行填写，每行注明资金来源；同一科目由
    /// 不同资金来源安排时分行填写。收入、支出的各种合计都由这些行计算。
    pub lines: Vec<Line>,
    /// 一般公共预算拨款基本支出，按部门预算支出经济分类科目（款级，5 位）。人员经费为 301、303
    /// 类之和，公用经费为其余各类之和。
    pub basic_by_economic: Vec<EconLine>,
    /// 项目支出表：每个项目的预算。各资金来源的项目合计须等于该来源各行的项目支出之和。
    #[serde(default)]
    pub projects: Vec<Project>,
    /// 财政拨款“三公”经费预算。
    pub three_public: ThreePublic,
    /// 机关运行经费预算。
    pub office_operation: OfficeOperation,
    /// 上年度的部门预算公开源文件（相对于本文件，须在数据目录之内），如 ../2020/本部门-budget.yaml。
    /// 上年数由它计算；与 prior_year 同时填写时两者须一致。
    #[serde(default)]
    pub prior: Option<Text>,
    /// 上年预算数（没有上年文件时填写）。
    #[serde(default)]
    pub prior_year: Option<PriorYear>,
    /// 比上年增减的原因。
    #[serde(default)]
    pub reasons: Reasons,
    /// 预算绩效信息。
    #[serde(default)]
    pub performance: Option<Performance>,
    /// 政府采购预算；省略或为空时印“空表列示”。
    #[serde(default)]
    pub procurement: Vec<Purchase>,
    /// 国有资产信息：部门固定资产占用情况表（上年末数）与本年度拟购固定资产。
    pub assets: Assets,
    /// 其他说明事项，每条一段；省略时印“我部门无其他说明事项。”
    #[serde(default)]
    pub other_notes: Vec<Text>,
    /// 照原表填写的合计数，用于核对（不参与计算）。
    #[serde(default)]
    pub totals: Option<Totals>,
    /// 接受的警告：规则编号与理由。
    #[serde(default)]
    pub accepted_warnings: Vec<AcceptedWarning>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// 单位名称。
    pub name: Text,
    /// 单位性质，如 行政、参公事业、财政补助事业。
    pub nature: Text,
    /// 单位规格，如 正科级。
    pub rank: Text,
    /// 经费保障形式，如 财政拨款、财政补助。
    pub funding: Text,
}

/// 资金来源。
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fund {
    /// 一般公共预算拨款
    General,
    /// 政府性基金预算拨款
    GovFund,
    /// 国有资本经营预算拨款
    StateCapital,
    /// 财政专户管理资金
    Special,
    /// 事业收入
    Business,
    /// 事业单位经营收入
    Operating,
    /// 上级补助收入
    Superior,
    /// 附属单位上缴收入
    Affiliated,
    /// 其他收入
    Other,
    /// 上年结转
    Carried,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// 功能分类科目编码（项级，7 位），加引号，如 "2010301"。
    pub code: Text,
    /// 科目名称；省略时取该年度的政府收支分类科目。
    #[serde(default)]
    pub name: Option<Text>,
    /// 资金来源；省略为 general（一般公共预算拨款）。
    #[serde(default)]
    pub fund: Option<Sp<Fund>>,
    /// 基本支出。
    #[serde(default)]
    pub basic: Option<Amt>,
    /// 项目支出。
    #[serde(default)]
    pub project: Option<Amt>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EconLine {
    /// 部门预算支出经济分类科目编码（款级，5 位），如 "30101"。
    pub code: Text,
    /// 科目名称；省略时取该年度的经济分类科目。
    #[serde(default)]
    pub name: Option<Text>,
    /// 金额。
    pub amount: Amt,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 项目名称。
    pub name: Text,
    /// 资金来源；省略为 general。
    #[serde(default)]
    pub fund: Option<Sp<Fund>>,
    /// 预算数。
    pub amount: Amt,
    /// 对下补助项目（否则为本级项目）。
    #[serde(default)]
    pub to_lower: Option<Sp<bool>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreePublic {
    /// 因公出国（境）费。
    pub abroad: Amt,
    /// 公务用车购置费。
    pub vehicle_purchase: Amt,
    /// 公务用车运行维护费。
    pub vehicle_operation: Amt,
    /// 公务接待费。
    pub reception: Amt,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OfficeOperation {
    /// 机关运行经费预算数。
    pub amount: Amt,
    /// 主要用途，如“办公及印刷费、差旅费、会议费、日常维修费”。
    #[serde(default)]
    pub uses: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorYear {
    /// 上年预算收支总数。
    pub total: Amt,
    /// 上年基本支出。
    pub basic: Amt,
    /// 上年项目支出。
    pub project: Amt,
    /// 上年“三公”经费预算。
    #[serde(default)]
    pub three_public: Option<ThreePublic>,
    /// 上年机关运行经费预算。
    #[serde(default)]
    pub office_operation: Option<Amt>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reasons {
    /// 基本支出比上年增减的原因。
    #[serde(default)]
    pub basic: Option<Text>,
    /// 项目支出比上年增减的原因。
    #[serde(default)]
    pub project: Option<Text>,
    /// “三公”经费预算增减变化的原因（无变化时可说明为何未增加）。
    #[serde(default)]
    pub three_public: Option<Text>,
    /// 机关运行经费比上年增减的原因。
    #[serde(default)]
    pub office_operation: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    /// 总体绩效目标，每条一段。
    pub overall: Vec<Text>,
    /// 分项绩效目标。
    #[serde(default)]
    pub items: Vec<PerfItem>,
    /// 工作保障措施，每条一项。
    #[serde(default)]
    pub measures: Vec<Text>,
    /// 预算项目绩效目标表的指标，每行一个三级指标。
    #[serde(default)]
    pub indicators: Vec<Sp<Indicator>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerfItem {
    /// 分项名称，如 信访问题处理。
    pub name: Text,
    /// 绩效目标。
    pub goal: Text,
    /// 绩效指标。
    pub indicators: Text,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 一级指标：产出指标、效益指标、满意度指标（或成本指标）。
    #[serde(default)]
    pub level1: Option<Text>,
    /// 二级指标，如 数量指标、社会效益指标、服务对象满意度指标。
    #[serde(default)]
    pub level2: Option<Text>,
    /// 三级指标。
    #[serde(default)]
    pub name: Option<Text>,
    /// 绩效指标描述。
    #[serde(default)]
    pub description: Option<Text>,
    /// 评（扣）分标准。
    #[serde(default)]
    pub standard: Option<Text>,
    /// 指标值的符号：≥、≤、＞、＜、＝，定性指标写“文字描述”。
    #[serde(default)]
    pub sign: Option<Text>,
    /// 指标值（数值）；定性指标省略。
    #[serde(default)]
    pub value: Option<Text>,
    /// 单位（百分比、件、人次），定性指标写指标的文字描述。
    #[serde(default)]
    pub unit: Option<Text>,
    /// 指标值确定依据。
    #[serde(default)]
    pub basis: Option<Text>,
}

/// 采购品目的类别。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 货物
    Goods,
    /// 工程
    Works,
    /// 服务
    Services,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purchase {
    /// 政府采购项目来源：项目名称。
    pub project: Text,
    /// 采购物品名称。
    pub item: Text,
    /// 货物、工程或服务。
    pub category: Sp<Category>,
    /// 政府采购目录序号，如 A02010104。
    #[serde(default)]
    pub catalogue_no: Option<Text>,
    /// 数量单位，如 台。
    #[serde(default)]
    pub unit: Option<Text>,
    /// 数量。
    #[serde(default)]
    pub quantity: Option<Amt>,
    /// 单价（万元）。
    #[serde(default)]
    pub unit_price: Option<Amt>,
    /// 当年部门预算安排：一般公共预算拨款。
    #[serde(default)]
    pub general: Option<Amt>,
    /// 当年部门预算安排：基金预算拨款。
    #[serde(default)]
    pub gov_fund: Option<Amt>,
    /// 当年部门预算安排：财政专户核拨。
    #[serde(default)]
    pub special: Option<Amt>,
    /// 其他渠道资金：其他来源收入。
    #[serde(default)]
    pub other: Option<Amt>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    /// 截止时间（上年末），YYYY-MM-DD。
    pub as_of: Text,
    /// 房屋（平方米）。
    #[serde(default)]
    pub buildings: Option<Holding>,
    /// 其中：办公用房。
    #[serde(default)]
    pub office_buildings: Option<Holding>,
    /// 车辆（台、辆）。
    #[serde(default)]
    pub vehicles: Option<Holding>,
    /// 单价在城市模板规定金额以上的设备。
    #[serde(default)]
    pub equipment: Option<Holding>,
    /// 其他固定资产。
    #[serde(default)]
    pub other: Option<Holding>,
    /// 本年度拟购固定资产。
    #[serde(default)]
    pub planned: Vec<PlannedAsset>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Holding {
    /// 数量（房屋为平方米）。
    #[serde(default)]
    pub quantity: Option<Amt>,
    /// 价值（万元）。
    #[serde(default)]
    pub value: Option<Amt>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedAsset {
    /// 拟购资产名称。
    pub name: Text,
    /// 数量。
    #[serde(default)]
    pub quantity: Option<Amt>,
    /// 金额（万元）。
    pub amount: Amt,
}

/// 照原表填写的合计数：每一项都与计算值核对，不参与计算。
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// 收入总计（部门收支总表）。
    #[serde(default)]
    pub income: Option<Amt>,
    /// 支出总计（部门收支总表）。
    #[serde(default)]
    pub expenditure: Option<Amt>,
    /// 基本支出合计。
    #[serde(default)]
    pub basic: Option<Amt>,
    /// 项目支出合计。
    #[serde(default)]
    pub project: Option<Amt>,
    /// 人员经费。
    #[serde(default)]
    pub personnel: Option<Amt>,
    /// 公用经费。
    #[serde(default)]
    pub public: Option<Amt>,
    /// 财政拨款收支总计。
    #[serde(default)]
    pub fiscal: Option<Amt>,
    /// “三公”经费合计。
    #[serde(default)]
    pub three_public: Option<Amt>,
    /// 资产总额。
    #[serde(default)]
    pub assets: Option<Amt>,
    /// 政府采购预算合计。
    #[serde(default)]
    pub procurement: Option<Amt>,
}
