//! Every total, subtotal and balance the report prints, computed once from the model.
//! Tables, narrative and checks all read these figures, so the text cannot disagree with
//! the tables.

use crate::core::catalog::Catalog;
use super::model::{fund_index, Model, INCOME_SOURCES};
use super::source::Fund;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One line of a code-hierarchy table (类 / 款 / 项).
#[derive(Clone, Debug)]
pub struct HRow {
    pub code: String,
    pub name: String,
    pub values: Vec<Decimal>,
}

/// Aggregates 7-digit rows into 类, 款 and 项 lines in code order, each parent followed by
/// its children, plus the 合计 line. Returns (total, lines).
pub fn hierarchy(cat: &Catalog, leaves: &[(String, String, Vec<Decimal>)], width: usize) -> (Vec<Decimal>, Vec<HRow>) {
    let mut by_code: BTreeMap<String, (String, Vec<Decimal>)> = BTreeMap::new();
    let mut total = vec![Decimal::ZERO; width];
    for (code, name, vals) in leaves {
        if vals.iter().all(|v| v.is_zero()) {
            continue;
        }
        for (len, nm) in [(3, None), (5, None), (7, Some(name))] {
            let k = code[..len.min(code.len())].to_string();
            let entry = by_code.entry(k.clone()).or_insert_with(|| {
                let n = nm.cloned().or_else(|| cat.function_name(&k).map(str::to_string)).unwrap_or_default();
                (n, vec![Decimal::ZERO; width])
            });
            for (i, v) in vals.iter().enumerate() {
                entry.1[i] += *v;
            }
        }
        for (i, v) in vals.iter().enumerate() {
            total[i] += *v;
        }
    }
    let rows = by_code.into_iter().map(|(code, (name, values))| HRow { code, name, values }).collect();
    (total, rows)
}

#[derive(Clone, Debug, Default)]
pub struct Figures {
    /// 表1 rows 1–8.
    pub income_by_source: [Decimal; INCOME_SOURCES],
    pub income_total: Decimal,
    /// 基本, 项目, 上缴上级, 经营, 对附属单位补助.
    pub spend_by_nature: [Decimal; 5],
    pub spend_total: Decimal,
    /// Opening and closing balances by fund (general, gov_fund, state_capital, non_fiscal).
    pub opening: [Decimal; 4],
    pub closing: [Decimal; 4],
    pub opening_total: Decimal,
    pub closing_total: Decimal,
    /// 表1 row 30 (= row 60).
    pub grand_total: Decimal,
    /// Spending by 类 code: total of all funds, and the fiscal part by fund.
    pub class_spend: BTreeMap<String, Decimal>,
    pub class_fiscal: BTreeMap<String, [Decimal; 3]>,
    /// Fiscal spending by fund: [basic, project].
    pub fiscal_spend: [[Decimal; 2]; 3],
    pub fiscal_income: [Decimal; 3],
    pub fiscal_income_total: Decimal,
    pub fiscal_spend_total: Decimal,
    pub fiscal_opening_total: Decimal,
    pub fiscal_closing_total: Decimal,
    /// 表4 row 32.
    pub fiscal_grand_total: Decimal,
    pub general_basic: Decimal,
    pub general_project: Decimal,
    pub general_total: Decimal,
    /// 人员经费 (301 + 303) and 公用经费 (302 + 307 + 310 + 312 + 399) of 表6.
    pub personnel: Decimal,
    pub public: Decimal,
    pub econ_class: BTreeMap<String, Decimal>,
    pub three_budget_total: Decimal,
    pub three_actual_total: Decimal,
    pub three_prior_total: Decimal,
    pub budget_total: Decimal,
    pub procurement_total: Decimal,
    pub projects_actual: Decimal,
}

/// Economic classes counted as 人员经费 in 表6.
pub const PERSONNEL_CLASSES: [&str; 2] = ["301", "303"];

pub fn compute(m: &Model) -> Figures {
    let mut f = Figures::default();
    for line in &m.income {
        for (i, v) in line.amounts.iter().enumerate() {
            f.income_by_source[i] += *v;
        }
    }
    f.income_total = f.income_by_source.iter().copied().sum();
    for e in &m.expenditure {
        for (i, v) in e.amounts.iter().enumerate() {
            f.spend_by_nature[i] += *v;
        }
        *f.class_spend.entry(e.code[..3].to_string()).or_default() += e.total();
        if e.fund != Fund::NonFiscal {
            let k = fund_index(e.fund);
            f.fiscal_spend[k][0] += e.amounts[0];
            f.fiscal_spend[k][1] += e.amounts[1];
            f.class_fiscal.entry(e.code[..3].to_string()).or_default()[k] += e.amounts[0] + e.amounts[1];
        }
    }
    f.spend_total = f.spend_by_nature.iter().copied().sum();
    for k in 0..3 {
        f.fiscal_income[k] = f.income_by_source[k];
    }
    f.fiscal_income_total = f.fiscal_income.iter().copied().sum();
    f.fiscal_spend_total = f.fiscal_spend.iter().map(|x| x[0] + x[1]).sum();
    for k in 0..4 {
        f.opening[k] = m.opening[k].v;
    }
    // 年末 = 年初 + 收入 − 支出, per fund; the non-fiscal fund also takes 使用非财政拨款结余
    // and 结余分配.
    for k in 0..3 {
        f.closing[k] = f.opening[k] + f.fiscal_income[k] - (f.fiscal_spend[k][0] + f.fiscal_spend[k][1]);
    }
    let non_fiscal_income: Decimal = f.income_by_source[3..].iter().copied().sum();
    let non_fiscal_spend = f.spend_total - f.fiscal_spend_total;
    f.closing[3] = f.opening[3] + non_fiscal_income + m.use_non_fiscal_balance.v - non_fiscal_spend - m.balance_distribution.v;
    f.opening_total = f.opening.iter().copied().sum();
    f.closing_total = f.closing.iter().copied().sum();
    f.grand_total = f.income_total + m.use_non_fiscal_balance.v + f.opening_total;
    f.fiscal_opening_total = f.opening[..3].iter().copied().sum();
    f.fiscal_closing_total = f.closing[..3].iter().copied().sum();
    f.fiscal_grand_total = f.fiscal_income_total + f.fiscal_opening_total;
    f.general_basic = f.fiscal_spend[0][0];
    f.general_project = f.fiscal_spend[0][1];
    f.general_total = f.general_basic + f.general_project;
    for e in &m.econ {
        *f.econ_class.entry(e.code[..3].to_string()).or_default() += e.amount.v;
    }
    for (class, v) in &f.econ_class {
        if PERSONNEL_CLASSES.contains(&class.as_str()) {
            f.personnel += *v;
        } else {
            f.public += *v;
        }
    }
    f.three_budget_total = m.three_budget.iter().map(|v| v.v).sum();
    f.three_actual_total = m.three_actual.iter().map(|v| v.v).sum();
    f.three_prior_total = m.three_prior.iter().map(|v| v.v).sum();
    f.budget_total = m.budget.iter().map(|b| b.amount.v).sum();
    f.procurement_total = m.procurement.iter().map(|v| v.v).sum();
    f.projects_actual = m.projects.iter().map(|p| p.actual.v).sum();
    f
}

/// 一般公共预算财政拨款支出 (基本 + 项目) under a 类 (3 digits) or 项 (7 digits): the
/// 决算 a 年初预算 line is compared with.
pub fn general_under(m: &Model, code: &str) -> Decimal {
    m.expenditure.iter().filter(|e| e.fund == Fund::General && e.code.starts_with(code)).map(|e| e.amounts[0] + e.amounts[1]).sum()
}

/// 一般公共预算财政拨款 基本支出 (`nature` 0) or 项目支出 (1): what a self-evaluation is
/// checked against.
pub fn general_nature(m: &Model, nature: usize) -> Decimal {
    m.expenditure.iter().filter(|e| e.fund == Fund::General).map(|e| e.amounts[nature]).sum()
}
