//! Mutation test: add 0.01 to every amount typed in the example. Either the change only
//! moves computed output (the amount takes part in no identity; the reason is listed
//! below), or `check` reports a rule at that value's line. Every amount that takes part in
//! an identity must be detected. Prints the detection rate.

use gen_report::build::pipeline;
use rust_decimal::Decimal;
use std::str::FromStr;

const EXAMPLE: &str = include_str!("../examples/wuhan-hanyang-xinfang-2020.yaml");

/// Amount keys, and for those in no identity, why a change only moves computed output.
const KEYS: &[(&str, Option<&str>)] = &[
    ("basic", None),
    ("project", None),
    ("amount", None), // basic_by_economic (identity) or initial_budget (see below)
    ("actual", None), // projects[].actual
    ("budget", Some("项目全年预算数只决定执行率")),
    ("abroad", Some("“三公”各项：预算数只决定完成率；决算数和上年数只决定增减（有原因）")),
    ("vehicle_purchase", Some("同上")),
    ("vehicle_operation", Some("同上")),
    ("reception", Some("同上")),
    ("office_operation", None), // X-OFFICE-PUBLIC against 公用经费
    ("goods", Some("政府采购各项只决定采购总额")),
    ("works", Some("同上")),
    ("services", Some("同上")),
    ("total", Some("上年数只决定与上年相比的增减")),
    ("fiscal_total", Some("同上")),
    ("general_budget_spend", Some("同上")),
];

struct Site {
    line: usize,
    key: &'static str,
    start: usize,
    end: usize,
    value: Decimal,
    section: String,
}

/// Finds `key: 123.45` scalars line by line, remembering the top-level section.
fn sites() -> Vec<Site> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut section = String::new();
    for (i, line) in EXAMPLE.split_inclusive('\n').enumerate() {
        if !line.starts_with([' ', '#', '-']) && line.contains(':') {
            section = line.split(':').next().unwrap().to_string();
        }
        let code = line.split('#').next().unwrap();
        for (key, _) in KEYS {
            let pat = format!("{key}: ");
            let mut from = 0;
            while let Some(p) = code[from..].find(&pat) {
                let at = from + p;
                let before = code[..at].chars().last();
                let start = at + pat.len();
                let len = code[start..].find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(code.len() - start);
                // A whole scalar only: "2020年度…" in a text is not an amount.
                let after = code[start + len..].chars().next();
                let whole = after.is_none_or(|c| matches!(c, ' ' | ',' | '}' | '\n' | '\r'));
                if before.is_none_or(|c| c == ' ' || c == '{' || c == ',') && len > 0 && whole
                    && let Ok(value) = Decimal::from_str(&code[start..start + len]) {
                        out.push(Site { line: i + 1, key, start: offset + start, end: offset + start + len, value, section: section.clone() });
                    }
                from = start;
            }
        }
        offset += line.len();
    }
    out
}

fn in_identity(s: &Site) -> bool {
    matches!(s.key, "basic" | "project") || (s.key == "amount" && s.section == "basic_by_economic") || (s.key == "actual" && s.section == "projects")
}

fn why_not(s: &Site) -> &'static str {
    if s.key == "amount" && s.section == "initial_budget" {
        return "年初预算只决定完成率（偏离时需写原因，已写）";
    }
    if s.section == "three_public" || s.section == "prior_year" {
        return "预算数、上年数只决定完成率和增减（原因已写）";
    }
    KEYS.iter().find(|k| k.0 == s.key).and_then(|k| k.1).unwrap_or("—")
}

#[test]
fn every_amount_in_an_identity_is_detected() {
    let sites = sites();
    assert!(sites.len() > 40, "found {} amounts", sites.len());
    let mut detected = 0;
    let mut missed_identity = Vec::new();
    let mut report = Vec::new();
    for s in &sites {
        let mut text = EXAMPLE.to_string();
        let bumped = (s.value + Decimal::new(1, 2)).to_string();
        text.replace_range(s.start..s.end, &bumped);
        let c = pipeline::check_str("example.yaml", text);
        let at_line = |sp: Option<gen_report::core::diag::SrcSpan>| sp.and_then(|sp| c.sources.line_col(sp)).is_some_and(|(_, l, _)| l == s.line);
        let hit = c.findings.iter().find(|f| at_line(f.span) || f.related.iter().any(|(sp, _)| at_line(Some(*sp))));
        match hit {
            Some(f) => {
                detected += 1;
                report.push(format!("line {:>3} {:<22} {} → {}", s.line, format!("{}.{}", s.section, s.key), s.value, f.rule));
            }
            None => {
                if in_identity(s) {
                    missed_identity.push(format!("line {} {}.{} = {}", s.line, s.section, s.key, s.value));
                }
                report.push(format!("line {:>3} {:<22} {} → 仅影响计算结果：{}", s.line, format!("{}.{}", s.section, s.key), s.value, why_not(s)));
            }
        }
    }
    println!("{}", report.join("\n"));
    println!("detection rate: {detected}/{} amounts ({}%)", sites.len(), detected * 100 / sites.len());
    assert!(missed_identity.is_empty(), "amounts in an identity that went undetected:\n{}", missed_identity.join("\n"));
}
