//! What the 部门预算公开's section templates can print (`sections/budget/*.j2`), computed from
//! the model and its figures. Amounts arrive formatted ("431.21万元"), changes with their sign
//! and zero base as flags (`core::narrative::Change`), reasons without final punctuation; a
//! part whose data is missing is null, so its sentence is left out. docs/TEMPLATES.md lists
//! the keys.

use super::figures::{Figures, FUNDS};
use super::model::Model;
use crate::core::loader::TextVal;
use crate::core::narrative::{sentence, Change, Fmt};
use crate::render::profile::{GlossaryProfile, Profile};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
pub struct Context {
    pub year: u32,
    pub prior_year: u32,
    pub name: String,
    pub short_name: String,
    pub level: String,
    pub functions: Vec<String>,
    pub income: Income,
    pub spend: Spend,
    /// 比上年增减: null without last year's budget.
    pub change: Option<Changes>,
    pub office: Office,
    pub three: Three,
    pub performance: Option<Performance>,
    pub procurement: Procurement,
    pub assets: Assets,
    pub glossary: Vec<Term>,
    pub other_notes: Vec<String>,
}

#[derive(Serialize)]
pub struct Part {
    pub label: String,
    pub amount: String,
}

#[derive(Serialize)]
pub struct Income {
    /// 收入总计 (本年收入 + 上年结转).
    pub total: String,
    /// Each fund with an amount, in table order (上年结转 last).
    pub parts: Vec<Part>,
}

#[derive(Serialize)]
pub struct Spend {
    pub total: String,
    pub basic: String,
    pub personnel: String,
    pub public: String,
    pub project: String,
    pub project_own: String,
    pub project_lower: String,
    pub project_zero: bool,
}

#[derive(Serialize)]
pub struct Changes {
    pub total: Change,
    pub basic: Change,
    pub project: Change,
    pub basic_reason: Option<String>,
    pub project_reason: Option<String>,
}

#[derive(Serialize)]
pub struct Office {
    pub amount: String,
    pub zero: bool,
    pub uses: Option<String>,
    pub change: Option<Change>,
    pub reason: Option<String>,
}

#[derive(Serialize)]
pub struct Three {
    pub total: String,
    pub zero: bool,
    pub items: Vec<Part>,
    pub change: Option<Change>,
    /// The reason as a sentence (a change's reason, or why nothing changed).
    pub reason: Option<String>,
}

#[derive(Serialize)]
pub struct Performance {
    pub overall: Vec<String>,
    pub items: Vec<PerfItem>,
    pub measures: Vec<String>,
    pub has_table: bool,
}

#[derive(Serialize)]
pub struct PerfItem {
    pub name: String,
    pub goal: String,
    pub indicators: String,
}

#[derive(Serialize)]
pub struct Procurement {
    pub total: String,
    pub empty: bool,
    /// 货物, 工程 and 服务 with an amount.
    pub parts: Vec<Part>,
}

#[derive(Serialize)]
pub struct Assets {
    pub total: String,
    pub as_of_year: u32,
    pub planned_total: String,
    pub planned: Vec<Part>,
}

#[derive(Serialize, Clone)]
pub struct Term {
    pub term: String,
    pub text: String,
}

fn bare(v: &Option<TextVal>) -> Option<String> {
    v.as_ref().map(|t| t.text.trim().trim_end_matches(['。', '；', ';', '.']).to_string())
}

pub fn context(m: &Model, f: &Figures, p: &Profile) -> Context {
    let fx = Fmt(&p.money);
    let wan = |d: Decimal| fx.wan(d);
    let parts: Vec<Part> = FUNDS.iter().enumerate().filter(|(i, _)| !f.by_fund[*i].is_zero()).map(|(i, (_, l))| Part { label: l.to_string(), amount: wan(f.by_fund[i]) }).collect();
    let change = m.prior.as_ref().map(|pr| Changes {
        total: fx.change(f.total, pr.total.v),
        basic: fx.change(f.basic, pr.basic.v),
        project: fx.change(f.project, pr.project.v),
        basic_reason: bare(&m.reasons.basic),
        project_reason: bare(&m.reasons.project),
    });
    let three_prior = m.prior.as_ref().and_then(|pr| pr.three).map(|t| t.iter().map(|v| v.v).sum::<Decimal>());
    const THREE: [&str; 4] = ["因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"];
    Context {
        year: m.year,
        prior_year: m.year.saturating_sub(1),
        name: m.name.clone(),
        short_name: m.short_name.clone(),
        level: m.level.clone(),
        functions: m.functions.iter().map(|t| t.text.clone()).collect(),
        income: Income { total: wan(f.total), parts },
        spend: Spend { total: wan(f.total), basic: wan(f.basic), personnel: wan(f.personnel), public: wan(f.public), project: wan(f.project), project_own: wan(f.projects_own), project_lower: wan(f.projects_lower), project_zero: f.project.is_zero() },
        change,
        office: Office {
            amount: wan(m.office_operation.v),
            zero: m.office_operation.v.is_zero(),
            uses: bare(&m.office_uses),
            change: m.prior.as_ref().and_then(|pr| pr.office_operation).map(|o| fx.change(m.office_operation.v, o.v)),
            reason: bare(&m.reasons.office_operation),
        },
        three: Three {
            total: wan(f.three_total),
            zero: f.three_total.is_zero(),
            items: THREE.iter().zip(&m.three).map(|(l, v)| Part { label: l.to_string(), amount: wan(v.v) }).collect(),
            change: three_prior.map(|pr| fx.change(f.three_total, pr)),
            reason: m.reasons.three_public.as_ref().map(|t| sentence(&t.text)),
        },
        performance: m.performance.as_ref().map(|pf| Performance {
            overall: pf.overall.iter().map(|t| t.text.clone()).collect(),
            items: pf.items.iter().map(|(n, g, i)| PerfItem { name: n.text.clone(), goal: g.text.clone(), indicators: i.text.clone() }).collect(),
            measures: pf.measures.iter().map(|t| t.text.clone()).collect(),
            has_table: !pf.indicators.is_empty(),
        }),
        procurement: Procurement {
            total: wan(f.procurement_total),
            empty: m.procurement.is_empty(),
            parts: ["货物类", "工程类", "服务类"].iter().zip(f.procurement_by_category).filter(|(_, v)| !v.is_zero()).map(|(l, v)| Part { label: l.to_string(), amount: wan(v) }).collect(),
        },
        assets: Assets {
            total: wan(f.assets_total),
            as_of_year: m.assets.as_of.0,
            planned_total: wan(f.planned_total),
            planned: m.assets.planned.iter().map(|(n, _, a)| Part { label: n.clone(), amount: wan(a.v) }).collect(),
        },
        glossary: glossary(m, f, &p.budget_glossary),
        other_notes: m.other_notes.iter().map(|t| sentence(&t.text)).collect(),
    }
}

/// One term of data/budget-glossary.yaml.
#[derive(Deserialize)]
struct CatalogueTerm {
    id: String,
    term: String,
    text: String,
    used_when: String,
}

#[derive(Deserialize)]
struct Catalogue {
    terms: Vec<CatalogueTerm>,
}

fn catalogue() -> &'static Catalogue {
    static C: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    C.get_or_init(|| serde_saphyr::from_str(include_str!("../../data/budget-glossary.yaml")).expect("data/budget-glossary.yaml is valid"))
}

/// The ids of data/budget-glossary.yaml (for checking a profile's list).
pub fn glossary_ids() -> Vec<&'static str> {
    catalogue().terms.iter().map(|t| t.id.as_str()).collect()
}

/// The terms printed: the city's list in its order (each only if used, unless `always`),
/// else every used catalogued term; the city's wording over the catalogue's.
fn glossary(m: &Model, f: &Figures, g: &GlossaryProfile) -> Vec<Term> {
    let used = |key: &str| -> bool {
        match key {
            "always" => true,
            "spend.basic" => !f.basic.is_zero(),
            "spend.project" => !f.project.is_zero(),
            k => match k.strip_prefix("income.") {
                Some(fund) => m.lines.iter().any(|l| fund_key(l.fund) == fund && !(l.basic.v + l.project.v).is_zero()),
                None => false,
            },
        }
    };
    let cat = &catalogue().terms;
    let worded = |id: &str| -> Option<Term> {
        let base = cat.iter().find(|t| t.id == id);
        let w = g.wording.get(id);
        let term = w.and_then(|w| w.term.clone()).or_else(|| base.map(|t| t.term.clone()))?;
        let text = w.map(|w| w.text.clone()).or_else(|| base.map(|t| t.text.clone()))?;
        Some(Term { term, text })
    };
    let ids: Vec<String> = if g.terms.is_empty() {
        cat.iter().filter(|t| used(&t.used_when)).map(|t| t.id.clone()).chain(g.wording.keys().filter(|k| !cat.iter().any(|t| &t.id == *k)).cloned()).collect()
    } else {
        g.terms.iter().filter(|id| g.always || g.wording.contains_key(*id) || cat.iter().any(|t| &t.id == *id && used(&t.used_when))).cloned().collect()
    };
    ids.iter().filter_map(|id| worded(id)).collect()
}

fn fund_key(f: super::source::Fund) -> &'static str {
    use super::source::Fund::*;
    match f {
        General => "general",
        GovFund => "gov_fund",
        StateCapital => "state_capital",
        Special => "special",
        Business => "business",
        Operating => "operating",
        Superior => "superior",
        Affiliated => "affiliated",
        Other => "other",
        Carried => "carried",
    }
}
