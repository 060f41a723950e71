//! The HTML pages and the portal as a screen reader and a validator read them (issue 18):
//! every table's header rows in <thead> with `scope`, a row header per labelled body row, no
//! empty header cell, no inline style, headings without gaps, the links to the PDF and back
//! to the portal, the portal's landmarks, caption and city names. Plain string checks on the
//! built pages, no browser: `scripts/audit.sh` runs axe-core and html-validate in Chromium.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&std::ffi::OsStr]) {
    let o = Command::new(env!("CARGO_BIN_EXE_gen-report")).current_dir(root()).args(args).output().expect("run gen-report");
    assert!(o.status.success(), "gen-report {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("examples")).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect();
    v.sort();
    v
}

/// Every element `name` (not nested in itself): (attributes, inner HTML).
fn elements<'a>(html: &'a str, name: &str) -> Vec<(&'a str, &'a str)> {
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        // `<th` must not match `<thead`.
        if !after.starts_with([' ', '>']) {
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let attrs = &after[..gt];
        let body = &after[gt + 1..];
        let end = body.find(&close).unwrap_or(body.len());
        out.push((attrs, &body[..end]));
        rest = &body[end..];
    }
    out
}

/// The text of an HTML fragment: tags removed, entities left as they are.
fn text(fragment: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = attrs.find(&key)? + key.len();
    attrs[i..].split('"').next()
}

/// The page without its <style> and <script> (CSS and JS are not markup).
fn markup(html: &str) -> String {
    let mut s = html.to_string();
    for tag in ["style", "script"] {
        while let (Some(a), Some(b)) = (s.find(&format!("<{tag}>")), s.find(&format!("</{tag}>"))) {
            if b < a {
                break;
            }
            s.replace_range(a..b + tag.len() + 3, "");
        }
    }
    s
}

/// The structural problems of a report page or portal page.
fn problems(name: &str, html: &str) -> Vec<String> {
    let m = markup(html);
    let mut p = Vec::new();
    if !html.starts_with("<!DOCTYPE html>") {
        p.push(format!("{name}: no <!DOCTYPE html>"));
    }
    if m.contains(" style=\"") {
        p.push(format!("{name}: an inline style attribute"));
    }
    for (attrs, inner) in elements(&m, "table") {
        let id = attr(attrs, "id").unwrap_or("?");
        if !inner.contains("<caption") {
            p.push(format!("{name}: table {id} has no <caption>"));
        }
        let (head, body) = inner.split_once("<tbody>").unwrap_or(("", inner));
        // Header rows are in <thead>; a table without (a self-evaluation's form, whose labels
        // sit beside their values) has its header cells in the body.
        if !head.contains("<thead>") && !body.contains("<th ") {
            p.push(format!("{name}: table {id} has no header cell"));
        }
        for (a, cell) in elements(head, "th") {
            if !matches!(attr(a, "scope"), Some("col" | "colgroup")) {
                p.push(format!("{name}: table {id}: header cell {:?} without scope=col|colgroup", text(cell)));
            }
        }
        for (a, cell) in elements(body, "th") {
            let t = text(cell);
            if !matches!(attr(a, "scope"), Some("row" | "col")) {
                p.push(format!("{name}: table {id}: body header cell {t:?} without scope=row|col"));
            }
            // A row header names the row (a label, or a 科目编码); an amount never does.
            if attr(a, "scope") == Some("row") && attr(a, "class").is_some_and(|c| c.split(' ').any(|c| c == "al-right")) {
                p.push(format!("{name}: table {id}: the amount {t:?} as a row header"));
            }
        }
        for (_, cell) in elements(inner, "th") {
            if text(cell).is_empty() {
                p.push(format!("{name}: table {id}: an empty <th>"));
            }
        }
    }
    // Headings: h1 first, then each at most one level below the one before.
    let mut last = 0;
    let mut rest = m.as_str();
    while let Some(i) = rest.find("<h") {
        let level = rest.as_bytes().get(i + 2).copied().unwrap_or(b'x');
        rest = &rest[i + 2..];
        if !(b'1'..=b'6').contains(&level) || !rest[1..].starts_with([' ', '>']) {
            continue;
        }
        let level = (level - b'0') as i32;
        if level > last + 1 {
            let t = text(&rest[rest.find('>').unwrap_or(0) + 1..rest.find("</h").unwrap_or(0)]);
            p.push(format!("{name}: heading h{level} {t:?} after h{last}"));
        }
        last = level;
    }
    p
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Each example built on its own: sound tables and headings, a link to its PDF, no portal.
#[test]
fn example_pages_are_well_formed() {
    let d = tempfile::tempdir().unwrap();
    let mut all = Vec::new();
    for f in examples() {
        run(&["build".as_ref(), f.as_os_str(), "-o".as_ref(), d.path().as_os_str(), "--format".as_ref(), "html,pdf,xlsx".as_ref()]);
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        let html = read(&d.path().join(format!("{stem}.html")));
        all.extend(problems(&stem, &html));
        if !html.contains(&format!("<a href=\"{stem}.pdf\">")) {
            all.push(format!("{stem}: no link to its PDF"));
        }
        if html.contains("全部部门") || html.contains("index.html") {
            all.push(format!("{stem}: a single file links a portal that does not exist"));
        }
        if stem == "wuhan-hanyang-xinfang-2020" {
            let t1 = elements(&html, "table").into_iter().find(|(a, _)| attr(a, "id") == Some("t1")).expect("表1").1;
            let rows: Vec<String> = elements(t1, "th").into_iter().filter(|(a, _)| attr(a, "scope") == Some("row")).map(|(_, c)| text(c)).collect();
            assert!(rows.iter().any(|r| r == "一、一般公共预算财政拨款收入"), "表1's income labels are row headers: {rows:?}");
            // 表2: the 科目名称 after its 科目编码 names the row.
            let t2 = elements(&html, "table").into_iter().find(|(a, _)| attr(a, "id") == Some("t2")).expect("表2").1;
            let names: Vec<String> = elements(t2, "th").into_iter().filter(|(a, _)| attr(a, "scope") == Some("row")).map(|(_, c)| text(c)).collect();
            assert!(names.iter().any(|r| r == "一般公共服务支出"), "表2's 科目名称 are row headers: {names:?}");
            // On a phone one column stays in place: 表1's labels.
            assert!(t1.contains("class=\"al-left sticky\">一、一般公共预算财政拨款收入</th>"), "表1's label column is sticky");
        }
    }
    assert!(all.is_empty(), "\n{}\n", all.join("\n"));
}

/// The examples as a data tree `<city>/<year>/`: the portal's landmarks, caption, headers and
/// city names, its city/year pages, and every report's links back to both.
#[test]
fn portal_and_tree_pages_are_well_formed() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    for f in examples() {
        let text = read(&f);
        let city = text.lines().find_map(|l| l.strip_prefix("city: ")).map(|c| c.split_whitespace().next().unwrap_or("").to_string()).unwrap();
        let year = text.lines().find_map(|l| l.strip_prefix("  year: ")).map(|y| y.trim()[..4].to_string()).unwrap();
        let dir = data.join(&city).join(&year);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    let out = d.path().join("out");
    run(&["build".as_ref(), data.as_os_str(), "-o".as_ref(), out.as_os_str(), "--format".as_ref(), "html".as_ref(), "-q".as_ref()]);
    let mut all = Vec::new();
    // minijinja writes `/` in an attribute as `&#x2f;`: the same link.
    let index = read(&out.join("index.html")).replace("&#x2f;", "/");
    all.extend(problems("index.html", &index));
    for landmark in ["<header>", "<main>", "<footer>", "<nav "] {
        assert!(index.contains(landmark), "the portal has {landmark}");
    }
    for name in ["湖北省", "湖南省", "河北省"] {
        assert!(index.contains(&format!("<td class=\"wide\">{name}</td>")), "the portal names the city {name}");
    }
    assert!(!index.contains(">hubei<") && !index.contains(">hunan<"), "no slug shown as a city");
    assert!(index.contains("@page { size: A4"), "the portal prints on A4");
    assert!(!markup(&index).contains("</a><a"), "adjacent links are separated, so they wrap");
    assert!(index.contains("湖南省</span> <a href=\"./hunan/2020/index.html\">2020年度</a> <a href=\"./hunan/2023/index.html\">2023年度</a>"), "a city's years on one line:\n{index}");
    for kind in ["部门决算", "部门预算公开", "整体支出绩效自评报告"] {
        assert!(index.contains(&format!("<b class=\"kind\">{kind}</b>")), "the document type {kind} is shown");
    }
    let page = read(&out.join("hubei/2020/index.html"));
    all.extend(problems("hubei/2020/index.html", &page));
    assert!(page.contains("<title>部门预决算公开：湖北省 2020年度</title>"), "the city/year page is named by the city");
    // A report links its PDF (none here: HTML only), the portal and its city/year page.
    let report = read(&out.join("hubei/2020/wuhan-hanyang-xinfang-2020.html")).replace("&#x2f;", "/");
    all.extend(problems("hubei/2020/wuhan-hanyang-xinfang-2020.html", &report));
    assert!(report.contains("<a href=\"../../index.html\">全部部门</a> › <a href=\"index.html\">湖北省 2020年度</a>"), "the way back to the portal");
    assert!(!report.contains(".pdf\""), "no link to a PDF that was not written");
    assert!(all.is_empty(), "\n{}\n", all.join("\n"));
}
