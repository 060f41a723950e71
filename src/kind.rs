//! The seam between the build and the document kinds. A kind (部门决算, 绩效自评报告,
//! 部门预算公开) is a folder that provides one `Kind`: its `document:` id, its JSON Schema,
//! its `init` skeleton, and `load`, which turns a YAML file into a checked `Loaded` value
//! that can become a `Document`. `build::registry` lists the kinds; the pipeline, the tree
//! build, watch and the CLI reach every kind only through these two traits.
//!
//! What every kind's loading shares lives here too: the parse options, the profile with the
//! user's template directory, accepted warnings and links to other files (`prior:`).

use crate::core::diag::{Finding, Sources, SrcSpan};
use crate::core::loader::span_of;
use crate::core::paths::{within_tree, TreeError};
use crate::core::rules;
use crate::core::source::{AcceptedWarning, Sp, Text};
use crate::render::profile::{self, Profile};
use crate::render::sections;
use crate::render::templates::Skeleton;
use crate::render::view::Document;
use std::path::{Path, PathBuf};

/// A document kind.
pub trait Kind: Sync {
    /// The value of `document:` that selects this kind (`final_accounts`).
    fn id(&self) -> &'static str;
    /// What a reader calls it (部门决算), for the portal and messages.
    fn label(&self) -> &'static str;
    /// The JSON Schema of its YAML: `gen-report schema --document ID`, and the map the
    /// structural check walks when serde rejects a file.
    fn schema(&self) -> schemars::Schema;
    /// The skeleton `gen-report init --document ID` writes.
    fn skeleton(&self) -> Skeleton;
    /// Loads and checks a file. Problems go to `input.findings`; the value is returned even
    /// with errors so every check runs. Err is serde's first structural error: the pipeline
    /// then lists every structural problem against `schema`.
    fn load(&self, input: &mut Input) -> Result<Box<dyn Loaded>, serde_saphyr::Error>;
}

/// A loaded, checked file of some kind, ready to render.
pub trait Loaded: Send + Sync {
    /// The city profile it was checked and is rendered with.
    fn profile(&self) -> &Profile;
    /// The document to render; Err is a template problem naming file and line.
    fn document(&self) -> Result<Document, String>;
    /// The data its section templates receive (`--emit context`), if it has templates.
    fn context(&self) -> Option<serde_json::Value> {
        None
    }
    /// Name, year and headline totals for the manifest and the portal.
    fn summary(&self) -> Summary;
    /// Its figures as data, for the `<name>.json`, CSV and `datapackage.json` twins; None
    /// for a kind without classified figures (the stand-alone self-evaluation).
    fn data(&self) -> Option<crate::core::data::Facts> {
        None
    }
    /// Other data files it read (`prior:`): the manifest's input list, so a change to one
    /// rebuilds this file too.
    fn links(&self) -> &[PathBuf] {
        &[]
    }
    /// For a kind that links a file of its own kind and needs its figures back.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// What the portal and the manifest show of a document.
pub struct Summary {
    pub name: String,
    pub year: u32,
    /// The kind's label (部门决算).
    pub label: &'static str,
    /// (label, formatted amount), e.g. ("收支总计", "1,234.56万元").
    pub totals: Vec<(String, String)>,
    /// The year of the classification catalogue the codes were named from, if any.
    pub catalogue: Option<u32>,
}

/// The result of loading one file.
#[derive(Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// The file could not be read or parsed at all (exit code 2).
    pub fatal: bool,
    pub doc: Option<Box<dyn Loaded>>,
}

/// Loads a linked file through the whole pipeline, without following its own links.
pub type LinkFn = fn(name: &str, text: String, sources: &mut Sources, base: Option<&Path>) -> Outcome;

/// One file being loaded.
pub struct Input<'a> {
    /// Its id in `sources`, for spans.
    pub file: usize,
    pub text: &'a str,
    /// Its directory: links and `templates:` are relative to it. None for a string.
    pub base: Option<&'a Path>,
    /// Follow links to other files; false inside a linked file (one level only).
    pub follow_links: bool,
    pub sources: &'a mut Sources,
    pub findings: Vec<Finding>,
    pub link: LinkFn,
}

/// The parser options every kind uses. The node and event budget fits the largest real
/// department (100,000 table rows of about ten values each) with room to spare, while the
/// alias and anchor limits stay at serde-saphyr's defaults, which stop expansion bombs.
/// The file size is already bounded when it is read (`core::paths::MAX_FILE_BYTES`).
pub fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MAX_NODES;
    budget.max_events = 2 * MAX_NODES + 16;
    serde_saphyr::options! { with_snippet: false, strict_booleans: true, budget: Some(budget) }
}

/// Values (mappings, lists and scalars) one file may hold: see `yaml_options`.
pub const MAX_NODES: usize = 4_000_000;

impl Input<'_> {
    /// The typed source; serde-saphyr with the options every kind uses.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_saphyr::Error> {
        if crate::core::timing::enabled() {
            // The floor under `parse (serde)`: the same YAML read into nothing (no types, no
            // spans). Profiling only: it parses the file a second time.
            let _ = crate::core::timing::time("YAML alone (profiling only)", || serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(self.text, yaml_options()));
        }
        serde_saphyr::from_str_with_options(self.text, yaml_options())
    }

    pub fn span<T>(&self, sp: &Sp<T>) -> Option<SrcSpan> {
        span_of(self.file, sp)
    }

    /// The profile for `city:` (else `default_city`) with the user's template directory on
    /// top: `--templates` first, else `templates:` in the file (kept inside the data tree).
    /// A problem is a finding; the built-in default city is used instead.
    pub fn profile(&mut self, city: Option<&Text>, templates: Option<&Text>, default_city: &str) -> Profile {
        let name = city.map(|c| c.get().trim().to_string()).unwrap_or_else(|| default_city.to_string());
        let mut user: Option<PathBuf> = profile::user_dir().map(Path::to_path_buf);
        if let (None, Some(t)) = (&user, templates) {
            user = self.template_dir(t);
        }
        match profile::load_with(&name, user.as_deref()) {
            Ok(p) => {
                // Every section the profile lists must resolve to a template that compiles.
                if let Err(msg) = sections::check_profile(&p) {
                    self.findings.push(Finding::error("Y-TEMPLATES", "templates", msg).hint("gen-report templates --city 城市 列出每个段落模板的来源"));
                }
                p
            }
            Err(msg) => {
                let known_city = profile::load_with(&name, None).is_ok();
                let (rule, field, span) = if known_city { ("Y-TEMPLATES", "templates", templates.and_then(|t| self.span(t))) } else { ("Y-CITY", "city", city.and_then(|c| self.span(c))) };
                self.findings.push(Finding::error(rule, field, msg).at(span));
                profile::load_with(default_city, None).unwrap_or_else(|_| Profile::fallback())
            }
        }
    }

    /// The directory `templates:` names, if it stays inside the data tree.
    fn template_dir(&mut self, t: &Text) -> Option<PathBuf> {
        let span = self.span(t);
        let rel = t.get().trim();
        let err = |msg: String| Finding::error("Y-TEMPLATES", "templates", msg).at(span);
        match self.base.map(|b| within_tree(b, rel)) {
            Some(Ok(dir)) if dir.is_dir() => return Some(dir),
            Some(Ok(dir)) => self.findings.push(err(format!("模板目录 {rel} 不是目录：{}", dir.display()))),
            Some(Err(TreeError::Outside(root))) => self.findings.push(err(format!("模板目录 {rel} 不在数据目录 {} 之内", root.display())).hint("模板目录须与本文件在同一目录树中，如 ../templates/本市")),
            Some(Err(TreeError::Unreadable(e))) => self.findings.push(err(format!("无法打开模板目录 {rel}：{e}"))),
            None => self.findings.push(err("无法确定模板目录的位置".into())),
        }
        None
    }

    /// The classification catalogue of the document's year (with the user's `catalogue.yaml`
    /// from the profile's template directory); a year the data does not cover uses the
    /// nearest one, with a warning (Y-CATALOGUE-YEAR).
    /// The year's catalogue, shared (not copied) by every file of that year.
    pub fn catalogue(&mut self, year: &Sp<u32>, prof: &Profile) -> std::sync::Arc<crate::core::catalog::Catalog> {
        use crate::core::catalog;
        // A year outside 2000–2100 is already a Y-YEAR error: use the latest catalogue quietly.
        let y = Some(*year.get()).filter(|y| (2000..=2100).contains(y)).unwrap_or_else(|| catalog::years().last().copied().unwrap_or(2020));
        let cat = match catalog::for_year(y, prof.user_dir.as_deref()) {
            Ok(c) => c,
            Err(msg) => {
                self.findings.push(Finding::error("Y-TEMPLATES", "templates", msg).hint("catalogue.yaml 的格式见 docs/TEMPLATES.md"));
                catalog::builtin(y)
            }
        };
        if !cat.covers_year() {
            let span = self.span(year);
            self.findings.push(
                Finding::warning("Y-CATALOGUE-YEAR", "department.year", format!("没有 {y} 年度的政府收支分类科目，科目名称和总表的类级行次按最接近的 {} 年度", cat.data_year))
                    .at(span)
                    .expected(format!("{}–{} 年度", catalog::years().first().copied().unwrap_or(0), catalog::years().last().copied().unwrap_or(0)))
                    .actual(y.to_string())
                    .hint("核对年度；确为新的年度时，核对科目名称，在模板目录的 catalogue.yaml 中写明本年度新增或更名的科目"),
            );
        }
        cat
    }

    /// Follows a link to another data file (`prior:`, `budget:`): the path must stay inside
    /// the data tree and name a regular .yaml file; the file is checked like any other, its
    /// own links not followed. A problem is a `rule` finding at the link (with the linked
    /// file's own errors); None then. `what` names the file in messages (上年文件).
    pub fn follow(&mut self, link: &Text, field: &str, rule: &'static str, what: &str) -> Option<(PathBuf, Box<dyn Loaded>)> {
        let span = self.span(link);
        let rel = link.get().trim();
        let err = |msg: String| Finding::error(rule, field.to_string(), msg).at(span);
        let Some(base) = self.base else {
            self.findings.push(err(format!("无法确定{what}的位置")));
            return None;
        };
        let target = match within_tree(base, rel) {
            Ok(t) => t,
            Err(TreeError::Outside(root)) => {
                self.findings.push(err(format!("{what} {rel} 不在数据目录 {} 之内", root.display())).hint(format!("{what}须与本文件在同一数据目录树中")));
                return None;
            }
            Err(TreeError::Unreadable(e)) => {
                self.findings.push(err(format!("无法读取{what} {rel}：{e}")).hint("路径相对于本文件所在目录，如 ../2019/本部门.yaml"));
                return None;
            }
        };
        if !target.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            self.findings.push(err(format!("{what} {rel} 不是 .yaml 文件")).hint(format!("{what}是 gen-report 的源数据文件，如 ../2019/本部门.yaml")));
            return None;
        }
        let text = match crate::core::paths::read_regular_text(&target, false) {
            Ok(t) => t,
            Err(e) => {
                self.findings.push(err(format!("无法读取{what} {rel}：{e}")));
                return None;
            }
        };
        let shown = base.join(rel).display().to_string();
        let linked = (self.link)(&shown, text, self.sources, target.parent());
        let errors: Vec<Finding> = linked.findings.into_iter().filter(|f| f.severity == crate::core::diag::Severity::Error).collect();
        match linked.doc {
            Some(doc) if !linked.fatal && errors.is_empty() => Some((target, doc)),
            _ => {
                self.findings.push(err(format!("{what} {rel} 有 {} 个错误，无法取得其中的数", errors.len().max(1))));
                self.findings.extend(errors);
                None
            }
        }
    }

    /// Drops the warnings of rules the file accepts with a reason. Errors cannot be accepted.
    pub fn accept_warnings(&mut self, list: &[AcceptedWarning]) {
        let mut accepted = Vec::new();
        for (i, a) in list.iter().enumerate() {
            let id = a.rule.get().trim();
            let field = format!("accepted_warnings[{i}]");
            match rules::rule(id) {
                Some(r) if r.severity == "warning" => {
                    if a.reason.get().trim().is_empty() {
                        let span = self.span(&a.reason);
                        self.findings.push(Finding::error("Y-EMPTY-TEXT", format!("{field}.reason"), "接受警告必须写明理由").at(span));
                    } else {
                        accepted.push(r.id.clone());
                    }
                }
                Some(_) => {
                    let span = self.span(&a.rule);
                    self.findings.push(Finding::error("Y-ACCEPT", format!("{field}.rule"), format!("{id} 是错误，不能接受，只能修正")).at(span));
                }
                None => {
                    let span = self.span(&a.rule);
                    self.findings.push(Finding::error("Y-ACCEPT", format!("{field}.rule"), format!("没有规则 {id}")).at(span).hint("`gen-report rules` 列出全部规则"));
                }
            }
        }
        self.findings.retain(|f| !(f.severity == crate::core::diag::Severity::Warning && accepted.iter().any(|a| a == f.rule)));
    }
}
