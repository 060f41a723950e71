//! The 部门预算公开 (`document: budget`, seed 004): the 部门预算信息公开说明 (一 职责及机构 …
//! 九 其他说明事项) and the 部门预算公开表 (表1–表10).
//!
//! The flow of `load`: `source` (YAML with spans) → `model` (typed, exact money) → `prior`
//! (last year's budget file, or `prior_year`) → `figures` (every total, computed once) →
//! `validate` (the B-* checks and the text checks). `document` assembles the `Document` from
//! the section templates fed by `context`, the inline tables of `inline` and the ten `tables`.
//! A 部门决算 links its year's budget (`budget:`) and takes its 年初预算 from `BudgetFigures`.

pub mod checked;
pub mod context;
pub mod data;
pub mod document;
pub mod figures;
pub mod inline;
pub mod model;
pub mod source;
pub mod tables;
pub mod validate;

use crate::core::diag::{Finding, SrcSpan};
use crate::core::loader::{Loader, Val};
use crate::core::prose;
use crate::kind::{Input, Kind, Loaded, Summary};
use crate::render::profile::Profile;
use crate::render::templates::Skeleton;
use crate::render::view::Document;
pub use checked::{Budget, BudgetFigures};
use model::{Model, Prior};
use rust_decimal::Decimal;
use source::BudgetSource;
use std::path::PathBuf;

pub struct BudgetKind;

/// The 部门预算公开 kind, as the registry lists it.
pub static KIND: BudgetKind = BudgetKind;

impl Kind for BudgetKind {
    fn id(&self) -> &'static str {
        "budget"
    }
    fn label(&self) -> &'static str {
        "部门预算公开"
    }
    fn schema(&self) -> schemars::Schema {
        schemars::schema_for!(BudgetSource)
    }
    fn skeleton(&self) -> Skeleton {
        Skeleton { text: include_str!("../../templates/init/budget.yaml"), suffix: "-budget" }
    }
    fn load(&self, input: &mut Input) -> Result<Box<dyn Loaded>, serde_saphyr::Error> {
        let src: BudgetSource = input.parse()?;
        Ok(Box::new(load(&src, input)))
    }
}

/// Fields whose value could not be loaded: the checks that read them are skipped.
const BROKEN: [&str; 3] = ["Y-AMOUNT", "Y-CODE-FORMAT", "Y-CODE-UNKNOWN"];

fn load(src: &BudgetSource, input: &mut Input) -> Budget {
    let prof = input.profile(src.city.as_ref(), src.templates.as_ref(), "hebei");
    let catalog = input.catalogue(&src.department.year, &prof);
    let mut ld = Loader::new(input.file, &catalog, prof.money);
    let mut m = model::build(src, &mut ld);
    let names = ld.typed_names.iter().map(|(c, (n, _))| (c.clone(), n.clone())).collect();
    let catalog = catalog.with_names(&names);
    let mut links = Vec::new();
    if input.follow_links
        && let Some(p) = &src.prior
        && let Some((path, prior)) = linked_prior(p, input)
    {
        merge_prior(&mut m, prior, &mut ld.findings);
        links.push(path);
    }
    let f = figures::compute(&m);
    let broken: Vec<String> = ld.findings.iter().filter(|x| BROKEN.contains(&x.rule)).map(|x| x.field.clone()).collect();
    validate::check(src, &m, &f, &mut ld, &broken);
    prose::check(&ld.texts, input.text, m.year, &mut ld.findings);
    input.findings.append(&mut ld.findings);
    input.accept_warnings(&src.accepted_warnings);
    Budget { model: m, figures: f, profile: prof, catalog, links }
}

/// Last year's budget from the file `prior:` names, with the place of the link.
fn linked_prior(p: &crate::core::source::Text, input: &mut Input) -> Option<(PathBuf, (BudgetFigures, Option<SrcSpan>))> {
    let span = input.span(p);
    let (path, doc) = input.follow(p, "prior", "B-PRIOR", "上年预算文件")?;
    match doc.as_any().downcast_ref::<Budget>() {
        Some(b) => Some((path, (b.budget_figures(), span))),
        None => {
            input.findings.push(Finding::error("B-PRIOR", "prior", format!("上年文件 {} 不是部门预算公开（document: budget）", p.get().trim())).at(span));
            None
        }
    }
}

/// Last year's figures from its file: a `prior_year` typed anyway must agree with them.
fn merge_prior(m: &mut Model, (last, span): (BudgetFigures, Option<SrcSpan>), out: &mut Vec<Finding>) {
    if last.year + 1 != m.year {
        out.push(Finding::error("B-PRIOR", "prior", format!("上年预算文件是 {} 年度，本文件是 {} 年度", last.year, m.year)).at(span).expected(format!("{} 年度的文件", m.year.saturating_sub(1))).actual(last.year.to_string()));
    }
    let from_file = Prior {
        total: Val { v: last.total, span },
        basic: Val { v: last.basic, span },
        project: Val { v: last.project, span },
        three: Some(last.three.map(|v| Val { v, span })),
        office_operation: Some(Val { v: last.office_operation, span }),
        typed: false,
    };
    if let Some(typed) = &m.prior {
        let pairs = [("prior_year.total", typed.total, last.total), ("prior_year.basic", typed.basic, last.basic), ("prior_year.project", typed.project, last.project)];
        for (field, v, file) in pairs {
            if v.v != file {
                out.push(Finding::error("B-PRIOR", field, "填写的上年数与上年预算文件计算的数不一致").at(v.span).related(span, "上年预算文件").expected(format!("{file:.2}")).actual(format!("{:.2}", v.v)).hint("有上年文件时可删去 prior_year"));
            }
        }
    }
    m.prior = Some(from_file);
}

impl Loaded for Budget {
    fn profile(&self) -> &Profile {
        &self.profile
    }
    fn document(&self) -> Result<Document, String> {
        document::build(self)
    }
    fn context(&self) -> Option<serde_json::Value> {
        serde_json::to_value(context::context(&self.model, &self.figures, &self.profile)).ok()
    }
    fn summary(&self) -> Summary {
        let wan = |d: Decimal| format!("{}万元", self.profile.money.amount(d));
        let f = &self.figures;
        Summary {
            name: self.model.name.clone(),
            year: self.model.year,
            label: KIND.label(),
            totals: vec![("收支总计".into(), wan(f.total)), ("财政拨款".into(), wan(f.fiscal)), ("“三公”经费".into(), wan(f.three_total))],
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
