//! 项目支出绩效自评: one project's self-evaluation scored by the city's scheme
//! (`scoring`), the checks of the self-evaluation, and the 项目支出绩效自评表 as a table
//! with merged cells for the indicator tree.

use super::scoring::{compute_score, parse_target, round2, scoring, Cmp, Target};
use super::source;
use crate::core::diag::{Finding, SrcSpan};
use crate::core::loader::{parse_date, Loader, TextVal, Val};
use crate::core::source::{Amt, Text};
use crate::core::money::MoneyStyle;
use crate::render::view::{subheader, Cell, Table};
use rust_decimal::Decimal;

#[derive(Clone, Debug)]
pub struct ScoredIndicator {
    /// Why the indicator lost points or its score was changed, as typed.
    pub reason: Option<String>,
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub weight: Decimal,
    pub target: String,
    pub actual: String,
    pub score: Decimal,
}

#[derive(Clone, Debug)]
pub struct ProjectEvaluation {
    pub project: String,
    pub department: String,
    pub implementer: String,
    pub category: String,
    pub attribute: String,
    pub kind: String,
    pub filled: (u32, u32, u32),
    pub initial: Decimal,
    pub goal: Option<String>,
    pub goal_result: Option<String>,
    /// The city's form: "hubei" (seed 002) or "hunan" (seed 001).
    pub form: String,
    pub budget: Decimal,
    /// The part of `budget` carried over from last year (上年结转), set by the caller.
    pub carried_in: Decimal,
    pub actual: Decimal,
    /// 执行率 in percent, exact.
    pub rate: Decimal,
    pub execution_weight: Decimal,
    pub execution_score: Decimal,
    pub indicators: Vec<ScoredIndicator>,
    pub total: Decimal,
    pub grade: String,
    pub deviation: Option<String>,
    pub improvement: Option<String>,
    pub application: Option<String>,
}

/// Loads, scores and checks one project's self-evaluation.
/// `initial` is the 年初预算数, `budget` the 全年预算数 the 执行率 is measured against.
#[allow(clippy::too_many_arguments)]
pub fn evaluate(ld: &mut Loader, dept: &str, name: &TextVal, initial: Decimal, budget: Val, actual: Val, e: &source::ProjectEval, field: &str, scheme_name: &str) -> Option<ProjectEvaluation> {
    let sc = scoring();
    let scheme = sc.schemes.get(scheme_name)?;
    let hubei_form = scheme_name == "hubei";
    let mut choose = |t: &Option<Text>, options: &[String], key: &str| -> String {
        let Some(t) = t else {
            // The Hubei form prints the ☑/☐ boxes, so it needs the choice; the Hunan form has none.
            if hubei_form {
                let span = ld.span(&e.filled);
                ld.findings.push(Finding::error("P-CHOICE", format!("{field}.{key}"), format!("湖北表样需要填写 {key}")).at(span).expected(options.join(" | ")));
            }
            return String::new();
        };
        let v = ld.text(t, &format!("{field}.{key}")).text;
        if !options.contains(&v) {
            let span = ld.span(t);
            ld.findings.push(Finding::error("P-CHOICE", format!("{field}.{key}"), format!("“{v}”不是可选项")).at(span).expected(options.join(" | ")).actual(v.clone()));
        }
        v
    };
    let category = choose(&e.category, &sc.boxes.category, "category");
    let attribute = choose(&e.attribute, &sc.boxes.attribute, "attribute");
    let kind = choose(&e.kind, &sc.boxes.kind, "kind");
    let goal = ld.opt_text(&e.goal, &format!("{field}.goal")).map(|t| t.text);
    let goal_result = ld.opt_text(&e.goal_result, &format!("{field}.goal_result")).map(|t| t.text);
    let filled = match parse_date(e.filled.get()) {
        Some(d) => d,
        None => {
            let span = ld.span(&e.filled);
            ld.findings.push(Finding::error("Y-DATE", format!("{field}.filled"), "填报日期格式错误").at(span).expected("YYYY-MM-DD").actual(e.filled.get().clone()));
            (0, 0, 0)
        }
    };
    let deviation = ld.opt_text(&e.deviation, &format!("{field}.deviation")).map(|t| t.text);
    let improvement = ld.opt_text(&e.improvement, &format!("{field}.improvement")).map(|t| t.text);
    let application = ld.opt_text(&e.application, &format!("{field}.application")).map(|t| t.text);

    let mut scored = Vec::new();
    // Numeric indicators whose actual falls short of the target: (name, actual, target, span).
    let mut short: Vec<(String, String, String, Option<SrcSpan>)> = Vec::new();
    let mut weight_by_level: Vec<(String, Decimal, Option<SrcSpan>)> = Vec::new();
    for (i, ind) in e.indicators.iter().enumerate() {
        let f = format!("{field}.indicators[{i}]");
        let level1 = ld.text(&ind.level1, &format!("{f}.level1")).text;
        let level2 = ld.text(&ind.level2, &format!("{f}.level2")).text;
        let iname = ld.text(&ind.name, &format!("{f}.name")).text;
        let weight = ld.amount(&ind.weight, &format!("{f}.weight"));
        let target_text = ld.text(&ind.target, &format!("{f}.target")).text;
        let actual_text = ld.text(&ind.actual, &format!("{f}.actual")).text;
        let reason = ld.opt_text(&ind.reason, &format!("{f}.reason"));
        match weight_by_level.iter_mut().find(|w| w.0 == level1) {
            Some(w) => w.1 += weight.v,
            None => weight_by_level.push((level1.clone(), weight.v, weight.span)),
        }
        let cost = level1.contains("成本") || level2.contains("成本");
        let input = IndicatorInput { field: &f, name: &iname, weight, target: &ind.target, actual: &ind.actual, score: &ind.score, reason: reason.is_some(), explained: reason.is_some() || deviation.is_some(), cost_ceiling: cost };
        let score = score_indicator(ld, &input);
        if let (Ok(t), Ok(a)) = (parse_target(ind.target.get()), parse_target(ind.actual.get()))
            && matches!(t, Target::Num { .. })
            && compute_score(weight.v, &t, &a).is_some_and(|c| c < weight.v)
        {
            short.push((iname.clone(), actual_text.clone(), target_text.clone(), ld.span(&ind.actual)));
        }
        scored.push(ScoredIndicator { reason: reason.map(|r| r.text), level1, level2, name: iname, weight: weight.v, target: target_text, actual: actual_text, score });
    }
    // Weights: each 一级指标 as the scheme says, and nothing outside the scheme.
    for (level, w, span) in &weight_by_level {
        match scheme.levels.get(level) {
            Some(expect) if Decimal::from(*expect) != *w => ld.findings.push(
                Finding::error("P-WEIGHTS", format!("{field}.indicators"), format!("{level}各指标分值合计 {w}，评分办法规定 {expect} 分"))
                    .at(*span)
                    .expected(expect.to_string())
                    .actual(w.to_string())
                    .hint("调整各三级指标的分值，使一级指标分值符合评分办法"),
            ),
            None => ld.findings.push(
                Finding::error("P-WEIGHTS", format!("{field}.indicators"), format!("评分办法中没有一级指标“{level}”"))
                    .at(*span)
                    .expected(scheme.levels.keys().cloned().collect::<Vec<_>>().join(" | "))
                    .actual(level.clone()),
            ),
            _ => {}
        }
    }
    for (level, expect) in &scheme.levels {
        if *expect > 0 && !weight_by_level.iter().any(|w| &w.0 == level) && scheme_name == "hubei" {
            ld.findings.push(Finding::error("P-WEIGHTS", format!("{field}.indicators"), format!("缺少一级指标“{level}”（{expect} 分）")).at(ld.span(&e.filled)));
        }
    }
    // "完成100%" / "全部完成" written against an indicator that fell short is a contradiction.
    if let (Some(text), Some(t)) = (&goal_result, &e.goal_result)
        && let Some(claim) = COMPLETE_CLAIMS.iter().find(|c| text.contains(*c))
        && !short.is_empty()
    {
        let mut fd = Finding::error("P-CLAIM-COMPLETE", format!("{field}.goal_result"), format!("完成情况写“{claim}”，但有 {} 个指标未达到年度指标值", short.len()))
            .at(ld.span(t))
            .expected("如实写明未完成的指标及原因")
            .actual(claim.to_string())
            .hint("改写 goal_result，或核对这些指标的实际完成值");
        for (n, a, tv, sp) in short.iter().take(8) {
            fd = fd.related(*sp, format!("{n}：实际 {a}，目标 {tv}"));
        }
        ld.findings.push(fd);
    }
    let execution_weight = Decimal::from(scheme.execution);
    let rate = if budget.v.is_zero() { Decimal::ZERO } else { actual.v * Decimal::ONE_HUNDRED / budget.v };
    let execution_score = round2((execution_weight * rate / Decimal::ONE_HUNDRED).min(execution_weight));
    // The printed total is the sum of the printed (rounded) scores.
    let total = execution_score + scored.iter().map(|s| s.score).sum::<Decimal>();
    Some(ProjectEvaluation {
        project: name.text.clone(),
        department: e.department.as_ref().map(|t| t.get().trim().to_string()).unwrap_or_else(|| dept.to_string()),
        implementer: e.implementer.as_ref().map(|t| t.get().trim().to_string()).unwrap_or_else(|| dept.to_string()),
        category,
        attribute,
        kind,
        filled,
        initial,
        goal,
        goal_result,
        form: scheme_name.to_string(),
        budget: budget.v,
        carried_in: Decimal::ZERO,
        actual: actual.v,
        rate,
        execution_weight,
        execution_score,
        indicators: scored,
        grade: sc.grade(total).to_string(),
        total,
        deviation,
        improvement,
        application,
    })
}

/// Phrases that claim every target was met.
const COMPLETE_CLAIMS: &[&str] = &["完成100%", "100%完成", "完成率100%", "完成率为100%", "全部完成", "全面完成", "均已完成", "均已达到", "全部达到", "全部实现"];

/// What scoring one indicator needs, with the places the user typed it.
pub struct IndicatorInput<'a> {
    pub field: &'a str,
    pub name: &'a str,
    pub weight: Val,
    pub target: &'a Text,
    pub actual: &'a Text,
    pub score: &'a Option<Amt>,
    /// The indicator has its own reason (allows a changed score).
    pub reason: bool,
    /// A lost point is explained (its own reason or the project's 偏差原因分析).
    pub explained: bool,
    /// A cost target without a comparison sign is a ceiling ("425万元": less is better).
    pub cost_ceiling: bool,
}

/// Scores one indicator, shared by the project tables and the 整体 self-evaluation: the
/// score computed from target and actual, or the typed one, checked. Reports P-TARGET,
/// P-SCORE-MAX, P-SCORE-OVERRIDE, P-SCORE-MISSING and P-DEVIATION at the user's lines.
pub fn score_indicator(ld: &mut Loader, i: &IndicatorInput) -> Decimal {
    let f = i.field;
    let weight = i.weight;
    let mut parse = |t: &Text, key: &str| match parse_target(t.get()) {
        Ok(v) => Some(v),
        Err(msg) => {
            let span = ld.span(t);
            ld.findings.push(Finding::error("P-TARGET", format!("{f}.{key}"), format!("指标值无法读取：{msg}")).at(span).hint("数量写成“≥95%”“≤200人次”“248天”；定性写成“具有”“达成”等"));
            None
        }
    };
    let mut target = parse(i.target, "target");
    let actual = parse(i.actual, "actual");
    let explicit = ["≥", ">", "不低于", "＞", "="].iter().any(|p| i.target.get().trim_start().starts_with(p));
    if i.cost_ceiling && !explicit
        && let Some(Target::Num { cmp, .. }) = target.as_mut() {
            *cmp = Cmp::AtMost;
        }
    let computed = match (&target, &actual) {
        (Some(t), Some(a)) => compute_score(weight.v, t, a),
        _ => None,
    };
    let typed = i.score.as_ref().map(|s| ld.amount(s, &format!("{f}.score")));
    let score = match (typed, computed) {
        (Some(t), c) => {
            if t.v > weight.v {
                ld.findings.push(Finding::error("P-SCORE-MAX", format!("{f}.score"), format!("得分 {} 超过分值 {}", t.v, weight.v)).at(t.span).expected(format!("≤ {}", weight.v)).actual(t.v.to_string()));
            }
            if let Some(c) = c.filter(|c| *c != t.v && !i.reason) {
                ld.findings.push(
                    Finding::error("P-SCORE-OVERRIDE", format!("{f}.score"), format!("得分 {} 与按目标和实际计算的 {} 不同，需要写明原因", t.v, c))
                        .at(t.span)
                        .expected(c.to_string())
                        .actual(t.v.to_string())
                        .hint("删去 score 由程序计算，或在 reason 写明改动的原因"),
                );
            }
            t.v
        }
        (None, Some(c)) => c,
        (None, None) => {
            if target.is_some() && actual.is_some() {
                let span = ld.span(i.actual);
                ld.findings.push(
                    Finding::error("P-SCORE-MISSING", format!("{f}.score"), format!("定性指标“{}”的实际完成值与目标不同，需要填写得分", i.name))
                        .at(span)
                        .hint("在该指标下写 score（不超过分值）和 reason"),
                );
            }
            Decimal::ZERO
        }
    };
    if score < weight.v && !i.explained {
        let span = ld.span(i.actual);
        ld.findings.push(
            Finding::error("P-DEVIATION", format!("{f}.reason"), format!("“{}”未得满分（{score}/{}），需要说明偏差原因", i.name, weight.v))
                .at(span)
                .hint("在该指标的 reason 或 evaluation.deviation 中说明"),
        );
    }
    score
}

fn boxes(options: &[String], chosen: &str) -> String {
    options.iter().enumerate().map(|(i, o)| format!("{}、{} {}", i + 1, o, if o == chosen { "☑" } else { "☐" })).collect::<Vec<_>>().join("　")
}

pub(crate) fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The 项目支出绩效自评表 in the city's form.
pub fn table(p: &ProjectEvaluation, year: u32, st: &MoneyStyle, id: String) -> Table {
    if p.form == "hunan" { table_hunan(p, year, st, id) } else { table_hubei(p, year, st, id) }
}

/// A group of at most this many indicator rows is kept on one page (its merged 一级/二级
/// label is never left blank on the next page); a longer one may break.
const KEEP_ROWS: usize = 12;

/// Rows of the indicator tree: 一级 and 二级 cells merged over their indicators, each a row
/// header, each group kept on one page when it fits. `tail` gives the cells after the name.
pub(crate) fn indicator_rows(inds: &[ScoredIndicator], tail: impl Fn(&ScoredIndicator) -> Vec<Cell>) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for (i, ind) in inds.iter().enumerate() {
        let mut row = Vec::new();
        let mut kept = false;
        if i == 0 || inds[i - 1].level1 != ind.level1 {
            let group: Vec<&ScoredIndicator> = inds[i..].iter().take_while(|x| x.level1 == ind.level1).collect();
            let w: Decimal = group.iter().map(|x| x.weight).sum();
            let cell = Cell::c(format!("{}（{}分）", ind.level1, num(w))).span(1, group.len() as u32).row_head();
            kept = group.len() <= KEEP_ROWS;
            row.push(if kept { cell.keep() } else { cell });
        }
        if i == 0 || inds[i - 1].level2 != ind.level2 || inds[i - 1].level1 != ind.level1 {
            let group: Vec<&ScoredIndicator> = inds[i..].iter().take_while(|x| x.level2 == ind.level2 && x.level1 == ind.level1).collect();
            let cell = Cell::c(ind.level2.clone()).span(1, group.len() as u32).row_head();
            row.push(if !kept && group.len() <= KEEP_ROWS { cell.keep() } else { cell });
        }
        row.push(Cell::l(ind.name.clone()).row_head());
        row.extend(tail(ind));
        rows.push(row);
    }
    rows
}

/// The indicator block of a self-evaluation: its column titles as a header of `level` inside
/// the table, repeated at the top of each page the block continues on, with the block's label
/// (年度绩效目标（90分）) in its first cell; under the label a blank cell continues its column
/// over the indicator rows. (The seed forms merge the label over the titles and the rows; a
/// repeated header cannot reach below itself, so the label moves up into the header.)
pub(crate) fn indicator_block(label: &str, titles: &[&str], level: u8, mut rows: Vec<Vec<Cell>>) -> Vec<Vec<Cell>> {
    let mut head = vec![Cell::c(label).bold().col_head()];
    head.extend(titles.iter().map(|t| Cell::c(*t).bold().col_head()));
    let n = rows.len() as u32;
    if let Some(first) = rows.first_mut() {
        first.insert(0, Cell::c("").span(1, n.max(1)).joined());
    }
    let mut out = vec![subheader(head, level)];
    out.extend(rows);
    out
}

/// The 部门（单位）整体支出绩效自评表 (seed 001 附件2): 年度资金 by income and spending
/// nature, 年度总体目标 and the scored indicators.
pub fn table_overall(p: &ProjectEvaluation, income: [Decimal; 4], basic: Decimal, project: Decimal, year: u32, st: &MoneyStyle) -> Table {
    let mut t = table_hunan(p, year, st, "overall".into());
    t.caption = format!("{year}年度部门（单位）整体支出绩效自评表");
    let label = |s: &str| Cell::c(s).bold().row_head();
    let col = |s: &str| Cell::c(s).bold().col_head();
    let amt = |d: Decimal| Cell::r(st.amount(d)).num();
    let rate = format!("{}%", round2(p.rate).normalize());
    // Replace the project header (name, 主管部门, 项目资金 rows) with the department's.
    let goal_at = t.rows.iter().position(|r| r.first().is_some_and(|c| c.text == "年度总体目标")).unwrap_or(0);
    let mut head = vec![
        vec![label("预算部门（单位）名称").span(2, 1), Cell::l(p.department.clone()).span(7, 1)],
        vec![label("年度预算申请（万元）").span(1, 5), Cell::c("").span(2, 1), col("年初预算数"), col("全年预算数"), col("全年执行数"), col("分值"), col("执行率"), col("得分")],
        vec![Cell::l("年度资金总额").span(2, 1).row_head(), amt(p.initial), amt(p.budget), amt(p.actual), Cell::r(num(p.execution_weight)), Cell::r(rate), Cell::r(num(p.execution_score))],
        vec![Cell::l("按收入性质分：").span(4, 1), Cell::l("按支出性质分：").span(4, 1)],
    ];
    let left = [("其中：一般公共预算", income[0]), ("政府性基金拨款", income[1]), ("纳入专户管理的非税收入拨款", income[2]), ("其他资金", income[3])];
    let right = [("其中：基本支出", Some(basic)), ("项目支出", Some(project)), ("", None), ("", None)];
    // Only two more rows fit the 6-row block: income lines are paired with spending lines.
    for k in 0..2 {
        let l = format!("{}：{}；{}：{}", left[2 * k].0, st.amount(left[2 * k].1), left[2 * k + 1].0, st.amount(left[2 * k + 1].1));
        let r = match (right[k].0, right[k].1) {
            (n, Some(v)) if !n.is_empty() => format!("{n}：{}", st.amount(v)),
            _ => String::new(),
        };
        head.push(vec![Cell::l(l).span(4, 1), Cell::l(r).span(4, 1)]);
    }
    head.extend(t.rows.drain(goal_at..));
    t.rows = head;
    t
}

/// The Hunan 项目支出绩效自评表 (seed 001 附件3): funding rows with 年初/全年预算数, 年度总体目标,
/// and per indicator its 分值, 得分 and 偏差原因分析及改进措施.
fn table_hunan(p: &ProjectEvaluation, year: u32, st: &MoneyStyle, id: String) -> Table {
    let mut t = Table {
        id,
        caption: format!("{year}年度项目支出绩效自评表"),
        dept: String::new(),
        unit: String::new(),
        landscape: true,
        widths: vec![8, 11, 12, 20, 11, 11, 6, 6, 15],
        header: vec![],
        rows: vec![],
        notes: vec![],
        headings: vec![],
    };
    let label = |s: &str| Cell::c(s).bold().row_head();
    let col = |s: &str| Cell::c(s).bold().col_head();
    let amt = |d: Decimal| Cell::r(st.amount(d)).num();
    t.rows.push(vec![label("项目支出名称"), Cell::l(p.project.clone()).span(8, 1)]);
    t.rows.push(vec![label("主管部门"), Cell::l(p.department.clone()).span(4, 1), label("实施单位").span(2, 1), Cell::l(p.implementer.clone()).span(2, 1)]);
    let rate = format!("{}%", round2(p.rate).normalize());
    t.rows.push(vec![
        label("项目资金（万元）").span(1, 5),
        Cell::c("").span(2, 1),
        col("年初预算数"),
        col("全年预算数"),
        col("全年执行数"),
        col("分值"),
        col("执行率"),
        col("得分"),
    ]);
    let ew = num(p.execution_weight);
    if p.carried_in.is_zero() {
        t.rows.push(vec![Cell::l("其中：当年财政拨款").span(2, 1).row_head(), amt(p.initial), amt(p.budget), amt(p.actual), Cell::r(ew.clone()), Cell::r(rate.clone()), Cell::r(num(p.execution_score))]);
        t.rows.push(vec![Cell::l("上年结转资金").span(2, 1).row_head(), Cell::r(""), Cell::r(""), Cell::r(""), Cell::r(""), Cell::r(""), Cell::r("")]);
    } else {
        // Money carried over from last year is its own row (seed 001 booked it all as 当年
        // 财政拨款). How much of the spending came from each is not known: only the total.
        t.rows.push(vec![Cell::l("其中：当年财政拨款").span(2, 1).row_head(), amt(p.initial), amt(p.budget - p.carried_in), Cell::r(""), Cell::r(""), Cell::r(""), Cell::r("")]);
        t.rows.push(vec![Cell::l("上年结转资金").span(2, 1).row_head(), Cell::r(""), amt(p.carried_in), Cell::r(""), Cell::r(""), Cell::r(""), Cell::r("")]);
    }
    t.rows.push(vec![Cell::l("其他资金").span(2, 1).row_head(), Cell::r(""), Cell::r(""), Cell::r(""), Cell::r(""), Cell::r(""), Cell::r("")]);
    t.rows.push(vec![Cell::l("年度资金总额").span(2, 1).row_head(), amt(p.initial), amt(p.budget), amt(p.actual), Cell::r(ew), Cell::r(rate), Cell::r(if p.carried_in.is_zero() { String::new() } else { num(p.execution_score) })]);
    t.rows.push(vec![label("年度总体目标").span(1, 2), col("预期目标").span(4, 1), col("实际完成情况").span(4, 1)]);
    t.rows.push(vec![Cell::l(p.goal.clone().unwrap_or_default()).span(4, 1), Cell::l(p.goal_result.clone().unwrap_or_default()).span(4, 1)]);
    let rows = indicator_rows(&p.indicators, |ind| {
        vec![Cell::c(ind.target.clone()), Cell::c(ind.actual.clone()), Cell::r(num(ind.weight)), Cell::r(num(ind.score)), Cell::l(ind.reason.clone().unwrap_or_default())]
    });
    t.rows.extend(indicator_block("绩效指标", &["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"], 2, rows));
    let full: Decimal = p.execution_weight + p.indicators.iter().map(|i| i.weight).sum::<Decimal>();
    // The rows after the indicators end the indicator titles' header: not repeated over them.
    t.rows.push(subheader(vec![label("总分").span(6, 1), Cell::r(num(full)).bold(), Cell::r(num(p.total)).bold(), Cell::l("")], 1));
    t
}

/// The 项目支出绩效自评表 of seed 002: merged cells for the indicator tree, ☑/☐ boxes.
fn table_hubei(p: &ProjectEvaluation, year: u32, st: &MoneyStyle, id: String) -> Table {
    let sc = scoring();
    let mut t = Table {
        id,
        caption: format!("{year}年度{}项目自评表", p.project.trim_end_matches("项目")),
        dept: format!("单位名称：{}", p.department),
        unit: format!("填报日期：{}年{}月{}日", p.filled.0, p.filled.1, p.filled.2),
        landscape: false,
        widths: vec![9, 11, 13, 26, 14, 14, 9],
        header: vec![],
        rows: vec![],
        notes: vec![],
        headings: vec![],
    };
    let label = |s: &str| Cell::c(s).bold().row_head();
    let col = |s: &str| Cell::c(s).bold().col_head();
    t.rows.push(vec![label("项目名称").span(2, 1), Cell::l(p.project.clone()).span(5, 1)]);
    t.rows.push(vec![label("主管部门").span(2, 1), Cell::l(p.department.clone()).span(2, 1), label("项目实施单位"), Cell::l(p.implementer.clone()).span(2, 1)]);
    t.rows.push(vec![label("项目类别").span(2, 1), Cell::l(boxes(&sc.boxes.category, &p.category)).span(5, 1)]);
    t.rows.push(vec![label("项目属性").span(2, 1), Cell::l(boxes(&sc.boxes.attribute, &p.attribute)).span(5, 1)]);
    t.rows.push(vec![label("项目类型").span(2, 1), Cell::l(boxes(&sc.boxes.kind, &p.kind)).span(5, 1)]);
    let ew = num(p.execution_weight);
    t.rows.push(vec![
        label(&format!("预算执行情况（万元）（{ew}分）")).span(2, 2),
        Cell::c(""),
        col("预算数（A）"),
        col("执行数（B）"),
        col("执行率（B/A）"),
        col(&format!("得分（{ew}分×执行率）")),
    ]);
    t.rows.push(vec![
        Cell::c("年度财政资金总额").row_head(),
        Cell::r(st.amount(p.budget)).num(),
        Cell::r(st.amount(p.actual)).num(),
        Cell::r(format!("{:.2}%", round2(p.rate))),
        Cell::r(format!("{:.2}", p.execution_score)),
    ]);
    // 年度总体目标 is not on the Hubei form; a file that types it gets the row.
    if p.goal.is_some() || p.goal_result.is_some() {
        t.rows.push(vec![label("年度总体目标").span(2, 1), Cell::l(format!("预期目标：{}", p.goal.clone().unwrap_or_default())).span(2, 1), Cell::l(format!("实际完成情况：{}", p.goal_result.clone().unwrap_or_default())).span(3, 1)]);
    }
    let goal: Decimal = p.indicators.iter().map(|i| i.weight).sum();
    let mut rows = indicator_rows(&p.indicators, |ind| vec![Cell::c(ind.target.clone()), Cell::c(ind.actual.clone()), Cell::r(num(ind.score))]);
    // The Hubei form prints each 二级指标 with its points.
    for (row, ind) in rows.iter_mut().zip(&p.indicators) {
        if let Some(cell) = row.iter_mut().find(|c| c.text == ind.level2) {
            let w: Decimal = p.indicators.iter().filter(|x| x.level1 == ind.level1 && x.level2 == ind.level2).map(|x| x.weight).sum();
            cell.text = format!("{}（{}分）", ind.level2, num(w));
        }
    }
    t.rows.extend(indicator_block(&format!("年度绩效目标（{}分）", num(goal)), &["一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分"], 2, rows));
    // The rows after the indicators end the indicator titles' header: not repeated over them.
    t.rows.push(subheader(vec![label("总分").span(6, 1), Cell::r(format!("{:.2}", p.total)).bold()], 1));
    // The analysis the user wrote, or else each indicator's own reason.
    let reasons: Vec<String> = p.indicators.iter().filter_map(|i| i.reason.as_ref().map(|r| format!("{}：{}", i.name, r))).collect();
    let deviation = match (&p.deviation, reasons.is_empty()) {
        (Some(d), _) => d.clone(),
        (None, false) => reasons.join("；"),
        (None, true) => "无".into(),
    };
    t.rows.push(vec![label("偏差大或目标未完成原因分析").span(2, 1), Cell::l(deviation).span(5, 1)]);
    let mut plan = Vec::new();
    if let Some(s) = &p.improvement {
        plan.push(format!("改进措施：{s}"));
    }
    if let Some(s) = &p.application {
        plan.push(format!("结果应用方案：{s}"));
    }
    t.rows.push(vec![label("改进措施及结果应用方案").span(2, 1), Cell::l(if plan.is_empty() { "无".into() } else { plan.join("\n") }).span(5, 1)]);
    t
}
