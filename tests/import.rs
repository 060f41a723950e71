//! `gen-report import`: workbooks laid out like the published ones (title and unit rows,
//! two- and three-row merged headers, the 栏次 row, a 合计 row, 科目编码 as text split into
//! 类/款/项, float artefacts), written here with rust_xlsxwriter so the fixture is readable
//! code rather than a binary file.

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_gen-report")).args(args).current_dir(root()).output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// A value of a cell as a published workbook holds it.
#[derive(Clone, Copy)]
enum V {
    N(f64),
    E,
}

/// Seed 002's 项 lines: (类, 款, 项, name, basic, project). 284.57 is stored as the double
/// a spreadsheet's own sum leaves (284.57000000000005).
const LINES: &[(&str, &str, &str, &str, V, V)] = &[
    ("201", "03", "01", "行政运行", V::N(284.570_000_000_000_05), V::E),
    ("201", "03", "08", "信访事务", V::E, V::N(369.83)),
    ("208", "05", "05", "机关事业单位基本养老保险缴费支出", V::N(16.3), V::E),
    ("208", "05", "06", "机关事业单位职业年金缴费支出", V::N(3.44), V::E),
    ("208", "11", "99", "其他残疾人事业支出", V::E, V::N(1.27)),
    ("210", "11", "01", "行政单位医疗", V::N(7.66), V::E),
    ("210", "11", "03", "公务员医疗补助", V::N(21.05), V::E),
    ("213", "05", "99", "其他扶贫支出", V::E, V::N(3.0)),
];

fn put(ws: &mut Worksheet, r: u32, c: u16, v: V, num: &Format) {
    match v {
        V::N(x) => ws.write_number_with_format(r, c, x, num).map(|_| ()).unwrap(),
        V::E => {}
    }
}

/// Title, 部门/单位 row, the three-row header of a function-code table with `cols`, the 栏次
/// row; returns the first body row.
fn head(ws: &mut Worksheet, title: &str, cols: &[&str], group: Option<&str>) -> u32 {
    let f = Format::new();
    let last = 3 + cols.len() as u16;
    ws.merge_range(0, 0, 0, last, title, &f).unwrap();
    ws.write_string(1, 0, "部门：武汉市汉阳区信访局").unwrap();
    ws.write_string(1, last, "单位：万元").unwrap();
    ws.merge_range(2, 0, 2, 3, "项目", &f).unwrap();
    ws.merge_range(3, 0, 3, 2, "功能分类科目编码", &f).unwrap();
    ws.merge_range(3, 3, 4, 3, "科目名称", &f).unwrap();
    for (i, k) in ["类", "款", "项"].iter().enumerate() {
        ws.write_string(4, i as u16, *k).unwrap();
    }
    match group {
        Some(g) => {
            ws.merge_range(2, 4, 2, last, g, &f).unwrap();
            for (i, c) in cols.iter().enumerate() {
                ws.merge_range(3, 4 + i as u16, 4, 4 + i as u16, c, &f).unwrap();
            }
        }
        None => {
            for (i, c) in cols.iter().enumerate() {
                ws.merge_range(2, 4 + i as u16, 4, 4 + i as u16, c, &f).unwrap();
            }
        }
    }
    ws.merge_range(5, 0, 5, 3, "栏次", &f).unwrap();
    for i in 0..cols.len() {
        ws.write_number(5, 4 + i as u16, (i + 1) as f64).unwrap();
    }
    6
}

/// The 项 rows (codes as text, split in 类/款/项) with `f(basic, project)` as the amounts.
fn body(ws: &mut Worksheet, mut r: u32, amounts: impl Fn(V, V) -> Vec<V>, num: &Format) -> u32 {
    for (lei, kuan, xiang, name, b, p) in LINES {
        ws.write_string(r, 0, *lei).unwrap();
        ws.write_string(r, 1, *kuan).unwrap();
        ws.write_string(r, 2, *xiang).unwrap();
        ws.write_string(r, 3, *name).unwrap();
        for (i, v) in amounts(*b, *p).into_iter().enumerate() {
            put(ws, r, 4 + i as u16, v, num);
        }
        r += 1;
    }
    r
}

fn sum(b: V, p: V) -> V {
    let n = |v: V| if let V::N(x) = v { x } else { 0.0 };
    V::N(n(b) + n(p))
}

/// The published-style workbook of seed 002: 表3, 表5, 表6 (part), 表7. `bad` puts the two
/// defects in: a 表5 合计 off by 0.01 and a non-numeric cell in 表3.
fn workbook(path: &Path, bad: bool) {
    let mut wb = Workbook::new();
    let num = Format::new().set_num_format("0.00");
    let f = Format::new();
    {
        let ws = wb.add_worksheet().set_name("表3").unwrap();
        let r = head(ws, "2020年度支出决算表", &["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"], None);
        ws.merge_range(r, 0, r, 3, "合计", &f).unwrap();
        for (i, v) in [707.12, 333.02, 374.1].iter().enumerate() {
            ws.write_number_with_format(r, 4 + i as u16, *v, &num).unwrap();
        }
        let end = body(ws, r + 1, |b, p| vec![sum(b, p), b, p], &num);
        if bad {
            ws.write_string(r + 3, 5, "见说明").unwrap(); // 2080505's 基本支出, F10
        }
        ws.write_string(end + 1, 0, "注：本表反映部门本年度各项支出情况。").unwrap();
    }
    {
        let ws = wb.add_worksheet().set_name("表5").unwrap();
        let r = head(ws, "2020年度一般公共预算财政拨款支出决算表", &["小计", "基本支出", "项目支出"], Some("本年支出"));
        ws.merge_range(r, 0, r, 3, "合计", &f).unwrap();
        let basic = if bad { 333.03 } else { 333.02 };
        for (i, v) in [707.12, basic, 374.1].iter().enumerate() {
            ws.write_number_with_format(r, 4 + i as u16, *v, &num).unwrap();
        }
        let end = body(ws, r + 1, |b, p| vec![sum(b, p), b, p], &num);
        // Numbers stored as text, as some exports do: one plain, one padded.
        ws.write_string(r + 2, 6, "369.83").unwrap();
        ws.write_string(r + 2, 4, " 369.83 ").unwrap();
        // A blank row and a note under the table are not lines.
        ws.write_string(end + 1, 0, "注：本表反映部门本年度一般公共预算财政拨款的实际支出情况。").unwrap();
    }
    {
        let ws = wb.add_worksheet().set_name("表7").unwrap();
        ws.merge_range(0, 0, 0, 11, "2020年度一般公共预算财政拨款“三公”经费支出决算表", &f).unwrap();
        ws.write_string(1, 11, "单位：万元").unwrap();
        for (side, c0) in [("预算数", 0u16), ("决算数", 6)] {
            ws.merge_range(2, c0, 2, c0 + 5, side, &f).unwrap();
            ws.merge_range(3, c0, 4, c0, "合计", &f).unwrap();
            ws.merge_range(3, c0 + 1, 4, c0 + 1, "因公出国（境）费", &f).unwrap();
            ws.merge_range(3, c0 + 2, 3, c0 + 4, "公务用车购置及运行费", &f).unwrap();
            ws.write_string(4, c0 + 2, "小计").unwrap();
            ws.write_string(4, c0 + 3, "公务用车购置费").unwrap();
            ws.write_string(4, c0 + 4, "公务用车运行费").unwrap();
            ws.merge_range(3, c0 + 5, 4, c0 + 5, "公务接待费", &f).unwrap();
        }
        for c in 0..12u16 {
            ws.write_number(5, c, f64::from(c + 1)).unwrap();
            ws.write_number_with_format(6, c, 0.0, &num).unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// A copy of the seed 002 example to re-import into: the narrative must survive.
fn example_copy(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("hanyang.yaml");
    std::fs::copy(root().join("examples/wuhan-hanyang-xinfang-2020.yaml"), &p).unwrap();
    p
}

/// A workbook laid out like a published one, with its float artefacts, re-imported into the
/// department's YAML: the figures are the same, so `check` passes and nothing but the
/// figures' lines changed.
#[test]
fn published_workbook_reimports_cleanly() {
    let d = tempfile::tempdir().unwrap();
    let xlsx = d.path().join("hanyang.xlsx");
    workbook(&xlsx, false);
    if let Ok(keep) = std::env::var("IMPORT_KEEP") {
        std::fs::copy(&xlsx, keep).unwrap();
    }
    let yaml = example_copy(d.path());
    let before = std::fs::read_to_string(&yaml).unwrap();
    let (code, _, err) = run(&["import", xlsx.to_str().unwrap(), "-o", yaml.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let after = std::fs::read_to_string(&yaml).unwrap();
    assert!(after.contains("{ code: \"2010301\", basic: 284.57 }  # 表5!F8 行政运行"), "{after}");
    assert!(!after.contains("284.5700"), "float artefact kept:\n{after}");
    for kept in ["functions:", "开展集中治理重复信访", "reasons:"] {
        assert_eq!(before.contains(kept), after.contains(kept), "{kept}");
    }
    let (code, _, err) = run(&["check", yaml.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

/// The two defects are reported at once, each with its cell, and nothing is written.
#[test]
fn workbook_defects_are_reported_with_their_cells() {
    let d = tempfile::tempdir().unwrap();
    let xlsx = d.path().join("hanyang.xlsx");
    workbook(&xlsx, true);
    let yaml = example_copy(d.path());
    let before = std::fs::read_to_string(&yaml).unwrap();
    let (code, _, err) = run(&["import", xlsx.to_str().unwrap(), "-o", yaml.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[I-NUMBER]") && err.contains("单元格: 表3!F10") && err.contains("\"见说明\""), "{err}");
    assert!(err.contains("error[T-TYPED-TOTAL]") && err.contains("单元格: 表5!F7"), "{err}");
    assert_eq!(std::fs::read_to_string(&yaml).unwrap(), before, "nothing written");
    let rules: Vec<&str> = err.lines().filter_map(|l| l.strip_prefix("error[").or(l.strip_prefix("warning["))).filter_map(|r| r.split_once(']')).map(|(r, _)| r).collect();
    assert_eq!(rules, ["I-NUMBER", "T-TYPED-TOTAL"], "{err}");
    insta::assert_snapshot!(err.replace(&d.path().display().to_string(), "<tmp>"));
    // JSON carries the same, each with its cell.
    let (code, out, _) = run(&["import", xlsx.to_str().unwrap(), "-o", yaml.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let cells: Vec<(&str, &str)> = v["findings"].as_array().unwrap().iter().map(|f| (f["rule"].as_str().unwrap(), f["cell"].as_str().unwrap_or(""))).collect();
    assert_eq!(cells, [("I-NUMBER", "表3!F10"), ("T-TYPED-TOTAL", "表5!F7")]);
}

/// A first import starts from the skeleton: the figures come from the workbook, and every
/// part it lacks is a 待填写 placeholder that `check` reports, so nothing unfilled is published.
#[test]
fn first_import_marks_what_the_workbook_lacks() {
    let d = tempfile::tempdir().unwrap();
    let xlsx = d.path().join("hanyang.xlsx");
    workbook(&xlsx, false);
    let yaml = d.path().join("new.yaml");
    let (code, _, err) = run(&["import", xlsx.to_str().unwrap(), "-o", yaml.to_str().unwrap()]);
    let text = std::fs::read_to_string(&yaml).unwrap();
    assert_eq!(code, 1, "{err}\n{text}");
    assert!(text.contains("name: 武汉市汉阳区信访局") && text.contains("year: 2020"), "{text}");
    assert!(text.contains("（待填写"), "{text}");
    assert!(err.contains("R-UNFILLED-TEXT") && err.contains("待填写"), "{err}");
    let (code, _, err) = run(&["check", yaml.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("R-UNFILLED-TEXT"), "{err}");
}

fn pdf_text(pdf: &Path) -> String {
    let o = Command::new("pdftotext").args(["-layout", pdf.to_str().unwrap(), "-"]).output().expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Build `source`, import its own .xlsx twin into a copy of the source, check the copy, and
/// build it again: the PDF's text (every table and sentence) is the original's.
fn round_trip(source: &str, document: &str) -> String {
    let d = tempfile::tempdir().unwrap();
    let (a, b) = (d.path().join("a"), d.path().join("b"));
    let stem = Path::new(source).file_stem().unwrap().to_str().unwrap();
    let (code, _, err) = run(&["build", source, "-o", a.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let copy = d.path().join(format!("{stem}.yaml"));
    std::fs::copy(root().join(source), &copy).unwrap();
    let xlsx = a.join(format!("{stem}.xlsx"));
    let (code, _, err) = run(&["import", xlsx.to_str().unwrap(), "--document", document, "-o", copy.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&copy).unwrap();
    assert!(text.contains("!C") || text.contains("!D") || text.contains("!F"), "rows carry their cells:\n{text}");
    let (code, _, err) = run(&["check", copy.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}\n{text}");
    let (code, _, err) = run(&["build", copy.to_str().unwrap(), "-o", b.to_str().unwrap(), "--format", "pdf"]);
    assert_eq!(code, 0, "{err}");
    let (before, after) = (pdf_text(&a.join(format!("{stem}.pdf"))), pdf_text(&b.join(format!("{stem}.pdf"))));
    assert!(before.contains("合计") && before == after, "the rebuilt PDF differs from the original");
    text
}

/// Seed 002: the nine tables go out as a workbook and come back as the same facts.
#[test]
fn seed002_round_trip_through_its_workbook() {
    let text = round_trip("examples/wuhan-hanyang-xinfang-2020.yaml", "final_accounts");
    // The workbook's 类 and 款 rows come back as typed subtotals that check compares.
    assert!(text.contains("{ code: \"201\", basic: 284.57, project: 369.83 }"), "{text}");
    assert!(text.contains("{ code: \"301\", amount: 290.17 }"), "{text}");
}

/// Every fund and carry-over (政府性基金 with 年初 by code, 国有资本经营, 非财政拨款 with
/// 上缴上级/经营/附属单位, a code the catalogue lacks, named by the workbook).
#[test]
fn mixed_funds_round_trip_through_their_workbook() {
    round_trip("tests/fixtures/valid/rare-fields.yaml", "final_accounts");
}

/// Seed 004: the ten 部门预算公开表 come back as the budget's facts.
#[test]
fn budget_round_trip_through_its_workbook() {
    round_trip("examples/shijiazhuang-changan-xinfang-2021-budget.yaml", "budget");
}

/// A workbook with no published table, a table in 元, a mistyped code and a value with
/// three decimals: each is its own finding at its cell, all at once.
#[test]
fn every_import_rule_names_its_cell() {
    let d = tempfile::tempdir().unwrap();
    let xlsx = d.path().join("odd.xlsx");
    let mut wb = Workbook::new();
    let num = Format::new();
    {
        let ws = wb.add_worksheet().set_name("表3").unwrap();
        let r = head(ws, "2020年度支出决算表", &["本年支出合计", "基本支出", "项目支出"], None);
        body(ws, r, |b, p| vec![sum(b, p), b, p], &num);
        ws.write_string(r, 0, "2O1").unwrap(); // a letter O for a zero: I-CODE at A7
        ws.write_number(r + 2, 5, 16.303).unwrap(); // three places: I-PRECISION at F9
    }
    {
        let ws = wb.add_worksheet().set_name("表5").unwrap();
        head(ws, "2020年度一般公共预算财政拨款支出决算表", &["小计", "基本支出", "项目支出"], Some("本年支出"));
        ws.write_string(1, 6, "单位：元").unwrap(); // I-UNIT
    }
    {
        // A table whose header names no amount column the import knows: I-HEADER.
        let ws = wb.add_worksheet().set_name("表9").unwrap();
        head(ws, "2020年度国有资本经营预算财政拨款支出决算表", &["金额"], None);
    }
    wb.save(&xlsx).unwrap();
    let yaml = d.path().join("x.yaml");
    let (code, _, err) = run(&["import", xlsx.to_str().unwrap(), "-o", yaml.to_str().unwrap(), "--year", "2020"]);
    assert_eq!(code, 1, "{err}");
    for (rule, cell) in [("I-CODE", "表3!A7"), ("I-PRECISION", "表3!F9"), ("I-UNIT", "表5!A1"), ("I-HEADER", "表9!A1")] {
        assert!(err.contains(&format!("error[{rule}]")) && err.contains(&format!("单元格: {cell}")), "{rule} at {cell}:\n{err}");
    }
    assert!(!yaml.exists(), "nothing written");
    let empty = d.path().join("empty.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet().write_string(0, 0, "说明").unwrap();
    wb.save(&empty).unwrap();
    let (code, _, err) = run(&["import", empty.to_str().unwrap(), "-o", yaml.to_str().unwrap(), "--year", "2020"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[I-SHEET]"), "{err}");
    let (code, _, err) = run(&["import", "no-such.xlsx", "-o", yaml.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
}

/// Hostile workbooks are refused before they cost memory: a cell placed a million rows down
/// (a dense reader would allocate for every row above it), and an archive that inflates to
/// gigabytes (a zip bomb). Exit 2, a message naming the limit, nothing written.
#[test]
fn oversized_workbooks_are_refused_without_reading_them() {
    let d = tempfile::tempdir().unwrap();
    let yaml = d.path().join("x.yaml");
    let far = d.path().join("far.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("表3").unwrap();
    ws.write_string(0, 0, "2020年度支出决算表").unwrap();
    ws.write_number(1_000_000, 0, 1.0).unwrap();
    wb.save(&far).unwrap();
    let (code, _, err) = run(&["import", far.to_str().unwrap(), "-o", yaml.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("超出导入的上限"), "{err}");

    let bomb = d.path().join("bomb.xlsx");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..300 {
        std::io::Write::write_all(&mut z, &zeros).unwrap();
    }
    z.finish().unwrap();
    assert!(std::fs::metadata(&bomb).unwrap().len() < 4 << 20, "the archive itself is small");
    let (code, _, err) = run(&["import", bomb.to_str().unwrap(), "-o", yaml.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("解压后超过"), "{err}");
    assert!(!yaml.exists());
}
