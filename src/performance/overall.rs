//! 附件2 整体支出绩效自评报告 of a Hubei 部门决算 (seed 002): the department's goals, each
//! with scored indicators, the 预算执行 table in 元, the score summary and the computed
//! sentences ("目标值…，目标得分2分，实际…，得2分。"). Scores use `scoring::compute_score`.

use super::project::{indicator_block, indicator_rows, num, score_indicator, IndicatorInput, ScoredIndicator};
use super::scoring::{round2, scoring};
use super::DeptFigures;
use crate::core::diag::Finding;
use crate::core::loader::Loader;
use crate::core::source::{Amt, Text};
use crate::render::view::{subheader, Cell, Document, Table};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

/// 整体支出绩效自评报告（湖北，决算附件2）。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverallSelfEval {
    /// 报告年月，YYYY-MM。
    pub date: Text,
    /// 开头一段：单位性质和预算单位构成。
    pub intro: Text,
    /// （二）部门整体绩效目标完成情况的总述。
    pub summary: Text,
    /// 预算执行情况，单位：元。实际支出必须与决算的基本支出、项目支出一致（换算为万元）。
    pub execution: ExecutionYuan,
    /// 整体绩效目标，每个目标下列出其三级指标。
    pub goals: Vec<OverallGoal>,
    /// （三）1. 上年度绩效评价结果应用情况，分段。
    #[serde(default)]
    pub prior_application: Vec<Text>,
    /// （三）2. 本年度绩效管理中存在的问题和原因，分段。
    #[serde(default)]
    pub problems: Vec<Text>,
    /// （四）1. 下一步拟改进措施，分段。
    #[serde(default)]
    pub measures: Vec<Text>,
    /// （四）2. 拟与预算安排相结合情况，分段。
    #[serde(default)]
    pub budget_link: Vec<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExecutionYuan {
    pub basic: YuanRow,
    pub project: YuanRow,
}

/// 一行预算执行（元）：年初预算数、年中追加调整、实际支出数。调整后预算数、差异、执行率由程序计算。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YuanRow {
    pub initial: Amt,
    pub adjustment: Amt,
    pub actual: Amt,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverallGoal {
    /// 目标名称。
    pub name: Text,
    pub indicators: Vec<GoalIndicator>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalIndicator {
    /// 一级指标：产出指标、效益指标、满意度指标。
    pub level1: Text,
    /// 二级指标（评价表中用）：数量指标、质量指标、时效指标、社会效益指标……
    #[serde(default)]
    pub level2: Option<Text>,
    /// 指标名称。
    pub name: Text,
    /// 分值。
    pub weight: Amt,
    /// 目标值，照原样：“100%”“200件”“及时”。
    pub target: Text,
    /// 实际完成值，照原样。
    pub actual: Text,
    /// 句子中“目标值”之后的说法（省略时用 target）。
    #[serde(default)]
    pub target_text: Option<Text>,
    /// 句子中“实际”之后的说法（省略时用 actual）。
    #[serde(default)]
    pub actual_text: Option<Text>,
    /// 得分：可计算时省略；定性且与目标不同时必填，并写 reason。
    #[serde(default)]
    pub score: Option<Amt>,
    #[serde(default)]
    pub reason: Option<Text>,
}

#[derive(Debug)]
pub struct ScoredGoal {
    pub name: String,
    /// The same indicators for the 评价表, with their 二级指标 and typed values.
    pub scored: Vec<ScoredIndicator>,
    /// (level1, name, weight, score, sentence)
    pub indicators: Vec<(String, String, Decimal, Decimal, String)>,
}

#[derive(Debug)]
pub struct OverallResult {
    pub date: (u32, u32),
    pub intro: String,
    pub summary: String,
    /// [basic, project] × [initial, adjustment, actual] in 元.
    pub yuan: [[Decimal; 3]; 2],
    pub goals: Vec<ScoredGoal>,
    pub execution_weight: Decimal,
    pub execution_score: Decimal,
    pub rate: Decimal,
    pub total: Decimal,
    pub grade: String,
    pub prior_application: Vec<String>,
    pub problems: Vec<String>,
    pub measures: Vec<String>,
    pub budget_link: Vec<String>,
}

pub fn evaluate(ld: &mut Loader, m: &DeptFigures, o: &OverallSelfEval, scheme_name: &str) -> Option<OverallResult> {
    let sc = scoring();
    let scheme = sc.schemes.get(scheme_name)?;
    let date = {
        let t = o.date.get().trim();
        match t.split_once('-').and_then(|(y, mo)| Some((y.parse::<u32>().ok()?, mo.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?))) {
            Some(d) => d,
            None => {
                let span = ld.span(&o.date);
                ld.findings.push(Finding::error("Y-DATE", "overall_self_evaluation.date", "报告年月格式错误").at(span).expected("YYYY-MM").actual(t.to_string()));
                (m.year + 1, 1)
            }
        }
    };
    let f = "overall_self_evaluation";
    let row = |ld: &mut Loader, r: &YuanRow, key: &str| {
        [ld.amount(&r.initial, &format!("{f}.execution.{key}.initial")), ld.amount(&r.adjustment, &format!("{f}.execution.{key}.adjustment")), ld.amount(&r.actual, &format!("{f}.execution.{key}.actual"))]
    };
    let before = ld.findings.len();
    let b = row(ld, &o.execution.basic, "basic");
    let p = row(ld, &o.execution.project, "project");
    // A 元 figure that failed to parse is already reported; comparing it would repeat that.
    let rows_read = !ld.findings[before..].iter().any(|f| f.rule == "Y-AMOUNT");
    // The 元 figures must be the 决算's own 万元 figures. Each line may differ by the 0.01 万元
    // a publisher moves to make rounded lines add up to the rounded total (seed 002:
    // 3,740,942.64 元 = 374.09 万元 printed as 374.10 so that 333.02 + 374.10 = 707.12); the
    // total must match exactly.
    let ten_k = Decimal::from(10_000);
    let cent = Decimal::new(1, 2);
    let (basic_wan, project_wan) = (m.general_basic, m.general_project);
    let mut line_mismatch = false;
    let compare = rows_read && m.spend_known;
    for (v, wan, key, what) in [(b[2], basic_wan, "basic", "基本支出"), (p[2], project_wan, "project", "项目支出")].into_iter().filter(|_| compare) {
        if (round2(v.v / ten_k) - wan).abs() > cent {
            line_mismatch = true;
            ld.findings.push(
                Finding::error("P-YUAN-WAN", format!("{f}.execution.{key}.actual"), format!("{what}实际支出 {} 元折合 {} 万元，与决算的 {} 万元不一致", v.v, round2(v.v / ten_k), wan))
                    .at(v.span)
                    .expected(format!("折合 {wan} 万元（相差不超过 0.01）"))
                    .actual(format!("{} 元", v.v))
                    .hint("核对元与万元两处的金额"),
            );
        }
    }
    if compare && !line_mismatch && round2((b[2].v + p[2].v) / ten_k) != basic_wan + project_wan {
        ld.findings.push(
            Finding::error("P-YUAN-WAN", format!("{f}.execution"), format!("实际支出合计 {} 元折合 {} 万元，与决算的 {} 万元不一致", b[2].v + p[2].v, round2((b[2].v + p[2].v) / ten_k), basic_wan + project_wan))
                .at(b[2].span),
        );
    }
    // Its 年初预算 is the 决算's: two 年初预算 in one report (seed 002: 586.36 万元 here, 606.36
    // in the 说明) cannot both be right.
    if let Some(budget) = m.budget_total.filter(|_| rows_read).filter(|bt| (round2((b[0].v + p[0].v) / ten_k) - *bt).abs() > cent) {
        ld.findings.push(
            Finding::warning("P-YUAN-BUDGET", format!("{f}.execution.basic.initial"), format!("年初预算 {} 元折合 {} 万元，与决算的年初预算合计 {} 万元不一致", b[0].v + p[0].v, round2((b[0].v + p[0].v) / ten_k), budget))
                .at(b[0].span)
                .expected(format!("基本支出与项目支出的年初预算合计折合 {budget} 万元"))
                .actual(format!("{} 元", b[0].v + p[0].v))
                .related(p[0].span, "项目支出年初预算")
                .hint("核对 initial_budget 与本附件的年初预算；口径确实不同时在 accepted_warnings 中写明理由接受 P-YUAN-BUDGET"),
        );
    }
    let mut goals = Vec::new();
    let mut by_level: Vec<(String, Decimal)> = Vec::new();
    for (gi, g) in o.goals.iter().enumerate() {
        let gname = ld.text(&g.name, &format!("{f}.goals[{gi}].name")).text;
        let mut inds = Vec::new();
        let mut scored = Vec::new();
        for (ii, ind) in g.indicators.iter().enumerate() {
            let fi = format!("{f}.goals[{gi}].indicators[{ii}]");
            let level1 = ld.text(&ind.level1, &format!("{fi}.level1")).text;
            let level2 = ind.level2.as_ref().map(|t| ld.text(t, &format!("{fi}.level2")).text).unwrap_or_default();
            let name = ld.text(&ind.name, &format!("{fi}.name")).text;
            let weight = ld.amount(&ind.weight, &format!("{fi}.weight"));
            let target = ld.text(&ind.target, &format!("{fi}.target")).text;
            let actual = ld.text(&ind.actual, &format!("{fi}.actual")).text;
            let reason = ld.opt_text(&ind.reason, &format!("{fi}.reason"));
            let input = IndicatorInput { field: &fi, name: &name, weight, target: &ind.target, actual: &ind.actual, score: &ind.score, reason: reason.is_some(), explained: reason.is_some(), cost_ceiling: level1.contains("成本") };
            let score = score_indicator(ld, &input);
            let tt = ind.target_text.as_ref().map(|t| t.get().trim().to_string()).unwrap_or_else(|| target.clone());
            let at = ind.actual_text.as_ref().map(|t| t.get().trim().to_string()).unwrap_or_else(|| actual.clone());
            let w = weight.v.normalize();
            let sentence = format!("目标值{tt}，目标得分{w}分，实际{}，得{}分。", at.trim_end_matches(['。', '，']), score.normalize());
            match by_level.iter_mut().find(|x| x.0 == level1) {
                Some(x) => x.1 += weight.v,
                None => by_level.push((level1.clone(), weight.v)),
            }
            scored.push(ScoredIndicator { reason: reason.map(|r| r.text), level1: level1.clone(), level2, name: name.clone(), weight: weight.v, target: target.clone(), actual: actual.clone(), score });
            inds.push((level1, name, weight.v, score, sentence));
        }
        goals.push(ScoredGoal { name: gname, indicators: inds, scored });
    }
    for (level, w) in &by_level {
        if scheme.levels.get(level).map(|e| Decimal::from(*e)) != Some(*w) {
            let span = o.goals.first().and_then(|g| g.indicators.first()).and_then(|i| ld.span(&i.weight));
            ld.findings.push(Finding::error("P-WEIGHTS", format!("{f}.goals"), format!("{level}各目标分值合计 {w}，评分办法规定 {}", scheme.levels.get(level).map(|e| e.to_string()).unwrap_or_else(|| "（无此一级指标）".into()))).at(span));
        }
    }
    let budget = b[0].v + b[1].v + p[0].v + p[1].v;
    let actual = b[2].v + p[2].v;
    let rate = if budget.is_zero() { Decimal::ZERO } else { actual * Decimal::ONE_HUNDRED / budget };
    let ew = Decimal::from(scheme.execution);
    let execution_score = round2((ew * rate / Decimal::ONE_HUNDRED).min(ew));
    let total = execution_score + goals.iter().flat_map(|g| g.indicators.iter().map(|i| i.3)).sum::<Decimal>();
    let texts = |ld: &mut Loader, v: &[Text], key: &str| v.iter().enumerate().map(|(i, t)| ld.text(t, &format!("{f}.{key}[{i}]")).text).collect::<Vec<_>>();
    Some(OverallResult {
        date,
        intro: ld.text(&o.intro, &format!("{f}.intro")).text,
        summary: ld.text(&o.summary, &format!("{f}.summary")).text,
        yuan: [[b[0].v, b[1].v, b[2].v], [p[0].v, p[1].v, p[2].v]],
        goals,
        execution_weight: ew,
        execution_score,
        rate,
        grade: sc.grade(total).to_string(),
        total,
        prior_application: texts(ld, &o.prior_application, "prior_application"),
        problems: texts(ld, &o.problems, "problems"),
        measures: texts(ld, &o.measures, "measures"),
        budget_link: texts(ld, &o.budget_link, "budget_link"),
    })
}

/// 5,863,600.00
fn yuan(d: Decimal) -> String {
    let s = format!("{:.2}", round2(d.abs()));
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{}{out}.{frac}", if d.is_sign_negative() && !d.is_zero() { "-" } else { "" })
}

fn pct2(d: Decimal) -> String {
    format!("{:.2}%", round2(d))
}

fn grade_word(g: &str) -> &str {
    match g {
        "优" => "优秀",
        "良" => "良好",
        "中" => "中等",
        other => other,
    }
}

/// The 部门整体绩效自评表 closing 附件2 (seed 002 lines 1000–1062): the execution row in 万元,
/// then per goal its indicator tree with merged 一级/二级 cells, the total and the reasons.
fn evaluation_table(r: &OverallResult, m: &DeptFigures) -> Table {
    let y = m.year;
    let label = |s: &str| Cell::c(s).bold().row_head();
    let col = |s: &str| Cell::c(s).bold().col_head();
    let wan = |d: Decimal| format!("{:.2}", round2(d / Decimal::from(10_000)));
    let mut t = Table { id: "overall-evaluation".into(), caption: format!("{y}年度{}部门整体绩效自评表", m.name), dept: format!("单位名称：{}", m.name), unit: format!("填报日期：{}年{}月", r.date.0, r.date.1), landscape: false, widths: vec![10, 11, 12, 25, 15, 15, 8], header: vec![], rows: vec![], notes: vec![], headings: vec![] };
    let [b, p] = r.yuan;
    let budget = b[0] + b[1] + p[0] + p[1];
    let actual = b[2] + p[2];
    let ew = r.execution_weight;
    t.rows.push(vec![label(&format!("项目执行情况（万元）（{ew}分）")).span(2, 2), Cell::c(""), col("预算数（A）"), col("执行数（B）"), col("执行率（B/A）"), col(&format!("得分（{ew}分×执行率）"))]);
    t.rows.push(vec![Cell::c("部门整体支出总额").row_head(), Cell::r(wan(budget)).num(), Cell::r(wan(actual)).num(), Cell::r(pct2(r.rate)), Cell::r(format!("{:.2}", r.execution_score))]);
    for (gi, g) in r.goals.iter().enumerate() {
        let w: Decimal = g.scored.iter().map(|i| i.weight).sum();
        // The goal's row and its column titles repeat together on each page the goal's
        // indicators continue on (headers of levels 2 and 3), until the next goal's.
        t.rows.push(subheader(vec![Cell::c(format!("年度目标{}：（{}分）", gi + 1, num(w))).bold().row_head().span(2, 1), Cell::l(g.name.clone()).span(5, 1)], 2));
        let mut rows = indicator_rows(&g.scored, |i| vec![Cell::c(i.target.clone()), Cell::c(i.actual.clone()), Cell::r(num(i.score))]);
        for (row, ind) in rows.iter_mut().zip(&g.scored) {
            if let Some(cell) = row.iter_mut().find(|c| c.text == ind.level2 && !ind.level2.is_empty()) {
                let w: Decimal = g.scored.iter().filter(|x| x.level1 == ind.level1 && x.level2 == ind.level2).map(|x| x.weight).sum();
                cell.text = format!("{}（{}分）", ind.level2, num(w));
            }
        }
        t.rows.extend(indicator_block("年度绩效指标", &["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"], 3, rows));
    }
    // The rows after the indicators end the goals' headers: not repeated over them.
    t.rows.push(subheader(vec![label("总分").span(6, 1), Cell::r(format!("{:.2}", r.total)).bold()], 1));
    let reasons: Vec<String> = r.goals.iter().flat_map(|g| g.scored.iter()).filter_map(|i| i.reason.as_ref().map(|x| format!("{}：{}", i.name, x))).collect();
    t.rows.push(vec![label("偏差大或目标未完成原因分析").span(2, 1), Cell::l(if reasons.is_empty() { "无".into() } else { reasons.join("；") }).span(5, 1)]);
    t
}

/// Appends 附件2 to the 决算 document.
pub fn append(d: &mut Document, r: &OverallResult, m: &DeptFigures) {
    let y = m.year;
    d.para(format!("{y}年度{}整体支出绩效自评报告", m.name));
    d.para(format!("单位名称：{}　　{}年{}月", m.name, r.date.0, r.date.1));
    // Inner headings stay out of the 目录 (only the annex itself is listed), but nest under
    // it: 一、 at level 2, its （一）… at level 3 (bookmarks, tags and HTML headings).
    d.heading_untoc(2, "一、自评结论");
    d.heading(3, "（一）部门整体绩效自评得分");
    d.para(r.intro.clone());
    let levels: Vec<(String, Decimal, Decimal)> = {
        let mut v: Vec<(String, Decimal, Decimal)> = Vec::new();
        for g in &r.goals {
            for i in &g.indicators {
                match v.iter_mut().find(|x| x.0 == i.0) {
                    Some(x) => {
                        x.1 += i.2;
                        x.2 += i.3;
                    }
                    None => v.push((i.0.clone(), i.2, i.3)),
                }
            }
        }
        v
    };
    let parts: Vec<String> = std::iter::once(format!("执行率得{}分", r.execution_score.normalize())).chain(levels.iter().map(|(l, _, s)| format!("{l}得{}分", s.normalize()))).collect();
    d.para(format!("{y}年，{}部门整体绩效自评得分为{}分，绩效评价等级为{}。其中：{}。具体如下：", m.short_name, r.total.normalize(), grade_word(&r.grade), parts.join("、")));
    let mut t = Table { id: "overall-score".into(), caption: format!("{y}年度部门整体绩效自评得分"), dept: String::new(), unit: String::new(), landscape: false, widths: vec![40, 20, 20, 20], header: vec![["绩效评价项目", "权重", "得分", "得分率"].iter().map(|h| Cell::c(*h).bold()).collect()], rows: vec![], notes: vec![], headings: vec![] };
    let rate = |s: Decimal, w: Decimal| if w.is_zero() { "—".to_string() } else { pct2(s * Decimal::ONE_HUNDRED / w) };
    for (gi, g) in r.goals.iter().enumerate() {
        let w: Decimal = g.indicators.iter().map(|i| i.2).sum();
        let s: Decimal = g.indicators.iter().map(|i| i.3).sum();
        t.rows.push(vec![Cell::l(format!("目标{}：{}", gi + 1, g.name)).bold(), Cell::r(w.normalize().to_string()), Cell::r(s.normalize().to_string()), Cell::r(rate(s, w))]);
        let mut lv: Vec<(String, Decimal, Decimal)> = Vec::new();
        for i in &g.indicators {
            match lv.iter_mut().find(|x| x.0 == i.0) {
                Some(x) => {
                    x.1 += i.2;
                    x.2 += i.3;
                }
                None => lv.push((i.0.clone(), i.2, i.3)),
            }
        }
        for (l, w, s) in lv {
            t.rows.push(vec![Cell::l(l), Cell::r(w.normalize().to_string()), Cell::r(s.normalize().to_string()), Cell::r(rate(s, w))]);
        }
    }
    t.rows.push(vec![Cell::l("汇总：").bold().span(4, 1)]);
    // 得分率 is score / weight on every row; seed 002 prints the 执行率 (99.89%) here instead
    // of 19.98 / 20 = 99.90% (docs/SEED-ERRORS.md row 61).
    t.rows.push(vec![Cell::l("预算执行情况"), Cell::r(r.execution_weight.to_string()), Cell::r(format!("{:.2}", r.execution_score)), Cell::r(rate(r.execution_score, r.execution_weight))]);
    for (l, w, s) in &levels {
        t.rows.push(vec![Cell::l(l.clone()), Cell::r(w.normalize().to_string()), Cell::r(s.normalize().to_string()), Cell::r(rate(*s, *w))]);
    }
    let full = r.execution_weight + levels.iter().map(|x| x.1).sum::<Decimal>();
    t.rows.push(vec![Cell::l("合计").bold(), Cell::r(full.normalize().to_string()).bold(), Cell::r(format!("{:.2}", r.total)).bold(), Cell::r(rate(r.total, full)).bold()]);
    d.table(t);
    d.heading(3, "（二）部门整体绩效目标完成情况");
    d.para(r.summary.clone());
    d.para("1.执行率情况".to_string());
    let [bb, pp] = r.yuan;
    let (bi, pi) = (bb[0], pp[0]);
    let adjusted = bb[0] + bb[1] + pp[0] + pp[1];
    let actual = bb[2] + pp[2];
    d.para(format!(
        "按照年初预算，{}{y}年度部门整体支出预算金额{}元，其中基本支出{}元，部门项目支出{}元；{y}年调整后部门整体支出预算金额{}元。{y}年度实际支出{}元，预算执行率为{}。具体情况如下表：",
        m.short_name, yuan(bi + pi), yuan(bi), yuan(pi), yuan(adjusted), yuan(actual), pct2(r.rate)
    ));
    let mut e = Table { id: "overall-execution".into(), caption: "预算执行情况".into(), dept: String::new(), unit: "单位：元".into(), landscape: false, widths: vec![12, 15, 14, 15, 15, 14, 10], header: vec![["项 目", "年初预算数", "年中追加调整", "调整后预算数", "实际支出数", "差异", "执行率"].iter().map(|h| Cell::c(*h).bold()).collect()], rows: vec![], notes: vec![], headings: vec![] };
    let line = |name: &str, v: [Decimal; 3]| {
        let adj = v[0] + v[1];
        let rt = if adj.is_zero() { "—".into() } else { pct2(v[2] * Decimal::ONE_HUNDRED / adj) };
        vec![Cell::l(name.to_string()), Cell::r(yuan(v[0])).num(), Cell::r(yuan(v[1])).num(), Cell::r(yuan(adj)).num(), Cell::r(yuan(v[2])).num(), Cell::r(yuan(v[2] - adj)).num(), Cell::r(rt)]
    };
    e.rows.push(line("预算支出", [bb[0] + pp[0], bb[1] + pp[1], bb[2] + pp[2]]));
    e.rows.push(line("基本支出", bb));
    e.rows.push(line("项目支出", pp));
    d.table(e);
    d.para(format!("评价设定总分值{}分，预算执行指标得分：预算执行率×{}分＝{:.2}分，得分率{}。", r.execution_weight, r.execution_weight, r.execution_score, pct2(r.execution_score * Decimal::ONE_HUNDRED / r.execution_weight.max(Decimal::ONE))));
    d.para("2.完成的绩效目标".to_string());
    const CIRCLED: [&str; 20] = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳"];
    for (gi, g) in r.goals.iter().enumerate() {
        d.para(format!("（{}）目标{}：{}", gi + 1, gi + 1, g.name));
        let mut level = String::new();
        let mut n = 0;
        for (l, name, _, _, sentence) in &g.indicators {
            if *l != level {
                level = l.clone();
                n = 0;
                d.para(format!("{}：", l.replace("指标", "目标")));
            }
            d.para(format!("{} {name}", CIRCLED.get(n).copied().unwrap_or("·")));
            d.para(sentence.clone());
            n += 1;
        }
    }
    d.heading(3, "（三）存在的问题和原因");
    d.para("1.上年度绩效评价结果应用情况".to_string());
    for p in &r.prior_application {
        d.para(p.clone());
    }
    d.para("2.本年度绩效管理中存在的问题和原因".to_string());
    for p in &r.problems {
        d.para(p.clone());
    }
    d.heading(3, "（四）下一步拟改进措施");
    d.para("1.下一步拟改进措施".to_string());
    for p in &r.measures {
        d.para(p.clone());
    }
    d.para("2.拟与预算安排相结合情况".to_string());
    for p in &r.budget_link {
        d.para(p.clone());
    }
    d.page_break();
    d.para(format!("附件：{}{y}年部门整体支出绩效评价表", m.short_name));
    d.table(evaluation_table(r, m));
}
