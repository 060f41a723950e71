//! The portal index: `out/index.html` and one page per city and year, from every manifest
//! in the output directory (so shards built elsewhere merge).

use super::manifest::load_all;
use crate::core::output::write_atomic;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

const PORTAL: &str = include_str!("../../templates/default/portal.html.j2");

/// One row of the portal: a department with its last good outputs and its status.
#[derive(Serialize)]
struct Item {
    source: String,
    name: String,
    /// The city's display name (湖北省), or its slug.
    city: String,
    /// The city's slug (`city:` of the data, the profile's directory).
    #[serde(skip)]
    slug: String,
    year: u32,
    kind: String,
    totals: Vec<(String, String)>,
    /// (format, URL path relative to the output directory, every segment percent-encoded):
    /// HTML, PDF, XLSX and JSON, in the manifest's order.
    files: Vec<(String, String)>,
    status: String,
    error: Option<String>,
}

/// Writes `out/index.html` and one page per city and year (`out/<city>/<year>/index.html`)
/// from every manifest in `out`, so shards built elsewhere merge: self-contained (no network),
/// relative links, works from disk and from any static web server. Returns the row count.
pub fn write_index(out: &Path) -> Result<usize, String> {
    // Shards of one tree finish at different times and each writes the index: one at a time,
    // and then the temp files a killed writer left can be removed safely.
    let lock = out.join(super::manifest::STATE_DIR).join("index.lock");
    let _lock = crate::core::output::lock(&lock, || {}).map_err(|e| format!("无法锁定 {}：{e}", lock.display()))?;
    let m = load_all(out);
    let mut items: Vec<Item> = Vec::new();
    // What the portal calls each city: the profile's display name (a built-in profile's is
    // looked up once per city), else its slug.
    let mut names: BTreeMap<(String, String), String> = BTreeMap::new();
    for (src, e) in &m.entries {
        let city = names.entry((e.city_name.clone(), e.city.clone())).or_insert_with(|| city_display(&e.city_name, &e.city)).clone();
        let error = m.failed.get(src).cloned();
        let status = match (&error, e.warnings) {
            (Some(_), _) => "失败（显示上次成功的版本）".to_string(),
            (None, 0) => "通过".to_string(),
            (None, n) => format!("通过，{n} 个警告"),
        };
        let files = e.outputs.iter().filter_map(|p| portal_link(p).map(|label| (label.to_string(), url_path(p)))).collect();
        items.push(Item { source: src.clone(), name: e.name.clone(), city, slug: e.city.clone(), year: e.year, kind: e.kind.clone(), totals: e.totals.clone(), files, status, error });
    }
    for (src, err) in m.failed.iter().filter(|(k, _)| !m.entries.contains_key(*k)) {
        items.push(Item { source: src.clone(), name: src.clone(), city: String::new(), slug: String::new(), year: 0, kind: String::new(), totals: Vec::new(), files: Vec::new(), status: "失败".into(), error: Some(err.clone()) });
    }
    items.sort_by(|a, b| a.source.cmp(&b.source));
    let rows = department_rows(&items);
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.add_template("portal.html.j2", PORTAL).map_err(|e| format!("templates/default/portal.html.j2: {e}"))?;
    let t = env.get_template("portal.html.j2").map_err(|e| e.to_string())?;
    // Groups by the first two directories of the source (data/<city>/<year>/…).
    let mut groups: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for r in &rows {
        if let Some(g) = group_of(&r.docs[0].source) {
            groups.entry(g).or_default().push(r);
        }
    }
    // Every link is relative (`./…` or `../../…`) and percent-encoded segment by segment, so a
    // file named `javascript:alert(1).yaml` or `a#b?.yaml` is only ever a path.
    let render = |title: &str, up: &str, rows: &[&Row], pages: &[City]| -> Result<String, String> {
        let (rows, pages) = (minijinja::Value::from(minijinja::value::Serde(rows)), minijinja::Value::from(minijinja::value::Serde(pages)));
        let base = if up.is_empty() { "./" } else { up };
        t.render(minijinja::context! { title => title, up => up, base => base, rows => rows, pages => pages })
            .map_err(|e| format!("templates/default/portal.html.j2:{}: {e}", e.line().unwrap_or(0)))
    };
    // The city/year pages, named by the city of their departments, one line per city.
    let label = |g: &str, rows: &[&Row]| rows.first().map(|r| group_label(g, r.slug, r.city)).unwrap_or_else(|| g.to_string());
    let mut pages: Vec<City> = Vec::new();
    for (g, rows) in &groups {
        let (dir, year) = g.split_once('/').unwrap_or((g, ""));
        let city = rows.first().map(|r| dir_label(dir, r.slug, r.city)).unwrap_or(dir).to_string();
        let link = (year_label(year), url_path(g));
        match pages.last_mut() {
            Some(c) if c.dir == dir => c.years.push(link),
            _ => pages.push(City { dir: dir.to_string(), name: city, years: vec![link] }),
        }
    }
    let all: Vec<&Row> = rows.iter().collect();
    let html = render("部门预决算公开", "", &all, &pages)?;
    write_page(&out.join("index.html"), &html)?;
    for (g, rows) in &groups {
        let html = render(&format!("部门预决算公开：{}", label(g, rows)), "../../", rows, &[])?;
        write_page(&out.join(g).join("index.html"), &html)?;
    }
    Ok(items.len())
}

/// One department in one year: its documents side by side, the year's budget first (it
/// starts the cycle the 决算 closes), then the 决算, then the self-evaluation.
#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    city: &'a str,
    #[serde(skip)]
    slug: &'a str,
    year: u32,
    docs: Vec<&'a Item>,
}

/// The root page's links to the city/year pages: one city directory with its years, each
/// (label, URL path).
#[derive(Serialize)]
struct City {
    #[serde(skip)]
    dir: String,
    name: String,
    years: Vec<(String, String)>,
}

/// `<city>/<year>` of a source path `<city>/<year>/<dept>.yaml`.
pub fn group_of(source: &str) -> Option<String> {
    let parts: Vec<&str> = source.split('/').collect();
    (parts.len() >= 3).then(|| format!("{}/{}", parts[0], parts[1]))
}

/// What the portal calls a city: `city_name` (the display name its profile gave when built),
/// else the built-in profile's display name, else the slug.
pub fn city_display(city_name: &str, city: &str) -> String {
    if city_name.is_empty() { crate::render::profile::display_name(city) } else { city_name.to_string() }
}

/// "2020年度" for a year directory, other names as they are.
fn year_label(year: &str) -> String {
    if !year.is_empty() && year.chars().all(|c| c.is_ascii_digit()) { format!("{year}年度") } else { year.to_string() }
}

/// The name of the page of a group `<dir>/<year>` whose departments have the city `slug`
/// shown as `name`: "湖北省 2020年度" when the directory is named after the city (as in
/// `data/hubei/2020`); a directory of another name (`data/武汉市/2020`, one of several
/// directories of one province) keeps its own name, so two of them never look alike.
pub fn group_label(group: &str, slug: &str, name: &str) -> String {
    let (dir, year) = group.split_once('/').unwrap_or((group, ""));
    format!("{} {}", dir_label(dir, slug, name), year_label(year))
}

/// A city directory's name on the portal: `name` when the directory is the city's slug.
fn dir_label<'a>(dir: &'a str, slug: &str, name: &'a str) -> &'a str {
    if dir == slug { name } else { dir }
}

fn kind_order(kind: &str) -> usize {
    ["部门预算公开", "部门决算"].iter().position(|k| *k == kind).unwrap_or(2)
}

/// The rows: documents of one department name, city directory and year share a row, one per
/// kind (a second document of the same kind starts a row of its own).
fn department_rows(items: &[Item]) -> Vec<Row<'_>> {
    let mut rows: Vec<Row> = Vec::new();
    for it in items {
        let key = (group_of(&it.source), it.year, it.name.as_str());
        let same = |r: &Row| (group_of(&r.docs[0].source), r.year, r.name) == key && !r.docs.iter().any(|d| d.kind == it.kind);
        match rows.iter_mut().find(|r| same(r)) {
            Some(r) => r.docs.push(it),
            None => rows.push(Row { name: &it.name, city: &it.city, slug: &it.slug, year: it.year, docs: vec![it] }),
        }
    }
    for r in &mut rows {
        r.docs.sort_by_key(|d| kind_order(&d.kind));
    }
    rows
}

/// Writes one index page (under the index lock, so a temp file next to it is a dead one's).
fn write_page(path: &Path, html: &str) -> Result<(), String> {
    crate::core::output::remove_stale_temps(path);
    write_atomic(path, html.as_bytes()).map_err(|e| format!("{}：{e}", path.display()))
}

/// The label of an output the portal links (HTML, PDF, and the twins XLSX and JSON); the CSV
/// files and their datapackage.json are linked from the report's own page.
fn portal_link(path: &str) -> Option<&'static str> {
    let ext = path.rsplit('.').next().unwrap_or("");
    match ext {
        "html" => Some("HTML"),
        "pdf" => Some("PDF"),
        "xlsx" => Some("XLSX"),
        "json" if !path.ends_with(".datapackage.json") => Some("JSON"),
        _ => None,
    }
}

/// A relative path as a URL path: each segment percent-encoded (all but A–Z a–z 0–9 - . _ ~),
/// the separators kept.
pub fn url_path(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            seg.bytes()
                .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    /// A file name is a path, never a scheme, a fragment or a query.
    #[test]
    fn names_become_safe_relative_urls() {
        assert_eq!(super::url_path("hubei/2020/javascript:alert(1).html"), "hubei/2020/javascript%3Aalert%281%29.html");
        assert_eq!(super::url_path("a#b?c.pdf"), "a%23b%3Fc.pdf");
        assert_eq!(super::url_path("湖北/x.html"), "%E6%B9%96%E5%8C%97/x.html");
    }

    /// A city/year page is named by its city when the directory is the city's slug; another
    /// directory (one of several of a province) keeps its own name, so no two look alike.
    #[test]
    fn city_year_pages_are_named_by_their_city() {
        assert_eq!(super::group_label("hubei/2020", "hubei", "湖北省"), "湖北省 2020年度");
        assert_eq!(super::group_label("武汉市/2020", "hubei", "湖北省"), "武汉市 2020年度");
        assert_eq!(super::group_label("hubei/draft", "hubei", "湖北省"), "湖北省 draft");
        assert_eq!(super::city_display("", "nowhere"), "nowhere", "an unknown city keeps its slug");
        assert_eq!(super::city_display("", "hunan"), "湖南省");
        assert_eq!(super::city_display("武汉市", "hubei"), "武汉市", "a user's profile names it");
    }
}
