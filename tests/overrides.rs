//! A city's customisation through a user's template directory: `tests/fixtures/overrides/
//! testcity` overrides one part title, one section and one rule threshold; the snapshot shows
//! that exactly those change. Broken profiles and templates are reported with file and line.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

const EXAMPLE: &str = "examples/wuhan-hanyang-xinfang-2020.yaml";
const TESTCITY: &str = "tests/fixtures/overrides/testcity";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_gen-report")).args(args).current_dir(root()).env("NO_COLOR", "1").output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn html(file: &str, templates: Option<&str>) -> Vec<String> {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().to_str().unwrap();
    let mut args = vec!["build", file, "-o", out, "--format", "html"];
    if let Some(t) = templates {
        args.extend(["--templates", t]);
    }
    let (code, _, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    let path = std::fs::read_dir(d.path()).unwrap().next().unwrap().unwrap().path();
    html_blocks(&std::fs::read_to_string(path).unwrap()).into_iter().map(|b| format!("<{}> {}", b.tag, b.text)).collect()
}

#[test]
fn only_the_overridden_title_and_section_change() {
    let base = html(EXAMPLE, None);
    let over = html(EXAMPLE, Some(TESTCITY));
    assert_eq!(base.len(), over.len(), "same blocks, only their text may differ");
    let diff: Vec<String> = base.iter().zip(&over).filter(|(a, b)| a != b).map(|(a, b)| format!("- {a}\n+ {b}")).collect();
    insta::assert_snapshot!("testcity-diff", diff.join("\n"));
}

#[test]
fn the_threshold_is_the_citys() {
    // 卫生健康 spends 28.71 of a 31.20 budget: 92.0%, below the default 95% and above 90%.
    let src = std::fs::read_to_string(root().join(EXAMPLE)).unwrap().replace("{ code: \"210\", amount: 28.71 }", "{ code: \"210\", amount: 31.20 }");
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("below-95.yaml");
    std::fs::write(&f, src).unwrap();
    let f = f.to_str().unwrap();
    let (code, _, err) = run(&["check", f]);
    assert_eq!(code, 1, "default 95% rule: a reason is needed\n{err}");
    assert!(err.contains("R-REASON-MISSING"), "{err}");
    let (code, _, err) = run(&["check", f, "--templates", TESTCITY]);
    assert_eq!(code, 0, "the test city's 90% rule: no reason needed\n{err}");
}

#[test]
fn templates_lists_where_each_section_comes_from() {
    let (code, out, err) = run(&["templates", "--city", "hubei", "--templates", TESTCITY]);
    assert_eq!(code, 0, "{err}");
    let line = |name: &str| out.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("{name} in {out}")).to_string();
    assert!(line("profile.yaml").contains("testcity/profile.yaml"));
    assert!(line("sections/explanations/assets.j2").contains("testcity/sections/explanations/assets.j2"));
    assert!(line("sections/explanations/total.j2").contains("templates/default/sections/explanations/total.j2"));
}

/// A duplicate section, a section without a template, a template syntax error and a name that
/// tries to leave the template directory: each reported with its file and line, exit 1, and a
/// build with it writes nothing.
#[test]
fn broken_profiles_and_templates_point_at_file_and_line() {
    let mut report = String::new();
    for case in ["bad-duplicate", "bad-missing", "bad-syntax", "bad-traversal"] {
        let dir = format!("tests/fixtures/overrides/{case}");
        let (code, _, err) = run(&["templates", "--city", "hubei", "--templates", &dir]);
        assert_eq!(code, 1, "{case}: {err}");
        report.push_str(&format!("== gen-report templates --templates {dir}\n{err}"));
        let out = tempfile::tempdir().unwrap();
        let (code, _, err) = run(&["build", EXAMPLE, "-o", out.path().to_str().unwrap(), "--templates", &dir]);
        assert_eq!(code, 1, "{case}: build must refuse\n{err}");
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "{case}: nothing written");
    }
    insta::assert_snapshot!("broken-templates", report);
}

/// A department name that looks like Typst code or HTML stays text in a user's section.
#[test]
fn user_sections_print_hostile_names_as_text() {
    let src = std::fs::read_to_string(root().join(EXAMPLE)).unwrap().replace("short_name: 汉阳区信访局", "short_name: \"#read(\\\"/etc/passwd\\\") <script>alert(1)</script>\"");
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("hostile.yaml");
    std::fs::write(&f, src).unwrap();
    let blocks = html(f.to_str().unwrap(), Some(TESTCITY));
    let para = blocks.iter().find(|b| b.contains("未配备公务车辆")).expect("the overridden section");
    assert!(para.contains("#read(\"/etc/passwd\") <script>alert(1)</script>未配备公务车辆"), "{para}");
}
