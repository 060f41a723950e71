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
    for case in ["bad-duplicate", "bad-missing", "bad-section-title", "bad-syntax", "bad-traversal"] {
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

/// docs/TEMPLATES.md lists the data the section templates receive, generated from the
/// context of the two 部门决算 examples: a key added to the code without its line in the doc
/// (or the other way round) fails here with the list to paste.
#[test]
fn templates_doc_lists_every_context_key() {
    let final_accounts = context_keys(&["examples/wuhan-hanyang-xinfang-2020.yaml", "examples/zhuzhou-lusong-xinfang-2020.yaml"]);
    assert_doc_block("context-keys", &final_accounts);
    let budget = context_keys(&["examples/shijiazhuang-changan-xinfang-2021-budget.yaml"]);
    assert_doc_block("budget-context-keys", &budget);
}

/// Every key the sections of these examples receive, one per line, in the doc's format.
fn context_keys(examples: &[&str]) -> String {
    fn walk(v: &serde_json::Value, pre: &str, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                let keys: Vec<&str> = m.keys().map(String::as_str).collect();
                let is = |set: &[&str]| set.len() == keys.len() && set.iter().all(|k| keys.contains(k));
                if is(&["cur", "prior", "diff", "pct", "same", "up", "prior_zero"]) {
                    out.insert(format!("{pre} (change)"));
                } else if is(&["actual", "budget", "pct", "actual_zero", "over"]) {
                    out.insert(format!("{pre} (completion)"));
                } else {
                    for (k, x) in m {
                        walk(x, &if pre.is_empty() { k.clone() } else { format!("{pre}.{k}") }, out);
                    }
                }
            }
            serde_json::Value::Array(a) if a.iter().all(|x| !x.is_object()) => {
                out.insert(format!("{pre}[]"));
            }
            serde_json::Value::Array(a) => {
                for x in a {
                    walk(x, &format!("{pre}[]"), out);
                }
            }
            _ => {
                out.insert(pre.to_string());
            }
        }
    }
    let mut keys = std::collections::BTreeSet::new();
    for ex in examples {
        let d = tempfile::tempdir().unwrap();
        let (code, _, err) = run(&["build", ex, "-o", d.path().to_str().unwrap(), "--format", "html", "--emit", "context"]);
        assert_eq!(code, 0, "{err}");
        let f = std::fs::read_dir(d.path()).unwrap().filter_map(|e| e.ok()).find(|e| e.path().to_string_lossy().ends_with(".context.json")).unwrap();
        walk(&serde_json::from_str(&std::fs::read_to_string(f.path()).unwrap()).unwrap(), "", &mut keys);
    }
    // `parts` maps part ids to "第N部分": its keys depend on the report. A key that is null in
    // one example and an object in the other is listed by its fields.
    let all = keys.clone();
    let keys: Vec<String> = keys
        .into_iter()
        .filter(|k| !k.starts_with("parts."))
        .filter(|k| !all.iter().any(|o| o.len() > k.len() && o.starts_with(k.as_str()) && matches!(o.as_bytes()[k.len()], b'.' | b'[' | b' ')))
        .collect();
    let parts = if all.iter().any(|k| k.starts_with("parts.")) { "parts.<part id>\n" } else { "" };
    format!("```text\n{parts}{}\n```", keys.join("\n"))
}

/// The text between `<!-- MARKER:start -->` and `<!-- MARKER:end -->` in docs/TEMPLATES.md.
fn assert_doc_block(marker: &str, generated: &str) {
    let doc = std::fs::read_to_string(root().join("docs/TEMPLATES.md")).unwrap();
    let (a, b) = (format!("<!-- {marker}:start -->\n"), format!("\n<!-- {marker}:end -->"));
    let inside = doc.split_once(&a).and_then(|(_, r)| r.split_once(&b)).map(|(m, _)| m).unwrap_or("");
    assert_eq!(inside, generated, "docs/TEMPLATES.md is out of date; put this between the {marker} markers:\n{generated}");
}

/// A section that refers to a field the data lacks compiles, but the build stops at its line
/// (strict undefined) and writes nothing.
#[test]
fn undefined_field_fails_the_build_at_its_line() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&["build", EXAMPLE, "-o", out.path().to_str().unwrap(), "--templates", "tests/fixtures/overrides/bad-undefined"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("tests/fixtures/overrides/bad-undefined/sections/explanations/assets.j2:3:"), "{err}");
    assert!(err.contains("assets.computers"), "{err}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "nothing written");
}

/// A city's page extends the default one and overrides a single named block; the rest of the
/// page is byte for byte the default's, and data in the block is escaped.
#[test]
fn html_page_overrides_one_named_block() {
    let raw = |templates: Option<&str>| {
        let d = tempfile::tempdir().unwrap();
        let mut args = vec!["build", EXAMPLE, "-o", d.path().to_str().unwrap(), "--format", "html"];
        if let Some(t) = templates {
            args.extend(["--templates", t]);
        }
        let (code, _, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        std::fs::read_to_string(d.path().join("wuhan-hanyang-xinfang-2020.html")).unwrap()
    };
    let (base, over) = (raw(None), raw(Some("tests/fixtures/overrides/html-block")));
    let added = "<footer class=\"city-note\">本报告由武汉市汉阳区信访局发布。</footer>";
    assert_eq!(over, base.replacen("</main>", &format!("</main>{added}"), 1));
}
