//! The twins every build writes next to the PDF (docs/DATA.md): `<name>.xlsx` read back with
//! calamine (sheets, numbers, codes as text, merged headers, repeated header rows), `<name>.json`
//! (facts that add up to the report's totals), the CSV files and `<name>.datapackage.json`
//! (resources that exist, headers that match the declared fields), byte-identical across
//! builds, linked from the HTML page and the portal; `--format` picks them.

use calamine::{open_workbook, Data, Reader, Xlsx};
use rust_decimal::Decimal;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

const SEED002: &str = "wuhan-hanyang-xinfang-2020";
const BUDGET: &str = "shijiazhuang-changan-xinfang-2021-budget";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gen-report"));
    c.current_dir(env!("CARGO_MANIFEST_DIR")).env_remove("SOURCE_DATE_EPOCH");
    c
}

/// `gen-report examples/<name>.yaml -o <out> [args]`, which must succeed.
fn build(name: &str, out: &Path, args: &[&str]) {
    let o = bin().arg(format!("examples/{name}.yaml")).arg("-o").arg(out).args(args).output().unwrap();
    assert!(o.status.success(), "build {name} {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The first row of a sheet whose first cell is `label`: its cells.
fn row_of(range: &calamine::Range<Data>, label: &str) -> Vec<Data> {
    let (r0, _) = range.start().unwrap();
    let (r1, c1) = range.end().unwrap();
    let row = (r0..=r1).find(|r| range.get_value((*r, 0)) == Some(&Data::String(label.into()))).unwrap_or_else(|| panic!("no row {label}"));
    (0..=c1).map(|c| range.get_value((row, c)).cloned().unwrap_or(Data::Empty)).collect()
}

fn float(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        other => panic!("not a number: {other:?}"),
    }
}

/// A resource's total in the JSON twin, and the sum of its facts (which must agree).
fn total(facts: &Value, name: &str) -> Decimal {
    let r = facts["resources"].as_array().unwrap().iter().find(|r| r["name"] == name).unwrap_or_else(|| panic!("no resource {name}"));
    let sum: Decimal = r["facts"].as_array().unwrap().iter().map(|f| dec(f["amount"].as_str().unwrap())).sum();
    assert_eq!(sum, dec(r["total"].as_str().unwrap()), "{name}: the facts add up to the total");
    sum
}

/// Every resource of the datapackage: its CSV exists next to it, its header is the declared
/// fields, its rows are the JSON facts (as many, same amounts), and the model declares it.
fn check_datapackage(dir: &Path, stem: &str, facts: &Value) {
    let dp = json(&dir.join(format!("{stem}.datapackage.json")));
    assert_eq!(dp["profile"], "fiscal-data-package");
    let resources = dp["resources"].as_array().unwrap();
    assert_eq!(resources.len(), facts["resources"].as_array().unwrap().len());
    for (r, jr) in resources.iter().zip(facts["resources"].as_array().unwrap()) {
        let path = dir.join(r["path"].as_str().unwrap());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut lines = text.split("\r\n").filter(|l| !l.is_empty());
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let fields: Vec<&str> = r["schema"]["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(header, fields, "{}: header = declared fields", path.display());
        let rows: Vec<&str> = lines.collect();
        let jfacts = jr["facts"].as_array().unwrap();
        assert_eq!(rows.len(), jfacts.len(), "{}: one row per fact", path.display());
        for (row, f) in rows.iter().zip(jfacts) {
            assert!(row.ends_with(&format!(",{}", f["amount"].as_str().unwrap())), "{row} / {f}");
        }
        let m = &dp["model"]["measures"][r["name"].as_str().unwrap()];
        assert_eq!((m["currency"].as_str(), m["factor"].as_u64(), m["source"].as_str()), (Some("CNY"), Some(10000), Some("amount")), "{m}");
        assert_eq!(m["phase"], jr["phase"]);
        assert_eq!(m["direction"], jr["direction"]);
    }
    let dims = &dp["model"]["dimensions"];
    assert_eq!(dims["functional_classification"]["classificationType"], "functional");
    assert_eq!(dims["functional_classification"]["attributes"]["function_3_code"]["parent"], "function_2_code");
    assert_eq!(dims["economic_classification"]["classificationType"], "economic");
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn final_accounts_twins() {
    let a = tempfile::tempdir().unwrap();
    build(SEED002, a.path(), &[]);
    let stem = SEED002;
    let mut expected: Vec<String> = ["html", "pdf", "xlsx", "json", "datapackage.json"].iter().map(|x| format!("{stem}.{x}")).collect();
    expected.extend(["expenditure", "revenue", "economic", "approved", "three", "three-approved"].iter().map(|r| format!("{stem}-{r}.csv")));
    expected.sort();
    assert_eq!(names(a.path()), expected);

    // The workbook: one sheet per table, 表1–表9 first.
    let mut wb = open(&a.path().join(format!("{stem}.xlsx")));
    let sheets = wb.sheet_names();
    let first: Vec<&str> = sheets.iter().take(9).map(String::as_str).collect();
    assert_eq!(
        first,
        [
            "表1 收入支出决算总表",
            "表2 收入决算表",
            "表3 支出决算表",
            "表4 财政拨款收入支出决算总表",
            "表5 一般公共预算财政拨款支出决算表",
            "表6 一般公共预算财政拨款基本支出决算表",
            "表7 一般公共预算财政拨款“三公”经费支出决算表",
            "表8 政府性基金预算财政拨款收入支出决算表",
            "表9 国有资本经营预算财政拨款支出决算表",
        ]
    );
    assert!(sheets.iter().any(|s| s.ends_with("项目自评表")), "the annexed 自评表 have sheets too: {sheets:?}");
    assert!(sheets.iter().all(|s| s.encode_utf16().count() <= 31));

    // 表3: the 合计 row is numbers, equal to the PDF's 707.12 / 333.02 / 374.1.
    let t3 = wb.worksheet_range("表3 支出决算表").unwrap();
    let total_row = row_of(&t3, "合计");
    assert_eq!((float(&total_row[4]), float(&total_row[5]), float(&total_row[6])), (707.12, 333.02, 374.1));
    let pdf = Command::new("pdftotext").arg("-layout").arg(a.path().join(format!("{stem}.pdf"))).arg("-").output().expect("pdftotext (poppler-utils)");
    let pdf = String::from_utf8(pdf.stdout).unwrap();
    assert!(pdf.lines().any(|l| l.trim_start().starts_with("合计") && l.contains("707.12") && l.contains("333.02") && l.contains("374.1")), "the PDF prints the same 合计");
    // Codes are text, with every digit; the title is the caption; the 栏次 row is text.
    let code_row = row_of(&t3, "2010301");
    assert_eq!(code_row[0], Data::String("2010301".into()));
    assert_eq!(code_row[3], Data::String("行政运行".into()));
    assert_eq!(t3.get_value((0, 0)), Some(&Data::String("2020年度支出决算表（表3）".into())));
    assert_eq!(t3.get_value((1, 0)), Some(&Data::String("部门：武汉市汉阳区信访局".into())));
    assert_eq!(row_of(&t3, "栏次")[4], Data::String("1".into()));
    let t6 = wb.worksheet_range("表6 一般公共预算财政拨款基本支出决算表").unwrap();
    assert!(t6.used_cells().any(|(_, _, v)| *v == Data::String("30101".into())), "economic codes are text");
    // Merged header regions: the title across the table, 项目 over the four code columns,
    // 功能分类科目编码 over 类/款/项.
    let merged: Vec<((u32, u32), (u32, u32))> = wb.merge_cells_by_sheet_name("表3 支出决算表").unwrap().iter().map(|d| (d.start, d.end)).collect();
    let last = t3.end().unwrap().1;
    for want in [((0, 0), (0, last)), ((2, 0), (2, 3)), ((3, 0), (3, 2))] {
        assert!(merged.contains(&want), "{want:?} merged in 表3: {merged:?}");
    }
    // The header rows repeat on every printed page.
    assert!(wb.defined_names().iter().any(|(n, f)| n.contains("Print_Titles") && f.contains("表3 支出决算表")), "{:?}", wb.defined_names());

    // The JSON twin: facts that add up to the report's totals (the workbook's cells).
    let facts = json(&a.path().join(format!("{stem}.json")));
    assert_eq!((facts["document"].as_str(), facts["currency"].as_str(), facts["factor"].as_u64(), facts["year"].as_u64()), (Some("final_accounts"), Some("CNY"), Some(10000), Some(2020)));
    assert_eq!(total(&facts, "expenditure"), dec("707.12"));
    assert_eq!(total(&facts, "revenue"), dec("707.12"));
    assert_eq!(total(&facts, "economic"), dec("333.02"), "表6 = 表5 基本支出");
    let basic: Decimal = facts["resources"][0]["facts"].as_array().unwrap().iter().filter(|f| f["nature_code"] == "basic").map(|f| dec(f["amount"].as_str().unwrap())).sum();
    assert_eq!(basic, dec("333.02"));
    let first_fact = &facts["resources"][0]["facts"][0];
    assert_eq!((first_fact["function_1_code"].as_str(), first_fact["function_3_code"].as_str(), first_fact["phase"].as_str(), first_fact["amount"].as_str()), (Some("201"), Some("2010301"), Some("executed"), Some("284.57")));
    let approved = facts["resources"].as_array().unwrap().iter().find(|r| r["name"] == "approved").unwrap();
    assert_eq!(approved["phase"], "approved");
    total(&facts, "three");
    check_datapackage(a.path(), stem, &facts);

    // The HTML page links its twins, relatively.
    let html = std::fs::read_to_string(a.path().join(format!("{stem}.html"))).unwrap();
    for f in [format!("{stem}.xlsx"), format!("{stem}.json"), format!("{stem}-expenditure.csv"), format!("{stem}.datapackage.json")] {
        assert!(html.contains(&format!("href=\"{f}\"")), "the page links {f}");
    }
    assert!(html.contains("数据下载："));

    // A second build gives the same bytes, twins included.
    let b = tempfile::tempdir().unwrap();
    build(SEED002, b.path(), &[]);
    assert_eq!(names(a.path()), names(b.path()));
    for n in names(a.path()).iter().filter(|n| !n.ends_with(".pdf")) {
        assert!(std::fs::read(a.path().join(n)).unwrap() == std::fs::read(b.path().join(n)).unwrap(), "{n} is byte-identical across builds");
    }
}

#[test]
fn budget_twins() {
    let a = tempfile::tempdir().unwrap();
    build(BUDGET, a.path(), &[]);
    let stem = BUDGET;
    let mut wb = open(&a.path().join(format!("{stem}.xlsx")));
    let sheets = wb.sheet_names();
    for want in ["表1 部门收支总表", "表2 部门收入总表", "表3 部门支出总表", "表4 财政拨款收支总表", "表5 一般公共预算支出表", "表6 一般公共预算基本支出表", "表7 一般公共预算“三公”经费支出表", "表8 政府性基金预算支出表", "表9 国有资本经营预算支出表", "表10 项目支出表"] {
        assert!(sheets.iter().any(|s| s == want), "sheet {want}: {sheets:?}");
    }
    let facts = json(&a.path().join(format!("{stem}.json")));
    assert_eq!(facts["document"], "budget");
    let t1 = wb.worksheet_range("表1 部门收支总表").unwrap();
    let totals = row_of(&t1, "本年收入合计");
    let spend = Decimal::from_str(&format!("{:.2}", float(&totals[3]))).unwrap();
    assert_eq!(total(&facts, "expenditure"), spend, "the facts add up to 表1's 本年支出合计");
    assert_eq!(total(&facts, "revenue"), spend, "收入总计 = 支出总计");
    let t6 = wb.worksheet_range("表6 一般公共预算基本支出表").unwrap();
    assert_eq!(Decimal::from_str(&format!("{:.2}", float(&row_of(&t6, "合计")[2]))).unwrap(), total(&facts, "economic"));
    let t7 = wb.worksheet_range("表7 一般公共预算“三公”经费支出表").unwrap();
    assert!(t7.used_cells().any(|(_, _, v)| matches!(v, Data::Float(f) if (f - 2.5).abs() < 1e-9)), "表7's total is a number");
    assert_eq!(total(&facts, "three"), dec("2.50"));
    for r in facts["resources"].as_array().unwrap() {
        assert_eq!(r["phase"], "approved", "a budget is the approved phase");
    }
    check_datapackage(a.path(), stem, &facts);
    let html = std::fs::read_to_string(a.path().join(format!("{stem}.html"))).unwrap();
    assert!(html.contains(&format!("href=\"{stem}.xlsx\"")) && html.contains(&format!("href=\"{stem}.json\"")));

    let b = tempfile::tempdir().unwrap();
    build(BUDGET, b.path(), &["--format", "xlsx,json,csv"]);
    for n in names(b.path()) {
        assert!(std::fs::read(a.path().join(&n)).unwrap() == std::fs::read(b.path().join(&n)).unwrap(), "{n} is byte-identical across builds");
    }
    assert!(!names(b.path()).iter().any(|n| n.ends_with(".pdf") || n.ends_with(".html")));
}

/// `--format` picks the files; the page links only the twins written with it.
#[test]
fn format_picks_the_twins() {
    let d = tempfile::tempdir().unwrap();
    build(SEED002, d.path(), &["--format", "html,xlsx"]);
    assert_eq!(names(d.path()), [format!("{SEED002}.html"), format!("{SEED002}.xlsx")]);
    let html = std::fs::read_to_string(d.path().join(format!("{SEED002}.html"))).unwrap();
    assert!(html.contains(&format!("href=\"{SEED002}.xlsx\"")) && !html.contains(".json\"") && !html.contains(".csv\""));

    let d = tempfile::tempdir().unwrap();
    build(SEED002, d.path(), &["--format", "html"]);
    let html = std::fs::read_to_string(d.path().join(format!("{SEED002}.html"))).unwrap();
    assert!(!html.contains("数据下载"), "no twins, no download line");

    let d = tempfile::tempdir().unwrap();
    build(SEED002, d.path(), &["--format", "csv"]);
    let n = names(d.path());
    assert!(n.iter().all(|x| x.ends_with(".csv") || x.ends_with(".datapackage.json")) && n.len() == 7, "{n:?}");

    // SOURCE_DATE_EPOCH fixes the date, as for the PDF.
    let d = tempfile::tempdir().unwrap();
    let o = bin().arg(format!("examples/{SEED002}.yaml")).arg("-o").arg(d.path()).args(["--format", "csv"]).env("SOURCE_DATE_EPOCH", "1600000000").output().unwrap();
    assert!(o.status.success());
    assert_eq!(json(&d.path().join(format!("{SEED002}.datapackage.json")))["created"], "2020-09-13T12:26:40Z");

    // A stand-alone self-evaluation has no tables of figures: no twins.
    let d = tempfile::tempdir().unwrap();
    build("zhuzhou-lusong-xinfang-2024-performance", d.path(), &[]);
    assert_eq!(names(d.path()), ["zhuzhou-lusong-xinfang-2024-performance.html", "zhuzhou-lusong-xinfang-2024-performance.pdf"]);
}

/// A tree build lists the twins in the manifest, links XLSX and JSON from the portal, and
/// rebuilds nothing the second time.
#[test]
fn tree_build_lists_and_links_the_twins() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data/hubei/2020");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{SEED002}.yaml")), data.join("xinfang.yaml")).unwrap();
    let out = d.path().join("out");
    let run = || {
        let o = bin().arg("build").arg(d.path().join("data")).arg("-o").arg(&out).args(["--format", "html,xlsx,json,csv", "-j", "1", "--quiet"]).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    run();
    let manifest: PathBuf = std::fs::read_dir(out.join(".gen-report")).unwrap().flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|x| x == "json")).unwrap();
    let m = json(&manifest);
    let outputs: Vec<String> = m["entries"]["hubei/2020/xinfang.yaml"]["outputs"].as_array().unwrap().iter().map(|o| o.as_str().unwrap().to_string()).collect();
    assert_eq!(outputs[..3], ["hubei/2020/xinfang.html", "hubei/2020/xinfang.xlsx", "hubei/2020/xinfang.json"]);
    assert!(outputs.contains(&"hubei/2020/xinfang-expenditure.csv".to_string()) && outputs.contains(&"hubei/2020/xinfang.datapackage.json".to_string()));
    for o in &outputs {
        assert!(out.join(o).is_file(), "{o}");
    }
    let index = std::fs::read_to_string(out.join("hubei/2020/index.html")).unwrap();
    for (label, file) in [("HTML", "xinfang.html"), ("XLSX", "xinfang.xlsx"), ("JSON", "xinfang.json")] {
        assert!(index.contains(&format!("{file}\">{label}</a>")), "the portal links {file}");
    }
    assert!(!index.contains("datapackage.json\">"), "CSV files are linked from the report's page");
    let before = std::fs::read(out.join("hubei/2020/xinfang.xlsx")).unwrap();
    run();
    let m2 = json(&manifest);
    assert_eq!(m2["entries"], m["entries"], "an unchanged tree keeps its entries");
    assert_eq!(std::fs::read(out.join("hubei/2020/xinfang.xlsx")).unwrap(), before);
    // Removing a twin rebuilds the department.
    std::fs::remove_file(out.join("hubei/2020/xinfang-three.csv")).unwrap();
    run();
    assert!(out.join("hubei/2020/xinfang-three.csv").is_file(), "a missing twin is written again");
}
