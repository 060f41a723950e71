//! The 绩效自评 source types shared by every document that carries a self-evaluation: the
//! scoring scheme a file was filled under and one project's 自评表 (indicators as typed).

use crate::core::source::{Amt, Text};
use schemars::JsonSchema;
use serde::Deserialize;

/// 评分办法（data/scoring.yaml）。
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// 湖北：执行率 20 + 产出 40 / 效益 30 / 满意度 10（seed 002 表样）
    Hubei,
    /// 湖南：执行率 10 + 产出 40 / 效益 20 / 满意度 10 / 成本 20（seed 001 表样）
    Hunan,
}

impl Scheme {
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Hubei => "hubei",
            Scheme::Hunan => "hunan",
        }
    }
}

/// 项目支出绩效自评表的内容。预算数、执行数取自项目本身，得分由程序计算。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectEval {
    /// 主管部门；省略时为本部门。
    #[serde(default)]
    pub department: Option<Text>,
    /// 项目实施单位；省略时为本部门。
    #[serde(default)]
    pub implementer: Option<Text>,
    /// 项目类别：部门预算项目、市直专项、市对下转移支付项目（湖北表样必填，湖南表样没有此栏）。
    #[serde(default)]
    pub category: Option<Text>,
    /// 项目属性：持续性项目、新增性项目（湖北表样必填）。
    #[serde(default)]
    pub attribute: Option<Text>,
    /// 项目类型：常年性项目、延续性项目、一次性项目（湖北表样必填）。
    #[serde(default)]
    pub kind: Option<Text>,
    /// 年度总体目标：预期目标（湖南表样）。
    #[serde(default)]
    pub goal: Option<Text>,
    /// 年度总体目标：实际完成情况（湖南表样）。
    #[serde(default)]
    pub goal_result: Option<Text>,
    /// 填报日期，YYYY-MM-DD。
    pub filled: Text,
    /// 三级指标，按一级、二级指标分组顺序填写；一级、二级指标的分值由其下各项相加。
    pub indicators: Vec<Indicator>,
    /// 偏差大或目标未完成原因分析。
    #[serde(default)]
    pub deviation: Option<Text>,
    /// 改进措施。
    #[serde(default)]
    pub improvement: Option<Text>,
    /// 结果应用方案。
    #[serde(default)]
    pub application: Option<Text>,
}

/// 一个三级绩效指标。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 一级指标：产出指标、效益指标、满意度指标、成本指标。
    pub level1: Text,
    /// 二级指标：数量指标、质量指标、时效指标、成本指标、社会效益指标、可持续影响指标、服务对象满意度指标等。
    pub level2: Text,
    /// 三级指标名称。
    pub name: Text,
    /// 分值。
    pub weight: Amt,
    /// 年度指标值（目标），照原样填写：“≥95%”“≤200人次”“100%”“具有”“达成”。
    pub target: Text,
    /// 实际完成值，照原样填写。
    pub actual: Text,
    /// 得分。数量型指标由程序按目标与实际计算，可省略；定性指标必填；与计算值不同时必须写 reason。
    #[serde(default)]
    pub score: Option<Amt>,
    /// 未得满分或改动计算得分的原因。
    #[serde(default)]
    pub reason: Option<Text>,
}
