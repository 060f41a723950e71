//! A 部门决算 that links its year's 部门预算公开 (`budget:`) instead of typing its 年初预算 a
//! second time: the same report, a difference at both lines, a tree build that follows the
//! link, and a portal that shows the two documents side by side.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gen-report")).current_dir(root()).args(args).output().unwrap()
}

const BUDGET: &str = "tests/fixtures/invalid-prior/2020/xinfang-budget.yaml";

/// The example 决算 with its 年初预算 taken from the budget file: the amounts of
/// `initial_budget` and `three_public.budget` removed, the reasons kept.
fn linked_example() -> String {
    let ex = std::fs::read_to_string(root().join("examples/wuhan-hanyang-xinfang-2020.yaml")).unwrap();
    let ex = ex.replacen("city: hubei\n", "city: hubei\nbudget: xinfang-budget.yaml\n", 1);
    let ex = ex.replace("    amount: 556.83\n", "").replace("    amount: 17.82\n", "");
    let ex = ex.replace("  - { code: \"210\", amount: 28.71 }\n", "").replace("  - { code: \"213\", amount: 3.00 }\n", "");
    let ex = ex.replace("  budget: { abroad: 0, vehicle_purchase: 0, vehicle_operation: 0, reception: 0 }\n", "");
    assert!(!ex.contains("556.83") && !ex.contains("budget: { abroad"), "the example's budget lines were found");
    ex
}

/// `<tmp>/data/hubei/2020/{xinfang,xinfang-budget}.yaml`, the 决算 edited by `edit`.
fn tree(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("data/hubei/2020");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(root().join(BUDGET), dir.join("xinfang-budget.yaml")).unwrap();
    std::fs::write(dir.join("xinfang.yaml"), edit(linked_example())).unwrap();
    let f = dir.join("xinfang.yaml");
    (d, f)
}

fn build_html(f: &Path, out: &Path) -> Vec<u8> {
    let o = run(&["build".as_ref(), f.as_os_str(), "--format".as_ref(), "html".as_ref(), "-o".as_ref(), out.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
    std::fs::read(out.join(format!("{stem}.html"))).unwrap()
}

#[test]
fn a_linked_budget_gives_the_same_report_as_a_typed_one() {
    let out = tempfile::tempdir().unwrap();
    let (_d, linked) = tree(|t| t);
    let a = build_html(&linked, out.path());
    let b = build_html(&root().join("examples/wuhan-hanyang-xinfang-2020.yaml"), out.path());
    assert!(a == b, "the budget file gives exactly the 年初预算 the example types");
}

#[test]
fn a_budget_of_another_year_is_refused() {
    let (_d, f) = tree(|t| t);
    let budget = f.with_file_name("xinfang-budget.yaml");
    let text = std::fs::read_to_string(&budget).unwrap().replace("year: 2020", "year: 2021");
    std::fs::write(&budget, text).unwrap();
    let o = run(&["check".as_ref(), f.as_os_str()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("X-BUDGET-LINK") && err.contains("链接的部门预算是 2021 年度"), "{err}");
}

#[test]
fn without_a_link_the_budget_must_be_typed() {
    let (_d, f) = tree(|t| t.replace("budget: xinfang-budget.yaml\n", ""));
    let o = run(&["check".as_ref(), f.as_os_str()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("年初预算没有金额") && err.contains("缺少“三公”经费年初预算"), "{err}");
}

#[derive(serde::Deserialize, Debug)]
struct Summary {
    built: usize,
    unchanged: usize,
}

fn build_tree(d: &Path) -> Summary {
    let o = run(&["build".as_ref(), d.join("data").as_os_str(), "-o".as_ref(), d.join("out").as_os_str(), "--format".as_ref(), "html,json".as_ref()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Saving the budget file rebuilds the 决算 that links to it; the portal shows both
/// documents of the department in one row.
#[test]
fn a_tree_build_follows_the_link() {
    let (d, _) = tree(|t| t);
    let s = build_tree(d.path());
    assert_eq!((s.built, s.unchanged), (2, 0), "{s:?}");
    let index = std::fs::read_to_string(d.path().join("out/index.html")).unwrap();
    assert_eq!(index.matches("<tr>").count(), 1 + 1, "one row for the department's two documents:\n{index}");
    let budget_at = index.find("部门预算公开").expect("the budget is listed");
    let final_at = index.find("部门决算</b>").expect("the 决算 is listed");
    assert!(budget_at < final_at, "the budget comes first");

    let budget = d.path().join("data/hubei/2020/xinfang-budget.yaml");
    let text = std::fs::read_to_string(&budget).unwrap().replace("{ code: \"2010308\", project: 356.83 }", "{ code: \"2010308\", project: 346.83 }").replace("{ name: 信访事务专项, amount: 356.83 }", "{ name: 信访事务专项, amount: 346.83 }");
    std::fs::write(&budget, text).unwrap();
    let s = build_tree(d.path());
    assert_eq!((s.built, s.unchanged), (2, 0), "the budget and the 决算 that links it are rebuilt: {s:?}");
}
