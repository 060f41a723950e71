//! Every total the report prints, by the `totals:` path a file may type it under: what it
//! is, how it is computed, and which source fields it reads (a check that reads a field
//! which failed to load is skipped). A typed total is compared with its computed value at
//! its own line and never used.

use super::figures::Figures;
use super::model::Model;
use rust_decimal::Decimal;

pub struct Printed {
    /// The field path under `totals:` (`totals.t1.income_total`).
    pub path: &'static str,
    /// What the reader sees (表1 收入总计).
    pub label: &'static str,
    pub value: fn(&Model, &Figures) -> Decimal,
    /// Source fields the value is computed from.
    pub reads: &'static [&'static str],
}

const INCOME_SPEND: &[&str] = &["expenditure", "income_by_function", "carryover", "use_of_non_fiscal_balance", "balance_distribution"];
const SPEND: &[&str] = &["expenditure"];
const ECON: &[&str] = &["basic_by_economic"];
const THREE: &[&str] = &["three_public"];

const fn p(path: &'static str, label: &'static str, value: fn(&Model, &Figures) -> Decimal, reads: &'static [&'static str]) -> Printed {
    Printed { path, label, value, reads }
}

fn fund_spend(f: &Figures, k: usize) -> Decimal {
    f.fiscal_spend[k][0] + f.fiscal_spend[k][1]
}

/// 表8 of 政府性基金: 本年收入 of the fund.
fn gov_income(f: &Figures) -> Decimal {
    f.fiscal_income[1]
}

pub const PRINTED: &[Printed] = &[
    p("totals.income", "本年收入合计", |_, f| f.income_total, INCOME_SPEND),
    p("totals.expenditure", "本年支出合计", |_, f| f.spend_total, SPEND),
    p("totals.basic", "基本支出合计", |_, f| f.spend_by_nature[0], SPEND),
    p("totals.project", "项目支出合计", |_, f| f.spend_by_nature[1], SPEND),
    p("totals.personnel", "人员经费合计", |_, f| f.personnel, ECON),
    p("totals.public", "公用经费合计", |_, f| f.public, ECON),
    p("totals.three_public", "“三公”经费决算合计", |_, f| f.three_actual_total, &["three_public.actual"]),
    p("totals.procurement", "政府采购支出总额", |_, f| f.procurement_total, &["procurement"]),
    p("totals.initial_budget", "一般公共预算财政拨款年初预算合计", |_, f| f.budget_total, &["initial_budget"]),
    p("totals.t1.income", "表1 本年收入合计", |_, f| f.income_total, INCOME_SPEND),
    p("totals.t1.expenditure", "表1 本年支出合计", |_, f| f.spend_total, SPEND),
    p("totals.t1.opening", "表1 年初结转和结余", |_, f| f.opening_total, &["carryover"]),
    p("totals.t1.closing", "表1 年末结转和结余", |_, f| f.closing_total, INCOME_SPEND),
    p("totals.t1.income_total", "表1 收入总计", |_, f| f.grand_total, INCOME_SPEND),
    p("totals.t1.expenditure_total", "表1 支出总计", |m, f| f.spend_total + m.balance_distribution.v + f.closing_total, INCOME_SPEND),
    p("totals.t2.total", "表2 本年收入合计", |_, f| f.income_total, INCOME_SPEND),
    p("totals.t2.fiscal", "表2 财政拨款收入合计", |_, f| f.fiscal_income_total, INCOME_SPEND),
    p("totals.t2.superior", "表2 上级补助收入合计", |_, f| f.income_by_source[3], INCOME_SPEND),
    p("totals.t2.business", "表2 事业收入合计", |_, f| f.income_by_source[4], INCOME_SPEND),
    p("totals.t2.operating", "表2 经营收入合计", |_, f| f.income_by_source[5], INCOME_SPEND),
    p("totals.t2.affiliated", "表2 附属单位上缴收入合计", |_, f| f.income_by_source[6], INCOME_SPEND),
    p("totals.t2.other", "表2 其他收入合计", |_, f| f.income_by_source[7], INCOME_SPEND),
    p("totals.t3.total", "表3 本年支出合计", |_, f| f.spend_total, SPEND),
    p("totals.t3.basic", "表3 基本支出合计", |_, f| f.spend_by_nature[0], SPEND),
    p("totals.t3.project", "表3 项目支出合计", |_, f| f.spend_by_nature[1], SPEND),
    p("totals.t3.upper", "表3 上缴上级支出合计", |_, f| f.spend_by_nature[2], SPEND),
    p("totals.t3.operating", "表3 经营支出合计", |_, f| f.spend_by_nature[3], SPEND),
    p("totals.t3.subsidiary", "表3 对附属单位补助支出合计", |_, f| f.spend_by_nature[4], SPEND),
    p("totals.t4.income", "表4 本年收入合计", |_, f| f.fiscal_income_total, INCOME_SPEND),
    p("totals.t4.expenditure", "表4 本年支出合计", |_, f| f.fiscal_spend_total, SPEND),
    p("totals.t4.expenditure_general", "表4 本年支出合计（一般公共预算财政拨款）", |_, f| fund_spend(f, 0), SPEND),
    p("totals.t4.expenditure_gov_fund", "表4 本年支出合计（政府性基金预算财政拨款）", |_, f| fund_spend(f, 1), SPEND),
    p("totals.t4.expenditure_state_capital", "表4 本年支出合计（国有资本经营预算财政拨款）", |_, f| fund_spend(f, 2), SPEND),
    p("totals.t4.opening", "表4 年初财政拨款结转和结余", |_, f| f.fiscal_opening_total, &["carryover"]),
    p("totals.t4.closing", "表4 年末财政拨款结转和结余", |_, f| f.fiscal_closing_total, INCOME_SPEND),
    p("totals.t4.income_total", "表4 收入总计", |_, f| f.fiscal_grand_total, INCOME_SPEND),
    p("totals.t4.expenditure_total", "表4 支出总计", |_, f| f.fiscal_spend_total + f.fiscal_closing_total, INCOME_SPEND),
    p("totals.t5.total", "表5 合计", |_, f| f.general_total, SPEND),
    p("totals.t5.basic", "表5 基本支出合计", |_, f| f.general_basic, SPEND),
    p("totals.t5.project", "表5 项目支出合计", |_, f| f.general_project, SPEND),
    p("totals.t6.personnel", "表6 人员经费合计", |_, f| f.personnel, ECON),
    p("totals.t6.public", "表6 公用经费合计", |_, f| f.public, ECON),
    p("totals.t7.budget", "表7 预算数合计", |_, f| f.three_budget_total, THREE),
    p("totals.t7.budget_vehicle", "表7 预算数公务用车购置及运行费小计", |m, _| m.three_budget[1].v + m.three_budget[2].v, THREE),
    p("totals.t7.actual", "表7 决算数合计", |_, f| f.three_actual_total, THREE),
    p("totals.t7.actual_vehicle", "表7 决算数公务用车购置及运行费小计", |m, _| m.three_actual[1].v + m.three_actual[2].v, THREE),
    p("totals.t8.opening", "表8 年初结转和结余合计", |_, f| f.opening[1], &["carryover"]),
    p("totals.t8.income", "表8 本年收入合计", |_, f| gov_income(f), INCOME_SPEND),
    p("totals.t8.expenditure", "表8 本年支出小计", |_, f| fund_spend(f, 1), SPEND),
    p("totals.t8.basic", "表8 基本支出合计", |_, f| f.fiscal_spend[1][0], SPEND),
    p("totals.t8.project", "表8 项目支出合计", |_, f| f.fiscal_spend[1][1], SPEND),
    p("totals.t8.closing", "表8 年末结转和结余合计", |_, f| f.closing[1], INCOME_SPEND),
    p("totals.t9.total", "表9 合计", |_, f| fund_spend(f, 2), SPEND),
    p("totals.t9.basic", "表9 基本支出合计", |_, f| f.fiscal_spend[2][0], SPEND),
    p("totals.t9.project", "表9 项目支出合计", |_, f| f.fiscal_spend[2][1], SPEND),
];

/// The printed total a typed path names.
pub fn by_path(path: &str) -> Option<&'static Printed> {
    PRINTED.iter().find(|p| p.path == path)
}

#[cfg(test)]
mod tests {
    /// Every field of `totals:` in the JSON Schema has its computed value here, and nothing
    /// else is listed: the source type and this table cannot drift apart.
    #[test]
    fn every_totals_field_is_a_printed_total() {
        let schema = serde_json::to_value(schemars::schema_for!(crate::final_accounts::source::Source)).unwrap();
        let defs = &schema["$defs"];
        let props = |name: &str| defs[name]["properties"].as_object().unwrap().clone();
        let mut paths = Vec::new();
        for (key, v) in props("Totals") {
            let target = v.to_string();
            match ["T1Totals", "T2Totals", "T3Totals", "T4Totals", "ColumnsTotals", "T6Totals", "T7Totals", "T8Totals"].iter().find(|t| target.contains(&format!("/{t}\""))) {
                Some(t) => paths.extend(props(t).keys().map(|k| format!("totals.{key}.{k}"))),
                None => paths.push(format!("totals.{key}")),
            }
        }
        paths.sort();
        let mut listed: Vec<String> = super::PRINTED.iter().map(|p| p.path.to_string()).collect();
        listed.sort();
        assert_eq!(paths, listed);
    }
}
