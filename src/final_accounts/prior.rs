//! The prior-year link: `prior: ../2019/x.yaml` names last year's own source file. Its
//! figures become this year's "与上年相比" bases, a `prior_year` typed anyway is checked
//! against them, and 年初结转和结余 must equal last year's 年末.

use super::figures::Figures;
use super::model::Model;
use super::source::Source;
use super::checked::FinalAccounts;
use crate::core::diag::{Finding, SrcSpan};
use crate::core::loader::Val;
use crate::kind::Input;
use rust_decimal::Decimal;
use std::path::PathBuf;

/// Loads last year's file named by `prior:` (one level: its own `prior:` is not followed).
/// The path must stay inside the data tree (`core::paths::within_tree`), so a tree
/// `<city>/<year>/<dept>.yaml` can point at `../<year−1>/<dept>.yaml` and nowhere else.
pub fn load(src: &Source, input: &mut Input) -> Option<(PathBuf, PriorFigures)> {
    let p = src.prior.as_ref()?;
    let span = input.span(p);
    let (path, doc) = input.follow(p, "prior", "X-PRIOR", "上年文件")?;
    match doc.as_any().downcast_ref::<FinalAccounts>() {
        Some(fa) => Some((path, PriorFigures::from(&fa.model, &fa.figures, span))),
        None => {
            input.findings.push(Finding::error("X-PRIOR", "prior", format!("上年文件 {} 不是部门决算", p.get().trim())).at(span).hint("prior: 指向上一年度的部门决算源文件"));
            None
        }
    }
}

/// Last year's figures taken from last year's own source file (`prior:`).
#[derive(Clone, Debug)]
pub struct PriorFigures {
    pub year: u32,
    pub total: Decimal,
    pub fiscal_total: Decimal,
    pub general_spend: Decimal,
    pub three: [Decimal; 4],
    pub office_operation: Decimal,
    pub income: Decimal,
    pub spend: Decimal,
    pub fiscal_income: Decimal,
    pub closing: [Decimal; 4],
    /// Where `prior:` was typed, for findings.
    pub span: Option<SrcSpan>,
}

impl PriorFigures {
    pub fn from(m: &Model, f: &Figures, span: Option<SrcSpan>) -> PriorFigures {
        PriorFigures {
            year: m.year,
            total: f.grand_total,
            fiscal_total: f.fiscal_grand_total,
            general_spend: f.general_total,
            three: [m.three_actual[0].v, m.three_actual[1].v, m.three_actual[2].v, m.three_actual[3].v],
            office_operation: m.office_operation.v,
            income: f.income_total,
            spend: f.spend_total,
            fiscal_income: f.fiscal_income_total,
            closing: f.closing,
            span,
        }
    }
}

/// Uses last year's figures: typed `prior_year` values must agree with them (a figure typed
/// anyway is checked, never trusted); absent ones are filled in.
pub fn apply(m: &mut Model, p: &PriorFigures, out: &mut Vec<Finding>) {
    let fmt = |d: Decimal| format!("{:.2}", d);
    if p.year + 1 != m.year {
        out.push(
            Finding::error("X-PRIOR", "prior", format!("上年文件是 {} 年度，本文件是 {} 年度", p.year, m.year))
                .at(p.span)
                .expected(format!("{} 年度的文件", m.year.saturating_sub(1)))
                .actual(format!("{} 年度", p.year)),
        );
    }
    let pairs: [(&str, &mut Val, Decimal); 4] = [
        ("prior_year.total", &mut m.prior_total, p.total),
        ("prior_year.fiscal_total", &mut m.prior_fiscal_total, p.fiscal_total),
        ("prior_year.general_budget_spend", &mut m.prior_general_spend, p.general_spend),
        ("prior_year.office_operation", &mut m.prior_office_operation, p.office_operation),
    ];
    let typed = m.prior_typed;
    for (field, val, from_file) in pairs {
        if typed && val.v != from_file {
            out.push(
                Finding::error("X-PRIOR", field, "填写的上年数与上年文件计算的数不一致")
                    .at(val.span)
                    .expected(fmt(from_file))
                    .actual(fmt(val.v))
                    .hint("有上年文件时可删去 prior_year，上年数由上年文件计算"),
            );
        }
        *val = Val { v: from_file, span: val.span.or(p.span) };
    }
    // The optional bases: checked when typed, else taken from the file.
    let optional: [(&str, &mut Option<Val>, Decimal); 3] = [("prior_year.income", &mut m.prior_income, p.income), ("prior_year.expenditure", &mut m.prior_spend, p.spend), ("prior_year.fiscal_income", &mut m.prior_fiscal_income, p.fiscal_income)];
    for (field, val, from_file) in optional {
        if let Some(v) = val.as_ref().filter(|v| v.v != from_file) {
            out.push(Finding::error("X-PRIOR", field, "填写的上年数与上年文件计算的数不一致").at(v.span).expected(fmt(from_file)).actual(fmt(v.v)).hint("有上年文件时可删去 prior_year，上年数由上年文件计算"));
        }
        *val = Some(Val { v: from_file, span: val.as_ref().and_then(|v| v.span).or(p.span) });
    }
    const THREE: [&str; 4] = ["abroad", "vehicle_purchase", "vehicle_operation", "reception"];
    for ((key, typed_val), from_file) in THREE.iter().zip(m.three_prior.iter_mut()).zip(p.three) {
        if typed && typed_val.v != from_file {
            out.push(
                Finding::error("X-PRIOR", format!("prior_year.three_public.{key}"), "填写的上年“三公”经费与上年文件不一致")
                    .at(typed_val.span)
                    .expected(fmt(from_file))
                    .actual(fmt(typed_val.v)),
            );
        }
    }
    for (val, from_file) in m.three_prior.iter_mut().zip(p.three) {
        *val = Val { v: from_file, span: val.span.or(p.span) };
    }
    // 年初结转和结余 must be last year's 年末结转和结余, fund by fund.
    const KEYS: [&str; 4] = ["general", "gov_fund", "state_capital", "non_fiscal"];
    for ((key, opening), closing) in KEYS.iter().zip(&m.opening).zip(p.closing) {
        if opening.v != closing {
            out.push(
                Finding::error("X-PRIOR-CARRYOVER", format!("carryover.opening.{key}"), "年初结转和结余不等于上年年末结转和结余")
                    .at(opening.span.or(p.span))
                    .expected(fmt(closing))
                    .actual(fmt(opening.v))
                    .hint("年初结转和结余应与上年决算的年末结转和结余一致"),
            );
        }
    }
}
