//! The typed model: the source with exact decimals, names resolved from the catalogue and
//! every value's span kept for findings. Loading collects every problem of the file rather
//! than stopping at the first.

use super::source::{self, Fund};
use crate::core::diag::{Finding, SrcSpan};
use crate::core::loader::{parse_date, Loader, TextVal, Val};
use rust_decimal::Decimal;

/// The four fund types of 结转和结余, in table order.
pub const FUNDS: [Fund; 4] = [Fund::General, Fund::GovFund, Fund::StateCapital, Fund::NonFiscal];

pub fn fund_index(f: Fund) -> usize {
    match f {
        Fund::General => 0,
        Fund::GovFund => 1,
        Fund::StateCapital => 2,
        Fund::NonFiscal => 3,
    }
}

/// Income sources in 表1 row order (rows 1–8).
pub const INCOME_SOURCES: usize = 8;

#[derive(Clone, Debug)]
pub struct ExpLine {
    pub code: String,
    pub name: String,
    pub fund: Fund,
    /// 基本, 项目, 上缴上级, 经营, 对附属单位补助
    pub amounts: [Decimal; 5],
    /// Where each amount was typed (None when omitted).
    pub amount_spans: [Option<SrcSpan>; 5],
    pub span: Option<SrcSpan>,
    pub field: String,
}

impl ExpLine {
    pub fn total(&self) -> Decimal {
        self.amounts.iter().copied().sum()
    }
}

#[derive(Clone, Debug)]
pub struct IncomeLine {
    pub code: String,
    pub name: String,
    /// general, gov_fund, state_capital, superior, business, operating, affiliated, other
    pub amounts: [Decimal; INCOME_SOURCES],
    /// Where each amount was typed (None when omitted or derived from spending).
    pub amount_spans: [Option<SrcSpan>; INCOME_SOURCES],
    /// The YAML path of the row (`income_by_function[3]`), empty when derived.
    pub field: String,
}

/// The keys of `income_by_function` in `IncomeLine::amounts` order.
pub const INCOME_KEYS: [&str; INCOME_SOURCES] = ["general", "gov_fund", "state_capital", "superior", "business", "operating", "affiliated", "other"];

/// A subtotal the user typed anyway: checked against the computed value.
#[derive(Clone, Debug)]
pub struct TypedSubtotal {
    pub code: String,
    /// column name, e.g. "基本支出"
    pub column: &'static str,
    pub val: Val,
    pub field: String,
}

#[derive(Clone, Debug)]
pub struct EconLine {
    pub code: String,
    pub name: String,
    pub amount: Val,
    pub field: String,
}

#[derive(Clone, Debug)]
pub struct BudgetLine {
    pub code: String,
    pub name: String,
    pub amount: Val,
    pub reason: Option<TextVal>,
    pub field: String,
}

/// 因公出国（境）费, 公务用车购置费, 公务用车运行费, 公务接待费
pub type Three = [Val; 4];

#[derive(Clone, Debug)]
pub struct Project {
    pub name: TextVal,
    pub budget: Val,
    pub actual: Val,
    pub purpose: Option<TextVal>,
    pub includes: Option<TextVal>,
    pub outcome: Option<TextVal>,
}

/// The 支出绩效自评报告 annexed to a Hunan 决算: the user's prose; its figures come from the model.
#[derive(Clone, Debug)]
pub struct PerfAnnex {
    pub intro: TextVal,
    pub goals: TextVal,
    pub overall: Vec<TextVal>,
    /// (用途, 金额, 绩效情况)
    pub special: Vec<(TextVal, Val, Option<TextVal>)>,
    pub problems: Option<TextVal>,
    pub measures: Option<TextVal>,
    pub application: Option<TextVal>,
    pub other: Option<TextVal>,
}

#[derive(Clone, Debug, Default)]
pub struct Model {
    pub city: String,
    pub name: String,
    pub short_name: String,
    pub level: String,
    pub year: u32,
    pub published: (u32, u32, u32),
    pub phone: Option<String>,
    pub functions: Vec<TextVal>,
    /// (name, kind, main)
    pub units: Vec<(String, String, bool)>,
    pub staff_active: Vec<(String, u32)>,
    pub staff_retired: Vec<(String, u32)>,
    pub expenditure: Vec<ExpLine>,
    pub exp_subtotals: Vec<TypedSubtotal>,
    pub income: Vec<IncomeLine>,
    pub income_typed: bool,
    pub opening: [Val; 4],
    pub closing_typed: Option<[Val; 4]>,
    /// 政府性基金 opening balance by 项 code (表8 rows): (code, name, amount, field).
    pub gov_opening_by_code: Vec<(String, String, Val, String)>,
    pub use_non_fiscal_balance: Val,
    pub balance_distribution: Val,
    pub econ: Vec<EconLine>,
    pub econ_subtotals: Vec<EconLine>,
    pub budget: Vec<BudgetLine>,
    /// Per `budget` line: was its amount typed (else it waits for the linked budget file)?
    pub budget_typed: Vec<bool>,
    pub three_budget: Three,
    /// `three_public.budget` was typed (else it comes from the linked budget file).
    pub three_budget_typed: bool,
    pub three_actual: Three,
    pub three_prior: Three,
    pub three_reasons: [Option<TextVal>; 4],
    pub office_operation: Val,
    pub procurement: [Val; 3],
    pub vehicles: u32,
    /// 单位价值50万元以上通用设备、100万元以上专用设备（台、套）。
    pub equipment: [u32; 2],
    /// 内设机构设置。
    pub organization: Option<TextVal>,
    /// 出国团组、出国人次、接待团组、接待人次。
    pub three_activity: [u32; 4],
    /// Any of them was typed.
    pub three_activity_typed: bool,
    /// The equipment counts were typed.
    pub equipment_typed: bool,
    /// 机关运行经费年初预算数。
    pub office_budget: Option<Val>,
    pub reason_office_budget: Option<TextVal>,
    /// 会议费、培训费。
    pub meetings_training: Option<[Val; 2]>,
    /// 授予中小企业、其中小微企业的合同金额。
    pub procurement_sme: Option<Val>,
    pub procurement_small: Option<Val>,
    /// 附件：支出绩效自评报告（湖南）。
    pub annex: Option<PerfAnnex>,
    /// 其他重要事项中的“其他”。
    pub other_matters: Vec<TextVal>,
    /// The user's template directory from `templates:` (relative to the file, unchecked here).
    pub templates: Option<TextVal>,
    pub prior_total: Val,
    pub prior_fiscal_total: Val,
    pub prior_general_spend: Val,
    /// Last year's 本年收入合计, 本年支出合计 and 财政拨款本年收入: known only when typed or
    /// taken from the prior file (a sentence comparing them is left out otherwise).
    pub prior_income: Option<Val>,
    pub prior_spend: Option<Val>,
    pub prior_fiscal_income: Option<Val>,
    pub prior_office_operation: Val,
    /// `prior_year` was typed (otherwise the prior figures come from the prior file).
    pub prior_typed: bool,
    pub reason_total: Option<TextVal>,
    pub reason_fiscal: Option<TextVal>,
    pub reason_general: Option<TextVal>,
    pub reason_office: Option<TextVal>,
    pub reason_office_vs_public: Option<TextVal>,
    pub projects: Vec<Project>,
    pub perf_management: Option<TextVal>,
    pub perf_overall: Option<TextVal>,
    pub perf_problems: Option<TextVal>,
    pub perf_measures: Option<TextVal>,
    pub perf_application: Option<TextVal>,
    pub key_paragraphs: Vec<TextVal>,
    /// (item, target, result)
    pub key_items: Vec<(String, String, String)>,
    /// Totals typed under `totals:` (value, field path): checked against `printed::PRINTED`.
    pub typed_totals: Vec<(Val, String)>,
}

/// Builds the model. Problems go to `ld.findings`; the model is still returned so that the
/// later checks can report theirs too.
pub fn build(src: &source::Source, ld: &mut Loader) -> Model {
    let mut m = Model { city: src.city.as_ref().map(|c| c.get().clone()).unwrap_or_else(|| "hubei".into()), ..Default::default() };
    overview(src, ld, &mut m);
    expenditure(src, ld, &mut m);
    income(src, ld, &mut m);
    carryover(src, ld, &mut m);
    economic(src, ld, &mut m);
    initial_budget(src, ld, &mut m);
    three_public(src, ld, &mut m);
    office_procurement_assets(src, ld, &mut m);
    optional_facts(src, ld, &mut m);
    annex(src, ld, &mut m);
    prior_year(src, ld, &mut m);
    reasons(src, ld, &mut m);
    projects(src, ld, &mut m);
    performance_text(src, ld, &mut m);
    typed_totals(src, ld, &mut m);
    ld.finish_codes();
    parents_named(ld, &m);
    m
}

/// The names of the year's catalogue with the file's typed names over it, on every line: a
/// name typed once for a code is printed for that code everywhere.
pub fn apply_names(m: &mut Model, cat: &crate::core::catalog::Catalog) {
    let name = |code: &str, old: &mut String| {
        if let Some(n) = cat.function_name(code) {
            *old = n.to_string();
        }
    };
    m.expenditure.iter_mut().for_each(|l| name(&l.code, &mut l.name));
    m.income.iter_mut().for_each(|l| name(&l.code, &mut l.name));
    m.gov_opening_by_code.iter_mut().for_each(|l| name(&l.0, &mut l.1));
    m.budget.iter_mut().for_each(|l| name(&l.code, &mut l.name));
}

/// Every 类 and 款 a line belongs to needs a name for the tables: a code the catalogue lacks
/// (named by its own `name:`) may have parents the catalogue lacks too. Each such parent is
/// reported once, at its first child, with the line that names it.
fn parents_named(ld: &mut Loader, m: &Model) {
    let lines = m.expenditure.iter().map(|e| (e.code.as_str(), e.span, e.field.as_str()));
    let mut reported = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (code, span, field) in lines {
        for len in [3, 5].into_iter().filter(|l| *l < code.len()) {
            let parent = &code[..len];
            let named = ld.cat.function_name(parent).is_some() || ld.typed_names.contains_key(parent);
            if !named && reported.insert(parent.to_string()) {
                let what = if len == 3 { "类" } else { "款" };
                out.push(
                    Finding::error("Y-CODE-UNKNOWN", format!("{field}.code"), format!("科目 {code} 所属的{what} {parent} 不在 {} 年度科目中，表中将没有名称", ld.cat.year))
                        .at(span)
                        .expected(format!("{what} {parent} 的名称"))
                        .actual(parent.to_string())
                        .hint(format!("在 expenditure 中加一行写明{what}的名称：- {{ code: \"{parent}\", name: {what}名称 }}")),
                );
            }
        }
    }
    ld.findings.extend(out);
}

/// 第一部分 概况: the department, its functions, units and staff.
fn overview(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    let d = &src.department;
    m.name = ld.text(&d.name, "department.name").text;
    m.short_name = d.short_name.as_ref().map(|s| s.get().trim().to_string()).unwrap_or_else(|| m.name.clone());
    m.level = d.level.get().trim().to_string();
    m.year = *d.year.get();
    if !(2000..=2100).contains(&m.year) {
        ld.findings.push(Finding::error("Y-YEAR", "department.year", "年度不在合理范围").at(ld.span(&d.year)).expected("2000–2100 的四位年份").actual(m.year.to_string()));
    }
    match parse_date(d.published.get()) {
        Some(p) => m.published = p,
        None => ld.findings.push(
            Finding::error("Y-DATE", "department.published", "公开日期格式错误")
                .at(ld.span(&d.published))
                .expected("YYYY-MM-DD，如 2021-10-19")
                .actual(format!("{:?}", d.published.get())),
        ),
    }
    m.phone = d.phone.as_ref().map(|p| p.get().trim().to_string()).filter(|p| !p.is_empty());
    for (i, f) in src.functions.iter().enumerate() {
        let t = ld.text(f, &format!("functions[{i}]"));
        if t.is_empty() {
            ld.findings.push(Finding::error("Y-EMPTY-TEXT", format!("functions[{i}]"), "职能描述为空").at(t.span));
        }
        m.functions.push(t);
    }
    for u in &src.units {
        m.units.push((u.name.get().trim().to_string(), u.kind.get().trim().to_string(), u.main));
    }
    let mains = src.units.iter().filter(|u| u.main).count();
    if mains != 1 {
        ld.findings.push(
            Finding::error("Y-UNITS-MAIN", "units", "单位构成中必须有且只有一个本级单位（main: true）")
                .expected("1 个").actual(format!("{mains} 个"))
                .at(src.units.first().and_then(|u| ld.span(&u.name))),
        );
    }
    m.staff_active = src.staff.active.iter().map(|h| (h.kind.get().trim().to_string(), *h.count.get())).collect();
    m.staff_retired = src.staff.retired.iter().map(|h| (h.kind.get().trim().to_string(), *h.count.get())).collect();
}

/// Expenditure (表3, 表5, 表8, 表9): 7-digit rows are facts, 3/5-digit rows are typed subtotals.
fn expenditure(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    for (i, r) in src.expenditure.iter().enumerate() {
        let field = format!("expenditure[{i}]");
        let cols = [
            ld.opt_amount(&r.basic, &format!("{field}.basic")),
            ld.opt_amount(&r.project, &format!("{field}.project")),
            ld.opt_amount(&r.upper, &format!("{field}.upper")),
            ld.opt_amount(&r.operating, &format!("{field}.operating")),
            ld.opt_amount(&r.subsidiary, &format!("{field}.subsidiary")),
        ];
        let Some((code, name)) = ld.function_code(&r.code, &r.name, &field, &[3, 5, 7]) else { continue };
        let fund = r.fund.as_ref().map(|f| *f.get()).unwrap_or_default();
        if code.len() < 7 {
            const NAMES: [&str; 5] = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"];
            const KEYS: [&str; 5] = ["basic", "project", "upper", "operating", "subsidiary"];
            for (k, v) in cols.iter().enumerate() {
                if v.span.is_some() {
                    m.exp_subtotals.push(TypedSubtotal { code: code.clone(), column: NAMES[k], val: *v, field: format!("{field}.{}", KEYS[k]) });
                }
            }
            continue;
        }
        if cols.iter().all(|v| v.span.is_none()) {
            ld.findings.push(
                Finding::error("Y-EXP-EMPTY", field.clone(), format!("科目 {code} 没有填写任何支出金额"))
                    .at(ld.span(&r.code))
                    .hint("填写 basic（基本支出）或 project（项目支出）等；没有支出的科目请删去该行"),
            );
        }
        m.expenditure.push(ExpLine {
            code,
            name,
            fund,
            amounts: [cols[0].v, cols[1].v, cols[2].v, cols[3].v, cols[4].v],
            amount_spans: [cols[0].span, cols[1].span, cols[2].span, cols[3].span, cols[4].span],
            span: ld.span(&r.code),
            field,
        });
    }
}

/// Income by function (表2): typed, or derived from the fiscal spending of each row.
fn income(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    if let Some(rows) = &src.income_by_function {
        m.income_typed = true;
        for (i, r) in rows.iter().enumerate() {
            let field = format!("income_by_function[{i}]");
            let typed = [&r.general, &r.gov_fund, &r.state_capital, &r.superior, &r.business, &r.operating, &r.affiliated, &r.other];
            let vals: Vec<Val> = typed.iter().zip(INCOME_KEYS).map(|(a, key)| ld.opt_amount(a, &format!("{field}.{key}"))).collect();
            if let Some((code, name)) = ld.function_code(&r.code, &r.name, &field, &[7]) {
                m.income.push(IncomeLine { code, name, amounts: std::array::from_fn(|k| vals[k].v), amount_spans: std::array::from_fn(|k| vals[k].span), field });
            }
        }
    } else {
        for e in &m.expenditure {
            let mut amounts = [Decimal::ZERO; INCOME_SOURCES];
            if e.fund != Fund::NonFiscal {
                amounts[fund_index(e.fund)] = e.total();
            } else {
                // Non-fiscal spending without typed income: counted as 其他收入 would be a guess.
                // Leave it out; the balance check below reports the gap.
            }
            m.income.push(IncomeLine { code: e.code.clone(), name: e.name.clone(), amounts, amount_spans: [None; INCOME_SOURCES], field: String::new() });
        }
    }
}

/// 结转和结余 (表1, 表4, 表8), 使用非财政拨款结余 and 结余分配.
fn carryover(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    if let Some(c) = &src.carryover {
        m.opening = fund_amounts(ld, &c.opening, "carryover.opening");
        m.closing_typed = c.closing.as_ref().map(|cl| fund_amounts(ld, cl, "carryover.closing"));
        for (i, r) in c.gov_fund_by_code.iter().enumerate() {
            let field = format!("carryover.gov_fund_by_code[{i}]");
            let v = ld.amount(&r.opening, &format!("{field}.opening"));
            if let Some((code, name)) = ld.function_code(&r.code, &r.name, &field, &[7]) {
                m.gov_opening_by_code.push((code, name, v, field));
            }
        }
    }
    m.use_non_fiscal_balance = ld.opt_amount(&src.use_of_non_fiscal_balance, "use_of_non_fiscal_balance");
    m.balance_distribution = ld.opt_amount(&src.balance_distribution, "balance_distribution");
}

/// 基本支出 by economic classification (表6): 款 rows are facts, 类 rows typed subtotals.
fn economic(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    for (i, r) in src.basic_by_economic.iter().enumerate() {
        let field = format!("basic_by_economic[{i}]");
        let amount = ld.amount(&r.amount, &format!("{field}.amount"));
        let c = r.code.get().trim().to_string();
        let span = ld.span(&r.code);
        if !c.chars().all(|ch| ch.is_ascii_digit()) || !(c.len() == 3 || c.len() == 5) {
            ld.findings.push(Finding::error("Y-CODE-FORMAT", format!("{field}.code"), "经济分类科目编码格式错误").at(span).expected("3 位（类）或 5 位（款）数字编码").actual(format!("{c:?}")));
            continue;
        }
        let name = match &r.name {
            Some(n) => Some(n.get().trim().to_string()),
            None => ld.cat.economic_name(&c).map(str::to_string),
        };
        let name = name.unwrap_or_else(|| {
            let year = ld.cat.year;
            ld.findings.push(
                Finding::error("Y-CODE-UNKNOWN", format!("{field}.code"), format!("经济分类科目编码 {c} 不在 {year} 年度的经济分类科目中"))
                    .at(span)
                    .expected(format!("{year} 年度的经济分类科目编码"))
                    .actual(c.clone())
                    .hint(format!("用 gen-report codes {} --economic --year {year} 查找编码；若为新增科目，在该行加 name: 写明科目名称", &c[..3])),
            );
            // Kept, so its amount still takes part in 表6's sums.
            String::new()
        });
        let line = EconLine { code: c, name, amount, field };
        if line.code.len() == 3 { m.econ_subtotals.push(line) } else { m.econ.push(line) }
    }
}

/// 年初预算 by 类 or 项, with the reasons for a 决算 that differs.
fn initial_budget(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    for (i, r) in src.initial_budget.iter().flatten().enumerate() {
        let field = format!("initial_budget[{i}]");
        // Without an amount the row only gives a reason; `budget_link` takes the amount from
        // the linked budget file (and reports the row when there is none).
        let amount = r.amount.as_ref().map(|a| ld.amount(a, &format!("{field}.amount")));
        let reason = ld.opt_text(&r.reason, &format!("{field}.reason"));
        if let Some((code, name)) = ld.function_code(&r.code, &None, &field, &[3, 7]) {
            m.budget_typed.push(amount.is_some());
            m.budget.push(BudgetLine { code, name, amount: amount.unwrap_or(Val { v: rust_decimal::Decimal::ZERO, span: ld.span(&r.code) }), reason, field });
        }
    }
}

/// “三公”经费 (表7): budget, actual, reasons and activity.
fn three_public(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    let tp = &src.three_public;
    if let Some(b) = &tp.budget {
        m.three_budget = three(ld, b, "three_public.budget");
        m.three_budget_typed = true;
    }
    m.three_actual = three(ld, &tp.actual, "three_public.actual");
    m.three_reasons = [
        ld.opt_text(&tp.reasons.abroad, "three_public.reasons.abroad"),
        ld.opt_text(&tp.reasons.vehicle, "three_public.reasons.vehicle"),
        ld.opt_text(&tp.reasons.reception, "three_public.reasons.reception"),
        ld.opt_text(&tp.reasons.change, "three_public.reasons.change"),
    ];
    let act = &src.three_public.activity;
    let typed = [&act.abroad_groups, &act.abroad_people, &act.reception_groups, &act.reception_people];
    m.three_activity_typed = typed.iter().any(|v| v.is_some());
    m.three_activity = typed.map(|v| v.as_ref().map(|v| *v.get()).unwrap_or(0));
}

/// 机关运行经费, 政府采购 and 国有资产.
fn office_procurement_assets(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    m.office_operation = ld.amount(&src.office_operation, "office_operation");
    m.procurement = [
        ld.amount(&src.procurement.goods, "procurement.goods"),
        ld.amount(&src.procurement.works, "procurement.works"),
        ld.amount(&src.procurement.services, "procurement.services"),
    ];
    m.vehicles = *src.assets.vehicles.get();
    m.equipment_typed = src.assets.general_equipment.is_some() || src.assets.special_equipment.is_some();
    m.equipment = [src.assets.general_equipment.as_ref().map(|v| *v.get()).unwrap_or(0), src.assets.special_equipment.as_ref().map(|v| *v.get()).unwrap_or(0)];
}

/// Facts only some layouts print (the Hunan 其他重要事项, 内设机构) and the templates directory.
fn optional_facts(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    m.organization = ld.opt_text(&src.department.organization, "department.organization");
    m.office_budget = src.office_operation_budget.as_ref().map(|a| ld.amount(a, "office_operation_budget"));
    m.reason_office_budget = ld.opt_text(&src.reasons.office_operation_vs_budget, "reasons.office_operation_vs_budget");
    m.meetings_training = src.general_spending.as_ref().map(|g| [ld.opt_amount(&g.meetings, "general_spending.meetings"), ld.opt_amount(&g.training, "general_spending.training")]);
    m.procurement_sme = src.procurement.sme.as_ref().map(|a| ld.amount(a, "procurement.sme"));
    m.procurement_small = src.procurement.small_micro.as_ref().map(|a| ld.amount(a, "procurement.small_micro"));
    m.other_matters = src.other_matters.iter().enumerate().map(|(i, t)| ld.text(t, &format!("other_matters[{i}]"))).collect();
    m.templates = ld.opt_text(&src.templates, "templates");
}

/// 附件 支出绩效自评报告 (Hunan): the user's prose; its figures come from the model.
fn annex(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    m.annex = src.performance_report.as_ref().map(|a| {
        let f = "performance_report";
        PerfAnnex {
            intro: ld.text(&a.intro, &format!("{f}.intro")),
            goals: ld.text(&a.goals, &format!("{f}.goals")),
            overall: a.overall.iter().enumerate().map(|(i, t)| ld.text(t, &format!("{f}.overall[{i}]"))).collect(),
            special: a.special_funds.iter().enumerate().map(|(i, s)| {
                let g = format!("{f}.special_funds[{i}]");
                (ld.text(&s.name, &format!("{g}.name")), ld.amount(&s.amount, &format!("{g}.amount")), ld.opt_text(&s.text, &format!("{g}.text")))
            }).collect(),
            problems: ld.opt_text(&a.problems, &format!("{f}.problems")),
            measures: ld.opt_text(&a.measures, &format!("{f}.measures")),
            application: ld.opt_text(&a.application, &format!("{f}.application")),
            other: ld.opt_text(&a.other, &format!("{f}.other")),
        }
    });
}

/// 上年决算数, typed (else taken from the `prior:` file by `prior::apply`).
fn prior_year(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    if let Some(p) = &src.prior_year {
        m.prior_total = ld.amount(&p.total, "prior_year.total");
        m.prior_fiscal_total = ld.amount(&p.fiscal_total, "prior_year.fiscal_total");
        m.prior_general_spend = ld.amount(&p.general_budget_spend, "prior_year.general_budget_spend");
        m.three_prior = three(ld, &p.three_public, "prior_year.three_public");
        m.prior_office_operation = ld.amount(&p.office_operation, "prior_year.office_operation");
        m.prior_income = p.income.as_ref().map(|a| ld.amount(a, "prior_year.income"));
        m.prior_spend = p.expenditure.as_ref().map(|a| ld.amount(a, "prior_year.expenditure"));
        m.prior_fiscal_income = p.fiscal_income.as_ref().map(|a| ld.amount(a, "prior_year.fiscal_income"));
        m.prior_typed = true;
    } else if src.prior.is_none() {
        ld.findings.push(
            Finding::error("Y-MISSING-FIELD", "prior_year", "缺少上年数：既没有 prior（上年文件），也没有 prior_year（上年决算数）")
                .at(ld.span(&src.department.name))
                .hint("写 prior: ../2019/本部门.yaml 指向上年文件，或在 prior_year 中填写上年决算数"),
        );
    }
}

/// The reasons for the year-on-year changes.
fn reasons(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    m.reason_total = ld.opt_text(&src.reasons.total_change, "reasons.total_change");
    m.reason_fiscal = ld.opt_text(&src.reasons.fiscal_change, "reasons.fiscal_change").or_else(|| m.reason_total.clone());
    m.reason_general = ld.opt_text(&src.reasons.general_budget_change, "reasons.general_budget_change").or_else(|| m.reason_fiscal.clone());
    m.reason_office = ld.opt_text(&src.reasons.office_operation_change, "reasons.office_operation_change");
    m.reason_office_vs_public = ld.opt_text(&src.reasons.office_operation_vs_public, "reasons.office_operation_vs_public");
}

/// 项目支出: each project once, with its budget, actual and description.
fn projects(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    for (i, p) in src.projects.iter().enumerate() {
        let field = format!("projects[{i}]");
        m.projects.push(Project {
            name: ld.text(&p.name, &format!("{field}.name")),
            budget: ld.amount(&p.budget, &format!("{field}.budget")),
            actual: ld.amount(&p.actual, &format!("{field}.actual")),
            purpose: ld.opt_text(&p.purpose, &format!("{field}.purpose")),
            includes: ld.opt_text(&p.includes, &format!("{field}.includes")),
            outcome: ld.opt_text(&p.outcome, &format!("{field}.outcome")),
        });
    }
}

/// 预算绩效情况说明 and 重点工作完成情况: the user's prose.
fn performance_text(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    let pf = &src.performance;
    m.perf_management = ld.opt_text(&pf.management, "performance.management");
    m.perf_overall = ld.opt_text(&pf.overall, "performance.overall");
    m.perf_problems = ld.opt_text(&pf.problems, "performance.problems");
    m.perf_measures = ld.opt_text(&pf.measures, "performance.measures");
    m.perf_application = ld.opt_text(&pf.application, "performance.application");
    if let Some(k) = &src.key_work {
        m.key_paragraphs = k.paragraphs.iter().enumerate().map(|(i, p)| ld.text(p, &format!("key_work.paragraphs[{i}]"))).collect();
        for (i, it) in k.items.iter().enumerate() {
            let f = format!("key_work.items[{i}]");
            let (a, b, c) = (ld.text(&it.item, &format!("{f}.item")), ld.text(&it.target, &format!("{f}.target")), ld.text(&it.result, &format!("{f}.result")));
            m.key_items.push((a.text, b.text, c.text));
        }
    }
}

/// Totals typed anyway: kept to be checked, never used.
fn typed_totals(src: &source::Source, ld: &mut Loader, m: &mut Model) {
    if let Some(t) = &src.totals {
        for (field, a) in t.typed() {
            let v = ld.amount(a, &field);
            m.typed_totals.push((v, field));
        }
    }
}


fn fund_amounts(ld: &mut Loader, f: &source::FundAmounts, field: &str) -> [Val; 4] {
    [
        ld.opt_amount(&f.general, &format!("{field}.general")),
        ld.opt_amount(&f.gov_fund, &format!("{field}.gov_fund")),
        ld.opt_amount(&f.state_capital, &format!("{field}.state_capital")),
        ld.opt_amount(&f.non_fiscal, &format!("{field}.non_fiscal")),
    ]
}

fn three(ld: &mut Loader, t: &source::ThreeItems, field: &str) -> Three {
    [
        ld.amount(&t.abroad, &format!("{field}.abroad")),
        ld.amount(&t.vehicle_purchase, &format!("{field}.vehicle_purchase")),
        ld.amount(&t.vehicle_operation, &format!("{field}.vehicle_operation")),
        ld.amount(&t.reception, &format!("{field}.reception")),
    ]
}
