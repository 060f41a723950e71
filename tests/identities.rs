//! Every identity printed under the nine tables holds in the tables gen-report builds,
//! recomputed from the rendered cells (a regression net for `tables.rs`).

use gen_report::build::pipeline;
use gen_report::render::view::{Block, Document, Table};
use rust_decimal::Decimal;
use std::str::FromStr;

fn doc(path: &str) -> Document {
    let c = pipeline::check_file(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path).as_path());
    assert!(!c.has_errors(), "{}", c.sources.render_text(&c.findings));
    c.document().unwrap().unwrap()
}

fn table<'a>(d: &'a Document, id: &str) -> &'a Table {
    d.blocks.iter().find_map(|b| match b { Block::Table(t) if t.id == id => Some(t), _ => None }).unwrap()
}

fn num(s: &str) -> Decimal {
    if s.trim().is_empty() { Decimal::ZERO } else { Decimal::from_str(s.trim()).unwrap_or_else(|_| panic!("not a number: {s:?}")) }
}

/// Value cells of a code-hierarchy table row (after the code and name cells).
fn values(row: &[gen_report::render::view::Cell]) -> Vec<Decimal> {
    row[2..].iter().map(|c| num(&c.text)).collect()
}

fn check_hierarchy(t: &Table, first_is_sum_of: &[usize]) {
    let rows: Vec<(String, Vec<Decimal>)> = t.rows.iter().map(|r| {
        if r[0].text == "合计" { ("".into(), r[1..].iter().map(|c| num(&c.text)).collect()) } else { (r[0].text.clone(), values(r)) }
    }).collect();
    let total = &rows[0].1;
    for (code, v) in &rows {
        if !first_is_sum_of.is_empty() {
            let s: Decimal = first_is_sum_of.iter().map(|i| v[*i]).sum();
            assert_eq!(v[0], s, "{}: 1 栏 = Σ in row {code}", t.id);
        }
        // 类 = Σ款, 款 = Σ项.
        if code.len() == 3 || code.len() == 5 {
            let child_len = code.len() + 2;
            for col in 0..v.len() {
                let s: Decimal = rows.iter().filter(|(c, _)| c.len() == child_len && c.starts_with(code.as_str())).map(|(_, cv)| cv[col]).sum();
                assert_eq!(v[col], s, "{}: {code} column {col} = Σ children", t.id);
            }
        }
    }
    for col in 0..total.len() {
        let s: Decimal = rows.iter().filter(|(c, _)| c.len() == 3).map(|(_, v)| v[col]).sum();
        if t.id != "t8" || (col != 0 && col != 5) {
            assert_eq!(total[col], s, "{}: 合计 column {col} = Σ 类", t.id);
        }
    }
}

fn check_all(path: &str) {
    let d = doc(path);
    check_hierarchy(table(&d, "t2"), &[1, 2, 3, 4, 5, 6]);
    check_hierarchy(table(&d, "t3"), &[1, 2, 3, 4, 5]);
    check_hierarchy(table(&d, "t5"), &[1, 2]);
    check_hierarchy(table(&d, "t9"), &[1, 2]);
    check_hierarchy(table(&d, "t8"), &[]);
    // 表8: 6 = 1 + 2 − 3 and 3 = 4 + 5 on every line.
    for r in &table(&d, "t8").rows {
        let v: Vec<Decimal> = if r[0].text == "合计" { r[1..].iter().map(|c| num(&c.text)).collect() } else { values(r) };
        assert_eq!(v[5], v[0] + v[1] - v[2], "表8 6 = 1+2−3");
        assert_eq!(v[2], v[3] + v[4], "表8 3 = 4+5");
    }
    // 表1: 收入合计 = Σ rows 1–8; 总计 30 = 60; 支出合计 = Σ 类 rows.
    let t1 = table(&d, "t1");
    let n = t1.rows.len() - 4;
    let left: Decimal = t1.rows[..8].iter().map(|r| num(&r[2].text)).sum();
    let right: Decimal = t1.rows[..n].iter().map(|r| num(&r[5].text)).sum();
    let [inc, nf, open, tot] = [&t1.rows[n], &t1.rows[n + 1], &t1.rows[n + 2], &t1.rows[n + 3]];
    assert_eq!(num(&inc[2].text), left, "表1 27 = Σ1..8");
    assert_eq!(num(&inc[5].text), right, "表1 57 = Σ31..56");
    assert_eq!(num(&tot[2].text), num(&inc[2].text) + num(&nf[2].text) + num(&open[2].text), "表1 30 = 27+28+29");
    assert_eq!(num(&tot[5].text), num(&inc[5].text) + num(&nf[5].text) + num(&open[5].text), "表1 60 = 57+58+59");
    assert_eq!(num(&tot[2].text), num(&tot[5].text), "表1 30 = 60");
    // 表6: 人员经费 = 301 + 303, 公用经费 = the other classes; each class = Σ its items.
    let t6 = table(&d, "t6");
    let mut class: std::collections::BTreeMap<String, Decimal> = Default::default();
    let mut items: std::collections::BTreeMap<String, Decimal> = Default::default();
    for r in &t6.rows[..t6.rows.len() - 1] {
        for g in 0..3 {
            let code = &r[g * 3].text;
            let v = num(&r[g * 3 + 2].text);
            if code.len() == 3 { class.insert(code.clone(), v); } else if code.len() == 5 { *items.entry(code[..3].to_string()).or_default() += v; }
        }
    }
    for (c, v) in &class {
        assert_eq!(*v, items.get(c).copied().unwrap_or_default(), "表6 {c} = Σ items");
    }
    let last = t6.rows.last().unwrap();
    let personnel: Decimal = class.iter().filter(|(c, _)| *c == "301" || *c == "303").map(|(_, v)| *v).sum();
    let public: Decimal = class.iter().filter(|(c, _)| *c != "301" && *c != "303").map(|(_, v)| *v).sum();
    assert_eq!(num(&last[1].text), personnel, "人员经费 = 301 + 303");
    assert_eq!(num(&last[3].text), public, "公用经费 = 302 + 307 + 310 + 312 + 399");
    // 表5 基本支出 = 表6 人员经费 + 公用经费.
    assert_eq!(num(&table(&d, "t5").rows[0][2].text), personnel + public);
    // 表7: 1 = 2+3+6, 3 = 4+5, 7 = 8+9+12, 9 = 10+11.
    let t7: Vec<Decimal> = table(&d, "t7").rows[0].iter().map(|c| num(&c.text)).collect();
    for o in [0, 6] {
        assert_eq!(t7[o], t7[o + 1] + t7[o + 2] + t7[o + 5]);
        assert_eq!(t7[o + 2], t7[o + 3] + t7[o + 4]);
    }
}

#[test]
fn example_tables_satisfy_their_identities() {
    check_all("examples/wuhan-hanyang-xinfang-2020.yaml");
}

#[test]
fn mixed_funds_tables_satisfy_their_identities() {
    check_all("tests/fixtures/valid/mixed-funds.yaml");
}
