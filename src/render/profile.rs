//! City profiles: `templates/default/profile.yaml` holds every setting; a city's profile
//! lists only what differs and is merged key by key over the default.

use super::view::{Fonts, Page};
use crate::core::money::{MoneyStyle, Rounding};
use crate::core::paths::valid_template_name;
use serde::Deserialize;
use std::collections::BTreeMap;

const DEFAULT: &str = include_str!("../../templates/default/profile.yaml");
/// Built-in cities: (name, profile text).
pub const CITIES: &[(&str, &str)] = &[
    ("hubei", include_str!("../../templates/hubei/profile.yaml")),
    ("hunan", include_str!("../../templates/hunan/profile.yaml")),
    ("hebei", include_str!("../../templates/hebei/profile.yaml")),
];

#[derive(Debug, Clone)]
pub struct Profile {
    /// The profile's own name (a user's profile.yaml may rename it).
    pub name: String,
    /// What the portal calls the city (湖北省); None: its slug (`city:`).
    pub display_name: Option<String>,
    /// The built-in city whose templates come after the user's directory in the lookup chain.
    pub city: String,
    pub money: MoneyStyle,
    pub fonts: Fonts,
    /// Print the charts 图1–图4 in the 情况说明.
    pub charts: bool,
    /// A 决算 below this percentage of its 年初预算 needs an explanation (the 95% rule).
    pub budget_completion_min_pct: u32,
    /// The self-evaluation scoring scheme (`data/scoring.yaml`).
    pub scoring: String,
    /// Parts of the 部门决算 in order (ids: overview, tables, explanations, key_work,
    /// glossary, annex_tables, annex_projects, annex_overall).
    pub sections: Vec<String>,
    /// Titles of the parts, without "第N部分" (added by position); `{name}` and `{year}` are filled in.
    pub part_titles: BTreeMap<String, String>,
    /// A section's title other than its template's `# ` line, by `<part>/<id>`
    /// (Hubei: `explanations/office_operation: 机关运行经费支出情况`, seed 002 without 说明).
    pub section_titles: BTreeMap<String, String>,
    /// Print the nine tables as 附表 at the end ("见附表") instead of inline.
    pub tables_as_annex: bool,
    /// Sections inside the template-driven parts (overview, explanations), in order; each
    /// names `sections/<part>/<id>.j2`.
    pub part_sections: BTreeMap<String, Vec<String>>,
    /// Parts printed without "第N部分" (附表, 附件).
    pub unnumbered: Vec<String>,
    /// 名词解释: which terms, in which order, and the city's wording.
    pub glossary: GlossaryProfile,
    /// Parts of the 部门预算公开 in order (budget: the 说明; budget_tables: the 公开表).
    pub budget_sections: Vec<String>,
    /// The 部门预算公开's 名词解释 (terms of data/budget-glossary.yaml), as for the 决算.
    pub budget_glossary: GlossaryProfile,
    /// 部门固定资产占用情况表: the row "单价在 N 万元以上的设备" (Hebei 20).
    pub equipment_threshold_wan: u32,
    /// Paper and margins.
    pub page: Page,
    /// The PDF standards the PDF conforms to (`pdf.standards`: default PDF/A-2a and
    /// PDF/UA-1; `[]` for a plain PDF 1.7), checked by typst when the PDF is written.
    pub pdf_standards: Vec<typst_pdf::PdfStandard>,
    /// The cover date, `{y}`, `{m}`, `{d}` filled in ("{y}年{m}月{d}日").
    pub date_format: String,
    /// The user's template directory (`--templates DIR` or `templates:` in the YAML), first
    /// in the lookup chain.
    pub user_dir: Option<std::path::PathBuf>,
    /// The profile files applied, in order (file name, text), to point at a line.
    pub sources: Vec<(String, String)>,
}

/// The glossary as a city prints it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryProfile {
    /// Term ids from data/glossary.yaml in printing order; empty: every term the data uses,
    /// in the catalogue's order.
    #[serde(default)]
    pub terms: Vec<String>,
    /// Print the listed terms even when the report has no such amount (seed 000 does).
    #[serde(default)]
    pub always: bool,
    /// "一、" numbering (Hunan) instead of "（一）".
    #[serde(default)]
    pub plain_numbers: bool,
    /// The city's own wording of a term, by id.
    #[serde(default)]
    pub wording: BTreeMap<String, GlossaryWording>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryWording {
    #[serde(default)]
    pub term: Option<String>,
    pub text: String,
}

impl Profile {
    /// The profile used when even the built-in default cannot be loaded (a unit test keeps
    /// that from happening): it keeps the CLI panic-free.
    pub fn fallback() -> Profile {
        Profile { name: "hubei".into(), display_name: None, city: "hubei".into(), money: Default::default(), fonts: Fonts { body: vec!["Noto Serif CJK SC".into()], heading: vec!["Noto Sans CJK SC".into()], title: vec!["Noto Sans CJK SC".into()], table: vec!["Noto Serif CJK SC".into()], kai: Vec::new() }, charts: false, budget_completion_min_pct: 95, scoring: "hubei".into(), sections: Vec::new(), part_titles: Default::default(), section_titles: Default::default(), tables_as_annex: false, part_sections: Default::default(), unnumbered: Vec::new(), glossary: Default::default(), budget_sections: Vec::new(), budget_glossary: Default::default(), equipment_threshold_wan: 50, page: Default::default(), pdf_standards: Vec::new(), date_format: "{y}年{m}月{d}日".into(), user_dir: None, sources: Vec::new() }
    }

    /// "file:line" of the last profile file that lists `id` in `part_sections.<part>`.
    pub fn locate(&self, id: &str) -> String {
        for (file, text) in self.sources.iter().rev() {
            let line = line_of(text, id, 0);
            if line > 0 && text.contains("part_sections") {
                return format!("{file}:{line}");
            }
        }
        "profile.yaml".into()
    }

    /// The cover date in the profile's format.
    pub fn date(&self, (y, m, d): (u32, u32, u32)) -> String {
        self.date_format.replace("{y}", &y.to_string()).replace("{m}", &m.to_string()).replace("{d}", &d.to_string()).replace("{mm}", &format!("{m:02}")).replace("{dd}", &format!("{d:02}"))
    }

    pub fn numbered(&self, part: &str) -> bool {
        !self.unnumbered.iter().any(|u| u == part)
    }

    /// A part's title with `{name}`, `{year}` and `{level}` (区级/市级) filled in.
    pub fn part_title(&self, id: &str, name: &str, year: u32, level: &str) -> String {
        self.part_titles.get(id).cloned().unwrap_or_else(|| id.to_string()).replace("{name}", name).replace("{year}", &year.to_string()).replace("{level}", level)
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MoneyOverride {
    amount_dp: Option<u32>,
    trim_zeros: Option<bool>,
    percent_dp: Option<u32>,
    rounding: Option<Rounding>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FontsOverride {
    body: Option<Vec<String>>,
    heading: Option<Vec<String>>,
    title: Option<Vec<String>>,
    table: Option<Vec<String>>,
    kai: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    /// The profile's name; a user's layer may leave it out and keep the city's.
    #[serde(default)]
    name: Option<String>,
    /// What the portal calls the city.
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    money: MoneyOverride,
    #[serde(default)]
    fonts: FontsOverride,
    #[serde(default)]
    charts: Option<bool>,
    #[serde(default)]
    thresholds: ThresholdsOverride,
    #[serde(default)]
    scoring: Option<String>,
    #[serde(default)]
    sections: Option<Vec<String>>,
    #[serde(default)]
    part_titles: BTreeMap<String, String>,
    #[serde(default)]
    section_titles: BTreeMap<String, String>,
    #[serde(default)]
    tables_as_annex: Option<bool>,
    #[serde(default)]
    part_sections: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    unnumbered: Option<Vec<String>>,
    #[serde(default)]
    glossary: Option<GlossaryProfile>,
    #[serde(default)]
    budget_sections: Option<Vec<String>>,
    #[serde(default)]
    budget_glossary: Option<GlossaryProfile>,
    #[serde(default)]
    page: Option<Page>,
    #[serde(default)]
    pdf: PdfOverride,
    #[serde(default)]
    date_format: Option<String>,
}

/// `pdf:` of a profile.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PdfOverride {
    /// typst's names: a-2a, a-3a, ua-1, a-2b, …; `[]`: a plain PDF.
    standards: Option<Vec<typst_pdf::PdfStandard>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ThresholdsOverride {
    budget_completion_min_pct: Option<u32>,
    equipment_wan: Option<u32>,
}

impl ProfileFile {
    /// A part or section listed twice, or a section id that cannot name a template file.
    fn check(&self, file: &str, text: &str) -> Result<(), String> {
        let mut problems = Vec::new();
        let mut lists: Vec<(String, &Vec<String>)> = Vec::new();
        if let Some(s) = &self.sections {
            lists.push(("sections".into(), s));
        }
        if let Some(s) = &self.budget_sections {
            lists.push(("budget_sections".into(), s));
        }
        for (part, ids) in &self.part_sections {
            lists.push((format!("part_sections.{part}"), ids));
        }
        for (key, ids) in lists {
            for (i, id) in ids.iter().enumerate() {
                if !valid_template_name(&format!("{id}.j2")) {
                    problems.push(format!("{file}:{}: {key} 中的 {id:?} 不是合法的段落名（只能用小写字母、数字和下划线）", line_of(text, id, 0)));
                } else if ids[..i].contains(id) {
                    problems.push(format!("{file}:{}: {key} 中 {id} 出现了两次", line_of(text, id, 1)));
                }
            }
        }
        for part in self.part_sections.keys() {
            if !valid_template_name(&format!("{part}.j2")) {
                problems.push(format!("{file}:{}: part_sections 的键 {part:?} 不是合法的部分名", line_of(text, part, 0)));
            }
        }
        if let Some(pg) = &self.page {
            const PAPERS: &[&str] = &["a3", "a4", "a5", "iso-b5", "us-letter"];
            if !PAPERS.contains(&pg.paper.as_str()) {
                problems.push(format!("{file}:{}: page.paper {:?} 不可用，可用：{}", line_of(text, &pg.paper, 0), pg.paper, PAPERS.join("、")));
            }
            if [pg.top, pg.bottom, pg.left, pg.right].iter().any(|m| *m > 80) {
                problems.push(format!("{file}:{}: page 的页边距以毫米计，不能超过 80", line_of(text, "page", 0)));
            }
        }
        if let Some(list) = &self.pdf.standards
            && let Err(e) = typst_pdf::PdfStandards::new(list)
        {
            problems.push(format!("{file}:{}: pdf.standards 不能同时满足：{}", line_of(text, "standards", 0), e.message()));
        }
        if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
    }

    fn apply(self, p: &mut Profile) {
        if let Some(name) = self.name {
            p.name = name;
        }
        if let Some(v) = self.display_name.filter(|v| !v.trim().is_empty()) {
            p.display_name = Some(v);
        }
        let m = self.money;
        if let Some(v) = m.amount_dp { p.money.amount_dp = v.min(4) }
        if let Some(v) = m.trim_zeros { p.money.trim_zeros = v }
        if let Some(v) = m.percent_dp { p.money.percent_dp = v.min(4) }
        if let Some(v) = m.rounding { p.money.rounding = v }
        if let Some(c) = self.charts { p.charts = c }
        if let Some(sc) = self.scoring { p.scoring = sc }
        if let Some(v) = self.sections { p.sections = v }
        p.part_titles.extend(self.part_titles);
        p.section_titles.extend(self.section_titles);
        if let Some(v) = self.tables_as_annex { p.tables_as_annex = v }
        p.part_sections.extend(self.part_sections);
        if let Some(v) = self.unnumbered { p.unnumbered = v }
        if let Some(g) = self.glossary { p.glossary = g }
        if let Some(v) = self.budget_sections { p.budget_sections = v }
        if let Some(g) = self.budget_glossary { p.budget_glossary = g }
        if let Some(t) = self.thresholds.equipment_wan { p.equipment_threshold_wan = t }
        if let Some(v) = self.page { p.page = v }
        if let Some(v) = self.pdf.standards { p.pdf_standards = v }
        if let Some(v) = self.date_format { p.date_format = v }
        if let Some(t) = self.thresholds.budget_completion_min_pct { p.budget_completion_min_pct = t.min(100) }
        let f = self.fonts;
        if let Some(v) = f.body { p.fonts.body = v }
        if let Some(v) = f.heading { p.fonts.heading = v }
        if let Some(v) = f.title { p.fonts.title = v }
        if let Some(v) = f.table { p.fonts.table = v }
        if let Some(v) = f.kai { p.fonts.kai = v }
    }
}

/// The user's template directory from `--templates DIR`, first in every lookup chain. Set
/// once by the CLI before any file is checked.
static USER_DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

pub fn set_user_dir(dir: std::path::PathBuf) {
    let _ = USER_DIR.set(dir);
}

pub fn user_dir() -> Option<&'static std::path::Path> {
    USER_DIR.get().map(|p| p.as_path())
}

/// The merged profile for a city (with `--templates DIR` if given), or an error message.
pub fn load(city: &str) -> Result<Profile, String> {
    load_with(city, user_dir())
}

/// What the portal calls a built-in city (`display_name:` of its profile), or the slug itself
/// for a city without one or unknown here (a manifest written elsewhere).
pub fn display_name(city: &str) -> String {
    load_builtin(city).ok().and_then(|p| p.display_name).unwrap_or_else(|| city.to_string())
}

/// The merged profile for a city with a user's directory on top: its `profile.yaml`, if any,
/// is applied last. Problems in the section lists (a duplicate, a name that cannot be a
/// template) are errors naming the file and line.
pub fn load_with(city: &str, user: Option<&std::path::Path>) -> Result<Profile, String> {
    let mut p = load_builtin(city)?;
    if let Some(dir) = user {
        let path = dir.join("profile.yaml");
        if crate::core::paths::present(&path) {
            let text = crate::core::paths::read_regular_text(&path, false).map_err(|e| format!("无法读取 {}：{e}", path.display()))?;
            let over: ProfileFile = serde_saphyr::from_str_with_options(&text, serde_saphyr::options! { with_snippet: false }).map_err(|e| format!("{}：{e}", path.display()))?;
            let name = path.display().to_string();
            over.check(&name, &text)?;
            over.apply(&mut p);
            p.sources.push((name, text));
        }
        p.user_dir = Some(dir.to_path_buf());
    }
    Ok(p)
}

/// The 1-based line of the `nth` (0-based) line in `text` that contains `needle` as a YAML
/// list item or flow element, for pointing at a profile entry.
fn line_of(text: &str, needle: &str, nth: usize) -> usize {
    let mut seen = 0;
    for (i, l) in text.lines().enumerate() {
        let code = l.split('#').next().unwrap_or("");
        let hits = code.split(['[', ']', ',', ' ', '-', ':']).filter(|t| *t == needle).count();
        if seen + hits > nth {
            return i + 1;
        }
        seen += hits;
    }
    0
}

/// The built-in profile of a city, parsed once per process: the files are compiled in, so
/// every department of a tree (and every file of a `check`) shares one parse.
fn load_builtin(city: &str) -> Result<Profile, String> {
    static CACHE: std::sync::Mutex<BTreeMap<String, Result<Profile, String>>> = std::sync::Mutex::new(BTreeMap::new());
    if let Ok(cache) = CACHE.lock()
        && let Some(p) = cache.get(city)
    {
        return p.clone();
    }
    let p = parse_builtin(city);
    if let Ok(mut cache) = CACHE.lock() {
        cache.insert(city.to_string(), p.clone());
    }
    p
}

fn parse_builtin(city: &str) -> Result<Profile, String> {
    let mut p = Profile {
        name: "default".into(),
        display_name: None,
        city: city.to_string(),
        money: MoneyStyle::default(),
        fonts: Fonts { body: vec![], heading: vec![], title: vec![], table: vec![], kai: vec![] },
        charts: false,
        budget_completion_min_pct: 95,
        scoring: "hubei".into(),
        sections: Vec::new(),
        part_titles: Default::default(),
        section_titles: Default::default(),
        tables_as_annex: false,
        part_sections: BTreeMap::new(),
        unnumbered: Vec::new(),
        glossary: GlossaryProfile::default(),
        budget_sections: Vec::new(),
        budget_glossary: GlossaryProfile::default(),
        equipment_threshold_wan: 50,
        page: Page::default(),
        pdf_standards: Vec::new(),
        date_format: "{y}年{m}月{d}日".into(),
        user_dir: None,
        sources: vec![("templates/default/profile.yaml".into(), DEFAULT.into())],
    };
    let base: ProfileFile = serde_saphyr::from_str(DEFAULT).map_err(|e| format!("templates/default/profile.yaml: {e}"))?;
    base.check("templates/default/profile.yaml", DEFAULT)?;
    base.apply(&mut p);
    if city == "default" {
        return Ok(p);
    }
    let Some((_, text)) = CITIES.iter().find(|(n, _)| *n == city) else {
        let names: Vec<&str> = CITIES.iter().map(|(n, _)| *n).collect();
        return Err(format!("未知的城市模板 {city:?}，可用：{}", names.join("、")));
    };
    let over: ProfileFile = serde_saphyr::from_str(text).map_err(|e| format!("templates/{city}/profile.yaml: {e}"))?;
    over.check(&format!("templates/{city}/profile.yaml"), text)?;
    over.apply(&mut p);
    p.sources.push((format!("templates/{city}/profile.yaml"), text.to_string()));
    Ok(p)
}

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_profiles_load() {
        for (name, _) in super::CITIES {
            let p = super::load(name).unwrap();
            assert!(!p.fonts.body.is_empty());
        }
        assert!(super::load("nowhere").is_err());
    }

    #[test]
    fn cities_have_display_names() {
        assert_eq!(super::display_name("hubei"), "湖北省");
        assert_eq!(super::display_name("hunan"), "湖南省");
        assert_eq!(super::display_name("hebei"), "河北省");
        assert_eq!(super::display_name("nowhere"), "nowhere", "an unknown city keeps its slug");
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("profile.yaml"), "name: wuhan\ndisplay_name: 武汉市\n").unwrap();
        assert_eq!(super::load_with("hubei", Some(d.path())).unwrap().display_name.as_deref(), Some("武汉市"));
    }

    #[test]
    fn page_and_date_format_are_profile_data() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("profile.yaml"), "name: t\npage: { paper: a5, top: 20, bottom: 20, left: 15, right: 15 }\ndate_format: \"{y}-{mm}-{dd}\"\n").unwrap();
        let p = super::load_with("hubei", Some(d.path())).unwrap();
        assert_eq!(p.page.paper, "a5");
        assert_eq!(p.date((2021, 6, 3)), "2021-06-03");
        std::fs::write(d.path().join("profile.yaml"), "name: t\npage: { paper: b17, top: 20, bottom: 20, left: 15, right: 15 }\n").unwrap();
        let e = super::load_with("hubei", Some(d.path())).unwrap_err();
        assert!(e.contains("profile.yaml:2:") && e.contains("b17"), "{e}");
    }
}
