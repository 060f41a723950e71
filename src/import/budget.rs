//! The ten 部门预算公开表 of a budget workbook → the facts of the `document: budget` YAML:
//! 项-level lines by fund (表5 一般公共预算, 表8 政府性基金, 表9 国有资本经营; what 表3 has
//! beyond them, by the one other source 表2 shows for that code), 表6's economic lines, 表7's
//! 三公 and 表10's projects. The printed 合计 become typed totals.

use super::facts::{Block, Imported, Row};
use super::final_accounts::{Cols, Lines, economic, fiscal_rows, lines, three_public};
use super::table::{Catalogue, Table};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub const TABLES: Catalogue = &[
    ("表6", &["基本支出表"], &[]),
    ("表7", &["三公"], &[]),
    ("表8", &["政府性基金预算支出表"], &[]),
    ("表9", &["国有资本经营预算支出表"], &[]),
    ("表10", &["项目支出表"], &[]),
    ("表5", &["一般公共预算支出表"], &["基本"]),
    ("表4", &["财政拨款收支总表"], &[]),
    ("表1", &["收支总表"], &["财政拨款"]),
    ("表2", &["收入总表"], &[]),
    ("表3", &["支出总表"], &[]),
];

const SPEND: Cols = &[("total", &["合计"], &[]), ("basic", &["基本支出"], &[]), ("project", &["项目支出"], &[])];
/// 表2's sources other than the three fiscal ones, as the YAML's `fund`.
const OTHER: Cols = &[("carried", &["上年结转"], &[]), ("special", &["财政专户"], &[]), ("business", &["事业收入"], &[]), ("operating", &["经营收入"], &[]), ("superior", &["上级补助"], &[]), ("affiliated", &["附属单位"], &[]), ("other", &["其他收入"], &[])];

pub fn import(tables: &[Table], out: &mut Imported) {
    let get = |id: &str| tables.iter().find(|t| t.id == id);
    let t3 = get("表3").map(|t| lines(t, SPEND, out));
    let t2 = get("表2").map(|t| lines(t, OTHER, out));
    let fiscal: Vec<(&str, Lines)> = [("general", "表5"), ("gov_fund", "表8"), ("state_capital", "表9")].into_iter().filter_map(|(f, id)| get(id).map(|t| (f, lines(t, SPEND, out)))).collect();
    let (mut rows, used) = fiscal_rows(fiscal.iter().map(|(fund, l)| (*fund, l)));
    if let Some(t3) = &t3 {
        rest(t3, t2.as_ref(), &used, &mut rows, out);
        for k in ["basic", "project"] {
            if let Some((v, at)) = t3.total.get(k) {
                out.totals.push((k.into(), *v, at.clone()));
            }
        }
        if let Some((v, at)) = t3.total.get("total") {
            out.totals.push(("expenditure".into(), *v, at.clone()));
        }
    }
    out.blocks.push(Block::list("lines", rows));
    let mut totals = Vec::new();
    if let Some(t) = get("表6") {
        economic(t, false, &mut totals, out);
        let l = lines(t, &[("personnel", &["人员经费"], &[]), ("public", &["公用经费"], &[])], out);
        for k in ["personnel", "public"] {
            if let Some((v, at)) = l.total.get(k) {
                totals.push((k.into(), *v, at.clone()));
            }
        }
    }
    if let Some(t) = get("表7") {
        three_public(t, &mut totals, out);
    }
    if let Some(t) = get("表10") {
        projects(t, out);
    }
    out.totals.extend(totals);
}

/// What 表3 shows beyond the fiscal tables, as lines of the one other source 表2 names for
/// that code.
fn rest(t3: &Lines, t2: Option<&Lines>, used: &BTreeMap<(String, &str), Decimal>, rows: &mut Vec<Row>, out: &mut Imported) {
    for (code, (name, vals)) in &t3.rows {
        let mut row = Row::new(code, name.as_deref());
        let sources: Vec<&str> = t2.and_then(|l| l.rows.get(code)).map(|(_, v)| v.iter().filter(|(_, (d, _))| !d.is_zero()).map(|(k, _)| *k).collect()).unwrap_or_default();
        for k in ["basic", "project"] {
            let Some((v, at)) = vals.get(k) else { continue };
            let r = *v - used.get(&(code.clone(), k)).copied().unwrap_or_default();
            if r < Decimal::ZERO {
                out.problem(at.clone(), "I-FUNDS", format!("表3 {code} 的{} {v} 小于表5、表8、表9 同一科目之和 {}", if k == "basic" { "基本支出" } else { "项目支出" }, v - r));
            } else if !r.is_zero() {
                match sources.as_slice() {
                    [_] => row.amount(k, r, at),
                    _ => out.problem(at.clone(), "I-FUNDS", format!("表3 {code} 有 {r} 不是财政拨款，表2 中该科目的其他资金来源不止一项或没有：无法判断来源")),
                }
            }
        }
        if row.has_amounts() {
            row.fields.insert(0, ("fund".into(), sources[0].into()));
            rows.push(row);
        }
    }
}

/// 表10: each project with its amount and its one funding column; 对下补助 by its 类别.
fn projects(t: &Table, out: &mut Imported) {
    let (Some(nc), Some(ac)) = (t.col(&["项目名称"], &[]), t.col(&["合计"], &[])) else {
        out.problem(t.grid.at(0, 0), "I-HEADER", "表10：表头中找不到“项目名称”和“合计”列".into());
        return;
    };
    let kind = t.col(&["类别"], &[]);
    let funds = [("general", t.col(&["一般公共预算"], &[])), ("gov_fund", t.col(&["政府性基金"], &[])), ("state_capital", t.col(&["国有资本"], &[])), ("other", t.col(&["其他"], &[]))];
    let mut rows = Vec::new();
    for &r in &t.body {
        let name = t.grid.text(r, nc);
        if name.is_empty() || t.is_total(r) {
            continue;
        }
        let Some(v) = out.amount(t, r, ac) else { continue };
        let mut row = Row::default();
        row.text("name", &quoted(&name));
        let nonzero: Vec<&str> = funds.iter().filter_map(|(f, c)| c.and_then(|c| out.amount(t, r, c)).filter(|d| !d.is_zero()).map(|_| *f)).collect();
        if let [f] = nonzero.as_slice()
            && *f != "general"
        {
            row.text("fund", f);
        }
        row.amount("amount", v, &t.grid.at(r, ac));
        if kind.is_some_and(|c| t.grid.text(r, c).contains("对下")) {
            row.text("to_lower", "true");
        }
        rows.push(row);
    }
    out.blocks.push(Block::list("projects", rows));
}

/// A name as a YAML double-quoted string.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}
