//! The link to the year's budget: `budget: ../../2020/x-budget.yaml` names the department's
//! 部门预算公开 source file. The 决算 then takes its 年初预算 by 类 (一般公共预算拨款) and its
//! “三公” budget from it, so they are typed once. A value typed in the 决算 anyway must agree
//! with the budget file: a difference is X-BUDGET-LINK at the 决算's line, with the budget
//! file's line as the related place. Without a link, the 决算 must type them itself.

use super::model::{BudgetLine, Model};
use super::source::Source;
use crate::budget::{Budget, BudgetFigures};
use crate::core::diag::{Finding, SrcSpan};
use crate::core::loader::Val;
use crate::kind::Input;
use rust_decimal::Decimal;
use std::path::PathBuf;

fn fmt(d: Decimal) -> String {
    format!("{d:.2}")
}

/// Follows `budget:` (when links are followed) and merges it into the model; reports what is
/// missing when there is no budget to take the 年初预算 from. Returns the linked file.
pub fn apply(src: &Source, input: &mut Input, m: &mut Model, out: &mut Vec<Finding>) -> Option<PathBuf> {
    let linked = match (&src.budget, input.follow_links) {
        (Some(link), true) => follow(link, input, m),
        _ => None,
    };
    match linked {
        Some((path, b, span)) => {
            merge(&b, span, m, out);
            Some(path)
        }
        None => {
            // Only a 决算 without a link (or whose link is not followed, inside a linked file)
            // must carry the figures itself; a broken link is reported by `follow`.
            if src.budget.is_none() {
                require_typed(src, input, m, out);
            }
            None
        }
    }
}

fn follow(link: &crate::core::source::Text, input: &mut Input, m: &Model) -> Option<(PathBuf, BudgetFigures, Option<SrcSpan>)> {
    let span = input.span(link);
    let (path, doc) = input.follow(link, "budget", "X-BUDGET-LINK", "部门预算公开文件")?;
    let Some(b) = doc.as_any().downcast_ref::<Budget>() else {
        input.findings.push(Finding::error("X-BUDGET-LINK", "budget", format!("{} 不是部门预算公开文件（document: budget）", link.get().trim())).at(span));
        return None;
    };
    let bf = b.budget_figures();
    if bf.year != m.year {
        input.findings.push(Finding::error("X-BUDGET-LINK", "budget", format!("链接的部门预算是 {} 年度，本决算是 {} 年度", bf.year, m.year)).at(span).expected(format!("{} 年度的部门预算公开文件", m.year)).actual(format!("{} 年度", bf.year)));
        return None;
    }
    if bf.name != m.name {
        input.findings.push(Finding::error("X-BUDGET-LINK", "budget", format!("链接的部门预算是“{}”的，本决算是“{}”的", bf.name, m.name)).at(span).expected(m.name.clone()).actual(bf.name.clone()));
        return None;
    }
    Some((path, bf, span))
}

/// The budget file's figures into the model: typed ones checked, missing ones filled in.
fn merge(b: &BudgetFigures, link: Option<SrcSpan>, m: &mut Model, out: &mut Vec<Finding>) {
    for (class, (amount, at)) in &b.general_by_class {
        let rows: Vec<usize> = (0..m.budget.len()).filter(|i| m.budget[*i].code.starts_with(class.as_str())).collect();
        let typed: Vec<usize> = rows.iter().copied().filter(|i| m.budget_typed[*i]).collect();
        let sum: Decimal = typed.iter().map(|i| m.budget[*i].amount.v).sum();
        if !typed.is_empty() && sum != *amount {
            let first = &m.budget[typed[0]];
            out.push(
                Finding::error("X-BUDGET-LINK", format!("{}.amount", first.field), format!("决算填写的 {class} 类年初预算 {}，与部门预算公开文件的 {} 不一致", fmt(sum), fmt(*amount)))
                    .at(first.amount.span)
                    .related(*at, "部门预算公开文件中的这一类")
                    .expected(fmt(*amount))
                    .actual(fmt(sum))
                    .hint("删去决算中的年初预算金额（由预算文件取得），或修正其中一处"),
            );
            // The budget file is the source: a class typed as one row takes its amount, so the
            // completion checks do not report the same mistake again.
            if let [only] = typed.as_slice()
                && m.budget[*only].code.len() == 3
            {
                m.budget[*only].amount.v = *amount;
            }
        }
        match rows.iter().find(|i| m.budget[**i].code.len() == 3 && !m.budget_typed[**i]) {
            // A row with only a reason takes the amount.
            Some(i) if typed.is_empty() => m.budget[*i].amount = Val { v: *amount, span: *at },
            Some(_) => {}
            None if typed.is_empty() => {
                m.budget.push(BudgetLine { code: class.clone(), name: String::new(), amount: Val { v: *amount, span: *at }, reason: None, field: "budget".into() });
                m.budget_typed.push(false);
            }
            None => {}
        }
    }
    // A class typed in the 决算 that the budget file does not have.
    for (i, l) in m.budget.iter().enumerate() {
        if m.budget_typed[i] && !l.amount.v.is_zero() && !b.general_by_class.contains_key(&l.code[..3]) {
            out.push(Finding::error("X-BUDGET-LINK", format!("{}.amount", l.field), format!("部门预算公开文件中没有 {} 类的一般公共预算拨款，决算却填写了年初预算 {}", &l.code[..3], fmt(l.amount.v))).at(l.amount.span).related(link, "链接的部门预算公开文件").expected("0.00").actual(fmt(l.amount.v)));
        }
    }
    // A code-only row for a class the budget lacks has nothing to take.
    for (i, l) in m.budget.iter().enumerate() {
        if !m.budget_typed[i] && l.field != "budget" && !b.general_by_class.contains_key(&l.code[..3]) {
            out.push(Finding::warning("X-BUDGET-LINK", l.field.clone(), format!("部门预算公开文件中没有 {} 类，这一行的年初预算为 0", &l.code[..3])).at(l.amount.span));
        }
    }
    three(b, link, m, out);
}

const THREE_KEYS: [&str; 4] = ["abroad", "vehicle_purchase", "vehicle_operation", "reception"];

fn three(b: &BudgetFigures, link: Option<SrcSpan>, m: &mut Model, out: &mut Vec<Finding>) {
    if !m.three_budget_typed {
        for (k, v) in m.three_budget.iter_mut().enumerate() {
            *v = Val { v: b.three[k], span: b.three_spans[k].or(link) };
        }
        return;
    }
    for (k, key) in THREE_KEYS.iter().enumerate() {
        let typed = m.three_budget[k];
        if typed.v != b.three[k] {
            out.push(
                Finding::error("X-BUDGET-LINK", format!("three_public.budget.{key}"), "决算填写的“三公”经费年初预算与部门预算公开文件不一致")
                    .at(typed.span)
                    .related(b.three_spans[k], "部门预算公开文件中的这一项")
                    .expected(fmt(b.three[k]))
                    .actual(fmt(typed.v))
                    .hint("删去 three_public.budget（由预算文件取得），或修正其中一处"),
            );
        }
    }
}

/// Without a budget file the 决算 types its 年初预算 and “三公” budget itself.
fn require_typed(src: &Source, input: &mut Input, m: &Model, out: &mut Vec<Finding>) {
    for (i, l) in m.budget.iter().enumerate() {
        if !m.budget_typed[i] {
            out.push(Finding::error("Y-MISSING-FIELD", format!("{}.amount", l.field), "年初预算没有金额").at(l.amount.span).hint("写上 amount，或用 budget: 指向本年度的部门预算公开文件"));
        }
    }
    if src.initial_budget.is_none() {
        let span = input.span(&src.department.name);
        out.push(Finding::error("Y-MISSING-FIELD", "initial_budget", "缺少年初预算（initial_budget）").at(span).hint("按功能分类“类”填写 initial_budget，或用 budget: 指向本年度的部门预算公开文件"));
    }
    if !m.three_budget_typed {
        let span = input.span(&src.department.name);
        out.push(Finding::error("Y-MISSING-FIELD", "three_public.budget", "缺少“三公”经费年初预算（three_public.budget）").at(span).hint("填写 three_public.budget，或用 budget: 指向本年度的部门预算公开文件"));
    }
}
