//! The wording of each section as a text template: `templates/<city>/sections/<part>/<id>.j2`
//! overrides `templates/default/sections/<part>/<id>.j2`, and a user's directory
//! (`--templates DIR` or `templates:` in the YAML) comes before both. The profile says which
//! sections each part has and in what order (`part_sections`).
//!
//! A section template writes lines in a tiny block language:
//!
//! ```text
//! # 收入支出决算总体情况说明     section title, numbered 一、二、… by position
//! ## （一）…                       sub-heading
//! - 1. …                           list item (consecutive items form one list)
//! !figure total 图1：…             a computed chart (total, income, spend, fiscal)
//! !table units                     a table the document kind builds (the 部门预算公开's
//!                                  units, indicators, procurement, assets)
//! ---                              ends a list (two lists in a row)
//! anything else                    a paragraph; blank lines are ignored
//! ```
//!
//! Every value printed from the data is wrapped in private-use sentinels by the formatter and
//! has its line breaks flattened, so a user's text can never start a line, and so can never
//! become a heading, a list item or a figure directive: it is data, whatever it contains.

use super::profile::Profile;
use crate::core::paths::valid_template_name;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Built-in section templates: (path under templates/, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("default/sections/_macros.j2", include_str!("../../templates/default/sections/_macros.j2")),
    ("default/sections/overview/functions.j2", include_str!("../../templates/default/sections/overview/functions.j2")),
    ("default/sections/overview/units.j2", include_str!("../../templates/default/sections/overview/units.j2")),
    ("default/sections/overview/staff.j2", include_str!("../../templates/default/sections/overview/staff.j2")),
    ("default/sections/explanations/total.j2", include_str!("../../templates/default/sections/explanations/total.j2")),
    ("default/sections/explanations/income.j2", include_str!("../../templates/default/sections/explanations/income.j2")),
    ("default/sections/explanations/spend.j2", include_str!("../../templates/default/sections/explanations/spend.j2")),
    ("default/sections/explanations/fiscal_total.j2", include_str!("../../templates/default/sections/explanations/fiscal_total.j2")),
    ("default/sections/explanations/general.j2", include_str!("../../templates/default/sections/explanations/general.j2")),
    ("default/sections/explanations/basic.j2", include_str!("../../templates/default/sections/explanations/basic.j2")),
    ("default/sections/explanations/three_public.j2", include_str!("../../templates/default/sections/explanations/three_public.j2")),
    ("default/sections/explanations/gov_fund.j2", include_str!("../../templates/default/sections/explanations/gov_fund.j2")),
    ("default/sections/explanations/state_capital.j2", include_str!("../../templates/default/sections/explanations/state_capital.j2")),
    ("default/sections/explanations/office_operation.j2", include_str!("../../templates/default/sections/explanations/office_operation.j2")),
    ("default/sections/explanations/procurement.j2", include_str!("../../templates/default/sections/explanations/procurement.j2")),
    ("default/sections/explanations/assets.j2", include_str!("../../templates/default/sections/explanations/assets.j2")),
    ("default/sections/explanations/performance.j2", include_str!("../../templates/default/sections/explanations/performance.j2")),
    ("default/sections/explanations/other_matters.j2", include_str!("../../templates/default/sections/explanations/other_matters.j2")),
    ("default/sections/explanations/other_notes.j2", include_str!("../../templates/default/sections/explanations/other_notes.j2")),
    ("default/sections/annex_performance/basics.j2", include_str!("../../templates/default/sections/annex_performance/basics.j2")),
    ("default/sections/annex_performance/general_budget.j2", include_str!("../../templates/default/sections/annex_performance/general_budget.j2")),
    ("default/sections/annex_performance/gov_fund.j2", include_str!("../../templates/default/sections/annex_performance/gov_fund.j2")),
    ("default/sections/annex_performance/state_capital.j2", include_str!("../../templates/default/sections/annex_performance/state_capital.j2")),
    ("default/sections/annex_performance/social_insurance.j2", include_str!("../../templates/default/sections/annex_performance/social_insurance.j2")),
    ("default/sections/annex_performance/results.j2", include_str!("../../templates/default/sections/annex_performance/results.j2")),
    ("default/sections/annex_performance/problems.j2", include_str!("../../templates/default/sections/annex_performance/problems.j2")),
    ("default/sections/annex_performance/measures.j2", include_str!("../../templates/default/sections/annex_performance/measures.j2")),
    ("default/sections/annex_performance/application.j2", include_str!("../../templates/default/sections/annex_performance/application.j2")),
    ("default/sections/annex_performance/other.j2", include_str!("../../templates/default/sections/annex_performance/other.j2")),
    ("default/sections/budget/_phrases.j2", include_str!("../../templates/default/sections/budget/_phrases.j2")),
    ("default/sections/budget/duties_and_organization.j2", include_str!("../../templates/default/sections/budget/duties_and_organization.j2")),
    ("default/sections/budget/overall.j2", include_str!("../../templates/default/sections/budget/overall.j2")),
    ("default/sections/budget/office_operation.j2", include_str!("../../templates/default/sections/budget/office_operation.j2")),
    ("default/sections/budget/three_public.j2", include_str!("../../templates/default/sections/budget/three_public.j2")),
    ("default/sections/budget/performance_goals.j2", include_str!("../../templates/default/sections/budget/performance_goals.j2")),
    ("default/sections/budget/procurement.j2", include_str!("../../templates/default/sections/budget/procurement.j2")),
    ("default/sections/budget/assets.j2", include_str!("../../templates/default/sections/budget/assets.j2")),
    ("default/sections/budget/glossary.j2", include_str!("../../templates/default/sections/budget/glossary.j2")),
    ("default/sections/budget/other.j2", include_str!("../../templates/default/sections/budget/other.j2")),
    ("hunan/sections/overview/functions.j2", include_str!("../../templates/hunan/sections/overview/functions.j2")),
    ("hunan/sections/overview/units.j2", include_str!("../../templates/hunan/sections/overview/units.j2")),
    ("hunan/sections/explanations/total.j2", include_str!("../../templates/hunan/sections/explanations/total.j2")),
    ("hunan/sections/explanations/income.j2", include_str!("../../templates/hunan/sections/explanations/income.j2")),
    ("hunan/sections/explanations/spend.j2", include_str!("../../templates/hunan/sections/explanations/spend.j2")),
    ("hebei/sections/budget/duties_and_organization.j2", include_str!("../../templates/hebei/sections/budget/duties_and_organization.j2")),
    ("hunan/sections/explanations/fiscal_total.j2", include_str!("../../templates/hunan/sections/explanations/fiscal_total.j2")),
    ("hunan/sections/explanations/general.j2", include_str!("../../templates/hunan/sections/explanations/general.j2")),
    ("hunan/sections/explanations/basic.j2", include_str!("../../templates/hunan/sections/explanations/basic.j2")),
    ("hunan/sections/explanations/three_public.j2", include_str!("../../templates/hunan/sections/explanations/three_public.j2")),
    ("hunan/sections/explanations/gov_fund.j2", include_str!("../../templates/hunan/sections/explanations/gov_fund.j2")),
    ("hunan/sections/explanations/state_capital.j2", include_str!("../../templates/hunan/sections/explanations/state_capital.j2")),
    ("hunan/sections/explanations/performance.j2", include_str!("../../templates/hunan/sections/explanations/performance.j2")),
    ("hunan/sections/_hunan.j2", include_str!("../../templates/hunan/sections/_hunan.j2")),
];

/// One parsed line of a section's output.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Title(String),
    Sub(String),
    Item(String),
    Figure(String, String),
    /// `!table KEY`: one of the tables the document kind provides for its sections.
    Table(String),
    Para(String),
    /// `---`: ends the current list, so the next items start a new one.
    Break,
}

/// Section templates after the lookup chain, by name ("explanations/total.j2"), with where
/// each came from.
pub struct Sections {
    env: Environment<'static>,
    pub origin: BTreeMap<String, String>,
}

/// Where each section template resolves to for `city` and a user directory, and its text.
pub fn resolve(city: &str, user: Option<&Path>) -> Result<BTreeMap<String, (String, String)>, String> {
    let mut out: BTreeMap<String, (String, String)> = BTreeMap::new();
    for layer in ["default", city] {
        let prefix = format!("{layer}/sections/");
        for (path, text) in BUILTIN {
            if let Some(name) = path.strip_prefix(&prefix) {
                out.insert(name.to_string(), (format!("templates/{path}"), text.to_string()));
            }
        }
    }
    if let Some(dir) = user {
        let root = dir.join("sections");
        if sections_dir(&root)? {
            let mut files = Vec::new();
            walk(&root, &root, &mut files)?;
            for (name, path) in files {
                if !valid_template_name(&name) {
                    return Err(format!("{}：模板文件名只能由小写字母、数字和下划线组成，并以 .j2 结尾", path.display()));
                }
                let text = crate::core::paths::read_regular_text(&path, false).map_err(|e| format!("无法读取模板 {}：{e}", path.display()))?;
                out.insert(name, (path.display().to_string(), text));
            }
        }
    }
    Ok(out)
}

/// Is there a `sections/` directory of the user's? A symbolic link there is an error: it would
/// pull in templates from anywhere.
fn sections_dir(root: &Path) -> Result<bool, String> {
    match std::fs::symlink_metadata(root) {
        Ok(m) if m.file_type().is_symlink() => Err(format!("{}：模板目录中不允许符号链接", root.display())),
        Ok(m) => Ok(m.is_dir()),
        Err(_) => Ok(false),
    }
}

/// Lists the .j2 files under `root`, by name relative to it. Symbolic links are not followed,
/// so a user's directory cannot pull in files from elsewhere.
fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("无法读取目录 {}：{e}", dir.display()))?;
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let ft = e.file_type().map_err(|err| format!("{}：{err}", e.path().display()))?;
        let path = e.path();
        if ft.is_symlink() {
            return Err(format!("{}：模板目录中不允许符号链接", path.display()));
        }
        if ft.is_dir() {
            walk(root, &path, out)?;
        } else if path.extension().is_some_and(|x| x == "j2") {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push((rel, path));
        }
    }
    Ok(())
}

impl Sections {
    pub fn load(city: &str, user: Option<&Path>) -> Result<Sections, String> {
        let resolved = resolve(city, user)?;
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| AutoEscape::Custom("blocks".into()));
        env.set_formatter(|out, _state, value| {
            if value.is_safe() {
                out.write_str(value.as_str().unwrap_or_default()).map_err(minijinja::Error::from)
            } else if value.is_none() {
                Ok(())
            } else {
                let s = value.to_string();
                let clean: String = s.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).filter(|c| *c != OPEN && *c != CLOSE).collect();
                write!(out, "{OPEN}{clean}{CLOSE}").map_err(minijinja::Error::from)
            }
        });
        let mut origin = BTreeMap::new();
        for (name, (from, text)) in resolved {
            env.add_template_owned(name.clone(), text).map_err(|e| format!("{from}:{}: 模板语法错误：{}", e.line().unwrap_or(0), e.detail().unwrap_or(&e.to_string())))?;
            origin.insert(name, from);
        }
        Ok(Sections { env, origin })
    }

    /// Every section a profile lists names a template (file and line come from `load`).
    pub fn check(&self, p: &Profile) -> Result<(), String> {
        // A title for a section that has no template anywhere would silently do nothing: a
        // typo is an error. (A title for a section this profile does not print is fine: a
        // city's titles stay when a user drops one of its sections.)
        if let Some(key) = p.section_titles.keys().find(|k| !self.has(&format!("{k}.j2"))) {
            return Err(format!("城市模板 {} 的 section_titles 中 {key:?} 没有对应的段落模板 sections/{key}.j2（写成 部分/段落，如 explanations/office_operation）", p.name));
        }
        let mut missing = Vec::new();
        // Only the parts the document prints need their templates.
        for (part, ids) in p.part_sections.iter().filter(|(part, _)| p.sections.contains(part) || p.budget_sections.contains(part)) {
            for id in ids {
                let name = format!("{part}/{id}.j2");
                if !self.has(&name) {
                    missing.push(format!("{}: part_sections.{part} 列出了 {id}，但找不到模板 sections/{name}", p.locate(id)));
                }
            }
        }
        if missing.is_empty() { Ok(()) } else { Err(missing.join("\n")) }
    }

    pub fn has(&self, name: &str) -> bool {
        self.origin.contains_key(name)
    }

    /// Renders `name` with `ctx` and parses its lines.
    pub fn render(&self, name: &str, ctx: &Value) -> Result<Vec<Line>, String> {
        let from = self.origin.get(name).cloned().unwrap_or_else(|| name.to_string());
        let t = self.env.get_template(name).map_err(|_| format!("没有名为 {name} 的段落模板"))?;
        let text = t.render(ctx).map_err(|e| {
            let at = e.name().and_then(|n| self.origin.get(n)).cloned().unwrap_or(from.clone());
            let detail = e.detail().map(str::to_string).unwrap_or_else(|| e.kind().to_string());
            let what = match e.kind() {
                minijinja::ErrorKind::UndefinedError => format!("模板引用了数据中没有的字段：{detail}（gen-report build --emit context 列出全部字段）"),
                _ => format!("模板错误：{detail}"),
            };
            format!("{at}:{}: {what}", e.line().unwrap_or(0))
        })?;
        Ok(parse(&text))
    }
}

/// The compiled section templates of a city and user directory, shared by every department
/// that uses them (a tree build compiles each city's templates once). Recompiled when a file
/// in the user's directory changes size or modification time (`watch`).
pub fn cached(city: &str, user: Option<&Path>) -> Result<std::sync::Arc<Sections>, String> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    type Key = (String, Option<PathBuf>, Vec<(String, u64, Option<std::time::SystemTime>)>);
    static CACHE: Mutex<Option<HashMap<Key, Arc<Sections>>>> = Mutex::new(None);
    let mut signature = Vec::new();
    if let Some(dir) = user {
        let mut files = Vec::new();
        let root = dir.join("sections");
        if sections_dir(&root)? {
            walk(&root, &root, &mut files)?;
        }
        for (name, path) in files {
            let m = std::fs::metadata(&path).ok();
            signature.push((name, m.as_ref().map(|m| m.len()).unwrap_or(0), m.and_then(|m| m.modified().ok())));
        }
    }
    let key: Key = (city.to_string(), user.map(Path::to_path_buf), signature);
    if let Some(s) = CACHE.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashMap::new).get(&key) {
        return Ok(s.clone());
    }
    let s = Arc::new(Sections::load(city, user)?);
    let mut guard = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let map = guard.get_or_insert_with(HashMap::new);
    if map.len() > 100 {
        map.clear();
    }
    map.insert(key, s.clone());
    Ok(s)
}

/// Every section the profile prints resolves to a template that compiles.
pub fn check_profile(p: &Profile) -> Result<(), String> {
    cached(&p.city, p.user_dir.as_deref())?.check(p)
}



fn strip(s: &str) -> String {
    s.chars().filter(|c| *c != OPEN && *c != CLOSE).collect::<String>().trim().to_string()
}

/// Parses a rendered section. Only text written in the template itself can start a line, so
/// only it can make a heading, an item or a figure.
pub fn parse(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = raw.trim_start();
        if strip(line).is_empty() {
            continue;
        }
        let l = if line.trim_end() == "---" {
            Line::Break
        } else if let Some(r) = line.strip_prefix("## ") {
            Line::Sub(strip(r))
        } else if let Some(r) = line.strip_prefix("# ") {
            Line::Title(strip(r))
        } else if let Some(r) = line.strip_prefix("- ") {
            Line::Item(strip(r))
        } else if let Some(r) = line.strip_prefix("!figure ") {
            let (key, caption) = r.split_once(' ').unwrap_or((r, ""));
            Line::Figure(strip(key), strip(caption))
        } else if let Some(r) = line.strip_prefix("!table ") {
            Line::Table(strip(r))
        } else {
            Line::Para(strip(line))
        };
        out.push(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_never_starts_a_line() {
        // The real environment (formatter included), with one extra template.
        let s = Sections::load("default", None).unwrap();
        let ctx = minijinja::context! { x => "# 标题\n- 项\n!figure total 图\n!table units" };
        let mut e2 = s.env.clone();
        e2.add_template_owned("t.j2".to_string(), "{{ x }}\n正文{{ x }}".to_string()).unwrap();
        let out = parse(&e2.get_template("t.j2").unwrap().render(&ctx).unwrap());
        assert_eq!(out, vec![Line::Para("# 标题 - 项 !figure total 图 !table units".into()), Line::Para("正文# 标题 - 项 !figure total 图 !table units".into())]);
    }

    #[test]
    fn every_builtin_file_is_compiled_in() {
        // A file added under templates/*/sections must be listed in BUILTIN, or it would be
        // silently ignored.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for city in std::fs::read_dir(&root).unwrap().filter_map(|e| e.ok()) {
            let dir = city.path().join("sections");
            if !dir.is_dir() {
                continue;
            }
            let mut files = Vec::new();
            walk(&dir, &dir, &mut files).unwrap();
            for (name, _) in files {
                let key = format!("{}/sections/{name}", city.file_name().to_string_lossy());
                assert!(BUILTIN.iter().any(|(p, _)| *p == key), "{key} is not in render::sections::BUILTIN");
            }
        }
    }
}
