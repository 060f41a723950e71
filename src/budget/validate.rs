//! The checks of a 部门预算公开 (rules `B-*` in data/rules.yaml): between typed facts that
//! must agree (the function lines' 基本支出 and its economic lines, the projects and the
//! lines' 项目支出, 机关运行经费 and 公用经费), the performance target table, the
//! procurement rows, the typed totals. A check that reads a field which failed to load is
//! skipped, so one mistake is reported once.

use super::figures::{fund_index, Figures, FUNDS};
use super::model::{Indicator, Model};
use super::source::{BudgetSource, Fund};
use crate::core::diag::Finding;
use crate::core::loader::Loader;
use rust_decimal::Decimal;

fn fmt(d: Decimal) -> String {
    format!("{d:.2}")
}

/// Runs every check; `broken` lists the fields whose value could not be loaded.
pub fn check(src: &BudgetSource, m: &Model, f: &Figures, ld: &mut Loader, broken: &[String]) {
    let unread = |prefix: &str| broken.iter().any(|b| b.starts_with(prefix));
    let out = &mut ld.findings;
    if !unread("lines") && !unread("basic_by_economic") {
        basic_against_economic(m, f, out);
    }
    if !unread("lines") && !unread("projects") {
        projects_against_lines(m, f, out);
    }
    if !unread("office_operation") && !unread("basic_by_economic") {
        office_within_public(m, f, out);
    }
    if !unread("prior_year") {
        prior_parts(m, out);
    }
    changes_have_reasons(m, f, out);
    if let Some(p) = &m.performance {
        for r in &p.indicators {
            indicator(r, out);
        }
    }
    purchases(m, out);
    assets(m, out);
    duplicate_lines(m, out);
    typed_totals(src, m, f, ld, broken);
}

/// 一般公共预算支出表's 基本支出 (the lines) = 基本支出表 合计 (the economic lines).
fn basic_against_economic(m: &Model, f: &Figures, out: &mut Vec<Finding>) {
    if f.general_basic == f.econ_total {
        return;
    }
    let first_econ = m.econ.first().and_then(|e| e.amount.span);
    let first_line = m.lines.iter().find(|l| l.fund == Fund::General && !l.basic.v.is_zero()).and_then(|l| l.basic.span);
    out.push(
        Finding::error("B-BASIC-ECON", "basic_by_economic", format!("一般公共预算基本支出按功能分类合计 {}，按经济分类合计 {}，两表不一致", fmt(f.general_basic), fmt(f.econ_total)))
            .at(first_econ.or(first_line))
            .related(first_line, "功能分类的基本支出（lines）")
            .expected(fmt(f.general_basic))
            .actual(fmt(f.econ_total))
            .hint("一般公共预算拨款各行的 basic 之和须等于 basic_by_economic 各款之和（人员经费 + 公用经费）"),
    );
}

/// The projects of each fund add up to that fund's 项目支出; a 项目支出 without projects is
/// an empty 项目支出表.
fn projects_against_lines(m: &Model, f: &Figures, out: &mut Vec<Finding>) {
    if m.projects.is_empty() {
        if !f.project.is_zero() {
            let span = m.lines.iter().find(|l| !l.project.v.is_zero()).and_then(|l| l.project.span);
            out.push(Finding::warning("B-PROJECTS-MISSING", "projects", format!("安排了项目支出 {} 万元，但没有列出项目，项目支出表将为空", fmt(f.project))).at(span).hint("在 projects 中逐项写明项目名称和预算数"));
        }
        return;
    }
    for (fund, label) in FUNDS {
        let lines: Decimal = m.lines.iter().filter(|l| l.fund == fund).map(|l| l.project.v).sum();
        let projects = f.projects_by_fund.get(&fund).copied().unwrap_or_default();
        if lines != projects {
            let span = m.projects.iter().find(|p| p.fund == fund).or(m.projects.first()).and_then(|p| p.amount.span);
            let line_span = m.lines.iter().find(|l| l.fund == fund && !l.project.v.is_zero()).and_then(|l| l.project.span);
            out.push(
                Finding::error("B-PROJECTS", "projects", format!("{label}安排的项目合计 {}，与各行的项目支出 {} 不一致", fmt(projects), fmt(lines)))
                    .at(span)
                    .related(line_span, "各行的项目支出")
                    .expected(fmt(lines))
                    .actual(fmt(projects))
                    .hint("项目支出表的项目之和须等于同一资金来源各行的 project 之和"),
            );
        }
    }
}

/// 机关运行经费 is paid from the 公用经费: it cannot exceed them.
fn office_within_public(m: &Model, f: &Figures, out: &mut Vec<Finding>) {
    if m.office_operation.v > f.public {
        out.push(
            Finding::error("B-OFFICE-PUBLIC", "office_operation.amount", format!("机关运行经费 {} 万元大于公用经费 {} 万元", fmt(m.office_operation.v), fmt(f.public)))
                .at(m.office_operation.span)
                .expected(format!("不超过 {}", fmt(f.public)))
                .actual(fmt(m.office_operation.v))
                .hint("机关运行经费是公用经费的一部分；核对金额是否误填为元，或公用经费的经济分类是否漏填"),
        );
    }
}

/// Last year's total, typed, is its 基本 + 项目.
fn prior_parts(m: &Model, out: &mut Vec<Finding>) {
    let Some(p) = m.prior.as_ref().filter(|p| p.typed) else { return };
    if p.total.v != p.basic.v + p.project.v {
        out.push(
            Finding::error("B-PRIOR-SUM", "prior_year.total", "上年预算总数不等于上年基本支出与项目支出之和")
                .at(p.total.span)
                .related(p.basic.span, "上年基本支出")
                .expected(fmt(p.basic.v + p.project.v))
                .actual(fmt(p.total.v))
                .hint("比上年增减按基本、项目分别计算，三者须一致"),
        );
    }
}

/// A change from last year needs its reason (seed 004 gives one for each).
fn changes_have_reasons(m: &Model, f: &Figures, out: &mut Vec<Finding>) {
    let Some(p) = &m.prior else { return };
    let r = &m.reasons;
    // Pointed at last year's figure: the change is between it and this year's lines.
    let cases = [
        ("reasons.basic", "基本支出", f.basic - p.basic.v, r.basic.is_some(), p.basic.span),
        ("reasons.project", "项目支出", f.project - p.project.v, r.project.is_some(), p.project.span),
    ];
    for (field, what, diff, has, at) in cases {
        if !diff.is_zero() && !has {
            out.push(Finding::warning("B-CHANGE-REASON", field, format!("{what}比上年{}{}万元，没有说明原因", if diff > Decimal::ZERO { "增加" } else { "减少" }, fmt(diff.abs()))).at(at).hint(format!("在 {field} 中写明主要原因")));
        }
    }
    if let Some(t) = p.three {
        let diff = f.three_total - t.iter().map(|v| v.v).sum::<Decimal>();
        if !diff.is_zero() && r.three_public.is_none() {
            let at = t.iter().find_map(|v| v.span);
            out.push(Finding::warning("B-CHANGE-REASON", "reasons.three_public", format!("“三公”经费预算比上年{}{}万元，没有说明原因", if diff > Decimal::ZERO { "增加" } else { "减少" }, fmt(diff.abs()))).at(at).hint("在 reasons.three_public 中写明增减变化的原因"));
        }
    }
}

/// 二级指标 of each 一级 (产出: 数量/质量/时效/成本; 效益: 经济/社会/生态/可持续; 满意度).
pub const LEVELS: [(&str, &[&str]); 4] = [
    ("产出指标", &["数量指标", "质量指标", "时效指标", "成本指标"]),
    ("效益指标", &["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
    ("满意度指标", &["服务对象满意度指标"]),
    ("成本指标", &["经济成本指标", "社会成本指标", "生态环境成本指标"]),
];

/// The comparison signs of a quantitative target; 文字描述 marks a qualitative one.
pub const SIGNS: [&str; 10] = ["≥", "≤", "＞", "＜", "＝", ">", "<", "=", ">=", "<="];
pub const QUALITATIVE: &str = "文字描述";

fn indicator(r: &Indicator, out: &mut Vec<Finding>) {
    let all = [&r.level1, &r.level2, &r.name, &r.description, &r.standard, &r.sign, &r.value, &r.unit, &r.basis];
    if all.iter().all(|t| t.is_empty()) {
        out.push(Finding::error("B-INDICATOR-EMPTY", r.field.clone(), "绩效目标表中有一行什么也没有填").at(r.span).hint("删去这一行；空行会印成表中的空白行"));
        return;
    }
    let span = [&r.name, &r.level2, &r.level1, &r.value].iter().find_map(|t| t.span);
    if r.name.is_empty() {
        out.push(Finding::error("B-INDICATOR-EMPTY", format!("{}.name", r.field), "绩效指标没有三级指标名称").at(span));
    }
    levels(r, span, out);
    value(r, span, out);
}

fn levels(r: &Indicator, span: Option<crate::core::diag::SrcSpan>, out: &mut Vec<Finding>) {
    let l1 = r.level1.text.trim();
    let l2 = r.level2.text.trim();
    match LEVELS.iter().find(|(one, _)| *one == l1) {
        None => out.push(
            Finding::error("B-INDICATOR-LEVEL", format!("{}.level1", r.field), format!("一级指标 {l1:?} 不是产出指标、效益指标、满意度指标或成本指标"))
                .at(r.level1.span.or(span))
                .expected("产出指标 | 效益指标 | 满意度指标 | 成本指标")
                .actual(l1.to_string()),
        ),
        Some((one, twos)) if !twos.contains(&l2) => out.push(
            Finding::error("B-INDICATOR-LEVEL", format!("{}.level2", r.field), format!("二级指标 {l2:?} 不属于{one}"))
                .at(r.level2.span.or(span))
                .expected(twos.join(" | "))
                .actual(l2.to_string())
                .hint("二级指标须是其一级指标下的一类"),
        ),
        _ => {}
    }
}

/// A 值 agrees with its 符号 and 单位: a number for a comparison sign (at most 100 for a
/// percentage), none for 文字描述 (whose description is in 单位).
fn value(r: &Indicator, span: Option<crate::core::diag::SrcSpan>, out: &mut Vec<Finding>) {
    let sign = r.sign.text.trim();
    let v = r.value.text.trim();
    let number = v.parse::<Decimal>().ok();
    let at = r.value.span.or(r.sign.span).or(span);
    let field = format!("{}.value", r.field);
    let err = |msg: String| Finding::error("B-INDICATOR-VALUE", field.clone(), msg).at(at);
    if sign == QUALITATIVE {
        if !v.is_empty() {
            out.push(err(format!("定性指标（文字描述）不应有数值 {v}")).hint("把指标的文字描述写在 unit 中，删去 value"));
        } else if r.unit.is_empty() {
            out.push(err("定性指标（文字描述）没有写明指标值的文字描述".into()).hint("在 unit 中写明，如“年度督办案件数量”"));
        }
        return;
    }
    if !sign.is_empty() && !SIGNS.contains(&sign) {
        out.push(Finding::error("B-INDICATOR-VALUE", format!("{}.sign", r.field), format!("指标值符号 {sign:?} 不可用")).at(r.sign.span.or(at)).expected("≥ | ≤ | ＞ | ＜ | ＝ | 文字描述").actual(sign.to_string()));
        return;
    }
    match number {
        None if !v.is_empty() => out.push(err(format!("指标值 {v:?} 不是数字")).hint("定量指标的值写数字，单位写在 unit 中；定性指标的 sign 写“文字描述”")),
        None => out.push(err("定量指标没有指标值".into()).hint("写上数值，或把 sign 写成“文字描述”")),
        Some(n) => {
            let percent = r.unit.text.contains("百分比") || r.unit.text.trim() == "%";
            if percent && (n > Decimal::from(100) || n < Decimal::ZERO) {
                out.push(err(format!("百分比指标值 {v} 不在 0–100 之间")));
            }
            // Seed 004 gives its 满意度 90.00 the unit “信访办理满意度”: a name, not a unit.
            let rate = percent || ["％", "分"].contains(&r.unit.text.trim());
            if r.level1.text.trim() == "满意度指标" && !rate {
                out.push(err(format!("满意度指标值 {v} 的单位 {:?} 不是百分比或分", r.unit.text.trim())).hint("满意度的单位写“百分比”（或“%”“分”）；指标名称写在 name 中"));
            }
            if sign.is_empty() {
                out.push(Finding::warning("B-INDICATOR-SIGN", format!("{}.sign", r.field), format!("定量指标 {v} 没有符号（≥、≤、＝）：看不出是下限、上限还是确数")).at(at).hint("在 sign 中写明 ≥、≤ 或 ＝"));
            }
        }
    }
}

/// A procurement row: its amount is 数量 × 单价 when both are given.
fn purchases(m: &Model, out: &mut Vec<Finding>) {
    for p in &m.procurement {
        let sum: Decimal = p.funds.iter().map(|v| v.v).sum();
        if sum.is_zero() {
            out.push(Finding::error("B-PURCHASE", format!("{}.general", p.field), format!("采购项目 {} 的金额为 0", p.item)).at(p.span).hint("在 general、gov_fund、special 或 other 中写明金额"));
            continue;
        }
        if let (Some(q), Some(u)) = (p.quantity, p.unit_price)
            && (q.v * u.v).round_dp(2) != sum
        {
            out.push(
                Finding::warning("B-PURCHASE-PRICE", format!("{}.unit_price", p.field), format!("采购 {}：数量 {} × 单价 {} = {}，与金额合计 {} 不一致", p.item, q.v, u.v, fmt(q.v * u.v), fmt(sum)))
                    .at(u.span)
                    .expected(fmt(q.v * u.v))
                    .actual(fmt(sum)),
            );
        }
    }
}

/// 其中：办公用房 is part of 房屋.
fn assets(m: &Model, out: &mut Vec<Finding>) {
    let a = &m.assets;
    for (k, what) in [(0, "面积"), (1, "价值")] {
        let pick = |h: &(Option<crate::core::loader::Val>, Option<crate::core::loader::Val>)| if k == 0 { h.0 } else { h.1 };
        if let Some(office) = pick(&a.office_buildings)
            && office.v > pick(&a.buildings).map(|v| v.v).unwrap_or_default()
        {
            out.push(Finding::error("B-ASSET-OFFICE", format!("assets.office_buildings.{}", if k == 0 { "quantity" } else { "value" }), format!("办公用房{what}大于房屋{what}")).at(office.span).hint("办公用房是房屋的一部分（“其中”）"));
        }
    }
}

/// The same code and fund typed on two lines: one of them is probably a copy.
fn duplicate_lines(m: &Model, out: &mut Vec<Finding>) {
    for (i, l) in m.lines.iter().enumerate() {
        if let Some(first) = m.lines[..i].iter().find(|o| o.code == l.code && o.fund == l.fund) {
            out.push(
                Finding::warning("B-LINE-DUP", l.field.clone(), format!("科目 {} 的{}在两行中填写", l.code, FUNDS[fund_index(l.fund)].1))
                    .at(l.basic.span.or(l.project.span))
                    .related(first.basic.span.or(first.project.span), "第一次填写")
                    .hint("同一科目同一资金来源写在一行；两行会在表中相加"),
            );
        }
    }
}

/// A total typed anyway (`totals:`) is checked against the computed one at its own line.
fn typed_totals(src: &BudgetSource, _m: &Model, f: &Figures, ld: &mut Loader, broken: &[String]) {
    let Some(t) = &src.totals else { return };
    let cases = [
        (&t.income, "income", "收入总计", f.total, "lines"),
        (&t.expenditure, "expenditure", "支出总计", f.total, "lines"),
        (&t.basic, "basic", "基本支出合计", f.basic, "lines"),
        (&t.project, "project", "项目支出合计", f.project, "lines"),
        (&t.personnel, "personnel", "人员经费", f.personnel, "basic_by_economic"),
        (&t.public, "public", "公用经费", f.public, "basic_by_economic"),
        (&t.fiscal, "fiscal", "财政拨款收支总计", f.fiscal, "lines"),
        (&t.three_public, "three_public", "“三公”经费合计", f.three_total, "three_public"),
        (&t.assets, "assets", "资产总额", f.assets_total, "assets"),
        (&t.procurement, "procurement", "政府采购预算合计", f.procurement_total, "procurement"),
    ];
    for (typed, key, label, computed, reads) in cases {
        let Some(a) = typed else { continue };
        let field = format!("totals.{key}");
        let v = ld.amount(a, &field);
        if broken.iter().any(|b| b.starts_with(reads)) || v.v == computed {
            continue;
        }
        ld.findings.push(
            Finding::error("T-TYPED-TOTAL", field, format!("填写的{label} {} 与计算值 {} 不一致", fmt(v.v), fmt(computed)))
                .at(v.span)
                .expected(fmt(computed))
                .actual(fmt(v.v))
                .hint("合计由各行计算：删去这一项，或修正各行"),
        );
    }
}
