//! 绩效自评: the scoring schemes (`scoring`), one project's self-evaluation and its table
//! (`project`), the Hubei 整体支出绩效自评报告 annexed to a 决算 (`overall`), and the
//! stand-alone 部门整体支出绩效自评报告 (`report`, `document: performance_report`).
//!
//! It never imports a document kind: what an evaluation needs from the 决算 that carries it
//! is handed in as `DeptFigures`.

pub mod overall;
pub mod project;
pub mod report;
pub mod scoring;
pub mod source;

use rust_decimal::Decimal;

pub use report::KIND;

/// The figures of the department a self-evaluation belongs to, from the document that
/// carries it.
#[derive(Clone, Debug)]
pub struct DeptFigures {
    pub year: u32,
    pub name: String,
    pub short_name: String,
    /// 一般公共预算财政拨款 基本支出 and 项目支出, in 万元.
    pub general_basic: Decimal,
    pub general_project: Decimal,
    /// False when an expenditure amount failed to parse: the two figures above are then
    /// incomplete and nothing is checked against them.
    pub spend_known: bool,
    /// 一般公共预算财政拨款年初预算, in 万元, when the document has one.
    pub budget_total: Option<Decimal>,
}
