//! The 部门决算 (`document: final_accounts`, the default kind):封面, 目录, 概况, the nine
//! statutory tables, 情况说明, 重点工作, 名词解释 and the evaluation annexes.
//!
//! The flow of `load`: `source` (YAML with spans) → `model` (typed, exact money) → the
//! annexes scored by `performance` → `prior` (last year's file) → `figures` (every total,
//! computed once) → `validate` (the rule checks). `document` assembles the `Document` from
//! `tables`, the section templates fed by `context`, `glossary` and `charts`.

pub mod budget_link;
pub mod charts;
pub mod checked;
pub mod context;
pub mod data;
pub mod document;
pub mod figures;
pub mod glossary;
pub mod model;
pub mod printed;
pub mod prior;
pub mod source;
pub mod tables;
pub mod text_figures;
pub mod validate;

use crate::core::diag::Finding;
use crate::core::loader::Loader;
use crate::core::prose;
use crate::kind::{Input, Kind, Loaded, Summary};
use crate::performance::overall;
use crate::performance::project;
use crate::performance::DeptFigures;
use crate::render::profile::Profile;
use crate::render::templates::Skeleton;
use crate::render::view::Document;
pub use checked::{Annexes, FinalAccounts};
use model::Model;
use std::path::PathBuf;
use std::sync::Arc;

pub struct FinalAccountsKind;

/// The 部门决算 kind, as the registry lists it.
pub static KIND: FinalAccountsKind = FinalAccountsKind;

impl Kind for FinalAccountsKind {
    fn id(&self) -> &'static str {
        "final_accounts"
    }
    fn label(&self) -> &'static str {
        "部门决算"
    }
    fn schema(&self) -> schemars::Schema {
        schemars::schema_for!(source::Source)
    }
    fn skeleton(&self) -> Skeleton {
        Skeleton { text: include_str!("../../templates/init/final_accounts.yaml"), suffix: "" }
    }
    fn load(&self, input: &mut Input) -> Result<Box<dyn Loaded>, serde_saphyr::Error> {
        let src: source::Source = crate::core::timing::time("parse (serde)", || input.parse())?;
        Ok(Box::new(load(&src, input)))
    }
}

/// Fields whose value could not be loaded (a bad amount, an unknown code): the checks that
/// read them are skipped, so one mistake is reported once, not again as a wrong sum.
const BROKEN: [&str; 2] = ["Y-AMOUNT", "Y-CODE-FORMAT"];

fn load(src: &source::Source, input: &mut Input) -> FinalAccounts {
    let mut prof = crate::core::timing::time("profile", || input.profile(src.city.as_ref(), src.templates.as_ref(), "hubei"));
    // The file may say which scheme its self-evaluation was filled under.
    if let Some(s) = &src.scoring {
        prof.scoring = s.get().name().to_string();
    }
    let year_cat = crate::core::timing::time("catalogue", || input.catalogue(&src.department.year, &prof));
    let mut ld = Loader::new(input.file, &year_cat, prof.money);
    let mut m = crate::core::timing::time("model", || model::build(src, &mut ld));
    // The year's budget file gives the 年初预算 and the “三公” budget (typed ones are checked).
    let budget_file = budget_link::apply(src, input, &mut m, &mut ld.findings);
    // The names the file typed are printed for their codes everywhere.
    let names: std::collections::BTreeMap<String, String> = ld.typed_names.iter().map(|(c, (n, _))| (c.clone(), n.clone())).collect();
    // Copied only when the file names codes of its own.
    let catalog = if names.is_empty() { year_cat.clone() } else { Arc::new(year_cat.with_names(&names)) };
    model::apply_names(&mut m, &catalog);
    let unread = |prefix: &str| ld.findings.iter().any(|f| BROKEN.contains(&f.rule) && f.field.starts_with(prefix));
    let known = Known { spend: !unread("expenditure"), budget: !unread("initial_budget") };
    let annexes = crate::core::timing::time("self-evaluations", || evaluate_annexes(src, &m, &mut ld, &prof.scoring, known));
    let broken: Vec<String> = ld.findings.iter().filter(|f| BROKEN.contains(&f.rule)).map(|f| f.field.clone()).collect();
    input.findings.append(&mut ld.findings);
    let mut links: Vec<PathBuf> = budget_file.into_iter().collect();
    if input.follow_links
        && let Some((path, p)) = prior::load(src, input)
    {
        prior::apply(&mut m, &p, &mut input.findings);
        links.push(path);
    }
    crate::core::timing::time("text checks", || prose::check(&ld.texts, input.text, m.year, &mut input.findings));
    let f = crate::core::timing::time("figures", || figures::compute(&m));
    crate::core::timing::time("text checks", || text_figures::check_in(&m, &f, &ld.texts, input.text, &mut input.findings));
    let skipped = validate::Broken::new(&broken);
    crate::core::timing::time("validate", || validate::check(&m, &f, &prof, &catalog, &skipped, &mut input.findings));
    // A value that could not be loaded says which checks wait for it.
    for fd in input.findings.iter_mut().filter(|fd| BROKEN.contains(&fd.rule)) {
        let rules = skipped.skipped_for(&fd.field);
        if !rules.is_empty() {
            let note = format!("修正后才能核对：{}", rules.join("、"));
            fd.hint = Some(fd.hint.take().map(|h| format!("{h}；{note}")).unwrap_or(note));
        }
    }
    omitted_annex_sections(src, input);
    input.accept_warnings(&src.accepted_warnings);
    FinalAccounts { model: m, figures: f, annexes, profile: prof, catalog, links }
}

/// The annexed 支出绩效自评报告 prints "无。" for an omitted 存在的问题 or 改进措施: the answer
/// R-EMPTY-SECTION warns about when typed, so an omission is warned about too.
fn omitted_annex_sections(src: &source::Source, input: &mut Input) {
    let Some(a) = &src.performance_report else { return };
    let span = input.span(&a.intro);
    for (key, value, what) in [("problems", &a.problems, "七、存在的问题及原因分析"), ("measures", &a.measures, "八、下一步改进措施")] {
        if value.is_none() {
            input.findings.push(
                Finding::warning("R-EMPTY-SECTION", format!("performance_report.{key}"), format!("附件中必须说明的一节“{what}”没有填写，报告中将印“无。”"))
                    .at(span)
                    .expected(format!("performance_report.{key}: 该节的实际情况"))
                    .actual("（未填写）")
                    .hint(format!("在 performance_report 下加一行 {key}: 写明实际情况；确实没有时在 accepted_warnings 中接受 R-EMPTY-SECTION")),
            );
        }
    }
}

/// 项目支出绩效自评 and 整体支出绩效自评: the projects' budget and actual are the ones typed
/// once in `projects`, the 整体 one is checked against the 决算's own figures.
/// Which of the 决算's figures the annexes are checked against could be read: a figure
/// summed over an amount that failed to parse would only report the same error again as a
/// false mismatch.
#[derive(Clone, Copy)]
struct Known {
    spend: bool,
    budget: bool,
}

fn evaluate_annexes(src: &source::Source, m: &Model, ld: &mut Loader, scheme: &str, known: Known) -> Annexes {
    let dept = DeptFigures {
        year: m.year,
        name: m.name.clone(),
        short_name: m.short_name.clone(),
        general_basic: figures::general_nature(m, 0),
        general_project: figures::general_nature(m, 1),
        spend_known: known.spend,
        budget_total: known.budget.then(|| m.budget.iter().map(|b| b.amount.v).sum()),
    };
    let mut projects = Vec::new();
    for (i, (sp, mp)) in src.projects.iter().zip(&m.projects).enumerate() {
        if let Some(e) = &sp.evaluation
            && let Some(ev) = project::evaluate(ld, &m.name, &mp.name, mp.budget.v, mp.budget, mp.actual, e, &format!("projects[{i}].evaluation"), scheme)
        {
            projects.push(ev);
        }
    }
    let overall = src.overall_self_evaluation.as_ref().and_then(|o| overall::evaluate(ld, &dept, o, scheme));
    Annexes { projects, overall, dept }
}

impl Loaded for FinalAccounts {
    fn profile(&self) -> &Profile {
        &self.profile
    }
    fn document(&self) -> Result<Document, String> {
        document::build(self, &self.catalog)
    }
    fn context(&self) -> Option<serde_json::Value> {
        Some(context::json(self, &self.catalog))
    }
    fn summary(&self) -> Summary {
        let wan = |d: rust_decimal::Decimal| format!("{}万元", self.profile.money.amount(d));
        let f = &self.figures;
        Summary {
            name: self.model.name.clone(),
            year: self.model.year,
            label: KIND.label(),
            totals: vec![("收支总计".into(), wan(f.grand_total)), ("财政拨款".into(), wan(f.fiscal_grand_total)), ("“三公”经费".into(), wan(f.three_actual_total))],
            catalogue: Some(self.catalog.data_year),
        }
    }
    fn data(&self) -> Option<crate::core::data::Facts> {
        Some(data::facts(self, KIND.label()))
    }
    fn links(&self) -> &[PathBuf] {
        &self.links
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
