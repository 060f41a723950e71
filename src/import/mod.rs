//! `gen-report import FILE.xlsx -o data.yaml`: a department's workbook (the 决算 software's
//! export, or the tables a portal publishes) → the YAML source in today's schema.
//!
//! The steps: `sheet` reads every worksheet with calamine (values, merged regions, floats
//! converted to the decimal they display) → `table` finds each table by its title and reads
//! its header band → the kind's mapping (`final_accounts`) takes only the facts, each with
//! the cell it came from → `yaml` writes them into the skeleton (or into the file already
//! there, keeping its narrative) → the result is checked in memory, and every problem is
//! reported with its cell (`表5!E12`), the check's findings included.

pub mod budget;
pub mod facts;
pub mod final_accounts;
pub mod sheet;
pub mod table;
pub mod yaml;

pub use facts::{Block, Imported, Row, Shape, two_places};
use std::path::Path;
use table::Table;

/// The document kinds a workbook can be imported as.
pub fn kinds() -> Vec<&'static str> {
    vec!["final_accounts", "budget"]
}

/// Reads the workbook and maps its tables. Err is an I/O or format problem (exit code 2).
pub fn read(path: &Path, document: &str) -> Result<Imported, String> {
    let grids = sheet::read(path)?;
    let catalogue = match document {
        "final_accounts" => final_accounts::TABLES,
        "budget" => budget::TABLES,
        other => return Err(format!("暂不支持导入 {other}：可导入的文档类型为 {}", kinds().join("、"))),
    };
    let mut out = Imported::default();
    let mut tables = Vec::new();
    for g in &grids {
        let Some((id, title)) = table::identify(g, catalogue) else { continue };
        if tables.iter().any(|t: &Table| t.id == id) {
            out.problem(g.at(0, 0), "I-SHEET", format!("工作表 {} 与前面的工作表都是{id}：只读第一张", g.name));
            continue;
        }
        let t = table::read(g, id, title);
        if t.unit != "万元" {
            out.problem(g.at(0, 0), "I-UNIT", format!("{id} 的金额单位是{}，不是万元", t.unit));
            continue;
        }
        if out.dept.is_none() {
            out.dept = t.dept.clone();
        }
        if out.year.is_none() {
            out.year = year_of(&t.title);
        }
        tables.push(t);
    }
    if tables.is_empty() {
        out.problem(String::new(), "I-SHEET", format!("{} 中没有找到公开表（标题含“收入支出决算总表”“支出决算表”等）", path.display()));
        return Ok(out);
    }
    match document {
        "budget" => budget::import(&tables, &mut out),
        _ => final_accounts::import(&tables, &mut out),
    }
    if let Some(year) = out.year {
        name_new_codes(&mut out, year);
    }
    Ok(out)
}

/// A code the year's catalogue does not know keeps the workbook's name (`name:`), so the
/// report can print it; known codes are named by the catalogue, as when typed by hand.
fn name_new_codes(out: &mut Imported, year: u32) {
    let cat = crate::core::catalog::builtin(year);
    for b in &mut out.blocks {
        let Shape::List(rows) = &mut b.shape else { continue };
        let economic = b.path == "basic_by_economic";
        for r in rows.iter_mut().filter(|r| !r.code.is_empty()) {
            let known = if economic { cat.economic_name(&r.code).is_some() } else { cat.function_name(&r.code).is_some() };
            if let (false, Some(n)) = (known, &r.name) {
                r.fields.insert(0, ("name".into(), serde_json::to_string(n).unwrap_or_default()));
            }
        }
    }
}

/// “2020年度…” → 2020.
fn year_of(title: &str) -> Option<u32> {
    let i = title.find("年")?;
    let digits: String = title[..i].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    digits.parse().ok().filter(|y| (2000..=2100).contains(y))
}

/// What `gen-report import` was asked to do.
pub struct Options<'a> {
    pub workbook: &'a Path,
    pub output: &'a Path,
    pub document: &'a str,
    pub city: &'a str,
    pub year: Option<u32>,
    pub dept: Option<&'a str>,
    /// The findings as JSON on stdout (`--format json`), as `check` does.
    pub json: bool,
}

/// The outcome: the text to print (stderr), the findings as JSON when asked (stdout), the
/// exit code, and whether the YAML was written.
pub struct Outcome {
    pub report: String,
    pub json: String,
    pub code: i32,
    pub written: bool,
}

/// Imports the workbook into `output`: a first import starts from the kind's skeleton with
/// 待填写 placeholders; a re-import keeps everything but the figures. Nothing is written when
/// the workbook itself has problems.
pub fn run(o: &Options) -> Outcome {
    let fail = |report: String| Outcome { report, json: String::new(), code: 2, written: false };
    let mut imp = match read(o.workbook, o.document) {
        Ok(i) => i,
        Err(e) => return fail(e),
    };
    let existing = crate::core::paths::present(o.output);
    let base = if existing {
        match crate::core::paths::read_regular_text(o.output, true) {
            Ok(t) => t,
            Err(e) => return fail(format!("无法读取 {}：{e}", o.output.display())),
        }
    } else {
        let dept = o.dept.map(str::to_string).or(imp.dept.clone()).unwrap_or_else(|| "（待填写：部门全称）".into());
        let Some(year) = o.year.or(imp.year) else {
            return fail("工作簿的表名中没有年度（如“2020年度收入支出决算总表”）：用 --year 指定".into());
        };
        let kind = crate::build::registry::for_document(Some(o.document));
        match crate::render::templates::skeleton_text(o.city, &kind.skeleton(), dept.trim(), year) {
            Ok(t) => placeholders(&t),
            Err(e) => return fail(e),
        }
    };
    let text = match yaml::merge(&base, &imp) {
        Ok(t) => t,
        Err(e) => return fail(format!("{}：{e}", o.output.display())),
    };
    let checked = crate::build::pipeline::check_str_at(o.output, text.clone());
    let import_errors = imp.findings.iter().any(|f| f.severity == crate::core::diag::Severity::Error);
    let mut findings = std::mem::take(&mut imp.findings);
    let lines: Vec<&str> = text.lines().collect();
    let mut from_check = checked.findings.clone();
    for f in &mut from_check {
        if let Some((_, line, _)) = f.span.and_then(|s| checked.sources.line_col(s)) {
            f.cell = lines.get(line - 1).and_then(|l| cell_of(l));
        }
    }
    let unfilled = from_check.iter().filter(|f| f.rule == "R-UNFILLED-TEXT").count();
    let errors = findings.iter().chain(&from_check).any(|f| f.severity == crate::core::diag::Severity::Error);
    findings.extend(from_check);
    let (json, mut report) = if o.json { (checked.sources.render_json(&findings), String::new()) } else { (String::new(), checked.sources.render_text(&findings)) };
    if import_errors {
        report.push_str(&format!("工作簿有 {} 处问题，未写出 {}。\n", findings.iter().filter(|f| f.rule.split('-').next() == Some("I")).count(), o.output.display()));
        return Outcome { report, json, code: 1, written: false };
    }
    if let Err(e) = crate::core::output::write_atomic(o.output, text.as_bytes()) {
        return fail(format!("无法写入 {}：{e}", o.output.display()));
    }
    let verb = if existing { "已更新（只替换了数字，文字保留）" } else { "已生成" };
    report.push_str(&format!("{verb} {}", o.output.display()));
    if unfilled > 0 {
        report.push_str(&format!("；有 {unfilled} 处待填写（工作簿中没有的文字），填好后运行 gen-report check"));
    }
    report.push('\n');
    Outcome { report, json, code: i32::from(errors), written: true }
}

/// The cell a line's comment names first (`# 表5!C9 行政运行` → 表5!C9; sheet names may hold
/// spaces: `# 表5 一般公共预算财政拨款支出决算表!F10 …`).
fn cell_of(line: &str) -> Option<String> {
    let (_, c) = line.split_once("  # ")?;
    let bang = c.find('!')?;
    let tail = &c[bang + 1..];
    let end = tail.find(|ch: char| !ch.is_ascii_alphanumeric()).unwrap_or(tail.len());
    (end > 0).then(|| c[..bang + 1 + end].to_string())
}

/// The skeleton's example narrative replaced by marked placeholders, so `check` reports
/// each until it is written (R-UNFILLED-TEXT) and none is ever published.
fn placeholders(skeleton: &str) -> String {
    skeleton
        .replace("- 负责本部门职责范围内的各项工作。", "- （待填写：部门主要职能，每条一项）")
        .replace("- 完成年度各项工作任务。", "- （待填写：总体绩效目标）")
}
