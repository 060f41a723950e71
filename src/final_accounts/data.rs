//! The 部门决算's facts as data (`core::data`): the typed lines of the model, each amount
//! once, named from the catalogue as the tables name them. The resources and what they sum
//! to: `expenditure` (表3 本年支出合计), `revenue` (表2 本年收入合计), `economic` (表6 =
//! 表5 基本支出), `approved` (年初预算 by function, 一般公共预算财政拨款), `three` and
//! `three-approved` (表7 决算数 and 预算数).

use super::checked::FinalAccounts;
use super::source::Fund;
use crate::core::data::{levels, Dim, Direction, Fact, Facts, Phase, Resource};

/// The `core::data::FUNDS` index of a fund of the 决算's spending lines.
fn fund(f: Fund) -> usize {
    match f {
        Fund::General => 0,
        Fund::GovFund => 1,
        Fund::StateCapital => 2,
        Fund::NonFiscal => 10,
    }
}

/// The `core::data::FUNDS` index of each income source, in `IncomeLine::amounts` order
/// (general, gov_fund, state_capital, superior, business, operating, affiliated, other).
const INCOME_FUNDS: [usize; 8] = [0, 1, 2, 4, 5, 6, 7, 8];

/// The facts; `label` is the kind's (部门决算).
pub fn facts(fa: &FinalAccounts, label: &'static str) -> Facts {
    let (m, cat) = (&fa.model, &fa.catalog);
    let function = |code: &str, name: &str| levels(code, name, |c| cat.function_name(c).map(str::to_string));
    let economic = |code: &str, name: &str| {
        let class = code.get(..3).unwrap_or(code);
        let mut v = vec![(class.to_string(), cat.economic_name(class).unwrap_or_default().to_string())];
        if code.len() > 3 {
            v.push((code.to_string(), name.to_string()));
        }
        v
    };
    let mut expenditure = Vec::new();
    for e in &m.expenditure {
        for (k, v) in e.amounts.iter().enumerate().filter(|(_, v)| !v.is_zero()) {
            expenditure.push(Fact { function: function(&e.code, &e.name), fund: Some(fund(e.fund)), nature: Some(k), amount: *v, ..Fact::default() });
        }
    }
    let mut revenue = Vec::new();
    for l in &m.income {
        for (k, v) in l.amounts.iter().enumerate().filter(|(_, v)| !v.is_zero()) {
            revenue.push(Fact { function: function(&l.code, &l.name), fund: Some(INCOME_FUNDS[k]), amount: *v, ..Fact::default() });
        }
    }
    let econ = m.econ.iter().filter(|e| !e.amount.v.is_zero()).map(|e| Fact { economic: economic(&e.code, &e.name), fund: Some(0), nature: Some(0), amount: e.amount.v, ..Fact::default() }).collect();
    let approved = m.budget.iter().filter(|b| !b.amount.v.is_zero()).map(|b| Fact { function: function(&b.code, &b.name), fund: Some(0), amount: b.amount.v, ..Fact::default() }).collect();
    let three = |v: &[crate::core::loader::Val; 4]| -> Vec<Fact> { v.iter().enumerate().map(|(i, x)| Fact { item: Some(i), amount: x.v, ..Fact::default() }).collect() };
    let res = |name, label, title: &str, direction, phase, dims, facts| Resource { name, label, title: title.to_string(), direction, phase, dims, facts };
    use Direction::{Expenditure, Revenue};
    use Phase::{Approved, Executed};
    Facts {
        document: "final_accounts",
        label,
        title: format!("{}年度{}部门决算", m.year, m.name),
        department: m.name.clone(),
        year: m.year,
        published: m.published,
        resources: vec![
            res("expenditure", "支出", "支出决算：功能分类科目、资金来源、支出性质（表3、表5、表8、表9）", Expenditure, Executed, &[Dim::Function, Dim::Fund, Dim::Nature], expenditure),
            res("revenue", "收入", "收入决算：功能分类科目、收入来源（表2）", Revenue, Executed, &[Dim::Function, Dim::Fund], revenue),
            res("economic", "基本支出经济分类", "一般公共预算财政拨款基本支出决算：经济分类科目（表6）", Expenditure, Executed, &[Dim::Economic, Dim::Fund, Dim::Nature], econ),
            res("approved", "年初预算", "一般公共预算财政拨款支出年初预算：功能分类科目", Expenditure, Approved, &[Dim::Function, Dim::Fund], approved),
            res("three", "“三公”经费", "一般公共预算财政拨款“三公”经费支出决算（表7 决算数）", Expenditure, Executed, &[Dim::Item], three(&m.three_actual)),
            res("three-approved", "“三公”经费预算", "一般公共预算财政拨款“三公”经费年初预算（表7 预算数）", Expenditure, Approved, &[Dim::Item], three(&m.three_budget)),
        ],
    }
}
