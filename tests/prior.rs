//! Linking last year's file with `prior:` instead of typing the prior-year totals.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gen-report")).current_dir(root()).args(args).output().unwrap()
}

/// The example with its typed prior-year totals replaced by a link to last year's file.
fn linked_example() -> String {
    let ex = std::fs::read_to_string(root().join("examples/wuhan-hanyang-xinfang-2020.yaml")).unwrap();
    let start = ex.find("prior_year:\n").expect("the example types prior_year");
    let end = start + ex[start..].find("\n\n").expect("prior_year block ends with a blank line");
    format!("{}prior: ../2019/xinfang.yaml{}", &ex[..start], &ex[end..])
}

/// A temp data tree `<tmp>/{2019,2020}/xinfang.yaml`: the 2019 fixture and the linked
/// example for 2020, edited by `edit`.
fn tree(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    for y in ["2019", "2020"] {
        std::fs::create_dir_all(d.path().join(y)).unwrap();
    }
    std::fs::copy(root().join("tests/fixtures/prior/hanyang/2019/xinfang.yaml"), d.path().join("2019/xinfang.yaml")).unwrap();
    std::fs::write(d.path().join("2020/xinfang.yaml"), edit(linked_example())).unwrap();
    let f = d.path().join("2020/xinfang.yaml");
    (d, f)
}

#[test]
fn linked_prior_year_gives_the_same_report_as_typed_totals() {
    let out = tempfile::tempdir().unwrap();
    let (_d, linked) = tree(|t| t);
    let typed = root().join("examples/wuhan-hanyang-xinfang-2020.yaml");
    for f in [&linked, &typed] {
        let o = run(&["build".as_ref(), f.as_os_str(), "--format".as_ref(), "html".as_ref(), "-o".as_ref(), out.path().as_os_str()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let a = std::fs::read(out.path().join("xinfang.html")).unwrap();
    let b = std::fs::read(out.path().join("wuhan-hanyang-xinfang-2020.html")).unwrap();
    assert!(a == b, "the 2019 file computes exactly the prior-year totals the example types");
}

fn check_fails_with(f: &Path, rule: &str, text: &str) {
    let o = run(&["check".as_ref(), f.as_os_str()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(rule) && err.contains(text), "expected {rule} {text}:\n{err}");
}

#[test]
fn opening_balance_must_equal_last_years_closing() {
    let (_d, f) = tree(|t| t.replace("prior: ../2019/xinfang.yaml", "prior: ../2019/xinfang.yaml\ncarryover:\n  opening: { general: 10 }"));
    check_fails_with(&f, "X-PRIOR-CARRYOVER", "年初结转和结余不等于上年年末结转和结余");
}

#[test]
fn typed_prior_totals_are_checked_against_the_file() {
    let (_d, f) = tree(|t| {
        t.replace(
            "prior: ../2019/xinfang.yaml",
            "prior: ../2019/xinfang.yaml\nprior_year:\n  total: 632.08\n  fiscal_total: 632.08\n  general_budget_spend: 632.00\n  three_public: { abroad: 0, vehicle_purchase: 0, vehicle_operation: 0, reception: 0.08 }\n  office_operation: 8.50",
        )
    });
    check_fails_with(&f, "X-PRIOR", "应为 632.08，实为 632.00");
}

#[test]
fn prior_path_stays_inside_the_data_tree() {
    let (_d, f) = tree(|t| t.replace("prior: ../2019/xinfang.yaml", "prior: ../../../../../../etc/hostname"));
    check_fails_with(&f, "X-PRIOR", "不在数据目录");
}

#[test]
fn prior_must_be_last_year() {
    let (_d, f) = tree(|t| t.replace("prior: ../2019/xinfang.yaml", "prior: xinfang.yaml"));
    check_fails_with(&f, "X-PRIOR", "上年文件是 2020 年度");
}

#[test]
fn errors_in_the_prior_file_point_into_it() {
    let (d, f) = tree(|t| t);
    let p = d.path().join("2019/xinfang.yaml");
    let t = std::fs::read_to_string(&p).unwrap().replace("basic: 284.57", "basic: 284.5x");
    std::fs::write(&p, t).unwrap();
    let o = run(&["check".as_ref(), f.as_os_str()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("2019/xinfang.yaml:") && err.contains("Y-AMOUNT"), "{err}");
}

/// `gen-report build <tree> --format html,json` with GEN_REPORT_PROFILE=1: (built, unchanged,
/// whether any YAML was parsed).
fn build_tree(dir: &Path, out: &Path) -> (u64, u64, bool) {
    let o = Command::new(env!("CARGO_BIN_EXE_gen-report"))
        .current_dir(root())
        .env("GEN_REPORT_PROFILE", "1")
        .args(["build".as_ref(), dir.as_os_str(), "-o".as_ref(), out.as_os_str(), "--format".as_ref(), "html,json".as_ref()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    (s["built"].as_u64().unwrap(), s["unchanged"].as_u64().unwrap(), String::from_utf8_lossy(&o.stderr).contains("| parse (serde) |"))
}

/// A no-op rebuild skips a department by the bytes it was built from, without parsing it
/// (`tree::quick_unchanged`); a change to the file it links (`prior:`) still rebuilds it.
#[test]
fn a_no_op_rebuild_parses_nothing_and_a_linked_edit_rebuilds() {
    let (d, _) = tree(|t| t);
    let out = tempfile::tempdir().unwrap();
    assert_eq!(build_tree(d.path(), out.path()), (2, 0, true));
    assert_eq!(build_tree(d.path(), out.path()), (0, 2, false), "nothing parsed");
    // A comment in last year's file: the 2019 report and the 2020 one that links it.
    let prior = d.path().join("2019/xinfang.yaml");
    let t = std::fs::read_to_string(&prior).unwrap();
    std::fs::write(&prior, t + "\n# 已核对\n").unwrap();
    assert_eq!(build_tree(d.path(), out.path()), (2, 0, true));
    assert_eq!(build_tree(d.path(), out.path()), (0, 2, false), "the quick keys are renewed");
    // A manifest edited to list a link outside the data root, to a copy of the real link:
    // that file is not read (its bytes would match), the department gets the full check.
    let state = out.path().join(".gen-report");
    let manifest = std::fs::read_dir(&state).unwrap().map(|e| e.unwrap().path()).find(|p| p.extension().is_some_and(|x| x == "json")).unwrap();
    let text = std::fs::read_to_string(&manifest).unwrap();
    assert!(text.contains("\"2019/xinfang.yaml\"\n"), "{text}");
    let outside = format!("{}-outside.yaml", d.path().file_name().unwrap().to_string_lossy());
    let root = d.path().canonicalize().unwrap();
    std::fs::copy(&prior, root.parent().unwrap().join(&outside)).unwrap();
    std::fs::write(&manifest, text.replace("\"2019/xinfang.yaml\"\n", &format!("\"../{outside}\"\n"))).unwrap();
    let parsed = build_tree(d.path(), out.path());
    std::fs::remove_file(root.parent().unwrap().join(&outside)).unwrap();
    assert_eq!(parsed, (0, 2, true));
}
