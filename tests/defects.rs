//! One regression test per defect of issue 15 ("Hardening"), each named after the defect it
//! keeps fixed. The defects fixed inside one module have unit tests there instead:
//! `core::output::temp_name_is_not_predictable`, `build::watch::held_sockets_do_not_deny_service`,
//! `core::money::separators_out_of_place_are_refused`, `core::money::a_boolean_is_not_an_exponent`,
//! `core::paths::reads_stay_bounded_and_confined`, `build::portal` (links), `render::view`
//! (long runs wrap in the PDF).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const EXAMPLE: &str = "examples/wuhan-hanyang-xinfang-2020.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gen-report"));
    c.current_dir(root()).env_remove("SOURCE_DATE_EPOCH");
    c
}

fn run(c: &mut Command) -> Output {
    c.stdin(Stdio::null()).output().expect("run gen-report")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn example() -> String {
    std::fs::read_to_string(root().join(EXAMPLE)).unwrap()
}

/// A data tree `<dir>/<city>/2020/<name>.yaml` holding the example under each name.
fn tree(dir: &Path, names: &[&str]) -> PathBuf {
    let data = dir.join("hubei/2020");
    std::fs::create_dir_all(&data).unwrap();
    for n in names {
        std::fs::write(data.join(format!("{n}.yaml")), example()).unwrap();
    }
    dir.to_path_buf()
}

/// Regression: errors in a user's `report.typ` were reported as
/// `templates/default/report.typ:17:1`.
#[test]
fn user_report_typ_errors_name_the_users_file() {
    let d = tempfile::tempdir().unwrap();
    let t = d.path().join("tpl");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(t.join("report.typ"), "#let doc = json(\"/data.json\")\n\n#doc.title(\n").unwrap();
    let o = run(bin().arg(EXAMPLE).arg("-o").arg(d.path().join("out")).arg("--templates").arg(&t).args(["--format", "pdf"]));
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.contains(&format!("{}:3:", t.join("report.typ").display())), "the user's file and line are named:\n{out}");
    assert!(!out.contains("templates/default/report.typ"), "{out}");
}

/// Regression: CR-only line endings (old Mac, some exports) put every finding on line 1.
#[test]
fn cr_only_line_endings_keep_their_lines() {
    let d = tempfile::tempdir().unwrap();
    let bad = example().replacen("basic: 284.57", "basic: 284.5x", 1);
    let line = bad.lines().position(|l| l.contains("284.5x")).unwrap() + 1;
    for (name, eol) in [("cr.yaml", "\r"), ("crlf.yaml", "\r\n")] {
        let f = d.path().join(name);
        std::fs::write(&f, bad.replace('\n', eol)).unwrap();
        let o = run(bin().args(["check", "--format", "json"]).arg(&f));
        assert_eq!(o.status.code(), Some(1), "{name}: {}", text(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "Y-AMOUNT").expect("the amount is reported");
        assert_eq!(f["line"].as_u64(), Some(line as u64), "{name}: {f}");
    }
}

/// Regression: two builds into one output took no lock and did the work twice. Now the
/// second waits for the first and then finds every department unchanged.
#[test]
fn two_builds_into_one_output_take_a_lock() {
    let d = tempfile::tempdir().unwrap();
    let data = tree(&d.path().join("data"), &["a", "b", "c"]);
    let out = d.path().join("out");
    let start = || {
        bin().arg("build").arg(&data).arg("-o").arg(&out).args(["--format", "html,json", "-j", "1"]).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
    };
    let (first, second) = (start(), start());
    let mut built = 0;
    for child in [first, second] {
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", text(&o));
        let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        built += s["built"].as_u64().unwrap();
    }
    assert_eq!(built, 3, "each department is built once in all");
}

/// Regression: building a second data root into the same output left a manifest and a
/// portal listing only the second root, orphaning the first root's outputs. A second root
/// that would overwrite the first one's outputs fails instead, with both named.
#[test]
fn a_second_data_root_keeps_the_first() {
    let d = tempfile::tempdir().unwrap();
    let first = tree(&d.path().join("one"), &["first"]);
    let second = tree(&d.path().join("two"), &["second"]);
    let out = d.path().join("out");
    for data in [&first, &second] {
        let o = run(bin().arg("build").arg(data).arg("-o").arg(&out).args(["--format", "html", "-q"]));
        assert!(o.status.success(), "{}", text(&o));
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    for page in ["first.html", "second.html"] {
        assert!(index.contains(page), "the portal lists {page}");
        assert!(out.join("hubei/2020").join(page).is_file());
    }
    // A third root with the first one's file: its output would replace another root's.
    let third = tree(&d.path().join("three"), &["first"]);
    let o = run(bin().arg("build").arg(&third).arg("-o").arg(&out).args(["--format", "html", "-q"]));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("另一个数据目录"), "{}", text(&o));
}

/// Regression: SOURCE_DATE_EPOCH had no effect and the PDF carried no date. Now the PDF is
/// dated SOURCE_DATE_EPOCH, else the publication date typed in the data (never today).
#[test]
fn source_date_epoch_sets_the_pdf_date() {
    let d = tempfile::tempdir().unwrap();
    let pdf = |epoch: Option<&str>, dir: &str| -> String {
        let mut c = bin();
        c.arg(EXAMPLE).arg("-o").arg(d.path().join(dir)).args(["--format", "pdf"]);
        if let Some(e) = epoch {
            c.env("SOURCE_DATE_EPOCH", e);
        }
        let o = run(&mut c);
        assert!(o.status.success(), "{}", text(&o));
        let f = std::fs::read_dir(d.path().join(dir)).unwrap().flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|x| x == "pdf")).unwrap();
        String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned()
    };
    assert!(pdf(Some("1700000000"), "a").contains("(D:20231114221320"), "SOURCE_DATE_EPOCH 2023-11-14T22:13:20Z");
    assert!(pdf(None, "b").contains("(D:20211019"), "the example's department.published");
}

/// Regression: `glossary.wording` in a profile was ignored unless `glossary.terms` was also
/// listed.
#[test]
fn glossary_wording_applies_without_terms() {
    let d = tempfile::tempdir().unwrap();
    let t = d.path().join("tpl");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(t.join("profile.yaml"), "glossary:\n  wording:\n    basic_expenditure: { term: 基本支出（本市用语）, text: 本市的解释。 }\n").unwrap();
    let o = run(bin().arg(EXAMPLE).arg("-o").arg(d.path().join("out")).arg("--templates").arg(&t).args(["--format", "html"]));
    assert!(o.status.success(), "{}", text(&o));
    let f = std::fs::read_dir(d.path().join("out")).unwrap().flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|x| x == "html")).unwrap();
    let html = std::fs::read_to_string(f).unwrap();
    assert!(html.contains("基本支出（本市用语）：本市的解释。"), "the city's wording is printed");
}

/// Regression: a character no font has (here an emoji, which `check` cannot refuse: it depends
/// on the fonts) failed the build with "没有字体能显示这些字符" and no file, line or field.
#[test]
fn a_missing_glyph_names_its_field() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("x.yaml");
    let data = example().replacen("short_name: 汉阳区信访局", "short_name: 汉阳区信访局🦀", 1);
    assert!(data.contains('🦀'));
    std::fs::write(&f, &data).unwrap();
    let o = run(bin().arg(&f).arg("-o").arg(d.path().join("out")).args(["--format", "pdf"]));
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    let line = data.lines().position(|l| l.contains('🦀')).unwrap() + 1;
    assert!(out.contains(&format!("x.yaml:{line}:")) && out.contains("department.short_name"), "{out}");
}

/// Regression: findings were not capped, and the structural walk searched a Vec: 100,000
/// unknown keys took 21 s and 372 MB and printed 100,000 findings. Now the output names
/// the first hundred and counts the rest.
#[test]
fn a_hundred_thousand_unknown_keys_are_capped() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("keys.yaml");
    let mut s = example();
    for i in 0..100_000 {
        s.push_str(&format!("zz_unknown_{i}: 1\n"));
    }
    std::fs::write(&f, s).unwrap();
    let o = run(bin().args(["check", "--format", "json"]).arg(&f));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.len() <= 110, "{} findings", findings.len());
    assert!(findings.iter().any(|f| f["message"].as_str().unwrap().contains("另有 99900 处同类问题")), "the rest are counted");
}

/// Regression: a legitimate department of about 45,000 rows was refused by the parser's
/// node budget as "可能是恶意构造的文件". The budget now fits 100,000 rows.
#[test]
fn a_department_of_a_hundred_thousand_rows_is_read() {
    let d = tempfile::tempdir().unwrap();
    let status = Command::new("python3")
        .arg(root().join("scripts/gen-departments.py"))
        .args(["--count", "1", "--rows-min", "100000", "--rows-max", "100000", "--out"])
        .arg(d.path())
        .status()
        .expect("python3");
    assert!(status.success());
    let f = walk(d.path()).into_iter().find(|p| p.extension().is_some_and(|x| x == "yaml")).unwrap();
    let o = run(bin().arg("check").arg(&f));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(!text(&o).contains("恶意"));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

/// Regression (found while fixing `2_8_4.5_7`): an expenditure amount that failed to parse
/// also gave a P-YUAN-WAN "mismatch" against the 整体自评's 元 figures, the same error twice.
#[test]
fn a_broken_amount_is_reported_once() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("x.yaml");
    std::fs::write(&f, example().replacen("basic: 284.57", "basic: 2_8_4.5_7", 1)).unwrap();
    let o = run(bin().args(["check", "--format", "json"]).arg(&f));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["Y-AMOUNT"]);
}
