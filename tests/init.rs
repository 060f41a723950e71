//! `gen-report init` and the template lookup chain (`--templates DIR`, `gen-report templates`).

use std::process::Command;

fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gen-report")).current_dir(env!("CARGO_MANIFEST_DIR")).args(args).output().unwrap()
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

#[test]
fn skeletons_pass_check_and_build() {
    for (city, doc, file) in [("hubei", "final_accounts", "某某局-2025.yaml"), ("hunan", "final_accounts", "某某局-2025.yaml"), ("hunan", "performance_report", "某某局-2025-performance.yaml")] {
        let d = tempfile::tempdir().unwrap();
        let o = run(&[os("init"), os("--city"), os(city), os("--document"), os(doc), os("--dept"), os("某某局"), os("--year"), os("2025"), d.path().as_os_str()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let f = d.path().join(file);
        let c = run(&[os("check"), f.as_os_str()]);
        assert_eq!(c.status.code(), Some(0), "{city} {doc}: {}", String::from_utf8_lossy(&c.stderr));
        let b = run(&[os("build"), f.as_os_str(), os("-o"), d.path().join("out").as_os_str()]);
        assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
        // A second init never overwrites.
        let again = run(&[os("init"), os("--city"), os(city), os("--document"), os(doc), os("--dept"), os("某某局"), os("--year"), os("2025"), d.path().as_os_str()]);
        assert_eq!(again.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&again.stderr).contains("已存在，不覆盖"));
    }
}

#[test]
fn user_templates_come_first() {
    let d = tempfile::tempdir().unwrap();
    let t = d.path().join("tpl");
    let o = run(&[os("init"), os("--template-from"), os("hubei"), t.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in ["profile.yaml", "report.typ", "report.html.j2", "README.md"] {
        assert!(t.join(f).is_file(), "{f}");
    }
    // The listing names the user's files.
    let l = run(&[os("templates"), os("--city"), os("hubei"), os("--templates"), t.as_os_str()]);
    let listing = String::from_utf8_lossy(&l.stdout);
    assert!(listing.contains("report.typ") && listing.contains("用户目录"), "{listing}");
    // Change the profile (two decimals) and the HTML template (a marker), then build.
    std::fs::write(t.join("profile.yaml"), "name: custom\nmoney:\n  trim_zeros: false\n").unwrap();
    let html = std::fs::read_to_string(t.join("report.html.j2")).unwrap().replace(r#"<main id="main">"#, r#"<main id="main"><!-- custom template -->"#);
    std::fs::write(t.join("report.html.j2"), html).unwrap();
    let out = d.path().join("out");
    let b = run(&[os("build"), os("examples/wuhan-hanyang-xinfang-2020.yaml"), os("--format"), os("html"), os("--templates"), t.as_os_str(), os("-o"), out.as_os_str()]);
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let page = std::fs::read_to_string(out.join("wuhan-hanyang-xinfang-2020.html")).unwrap();
    assert!(page.contains("<!-- custom template -->"), "the user's HTML template is used");
    assert!(page.contains("654.40"), "the user's profile (two decimals) is applied");
}

#[test]
fn template_errors_name_the_file() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("report.html.j2"), "{{ doc.no_such_field }}").unwrap();
    let b = run(&[os("build"), os("examples/wuhan-hanyang-xinfang-2020.yaml"), os("--format"), os("html"), os("--templates"), d.path().as_os_str(), os("-o"), d.path().join("out").as_os_str()]);
    assert_eq!(b.status.code(), Some(2));
    let err = String::from_utf8_lossy(&b.stderr);
    assert!(err.contains("report.html.j2:1"), "{err}");
    assert!(!d.path().join("out").exists(), "nothing written");
}

/// A skeleton has the optional fields its city's layout prints. Every built-in layout prints
/// the Hunan 其他重要事项 facts when they are typed (no fact is dropped), so both have them.
#[test]
fn skeleton_fields_follow_the_city_layout() {
    let text = |city: &str| {
        let d = tempfile::tempdir().unwrap();
        let o = run(&[os("init"), os("--city"), os(city), os("--dept"), os("某某局"), os("--year"), os("2025"), d.path().as_os_str()]);
        assert!(o.status.success());
        std::fs::read_to_string(d.path().join("某某局-2025.yaml")).unwrap()
    };
    let (hunan, hubei) = (text("hunan"), text("hubei"));
    for field in ["organization:", "general_spending:", "office_operation_budget:", "activity:"] {
        assert!(hunan.contains(field), "hunan skeleton has {field}");
        assert!(hubei.contains(field), "hubei skeleton has {field}");
    }
    assert!(!hunan.contains("#@") && !hubei.contains("#@"), "markers removed");
}

/// Claims a report cannot back with data: an evaluation of zero projects, a total announced
/// with nothing after it, a list heading with no list.
const EMPTY_CLAIMS: &[&str] = &["项目0个", "0个一级项目", "组织开展整体支出绩效自评", "全面开展绩效自评", "其中：。", "其中：；", "（到项级）：（", "资金0万元，占"];

/// An init skeleton of every city, and a small real file without any performance data, print
/// none of the claims above, in the PDF or the HTML: a sentence whose data is missing is left
/// out or says so ("本部门本年度未开展绩效自评").
#[test]
fn no_claim_without_data() {
    let d = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for city in ["hubei", "hunan"] {
        let dir = d.path().join(city);
        let o = run(&[os("init"), os("--city"), os(city), os("--dept"), os("某某局"), os("--year"), os("2025"), dir.as_os_str()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        files.push(dir.join("某某局-2025.yaml"));
    }
    files.push(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/no-performance.yaml"));
    for f in &files {
        let out = d.path().join("out");
        let b = run(&[os("build"), f.as_os_str(), os("-o"), out.as_os_str()]);
        assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        let pdf = Command::new("pdftotext").arg(out.join(format!("{stem}.pdf"))).arg("-").output().unwrap();
        let text: String = String::from_utf8_lossy(&pdf.stdout).split_whitespace().collect();
        let html: String = std::fs::read_to_string(out.join(format!("{stem}.html"))).unwrap().split_whitespace().collect();
        for claim in EMPTY_CLAIMS {
            assert!(!text.contains(claim), "{}: the PDF says {claim:?}", f.display());
            assert!(!html.contains(claim), "{}: the HTML says {claim:?}", f.display());
        }
        assert!(text.contains("本部门本年度未开展绩效自评"), "{}", f.display());
    }
}

/// A city's copied profile shows every setting it may change, the percentage decimals among
/// them (a province printing 11.94% sets `percent_dp: 2`).
#[test]
fn template_from_shows_the_percent_decimals() {
    let d = tempfile::tempdir().unwrap();
    let t = d.path().join("tpl");
    let o = run(&[os("init"), os("--template-from"), os("hunan"), t.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let profile = std::fs::read_to_string(t.join("profile.yaml")).unwrap();
    assert!(profile.contains("percent_dp"), "{profile}");
    std::fs::write(t.join("profile.yaml"), "name: mycity\nmoney: { percent_dp: 2 }\n").unwrap();
    let ex = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhuzhou-lusong-xinfang-2020.yaml");
    let out = d.path().join("out");
    let b = run(&[os("build"), ex.as_os_str(), os("--templates"), t.as_os_str(), os("--format"), os("html"), os("-o"), out.as_os_str()]);
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let html = std::fs::read_to_string(out.join("zhuzhou-lusong-xinfang-2020.html")).unwrap();
    assert!(html.contains("减少12.57%"), "two decimals: 32.82 / 261.02");
}
