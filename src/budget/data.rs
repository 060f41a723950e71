//! The 部门预算公开's facts as data (`core::data`), all of phase `approved`: `expenditure`
//! (表3: each 项-level line by fund source and 基本/项目; sums to 支出总计), `revenue` (表2:
//! the same lines by fund source; sums to 收入总计), `economic` (表6: 一般公共预算基本支出 by
//! economic 款) and `three` (表7: the “三公” items).

use super::checked::Budget;
use super::source::Fund;
use crate::core::data::{levels, Dim, Direction, Fact, Facts, Phase, Resource};

/// The `core::data::FUNDS` index of a fund source.
fn fund(f: Fund) -> usize {
    match f {
        Fund::General => 0,
        Fund::GovFund => 1,
        Fund::StateCapital => 2,
        Fund::Special => 3,
        Fund::Superior => 4,
        Fund::Business => 5,
        Fund::Operating => 6,
        Fund::Affiliated => 7,
        Fund::Other => 8,
        Fund::Carried => 9,
    }
}

/// The facts; `label` is the kind's (部门预算公开).
pub fn facts(b: &Budget, label: &'static str) -> Facts {
    let (m, cat) = (&b.model, &b.catalog);
    let function = |code: &str, name: &str| levels(code, name, |c| cat.function_name(c).map(str::to_string));
    let mut expenditure = Vec::new();
    let mut revenue = Vec::new();
    for l in &m.lines {
        for (k, v) in [l.basic.v, l.project.v].into_iter().enumerate().filter(|(_, v)| !v.is_zero()) {
            expenditure.push(Fact { function: function(&l.code, &l.name), fund: Some(fund(l.fund)), nature: Some(k), amount: v, ..Fact::default() });
        }
        let total = l.basic.v + l.project.v;
        if !total.is_zero() {
            revenue.push(Fact { function: function(&l.code, &l.name), fund: Some(fund(l.fund)), amount: total, ..Fact::default() });
        }
    }
    let economic = m
        .econ
        .iter()
        .filter(|e| !e.amount.v.is_zero())
        .map(|e| {
            let class = e.code.get(..3).unwrap_or(&e.code);
            let mut levels = vec![(class.to_string(), cat.economic_name(class).unwrap_or_default().to_string())];
            if e.code.len() > 3 {
                levels.push((e.code.clone(), e.name.clone()));
            }
            Fact { economic: levels, fund: Some(0), nature: Some(0), amount: e.amount.v, ..Fact::default() }
        })
        .collect();
    let three = m.three.iter().enumerate().map(|(i, x)| Fact { item: Some(i), amount: x.v, ..Fact::default() }).collect();
    let res = |name, label, title: &str, direction, dims, facts| Resource { name, label, title: title.to_string(), direction, phase: Phase::Approved, dims, facts };
    Facts {
        document: "budget",
        label,
        title: format!("{}{}年部门预算信息公开说明", m.name, m.year),
        department: m.name.clone(),
        year: m.year,
        published: m.published,
        resources: vec![
            res("expenditure", "支出", "支出预算：功能分类科目、资金来源、支出性质（表3）", Direction::Expenditure, &[Dim::Function, Dim::Fund, Dim::Nature], expenditure),
            res("revenue", "收入", "收入预算：功能分类科目、资金来源（表2）", Direction::Revenue, &[Dim::Function, Dim::Fund], revenue),
            res("economic", "基本支出经济分类", "一般公共预算基本支出预算：经济分类科目（表6）", Direction::Expenditure, &[Dim::Economic, Dim::Fund, Dim::Nature], economic),
            res("three", "“三公”经费", "一般公共预算“三公”经费支出预算（表7）", Direction::Expenditure, &[Dim::Item], three),
        ],
    }
}
