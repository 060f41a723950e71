//! A checked 部门预算公开 as the other files of this kind (and a 决算 that links it) see it.
//! Kept apart from `mod.rs`, which loads and renders it, so `document` can name it without
//! an import circle.

use super::figures::Figures;
use super::model::Model;
use super::source::Fund;
use crate::core::catalog::Catalog;
use crate::core::diag::SrcSpan;
use crate::render::profile::Profile;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A checked 部门预算公开 with what it is rendered with.
pub struct Budget {
    pub model: Model,
    pub figures: Figures,
    pub profile: Profile,
    pub catalog: Catalog,
    pub links: Vec<PathBuf>,
}

/// What another document takes from a budget: its year, totals, the 一般公共预算拨款 by
/// function 类, the “三公” items and 机关运行经费.
#[derive(Debug, Clone)]
pub struct BudgetFigures {
    pub year: u32,
    pub name: String,
    pub total: Decimal,
    pub basic: Decimal,
    pub project: Decimal,
    /// 一般公共预算拨款 by function 类 (3-digit code), with the first line's place.
    pub general_by_class: BTreeMap<String, (Decimal, Option<SrcSpan>)>,
    /// 因公出国（境）, 公务用车购置, 公务用车运行维护, 公务接待.
    pub three: [Decimal; 4],
    pub three_spans: [Option<SrcSpan>; 4],
    pub office_operation: Decimal,
}

impl Budget {
    pub fn budget_figures(&self) -> BudgetFigures {
        let (m, f) = (&self.model, &self.figures);
        let mut general_by_class: BTreeMap<String, (Decimal, Option<SrcSpan>)> = BTreeMap::new();
        for l in m.lines.iter().filter(|l| l.fund == Fund::General) {
            let e = general_by_class.entry(l.code[..3].to_string()).or_insert((Decimal::ZERO, l.basic.span.or(l.project.span)));
            e.0 += l.basic.v + l.project.v;
        }
        BudgetFigures {
            year: m.year,
            name: m.name.clone(),
            total: f.total,
            basic: f.basic,
            project: f.project,
            general_by_class,
            three: m.three.map(|v| v.v),
            three_spans: m.three.map(|v| v.span),
            office_operation: m.office_operation.v,
        }
    }
}

