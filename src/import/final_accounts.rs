//! The nine tables of a 部门决算 workbook → the facts of the 决算 YAML.
//!
//! Only facts are taken: 项-level lines by fund (表5 一般公共预算, 表8 政府性基金, 表9 国有资本
//! 经营; what 表3 has beyond them is 非财政拨款), 表2's income by source, 表6's economic lines,
//! 表7's 三公 and the carry-overs of 表1 and 表4. Every 合计/总计 the workbook prints becomes
//! a typed total under `totals:`, so `check` compares it with the sum of the lines.

use super::sheet::{self, Amount};
use super::table::{Catalogue, Table, is_code};
use super::facts::{Block, Imported, Row};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The nine tables, more specific titles first.
pub const TABLES: Catalogue = &[
    ("表6", &["基本支出决算表"], &[]),
    ("表7", &["三公"], &[]),
    ("表8", &["政府性基金预算财政拨款"], &[]),
    ("表9", &["国有资本经营预算财政拨款"], &[]),
    ("表5", &["一般公共预算财政拨款支出决算表"], &[]),
    ("表4", &["财政拨款收入支出决算总表"], &[]),
    ("表1", &["收入支出决算总表"], &["财政拨款"]),
    ("表2", &["收入决算表"], &["支出"]),
    ("表3", &["支出决算表"], &["收入", "财政拨款", "基本支出决算表"]),
];

/// Amount columns of the function-code tables: (field, words of the column label, words it
/// must not have).
pub type Cols = &'static [(&'static str, &'static [&'static str], &'static [&'static str])];
const T3: Cols = &[("total", &["合计"], &[]), ("basic", &["基本支出"], &[]), ("project", &["项目支出"], &[]), ("upper", &["上缴上级"], &[]), ("operating", &["经营支出"], &[]), ("subsidiary", &["附属单位"], &[])];
const T2: Cols = &[("total", &["合计"], &[]), ("fiscal", &["财政拨款"], &[]), ("superior", &["上级补助"], &[]), ("business", &["事业收入"], &[]), ("operating", &["经营收入"], &[]), ("affiliated", &["附属单位"], &[]), ("other", &["其他收入"], &[])];
const T5: Cols = &[("total", &["小计"], &[]), ("total", &["合计"], &[]), ("basic", &["基本支出"], &[]), ("project", &["项目支出"], &[])];
const T8: Cols = &[("opening", &["年初"], &[]), ("income", &["本年收入"], &[]), ("expenditure", &["小计"], &[]), ("basic", &["基本支出"], &[]), ("project", &["项目支出"], &[]), ("closing", &["年末"], &[])];

/// The amounts of one row by field, each with its cell.
pub type Values = BTreeMap<&'static str, (Decimal, String)>;

/// One function-code table read: lines by 项 code (name, values) and the 合计 row.
#[derive(Default)]
pub struct Lines {
    pub rows: BTreeMap<String, (Option<String>, Values)>,
    /// The 类 and 款 rows: sums the workbook prints, typed as subtotals to be checked.
    pub subtotals: Vec<(String, Option<String>, Values)>,
    pub total: Values,
}

pub fn import(tables: &[Table], out: &mut Imported) {
    let get = |id: &str| tables.iter().find(|t| t.id == id);
    let t2 = get("表2").map(|t| lines(t, T2, out));
    let t3 = get("表3").map(|t| lines(t, T3, out));
    let t5 = get("表5").map(|t| lines(t, T5, out));
    let t8 = get("表8").map(|t| lines(t, T8, out));
    let t9 = get("表9").map(|t| lines(t, T5, out));
    let mut totals: Vec<(String, Decimal, String)> = Vec::new();
    for (id, l, keys) in [("t2", &t2, T2), ("t3", &t3, T3), ("t5", &t5, T5), ("t8", &t8, T8), ("t9", &t9, T5)] {
        let Some(l) = l else { continue };
        for (k, _, _) in keys {
            if let Some((v, at)) = l.total.get(k)
                && !totals.iter().any(|(p, _, _)| *p == format!("{id}.{k}"))
            {
                totals.push((format!("{id}.{k}"), *v, at.clone()));
            }
        }
    }
    expenditure(t3.as_ref(), t5.as_ref(), t8.as_ref(), t9.as_ref(), out);
    if let Some(t2) = &t2 {
        income(t2, t8.as_ref(), t9.as_ref(), out);
    }
    if let Some(t) = get("表6") {
        economic(t, true, &mut totals, out);
    }
    if let Some(t) = get("表7") {
        three_public(t, &mut totals, out);
    }
    carryover(get("表1"), get("表4"), t8.as_ref(), &mut totals, out);
    out.totals.extend(totals);
}

/// Reads the lines of a function-code table: 7-digit codes, by column.
pub fn lines(t: &Table, cols: Cols, out: &mut Imported) -> Lines {
    let mut l = Lines::default();
    let found: Vec<(&'static str, usize)> = cols.iter().filter_map(|(k, w, n)| t.col(w, n).map(|c| (*k, c))).collect();
    if found.iter().all(|(k, _)| *k == "total") {
        out.problem(t.grid.at(0, 0), "I-HEADER", format!("{}：表头中找不到金额列（{}）", t.id, cols.iter().map(|(_, w, _)| w.join("")).collect::<Vec<_>>().join("、")));
        return l;
    }
    for &r in &t.body {
        let total = t.is_total(r);
        let code = t.code(r);
        if !total && !is_code(&code) {
            // Notes under the table (“注：…”, “1 栏各行 = …”, “本表无数据”) are not rows;
            // a short entry of digits and separators is a mistyped code.
            let code_like = code.chars().count() <= 10 && code.chars().any(|c| c.is_ascii_digit()) && code.chars().all(|c| c.is_ascii_alphanumeric() || "-. /、".contains(c));
            if code_like {
                out.problem(t.grid.at(r, 0), "I-CODE", format!("{}：科目编码 {code:?} 不是 3、5 或 7 位数字", t.id));
            }
            continue;
        }
        let mut vals = BTreeMap::new();
        for &(k, c) in &found {
            if let Some(v) = out.amount(t, r, c) {
                vals.entry(k).or_insert((v, t.grid.at(r, c)));
            }
        }
        if total {
            l.total = vals;
        } else if code.len() != 7 {
            // 类、款 rows are computed from the 项 lines; the printed ones are checked.
            l.subtotals.push((code, t.name(r), vals));
        } else {
            let e = l.rows.entry(code).or_insert((t.name(r), BTreeMap::new()));
            e.1.extend(vals);
        }
    }
    l
}

/// The rows of the fiscal funds' tables, by fund (a 决算's 表5/8/9 and a budget's alike): a
/// row per code with its nonzero basic and project amounts, and what each (code, column)
/// took, so the whole-department table can add only what lies beyond them.
pub fn fiscal_rows<'a>(funds: impl IntoIterator<Item = (&'static str, &'a Lines)>) -> (Vec<Row>, BTreeMap<(String, &'static str), Decimal>) {
    let mut rows = Vec::new();
    let mut used: BTreeMap<(String, &'static str), Decimal> = BTreeMap::new();
    for (fund, l) in funds {
        for (code, (name, vals)) in &l.rows {
            let mut row = Row::new(code, name.as_deref());
            if fund != "general" {
                row.text("fund", fund);
            }
            for k in ["basic", "project"] {
                if let Some((v, at)) = vals.get(k).filter(|(v, _)| !v.is_zero()) {
                    row.amount(k, *v, at);
                    *used.entry((code.clone(), k)).or_default() += *v;
                }
            }
            if row.has_amounts() {
                rows.push(row);
            }
        }
    }
    (rows, used)
}

/// `expenditure:` rows by fund: 表5 general, 表8 gov_fund, 表9 state_capital, and what 表3
/// shows beyond them as non_fiscal.
fn expenditure(t3: Option<&Lines>, t5: Option<&Lines>, t8: Option<&Lines>, t9: Option<&Lines>, out: &mut Imported) {
    let funds = [("general", t5), ("gov_fund", t8), ("state_capital", t9)];
    let (mut rows, fiscal) = fiscal_rows(funds.into_iter().filter_map(|(fund, l)| Some((fund, l?))));
    if let Some(t3) = t3 {
        for (code, (name, vals)) in &t3.rows {
            let mut row = Row::new(code, name.as_deref());
            row.text("fund", "non_fiscal");
            for k in ["basic", "project", "upper", "operating", "subsidiary"] {
                let Some((v, at)) = vals.get(k) else { continue };
                let rest = *v - fiscal.get(&(code.clone(), k)).copied().unwrap_or_default();
                if rest < Decimal::ZERO {
                    out.problem(at.clone(), "I-FUNDS", format!("表3 {code} 的{} {v} 小于表5、表8、表9 同一科目之和 {}", label(k), v - rest));
                } else if !rest.is_zero() {
                    row.amount(k, rest, at);
                }
            }
            if row.has_amounts() {
                rows.push(row);
            }
        }
        // 表3's 类 and 款 rows (every fund) become typed subtotals: check compares each with
        // the sum of its 项 lines (T-CODE-SUBTOTAL).
        for (code, name, vals) in &t3.subtotals {
            let mut row = Row::new(code, name.as_deref());
            for k in ["basic", "project", "upper", "operating", "subsidiary"] {
                if let Some((v, at)) = vals.get(k) {
                    row.amount(k, *v, at);
                }
            }
            if row.has_amounts() {
                rows.push(row);
            }
        }
    } else if t5.is_none() {
        out.problem(String::new(), "I-SHEET", "工作簿中没有支出决算表（表3）或一般公共预算财政拨款支出决算表（表5）".into());
    }
    out.blocks.push(Block::list("expenditure", rows));
}

fn label(k: &str) -> &'static str {
    match k {
        "basic" => "基本支出",
        "project" => "项目支出",
        "upper" => "上缴上级支出",
        "operating" => "经营支出",
        _ => "对附属单位补助支出",
    }
}

/// `income_by_function:` from 表2. Its 财政拨款 column is split by fund: 政府性基金 is 表8's
/// 本年收入; 国有资本经营 is 表9's spending of the code (表9 has no income column, and the
/// schema keeps no 国有资本 balance by code); the rest is 一般公共预算.
fn income(t2: &Lines, t8: Option<&Lines>, t9: Option<&Lines>, out: &mut Imported) {
    let mut rows = Vec::new();
    for (code, (name, vals)) in &t2.rows {
        let mut row = Row::new(code, name.as_deref());
        let gov = t8.and_then(|l| l.rows.get(code)).and_then(|(_, v)| v.get("income")).cloned();
        let spent9: Decimal = t9.and_then(|l| l.rows.get(code)).map(|(_, v)| ["basic", "project"].iter().filter_map(|k| v.get(k)).map(|x| x.0).sum()).unwrap_or_default();
        if let Some((fiscal, at)) = vals.get("fiscal") {
            let rest = *fiscal - gov.as_ref().map_or(Decimal::ZERO, |g| g.0);
            let state = spent9.min(rest).max(Decimal::ZERO);
            if !(rest - state).is_zero() {
                row.amount("general", rest - state, at);
            }
            if !state.is_zero() {
                row.amount("state_capital", state, at);
            }
        }
        if let Some((g, at)) = gov.filter(|g| !g.0.is_zero()) {
            row.amount("gov_fund", g, &at);
        }
        for k in ["superior", "business", "operating", "affiliated", "other"] {
            if let Some((v, at)) = vals.get(k).filter(|(v, _)| !v.is_zero()) {
                row.amount(k, *v, at);
            }
        }
        if row.has_amounts() {
            rows.push(row);
        }
    }
    out.blocks.push(Block::list("income_by_function", rows));
}

/// `basic_by_economic:` from 表6: every (科目编码, …, 决算数) group of columns, 款 codes only.
/// `classes`: also the 类 rows, as typed subtotals (the 决算's schema has them; the budget's not).
pub fn economic(t: &Table, classes: bool, totals: &mut Vec<(String, Decimal, String)>, out: &mut Imported) {
    let g = t.grid;
    let code_cols: Vec<usize> = t.labels.iter().enumerate().filter(|(_, l)| l.contains("编码")).map(|(c, _)| c).collect();
    let mut rows = Vec::new();
    for &r in &t.body {
        for (i, &c) in code_cols.iter().enumerate() {
            let code = sheet::code(g.get(r, c));
            // 款 lines, and the 类 rows as typed subtotals (T6-CLASS-SUBTOTAL checks them).
            if !(code.len() == 5 || classes && code.len() == 3) || !is_code(&code) {
                continue;
            }
            let end = code_cols.get(i + 1).copied().unwrap_or(t.labels.len());
            let Some(vc) = (c + 1..end).find(|k| t.labels[*k].contains("决算") || t.labels[*k].contains("金额") || t.labels[*k].contains("合计")) else { continue };
            if let Some(v) = out.amount(t, r, vc).filter(|v| !v.is_zero()) {
                let mut row = Row::new(&code, Some(&g.text(r, c + 1)).filter(|n| !n.is_empty()).map(String::as_str));
                row.amount("amount", v, &g.at(r, vc));
                rows.push(row);
            }
        }
        for (word, key) in [("人员经费合计", "t6.personnel"), ("公用经费合计", "t6.public")] {
            if let Some((v, at)) = after_label(t, r, word, out) {
                totals.push((key.into(), v, at));
            }
        }
    }
    rows.sort_by(|a, b| a.code.cmp(&b.code));
    out.blocks.push(Block::list("basic_by_economic", rows));
}

/// The amount right of the cell whose text is `word`, in row r.
fn after_label(t: &Table, r: usize, word: &str, out: &mut Imported) -> Option<(Decimal, String)> {
    let g = t.grid;
    let c = (0..g.width()).find(|c| !g.covered(r, *c) && g.text(r, *c) == word)?;
    let v = (c + 1..g.width()).find(|k| !g.covered(r, *k) && !g.text(r, *k).is_empty())?;
    out.amount(t, r, v).map(|d| (d, g.at(r, v)))
}

/// 表7: the one row of 预算数 and 决算数, each column by the last words of its label.
pub fn three_public(t: &Table, totals: &mut Vec<(String, Decimal, String)>, out: &mut Imported) {
    let Some(&r) = t.body.first() else { return };
    let mut sides: BTreeMap<&str, Vec<(&'static str, Decimal, String)>> = BTreeMap::new();
    for (c, l) in t.labels.iter().enumerate() {
        let side = if l.contains("预算") { "budget" } else if l.contains("决算") { "actual" } else { "" };
        let last = l.rsplit('/').next().unwrap_or("");
        let key = if last.contains("合计") {
            "total"
        } else if last.contains("小计") {
            "vehicle"
        } else if last.contains("出国") {
            "abroad"
        } else if last.contains("购置") && !last.contains("运行") {
            "vehicle_purchase"
        } else if last.contains("运行") && !last.contains("购置") {
            "vehicle_operation"
        } else if last.contains("接待") {
            "reception"
        } else {
            continue;
        };
        let v = out.amount(t, r, c).unwrap_or_default();
        sides.entry(side).or_default().push((key, v, t.grid.at(r, c)));
    }
    for (side, vals) in sides {
        let mut row = Row::default();
        for (k, v, at) in &vals {
            match *k {
                // The budget's 表7 has one side: its 合计 is `totals.three_public`.
                "total" if side.is_empty() => totals.push(("three_public".into(), *v, at.clone())),
                "total" => totals.push((format!("t7.{side}"), *v, at.clone())),
                "vehicle" if side.is_empty() => {}
                "vehicle" => totals.push((format!("t7.{side}_vehicle"), *v, at.clone())),
                _ => row.amount(k, *v, at),
            }
        }
        let path = if side.is_empty() { "three_public".to_string() } else { format!("three_public.{side}") };
        out.blocks.push(Block::map(&path, row));
    }
}

/// The carry-overs: 表4's 年初财政拨款结转和结余 by fund, the rest of 表1's 年初 as
/// non_fiscal, 表8's 年初 by code; and the totals of 表1 and 表4.
fn carryover(t1: Option<&Table>, t4: Option<&Table>, t8: Option<&Lines>, totals: &mut Vec<(String, Decimal, String)>, out: &mut Imported) {
    let p1 = t1.map(|t| pairs(t, out)).unwrap_or_default();
    let p4 = t4.map(|t| pairs(t, out)).unwrap_or_default();
    let find = |p: &[(String, Vec<(Decimal, String)>)], word: &str, nth: usize| p.iter().filter(|(l, _)| l == word).nth(nth).and_then(|(_, v)| v.first().cloned());
    for (key, word, nth) in [("t1.income", "本年收入合计", 0), ("t1.expenditure", "本年支出合计", 0), ("t1.opening", "年初结转和结余", 0), ("t1.closing", "年末结转和结余", 0), ("t1.income_total", "总计", 0), ("t1.expenditure_total", "总计", 1)] {
        if let Some((v, at)) = find(&p1, word, nth) {
            totals.push((key.into(), v, at));
        }
    }
    for (key, word, nth) in [("t4.income", "本年收入合计", 0), ("t4.expenditure", "本年支出合计", 0), ("t4.opening", "年初财政拨款结转和结余", 0), ("t4.closing", "年末财政拨款结转和结余", 0), ("t4.income_total", "总计", 0), ("t4.expenditure_total", "总计", 1)] {
        if let Some((v, at)) = find(&p4, word, nth) {
            totals.push((key.into(), v, at));
        }
    }
    if let Some((_, v)) = p4.iter().find(|(l, _)| l == "本年支出合计") {
        for (i, key) in ["t4.expenditure_general", "t4.expenditure_gov_fund", "t4.expenditure_state_capital"].iter().enumerate() {
            if let Some((d, at)) = v.get(i + 1) {
                totals.push((key.to_string(), *d, at.clone()));
            }
        }
    }
    // 表4's fund lines under 年初财政拨款结转和结余 (the first occurrence of each, on the left).
    let mut opening = Row::default();
    let start = p4.iter().position(|(l, _)| l == "年初财政拨款结转和结余");
    let mut fiscal = Decimal::ZERO;
    if let Some(s) = start {
        for (fund, word) in [("general", "一般公共预算财政拨款"), ("gov_fund", "政府性基金预算财政拨款"), ("state_capital", "国有资本经营预算财政拨款")] {
            if let Some((_, v)) = p4[s..].iter().find(|(l, _)| l == word)
                && let Some((d, at)) = v.first().filter(|(d, _)| !d.is_zero())
            {
                opening.amount(fund, *d, at);
                fiscal += *d;
            }
        }
    }
    if let Some((total, at)) = find(&p1, "年初结转和结余", 0) {
        let rest = total - fiscal;
        if !rest.is_zero() {
            opening.amount("non_fiscal", rest, &at);
        }
    }
    let by_code: Vec<Row> = t8
        .map(|l| {
            l.rows.iter().filter_map(|(code, (name, v))| v.get("opening").filter(|(d, _)| !d.is_zero()).map(|(d, at)| {
                let mut r = Row::new(code, name.as_deref());
                r.amount("opening", *d, at);
                r
            })).collect()
        })
        .unwrap_or_default();
    if opening.has_amounts() || !by_code.is_empty() {
        out.blocks.push(Block::map("carryover.opening", opening));
        if !by_code.is_empty() {
            out.blocks.push(Block::list("carryover.gov_fund_by_code", by_code));
        }
    }
    for (label, key) in [("使用非财政拨款结余", "use_of_non_fiscal_balance"), ("结余分配", "balance_distribution")] {
        if let Some((v, at)) = find(&p1, label, 0).filter(|(v, _)| !v.is_zero()) {
            let mut r = Row::default();
            r.amount("value", v, &at);
            out.blocks.push(Block::scalar(key, r));
        }
    }
}

/// A two-sided table (表1, 表4) as (label, amounts right of it) pairs, left to right; the
/// 行次 columns are skipped.
fn pairs(t: &Table, out: &mut Imported) -> Vec<(String, Vec<(Decimal, String)>)> {
    let g = t.grid;
    let mut res: Vec<(String, Vec<(Decimal, String)>)> = Vec::new();
    for &r in &t.body {
        let mut current: Option<usize> = None;
        for c in 0..g.width() {
            if g.covered(r, c) || t.labels.get(c).is_some_and(|l| l.contains("行次")) {
                continue;
            }
            let text = g.text(r, c);
            let is_label = !text.is_empty() && matches!(sheet::amount(g.get(r, c)), Amount::NotNumber(_));
            let is_amount_col = t.labels.get(c).is_some_and(|l| l.contains("金额") || l.contains("合计") || l.contains("财政拨款") || l.contains("决算数"));
            if is_label && !is_amount_col {
                res.push((text, Vec::new()));
                current = Some(res.len() - 1);
            } else if let Some(i) = current
                && is_amount_col
            {
                if let Some(v) = out.amount(t, r, c) {
                    res[i].1.push((v, g.at(r, c)));
                } else if text.is_empty() {
                    res[i].1.push((Decimal::ZERO, g.at(r, c)));
                }
            }
        }
    }
    res
}
