//! City profiles: `templates/default/profile.yaml` holds every setting; a city's profile
//! lists only what differs and is merged key by key over the default.

use crate::money::MoneyStyle;
use crate::view::Fonts;
use serde::Deserialize;

const DEFAULT: &str = include_str!("../templates/default/profile.yaml");
/// Built-in cities: (name, profile text).
pub const CITIES: &[(&str, &str)] = &[
    ("hubei", include_str!("../templates/hubei/profile.yaml")),
    ("hunan", include_str!("../templates/hunan/profile.yaml")),
];

#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
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
    pub part_titles: std::collections::BTreeMap<String, String>,
    /// Print the nine tables as 附表 at the end ("见附表") instead of inline.
    pub tables_as_annex: bool,
}

impl Profile {
    pub fn part_title(&self, id: &str, name: &str, year: u32) -> String {
        self.part_titles.get(id).cloned().unwrap_or_else(|| id.to_string()).replace("{name}", name).replace("{year}", &year.to_string())
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MoneyOverride {
    amount_dp: Option<u32>,
    trim_zeros: Option<bool>,
    percent_dp: Option<u32>,
    rounding: Option<crate::money::Rounding>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FontsOverride {
    body: Option<Vec<String>>,
    heading: Option<Vec<String>>,
    title: Option<Vec<String>>,
    table: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    name: String,
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
    part_titles: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    tables_as_annex: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ThresholdsOverride {
    budget_completion_min_pct: Option<u32>,
}

impl ProfileFile {
    fn apply(self, p: &mut Profile) {
        p.name = self.name;
        let m = self.money;
        if let Some(v) = m.amount_dp { p.money.amount_dp = v.min(4) }
        if let Some(v) = m.trim_zeros { p.money.trim_zeros = v }
        if let Some(v) = m.percent_dp { p.money.percent_dp = v.min(4) }
        if let Some(v) = m.rounding { p.money.rounding = v }
        if let Some(c) = self.charts { p.charts = c }
        if let Some(sc) = self.scoring { p.scoring = sc }
        if let Some(v) = self.sections { p.sections = v }
        p.part_titles.extend(self.part_titles);
        if let Some(v) = self.tables_as_annex { p.tables_as_annex = v }
        if let Some(t) = self.thresholds.budget_completion_min_pct { p.budget_completion_min_pct = t.min(100) }
        let f = self.fonts;
        if let Some(v) = f.body { p.fonts.body = v }
        if let Some(v) = f.heading { p.fonts.heading = v }
        if let Some(v) = f.title { p.fonts.title = v }
        if let Some(v) = f.table { p.fonts.table = v }
    }
}

/// A user's `profile.yaml` (from `--templates DIR`), applied over every city's profile.
/// Set once by the CLI before any file is checked.
static USER_OVERRIDE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

pub fn set_user_override(text: String) {
    let _ = USER_OVERRIDE.set(text);
}

/// The merged profile for a city, or an error message naming the unknown city.
pub fn load(city: &str) -> Result<Profile, String> {
    let mut p = load_builtin(city)?;
    if let Some(text) = USER_OVERRIDE.get() {
        let over: ProfileFile = serde_saphyr::from_str(text).map_err(|e| format!("--templates 目录中的 profile.yaml：{e}"))?;
        over.apply(&mut p);
    }
    Ok(p)
}

fn load_builtin(city: &str) -> Result<Profile, String> {
    let mut p = Profile {
        name: "default".into(),
        money: MoneyStyle::default(),
        fonts: Fonts { body: vec![], heading: vec![], title: vec![], table: vec![] },
        charts: false,
        budget_completion_min_pct: 95,
        scoring: "hubei".into(),
        sections: Vec::new(),
        part_titles: Default::default(),
        tables_as_annex: false,
    };
    let base: ProfileFile = serde_saphyr::from_str(DEFAULT).map_err(|e| format!("templates/default/profile.yaml: {e}"))?;
    base.apply(&mut p);
    if city == "default" {
        return Ok(p);
    }
    let Some((_, text)) = CITIES.iter().find(|(n, _)| *n == city) else {
        let names: Vec<&str> = CITIES.iter().map(|(n, _)| *n).collect();
        return Err(format!("未知的城市模板 {city:?}，可用：{}", names.join("、")));
    };
    let over: ProfileFile = serde_saphyr::from_str(text).map_err(|e| format!("templates/{city}/profile.yaml: {e}"))?;
    over.apply(&mut p);
    Ok(p)
}

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_profiles_load() {
        for (name, _) in super::CITIES {
            let p = super::load(name).unwrap();
            assert!(!p.fonts.body.is_empty());
            assert!(crate::perf::scoring().schemes.contains_key(&p.scoring), "{name}: scoring scheme {} exists", p.scoring);
        }
        assert!(super::load("nowhere").is_err());
    }
}
