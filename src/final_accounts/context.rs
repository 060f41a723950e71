//! What the section templates can print, computed from the model: one `Serialize` struct per
//! part (概况 `Overview`, 情况说明 `Explanations`, 附件 `AnnexPart`) beside the keys every
//! part shares (`Common`). The nine tables and the 名词解释 are built in code (`tables`,
//! `glossary`) and take no template data. Amounts arrive formatted ("228.2万元"), rates
//! and shares as strings with % (or null without a base), reasons without final
//! punctuation. docs/TEMPLATES.md lists every key (a test regenerates the list).

use super::figures::{general_under, Figures, PERSONNEL_CLASSES};
use super::model::Model;
use super::source::Fund;
use super::validate::needs_budget_reason;
use super::checked::FinalAccounts;
use crate::core::catalog::Catalog;
use crate::core::loader::{TextVal, Val};
use crate::core::money::{cn, cn_any};
use crate::core::narrative::{class_phrase, sentence, Change, Completion, Fmt, Share};
use crate::render::profile::Profile;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything the section templates receive.
#[derive(Serialize)]
pub struct Context {
    #[serde(flatten)]
    pub common: Common,
    #[serde(flatten)]
    pub overview: Overview,
    #[serde(flatten)]
    pub explanations: Explanations,
    #[serde(flatten)]
    pub annex: AnnexPart,
}

/// The context as template data.
pub fn value(fa: &FinalAccounts, cat: &Catalog) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(json(fa, cat)))
}

/// The context as JSON (`gen-report build --emit context` writes it). Going through a JSON
/// value keeps every object's keys sorted, as the templates and the docs see them.
pub fn json(fa: &FinalAccounts, cat: &Catalog) -> serde_json::Value {
    serde_json::to_value(context(fa, cat)).unwrap_or_default()
}

pub fn context(fa: &FinalAccounts, cat: &Catalog) -> Context {
    let (m, f, p) = (&fa.model, &fa.figures, &fa.profile);
    let fx = Fmt(&p.money);
    Context { common: common(fa), overview: overview(m), explanations: explanations(m, f, cat, p, &fx), annex: annex(m, f, &fx) }
}

/// The length of `numerals` and `ordinals`: 30, or the longest list of the model.
fn numbered_len(m: &Model) -> usize {
    [30, m.functions.len(), m.units.len(), m.key_items.len(), m.key_paragraphs.len(), m.projects.len(), m.expenditure.len()].into_iter().max().unwrap_or(30)
}

/// A reason or description as typed, without its final punctuation.
fn bare(v: &Option<TextVal>) -> Option<String> {
    v.as_ref().map(|t| t.text.trim().trim_end_matches(['。', '；', ';', '.']).to_string())
}

fn sentence_of(v: &Option<TextVal>) -> Option<String> {
    v.as_ref().map(|t| sentence(&t.text))
}

/// Keys every part uses.
#[derive(Serialize)]
pub struct Common {
    pub year: u32,
    pub prior_year: u32,
    pub name: String,
    pub short_name: String,
    pub level: String,
    pub charts: bool,
    /// 一 二 三 … for "（一）"-style numbers.
    pub numerals: Vec<String>,
    /// 一是 二是 … for enumerations.
    pub ordinals: Vec<String>,
    /// The 第N部分 a numbered part gets, counting only the parts this report prints.
    pub parts: BTreeMap<String, String>,
}

fn common(fa: &FinalAccounts) -> Common {
    let (m, p, a) = (&fa.model, &fa.profile, &fa.annexes);
    let present = |id: &str| match id {
        "key_work" => !m.key_paragraphs.is_empty() || !m.key_items.is_empty(),
        "annex_tables" => p.tables_as_annex,
        "annex_projects" => !a.projects.is_empty(),
        "annex_overall" => a.overall.is_some(),
        "annex_performance" => m.annex.is_some(),
        _ => true,
    };
    let parts = p.sections.iter().filter(|id| present(id) && p.numbered(id)).enumerate().map(|(n, id)| (id.clone(), format!("第{}部分", cn(n)))).collect();
    Common {
        year: m.year,
        prior_year: m.year.saturating_sub(1),
        name: m.name.clone(),
        short_name: m.short_name.clone(),
        level: m.level.clone(),
        charts: p.charts,
        // As many as the longest list a template numbers (functions, items, reasons).
        numerals: (0..numbered_len(m)).map(cn_any).collect(),
        ordinals: (0..numbered_len(m)).map(|i| format!("{}是", cn_any(i))).collect(),
        parts,
    }
}

/// 第一部分 概况: functions, units, staff.
#[derive(Serialize)]
pub struct Overview {
    pub functions: Vec<String>,
    pub organization: Option<String>,
    pub units: Vec<UnitCtx>,
    pub sub_units: usize,
    pub staff: StaffCtx,
}

#[derive(Serialize)]
pub struct UnitCtx {
    pub name: String,
    pub kind: String,
    pub main: bool,
}

#[derive(Serialize)]
pub struct StaffCtx {
    pub active: u64,
    pub retired: u64,
    pub active_kinds: Vec<Headcount>,
    pub retired_kinds: Vec<Headcount>,
}

#[derive(Serialize)]
pub struct Headcount {
    pub kind: String,
    pub count: u32,
}

fn overview(m: &Model) -> Overview {
    let kinds = |list: &[(String, u32)]| list.iter().filter(|x| x.1 > 0).map(|(k, n)| Headcount { kind: k.clone(), count: *n }).collect();
    Overview {
        functions: m.functions.iter().map(|t| t.text.clone()).collect(),
        organization: bare(&m.organization),
        units: m.units.iter().map(|u| UnitCtx { name: u.0.clone(), kind: u.1.clone(), main: u.2 }).collect(),
        sub_units: m.units.iter().filter(|u| !u.2).count(),
        staff: StaffCtx {
            active: m.staff_active.iter().map(|x| u64::from(x.1)).sum(),
            retired: m.staff_retired.iter().map(|x| u64::from(x.1)).sum(),
            active_kinds: kinds(&m.staff_active),
            retired_kinds: kinds(&m.staff_retired),
        },
    }
}

/// 第三部分 情况说明: every figure its sections quote.
#[derive(Serialize)]
pub struct Explanations {
    pub total: TotalCtx,
    pub income: Parts,
    pub spend: Parts,
    pub fiscal: FiscalCtx,
    pub general: GeneralCtx,
    pub basic: BasicCtx,
    pub three: ThreeCtx,
    pub gov_fund: GovFundCtx,
    pub state_capital: StateCapitalCtx,
    pub office: OfficeCtx,
    pub general_spending: Option<GeneralSpendingCtx>,
    pub procurement: ProcurementCtx,
    pub assets: AssetsCtx,
    pub performance: PerformanceCtx,
    pub other_matters: Vec<String>,
}

fn explanations(m: &Model, f: &Figures, cat: &Catalog, p: &Profile, fx: &Fmt) -> Explanations {
    let gf_spend = f.fiscal_spend[1][0] + f.fiscal_spend[1][1];
    let sc_spend = f.fiscal_spend[2][0] + f.fiscal_spend[2][1];
    Explanations {
        total: TotalCtx {
            amount: fx.wan(f.grand_total),
            change: fx.change(f.grand_total, m.prior_total.v),
            reason: bare(&m.reason_total),
            opening: fx.wan(f.opening_total),
            closing: fx.wan(f.closing_total),
            income: fx.wan(f.income_total),
            spend: fx.wan(f.spend_total),
        },
        income: Parts {
            amount: fx.wan(f.income_total),
            change: m.prior_income.map(|p| fx.change(f.income_total, p.v)),
            parts: fx.parts(&[("财政拨款收入", f.fiscal_income_total), ("上级补助收入", f.income_by_source[3]), ("事业收入", f.income_by_source[4]), ("经营收入", f.income_by_source[5]), ("附属单位上缴收入", f.income_by_source[6]), ("其他收入", f.income_by_source[7])]),
        },
        spend: Parts {
            amount: fx.wan(f.spend_total),
            change: m.prior_spend.map(|p| fx.change(f.spend_total, p.v)),
            parts: fx.parts(&[("基本支出", f.spend_by_nature[0]), ("项目支出", f.spend_by_nature[1]), ("上缴上级支出", f.spend_by_nature[2]), ("经营支出", f.spend_by_nature[3]), ("对附属单位补助支出", f.spend_by_nature[4])]),
        },
        fiscal: FiscalCtx {
            amount: fx.wan(f.fiscal_grand_total),
            change: fx.change(f.fiscal_grand_total, m.prior_fiscal_total.v),
            reason: bare(&m.reason_fiscal),
            income: fx.wan(f.fiscal_income_total),
            income_change: m.prior_fiscal_income.map(|p| fx.change(f.fiscal_income_total, p.v)),
        },
        general: general(m, f, cat, p, fx),
        basic: basic(m, f, fx),
        three: three(m, f, fx),
        gov_fund: GovFundCtx { none: f.fiscal_income[1].is_zero() && gf_spend.is_zero(), income: fx.wan(f.fiscal_income[1]), spend: fx.wan(gf_spend), closing: fx.wan(f.closing[1]) },
        state_capital: StateCapitalCtx { none: sc_spend.is_zero(), spend: fx.wan(sc_spend) },
        office: OfficeCtx {
            amount: fx.wan(m.office_operation.v),
            change: fx.change(m.office_operation.v, m.prior_office_operation.v),
            reason: bare(&m.reason_office),
            vs_budget: m.office_budget.as_ref().map(|b| fx.change(m.office_operation.v, b.v)),
            reason_budget: bare(&m.reason_office_budget),
        },
        general_spending: m.meetings_training.as_ref().map(|mt| GeneralSpendingCtx { meetings: fx.wan(mt[0].v), training: fx.wan(mt[1].v) }),
        procurement: procurement(m, f, fx),
        assets: AssetsCtx { vehicles: m.vehicles, general_equipment: m.equipment[0], special_equipment: m.equipment[1], equipment_typed: m.equipment_typed },
        performance: performance(m, f, fx),
        other_matters: m.other_matters.iter().map(|t| sentence(&t.text)).collect(),
    }
}

#[derive(Serialize)]
pub struct TotalCtx {
    pub amount: String,
    pub change: Change,
    pub reason: Option<String>,
    pub opening: String,
    pub closing: String,
    pub income: String,
    pub spend: String,
}

/// An amount, its change from last year (null when last year's figure is not known) and
/// its non-zero parts with shares.
#[derive(Serialize)]
pub struct Parts {
    pub amount: String,
    pub change: Option<Change>,
    pub parts: Vec<Share>,
}

/// 财政拨款收、支总计 with its change and reason; 财政拨款本年收入 with its change, for the
/// cities that compare income (null when last year's income is not known).
#[derive(Serialize)]
pub struct FiscalCtx {
    pub amount: String,
    pub change: Change,
    pub reason: Option<String>,
    pub income: String,
    pub income_change: Option<Change>,
}

/// 一般公共预算财政拨款支出: by 类, against the 年初预算, by project.
#[derive(Serialize)]
pub struct GeneralCtx {
    pub amount: String,
    pub share_of_total: Option<String>,
    pub change: Change,
    pub reason: Option<String>,
    pub classes: Vec<ClassCtx>,
    pub completion: Completion,
    pub basic: String,
    pub project: String,
    pub budget_lines: Vec<BudgetLineCtx>,
    pub projects: Vec<ProjectCtx>,
}

#[derive(Serialize)]
pub struct ClassCtx {
    pub code: String,
    pub name: String,
    pub phrase: String,
    pub amount: String,
    pub share: String,
}

/// One 年初预算 line (a 类, or a 项 when the budget is typed by 项) against its 决算.
#[derive(Serialize)]
pub struct BudgetLineCtx {
    pub code: String,
    pub level: &'static str,
    pub class: String,
    pub kuan: String,
    pub name: String,
    pub completion: Completion,
    pub needs_reason: bool,
    pub reason: Option<String>,
}

#[derive(Serialize)]
pub struct ProjectCtx {
    pub name: String,
    pub amount: String,
    pub budget: String,
    pub includes: Option<String>,
    pub purpose: Option<String>,
    pub completion: Completion,
    pub outcome: Option<String>,
}

/// 类 with 一般公共预算财政拨款 spending, with their largest-remainder shares.
fn general_classes(f: &Figures) -> Vec<(String, Decimal)> {
    f.class_fiscal.iter().filter(|(_, v)| !v[0].is_zero()).map(|(c, v)| (c.clone(), v[0])).collect()
}

fn general(m: &Model, f: &Figures, cat: &Catalog, p: &Profile, fx: &Fmt) -> GeneralCtx {
    let classes = general_classes(f);
    let shares = fx.0.shares(&classes.iter().map(|c| c.1).collect::<Vec<_>>());
    let name = |code: &str| cat.function_name(code).unwrap_or(code).to_string();
    GeneralCtx {
        amount: fx.wan(f.general_total),
        share_of_total: fx.pct_of(f.general_total, f.spend_total),
        change: fx.change(f.general_total, m.prior_general_spend.v),
        reason: bare(&m.reason_general),
        classes: classes.iter().zip(&shares).map(|((code, v), s)| ClassCtx { code: code.clone(), name: name(code), phrase: class_phrase(&name(code)), amount: fx.wan(*v), share: fx.0.pct(*s) }).collect(),
        completion: fx.completion(f.general_total, f.budget_total),
        basic: fx.wan(f.general_basic),
        project: fx.wan(f.general_project),
        budget_lines: budget_lines(m, &classes, cat, p, fx),
        projects: m
            .projects
            .iter()
            .map(|pj| ProjectCtx {
                name: pj.name.text.clone(),
                amount: fx.wan(pj.actual.v),
                budget: fx.wan(pj.budget.v),
                includes: pj.includes.as_ref().map(|t| t.text.trim_start_matches("包括").to_string()),
                purpose: pj.purpose.as_ref().map(|t| t.text.trim_start_matches("用于").trim_end_matches(['。', '；']).to_string()),
                completion: fx.completion(pj.actual.v, pj.budget.v),
                outcome: sentence_of(&pj.outcome),
            })
            .collect(),
    }
}

/// Every 类 (or 项, when the budget is typed by 项) with a budget or spending.
fn budget_lines(m: &Model, classes: &[(String, Decimal)], cat: &Catalog, p: &Profile, fx: &Fmt) -> Vec<BudgetLineCtx> {
    let by_item = m.budget.iter().any(|b| b.code.len() == 7);
    let mut codes: Vec<String> = m.budget.iter().map(|b| b.code.clone()).collect();
    let spent: Vec<String> = if by_item {
        m.expenditure.iter().filter(|e| e.fund == Fund::General && !(e.amounts[0] + e.amounts[1]).is_zero()).map(|e| e.code.clone()).collect()
    } else {
        classes.iter().map(|c| c.0.clone()).collect()
    };
    for c in spent {
        if !codes.iter().any(|b| c.starts_with(b.as_str())) {
            codes.push(c);
        }
    }
    codes.sort();
    codes.dedup();
    let fname = |c: &str| cat.function_name(c).unwrap_or(c).to_string();
    codes
        .iter()
        .map(|code| {
            let b = m.budget.iter().find(|b| &b.code == code);
            let budget = b.map(|b| b.amount.v).unwrap_or_default();
            let actual = general_under(m, code);
            BudgetLineCtx {
                code: code.clone(),
                level: if code.len() == 3 { "类" } else { "项" },
                class: fname(&code[..3]),
                kuan: if code.len() >= 5 { fname(&code[..5]) } else { String::new() },
                name: fname(code),
                completion: fx.completion(actual, budget),
                needs_reason: needs_budget_reason(actual, budget, p.budget_completion_min_pct),
                reason: b.and_then(|b| bare(&b.reason)),
            }
        })
        .collect()
}

/// 一般公共预算财政拨款基本支出: 人员经费 and 公用经费.
#[derive(Serialize)]
pub struct BasicCtx {
    pub amount: String,
    pub personnel: String,
    pub public: String,
    pub personnel_share: Option<String>,
    pub public_share: Option<String>,
    pub personnel_items: Vec<String>,
    pub public_items: Vec<String>,
}

fn basic(m: &Model, f: &Figures, fx: &Fmt) -> BasicCtx {
    let items = |personnel: bool| m.econ.iter().filter(|e| !e.amount.v.is_zero() && PERSONNEL_CLASSES.contains(&&e.code[..3]) == personnel).map(|e| e.name.clone()).collect();
    let shares = fx.0.shares(&[f.personnel, f.public]);
    BasicCtx {
        amount: fx.wan(f.general_basic),
        personnel: fx.wan(f.personnel),
        public: fx.wan(f.public),
        personnel_share: shares.first().map(|s| fx.0.pct(*s)),
        public_share: shares.get(1).map(|s| fx.0.pct(*s)),
        personnel_items: items(true),
        public_items: items(false),
    }
}

/// “三公”经费: against the budget and last year, in total and by item.
#[derive(Serialize)]
pub struct ThreeCtx {
    pub scope: String,
    pub completion: Completion,
    pub change: Change,
    pub reason_change: Option<String>,
    pub items: [ThreeItem; 3],
    pub abroad: ThreeItem,
    pub vehicle: ThreeItem,
    pub reception: ThreeItem,
    /// The items whose 决算 differs from last year's.
    pub changed: Vec<LabelledChange>,
    pub vehicle_purchase_zero: bool,
    pub vehicle_purchase: String,
    pub vehicle_operation: String,
    pub abroad_groups: u32,
    pub abroad_people: u32,
    pub reception_groups: u32,
    pub reception_people: u32,
    /// The file typed the groups and people (0 is then a fact, not a default).
    pub activity_typed: bool,
}

#[derive(Serialize)]
pub struct ThreeItem {
    pub key: &'static str,
    pub label: &'static str,
    pub completion: Completion,
    pub change: Change,
    pub reason: Option<String>,
}

#[derive(Serialize)]
pub struct LabelledChange {
    pub label: &'static str,
    pub change: Change,
}

/// "汉阳区信访局本级及下属1个行政单位": the units the 三公 figures cover.
fn three_scope(m: &Model) -> String {
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for u in m.units.iter().filter(|u| !u.2) {
        match kinds.iter_mut().find(|k| k.0 == u.1) {
            Some(k) => k.1 += 1,
            None => kinds.push((u.1.clone(), 1)),
        }
    }
    if kinds.is_empty() {
        format!("{}本级", m.name)
    } else {
        format!("{}本级及下属{}", m.name, kinds.iter().map(|(k, n)| format!("{n}个{k}")).collect::<Vec<_>>().join("、"))
    }
}

fn three(m: &Model, f: &Figures, fx: &Fmt) -> ThreeCtx {
    let v = |t: &[Val; 4]| [t[0].v, t[1].v + t[2].v, t[3].v];
    let (b, a, pr) = (v(&m.three_budget), v(&m.three_actual), v(&m.three_prior));
    const ITEMS: [(&str, &str); 3] = [("因公出国（境）费", "abroad"), ("公务用车购置及运行费", "vehicle"), ("公务接待费", "reception")];
    let item = |k: usize| ThreeItem { key: ITEMS[k].1, label: ITEMS[k].0, completion: fx.completion(a[k], b[k]), change: fx.change(a[k], pr[k]), reason: bare(&m.three_reasons[k]) };
    let ta = &m.three_actual;
    ThreeCtx {
        scope: three_scope(m),
        completion: fx.completion(f.three_actual_total, f.three_budget_total),
        change: fx.change(f.three_actual_total, f.three_prior_total),
        reason_change: bare(&m.three_reasons[3]),
        items: [item(0), item(1), item(2)],
        abroad: item(0),
        vehicle: item(1),
        reception: item(2),
        changed: (0..3).filter(|&k| pr[k] != a[k]).map(|k| LabelledChange { label: ITEMS[k].0, change: fx.change(a[k], pr[k]) }).collect(),
        vehicle_purchase_zero: ta[1].v.is_zero(),
        vehicle_purchase: fx.wan(ta[1].v),
        vehicle_operation: fx.wan(ta[2].v),
        abroad_groups: m.three_activity[0],
        abroad_people: m.three_activity[1],
        reception_groups: m.three_activity[2],
        reception_people: m.three_activity[3],
        activity_typed: m.three_activity_typed,
    }
}

#[derive(Serialize)]
pub struct GovFundCtx {
    pub none: bool,
    pub income: String,
    pub spend: String,
    pub closing: String,
}

#[derive(Serialize)]
pub struct StateCapitalCtx {
    pub none: bool,
    pub spend: String,
}

/// 机关运行经费: against last year and, where typed, its 年初预算.
#[derive(Serialize)]
pub struct OfficeCtx {
    pub amount: String,
    pub change: Change,
    pub reason: Option<String>,
    pub vs_budget: Option<Change>,
    pub reason_budget: Option<String>,
}

#[derive(Serialize)]
pub struct GeneralSpendingCtx {
    pub meetings: String,
    pub training: String,
}

#[derive(Serialize)]
pub struct ProcurementCtx {
    pub none: bool,
    pub total: String,
    pub goods: String,
    pub works: String,
    pub services: String,
    pub parts: Vec<Labelled>,
    pub sme: Option<String>,
    pub sme_share: Option<String>,
    pub small: Option<String>,
    pub small_share: Option<String>,
}

#[derive(Serialize)]
pub struct Labelled {
    pub label: &'static str,
    pub amount: String,
}

fn procurement(m: &Model, f: &Figures, fx: &Fmt) -> ProcurementCtx {
    let share = |v: &Option<Val>| v.as_ref().and_then(|v| fx.pct_of(v.v, f.procurement_total));
    let pr = &m.procurement;
    ProcurementCtx {
        none: f.procurement_total.is_zero(),
        total: fx.wan(f.procurement_total),
        goods: fx.wan(pr[0].v),
        works: fx.wan(pr[1].v),
        services: fx.wan(pr[2].v),
        parts: [("货物", pr[0].v), ("工程", pr[1].v), ("服务", pr[2].v)].iter().filter(|x| !x.1.is_zero()).map(|(k, v)| Labelled { label: k, amount: fx.wan(*v) }).collect(),
        sme: m.procurement_sme.as_ref().map(|v| fx.wan(v.v)),
        sme_share: share(&m.procurement_sme),
        small: m.procurement_small.as_ref().map(|v| fx.wan(v.v)),
        small_share: share(&m.procurement_small),
    }
}

#[derive(Serialize)]
pub struct AssetsCtx {
    pub vehicles: u32,
    pub general_equipment: u32,
    pub special_equipment: u32,
    /// The file typed the equipment counts (0 is then a fact, not a default).
    pub equipment_typed: bool,
}

/// 预算绩效情况说明: the projects evaluated and the user's prose.
#[derive(Serialize)]
pub struct PerformanceCtx {
    pub projects_count: usize,
    pub projects_total: String,
    pub projects_share: String,
    pub spend_total: String,
    pub management: Option<String>,
    pub overall: Option<String>,
    pub problems: Option<String>,
    pub measures: Option<String>,
    pub application: Option<String>,
}

fn performance(m: &Model, f: &Figures, fx: &Fmt) -> PerformanceCtx {
    let total: Decimal = m.projects.iter().map(|p| p.actual.v).sum();
    PerformanceCtx {
        projects_count: m.projects.len(),
        projects_total: fx.wan(total),
        projects_share: fx.pct_of(total, f.general_project).unwrap_or_else(|| fx.0.pct(Decimal::ZERO)),
        spend_total: fx.wan(f.spend_total),
        management: sentence_of(&m.perf_management),
        overall: sentence_of(&m.perf_overall),
        problems: sentence_of(&m.perf_problems),
        measures: sentence_of(&m.perf_measures),
        application: sentence_of(&m.perf_application),
    }
}

/// 附件 支出绩效自评报告 (Hunan): the user's prose and the figures it quotes.
#[derive(Serialize)]
pub struct AnnexPart {
    pub annex: Option<AnnexCtx>,
    pub budget_total: String,
    pub general_income: String,
}

#[derive(Serialize)]
pub struct AnnexCtx {
    pub intro: String,
    pub goals: String,
    pub overall: Vec<String>,
    pub special_total: String,
    pub special: Vec<SpecialCtx>,
    pub problems: Option<String>,
    pub measures: Option<String>,
    pub application: Option<String>,
    pub other: Option<String>,
}

#[derive(Serialize)]
pub struct SpecialCtx {
    pub name: String,
    pub amount: String,
    pub text: Option<String>,
}

fn annex(m: &Model, f: &Figures, fx: &Fmt) -> AnnexPart {
    let annex = m.annex.as_ref().map(|a| AnnexCtx {
        intro: sentence(&a.intro.text),
        goals: sentence(&a.goals.text),
        overall: a.overall.iter().map(|t| t.text.clone()).collect(),
        special_total: fx.wan(a.special.iter().map(|x| x.1.v).sum()),
        special: a.special.iter().map(|(n, v, t)| SpecialCtx { name: n.text.clone(), amount: fx.wan(v.v), text: sentence_of(t) }).collect(),
        problems: sentence_of(&a.problems),
        measures: sentence_of(&a.measures),
        application: sentence_of(&a.application),
        other: sentence_of(&a.other),
    });
    AnnexPart { annex, budget_total: fx.wan(f.budget_total), general_income: fx.wan(f.fiscal_income[0]) }
}

#[cfg(test)]
mod tests {
    use super::Fmt;
    use crate::core::money::MoneyStyle;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// The flags a template phrases a change by: sign, zero base, no rate without a base.
    #[test]
    fn changes_and_completions_carry_sign_and_zero_base() {
        let st = MoneyStyle { trim_zeros: true, ..Default::default() };
        let fx = Fmt(&st);
        let c = fx.change(d("707.12"), d("632.08"));
        assert_eq!((c.diff.as_str(), c.pct.as_deref(), c.up, c.same, c.prior_zero), ("75.04万元", Some("11.9%"), true, false, false));
        let c = fx.change(d("0"), d("0.08"));
        assert_eq!((c.pct.as_deref(), c.up), (Some("100.0%"), false));
        let c = fx.change(d("5"), d("0"));
        assert_eq!((c.pct, c.prior_zero), (None, true));
        assert!(fx.change(d("5"), d("5")).same);
        let k = fx.completion(d("707.12"), d("606.36"));
        assert_eq!((k.pct.as_deref(), k.over), (Some("116.6%"), true));
        let k = fx.completion(d("0"), d("0"));
        assert_eq!((k.pct, k.actual_zero), (None, true));
    }
}
