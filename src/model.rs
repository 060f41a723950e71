//! The typed model: the source with exact decimals, names resolved from the catalogue and
//! every value's span kept for findings. Loading collects every problem of the file rather
//! than stopping at the first.

use crate::catalog::Catalog;
use crate::diag::{Finding, SrcSpan};
use crate::money::{parse_amount, MoneyStyle};
use crate::source::{self, Amt, Fund, Sp, Text};
use rust_decimal::Decimal;

/// A number with the place it was typed (None when it was defaulted or computed).
#[derive(Clone, Copy, Debug, Default)]
pub struct Val {
    pub v: Decimal,
    pub span: Option<SrcSpan>,
}

#[derive(Clone, Debug, Default)]
pub struct TextVal {
    pub text: String,
    pub span: Option<SrcSpan>,
}

impl TextVal {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Longest name (department, project) and longest paragraph accepted, in characters.
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_TEXT_CHARS: usize = 5000;

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
}

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
    pub three_budget: Three,
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
    pub prior_office_operation: Val,
    /// `prior_year` was typed (otherwise the prior figures come from the prior file).
    pub prior_typed: bool,
    pub reason_total: Option<TextVal>,
    pub reason_fiscal: Option<TextVal>,
    pub reason_general: Option<TextVal>,
    pub reason_office: Option<TextVal>,
    pub reason_office_vs_public: Option<TextVal>,
    pub projects: Vec<Project>,
    /// 项目支出绩效自评, scored (see `perf`).
    pub project_evals: Vec<crate::perf::ProjectEvaluation>,
    /// 附件2 整体支出绩效自评报告, scored.
    pub overall_eval: Option<std::sync::Arc<crate::overall_eval::OverallResult>>,
    pub perf_management: Option<TextVal>,
    pub perf_overall: Option<TextVal>,
    pub perf_problems: Option<TextVal>,
    pub perf_measures: Option<TextVal>,
    pub perf_application: Option<TextVal>,
    pub key_paragraphs: Vec<TextVal>,
    /// (item, target, result)
    pub key_items: Vec<(String, String, String)>,
    pub typed_totals: Vec<(&'static str, Val, String)>,
}

pub struct Loader<'a> {
    pub file: usize,
    pub cat: &'a Catalog,
    pub style: MoneyStyle,
    pub findings: Vec<Finding>,
    /// Every free text with its field path, for `validate::unfilled`.
    pub texts: Vec<(String, TextVal)>,
}

impl<'a> Loader<'a> {
    pub fn span<T>(&self, sp: &Sp<T>) -> Option<SrcSpan> {
        let s = sp.loc().span();
        let start = s.byte_offset()? as usize;
        let len = s.byte_len().unwrap_or(0) as usize;
        Some(SrcSpan { file: self.file, start, end: start + len.max(1) })
    }

    fn amount_signed(&mut self, a: &Amt, field: &str, allow_negative: bool) -> Val {
        let span = self.span(a);
        match parse_amount(&a.get().0, self.style.amount_dp, allow_negative) {
            Ok(v) => Val { v, span },
            Err(e) => {
                self.findings.push(
                    Finding::error("Y-AMOUNT", field, format!("金额格式错误：{}", e.message()))
                        .at(span)
                        .expected(e.expected(self.style.amount_dp))
                        .actual(format!("{:?}", a.get().0))
                        .hint("金额以万元为单位，写成 707.12 这样的数字；不要带单位或科学计数法"),
                );
                Val { v: Decimal::ZERO, span }
            }
        }
    }

    pub fn amount(&mut self, a: &Amt, field: &str) -> Val {
        self.amount_signed(a, field, false)
    }

    pub fn opt_amount(&mut self, a: &Option<Amt>, field: &str) -> Val {
        match a {
            Some(a) => self.amount(a, field),
            None => Val::default(),
        }
    }

    /// Loads a text the user wrote; it is remembered for the unfilled-text check.
    pub fn text(&mut self, t: &Text, field: &str) -> TextVal {
        let mut v = TextVal { text: t.get().trim().to_string(), span: self.span(t) };
        // Names are short; paragraphs are long but bounded: a runaway value (a pasted
        // document, a generated file) would otherwise make a gigabyte PDF.
        let limit = if field.ends_with("name") { MAX_NAME_CHARS } else { MAX_TEXT_CHARS };
        let n = v.text.chars().count();
        if n > limit {
            self.findings.push(
                Finding::error("Y-TEXT-LONG", field, format!("文字过长：{n} 个字符，此处最多 {limit} 个"))
                    .at(v.span.map(|s| SrcSpan { end: s.start + 1, ..s }))
                    .hint("核对是否误粘贴了整段文件；长文字请分段写"),
            );
            v.text = v.text.chars().take(limit).collect();
        }
        self.texts.push((field.to_string(), v.clone()));
        v
    }

    pub fn opt_text(&mut self, t: &Option<Text>, field: &str) -> Option<TextVal> {
        t.as_ref().map(|t| self.text(t, field)).filter(|t| !t.is_empty())
    }

    fn three(&mut self, t: &source::ThreeItems, field: &str) -> Three {
        [
            self.amount(&t.abroad, &format!("{field}.abroad")),
            self.amount(&t.vehicle_purchase, &format!("{field}.vehicle_purchase")),
            self.amount(&t.vehicle_operation, &format!("{field}.vehicle_operation")),
            self.amount(&t.reception, &format!("{field}.reception")),
        ]
    }

    /// Checks a function code's shape and resolves its name (typed override first).
    fn function_code(&mut self, code: &Text, name: &Option<Text>, field: &str, want: &[usize]) -> Option<(String, String)> {
        let c = code.get().trim().to_string();
        let span = self.span(code);
        if !c.chars().all(|ch| ch.is_ascii_digit()) || !want.contains(&c.len()) {
            let lens: Vec<String> = want.iter().map(|l| l.to_string()).collect();
            self.findings.push(
                Finding::error("Y-CODE-FORMAT", format!("{field}.code"), "功能分类科目编码格式错误")
                    .at(span)
                    .expected(format!("{} 位数字编码", lens.join("/")))
                    .actual(format!("{c:?}"))
                    .hint("编码要加引号写成字符串，如 code: \"2010301\""),
            );
            return None;
        }
        let official = self.cat.function_name(&c);
        let resolved = match name {
            Some(n) if !n.get().trim().is_empty() => {
                let typed = n.get().trim();
                // A name typed for a known code must be the year's official one (seed 002
                // still printed the pre-2018 "医疗卫生与计划生育").
                if let Some(o) = official.filter(|o| *o != typed) {
                    self.findings.push(
                        Finding::warning("Y-CODE-NAME", format!("{field}.name"), format!("科目 {c} 的本年度名称是“{o}”"))
                            .at(self.span(n))
                            .expected(o.to_string())
                            .actual(typed.to_string())
                            .hint("删去 name，名称由科目目录提供"),
                    );
                }
                Some(typed.to_string())
            }
            _ => official.map(str::to_string),
        };
        match resolved {
            Some(n) => Some((c, n)),
            None => {
                self.findings.push(
                    Finding::error("Y-CODE-UNKNOWN", format!("{field}.code"), format!("科目编码 {c} 不在本年度支出功能分类科目目录中"))
                        .at(span)
                        .expected("data/function-codes.yaml 中的编码")
                        .actual(c.clone())
                        .hint("核对编码；若为新增科目，在该行加 name: 写明科目名称"),
                );
                None
            }
        }
    }
}

pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let mut it = s.trim().split('-');
    let y: u32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if it.next().is_some() || !(1..=days).contains(&d) {
        return None;
    }
    Some((y, m, d))
}

/// Builds the model. Problems go to `ld.findings`; the model is still returned so that the
/// later checks can report theirs too.
pub fn build(src: &source::Source, ld: &mut Loader) -> Model {
    let mut m = Model { city: src.city.as_ref().map(|c| c.get().clone()).unwrap_or_else(|| "hubei".into()), ..Default::default() };
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

    // Expenditure: 7-digit rows are facts, 3/5-digit rows are typed subtotals.
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

    // Income by function: typed, or derived from the fiscal spending of each row.
    if let Some(rows) = &src.income_by_function {
        m.income_typed = true;
        for (i, r) in rows.iter().enumerate() {
            let field = format!("income_by_function[{i}]");
            let vals = [
                ld.opt_amount(&r.general, &format!("{field}.general")).v,
                ld.opt_amount(&r.gov_fund, &format!("{field}.gov_fund")).v,
                ld.opt_amount(&r.state_capital, &format!("{field}.state_capital")).v,
                ld.opt_amount(&r.superior, &format!("{field}.superior")).v,
                ld.opt_amount(&r.business, &format!("{field}.business")).v,
                ld.opt_amount(&r.operating, &format!("{field}.operating")).v,
                ld.opt_amount(&r.affiliated, &format!("{field}.affiliated")).v,
                ld.opt_amount(&r.other, &format!("{field}.other")).v,
            ];
            if let Some((code, name)) = ld.function_code(&r.code, &r.name, &field, &[7]) {
                m.income.push(IncomeLine { code, name, amounts: vals });
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
            m.income.push(IncomeLine { code: e.code.clone(), name: e.name.clone(), amounts });
        }
    }

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
        let Some(name) = name else {
            ld.findings.push(
                Finding::error("Y-CODE-UNKNOWN", format!("{field}.code"), format!("经济分类科目编码 {c} 不在目录中"))
                    .at(span).expected("data/economic-codes.yaml 中的编码").actual(c.clone())
                    .hint("核对编码；若为新增科目，在该行加 name: 写明科目名称"),
            );
            continue;
        };
        let line = EconLine { code: c, name, amount, field };
        if line.code.len() == 3 { m.econ_subtotals.push(line) } else { m.econ.push(line) }
    }

    for (i, r) in src.initial_budget.iter().enumerate() {
        let field = format!("initial_budget[{i}]");
        let amount = ld.amount(&r.amount, &format!("{field}.amount"));
        let reason = ld.opt_text(&r.reason, &format!("{field}.reason"));
        if let Some((code, name)) = ld.function_code(&r.code, &None, &field, &[3, 7]) {
            m.budget.push(BudgetLine { code, name, amount, reason, field });
        }
    }

    let tp = &src.three_public;
    m.three_budget = ld.three(&tp.budget, "three_public.budget");
    m.three_actual = ld.three(&tp.actual, "three_public.actual");
    m.three_reasons = [
        ld.opt_text(&tp.reasons.abroad, "three_public.reasons.abroad"),
        ld.opt_text(&tp.reasons.vehicle, "three_public.reasons.vehicle"),
        ld.opt_text(&tp.reasons.reception, "three_public.reasons.reception"),
        ld.opt_text(&tp.reasons.change, "three_public.reasons.change"),
    ];
    m.office_operation = ld.amount(&src.office_operation, "office_operation");
    m.procurement = [
        ld.amount(&src.procurement.goods, "procurement.goods"),
        ld.amount(&src.procurement.works, "procurement.works"),
        ld.amount(&src.procurement.services, "procurement.services"),
    ];
    m.vehicles = *src.assets.vehicles.get();
    m.equipment = [src.assets.general_equipment.as_ref().map(|v| *v.get()).unwrap_or(0), src.assets.special_equipment.as_ref().map(|v| *v.get()).unwrap_or(0)];
    m.organization = ld.opt_text(&src.department.organization, "department.organization");
    let act = &src.three_public.activity;
    m.three_activity = [&act.abroad_groups, &act.abroad_people, &act.reception_groups, &act.reception_people].map(|v| v.as_ref().map(|v| *v.get()).unwrap_or(0));
    m.office_budget = src.office_operation_budget.as_ref().map(|a| ld.amount(a, "office_operation_budget"));
    m.reason_office_budget = ld.opt_text(&src.reasons.office_operation_vs_budget, "reasons.office_operation_vs_budget");
    m.meetings_training = src.general_spending.as_ref().map(|g| [ld.opt_amount(&g.meetings, "general_spending.meetings"), ld.opt_amount(&g.training, "general_spending.training")]);
    m.procurement_sme = src.procurement.sme.as_ref().map(|a| ld.amount(a, "procurement.sme"));
    m.procurement_small = src.procurement.small_micro.as_ref().map(|a| ld.amount(a, "procurement.small_micro"));
    m.other_matters = src.other_matters.iter().enumerate().map(|(i, t)| ld.text(t, &format!("other_matters[{i}]"))).collect();
    m.templates = ld.opt_text(&src.templates, "templates");
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
    if let Some(p) = &src.prior_year {
        m.prior_total = ld.amount(&p.total, "prior_year.total");
        m.prior_fiscal_total = ld.amount(&p.fiscal_total, "prior_year.fiscal_total");
        m.prior_general_spend = ld.amount(&p.general_budget_spend, "prior_year.general_budget_spend");
        m.three_prior = ld.three(&p.three_public, "prior_year.three_public");
        m.prior_office_operation = ld.amount(&p.office_operation, "prior_year.office_operation");
        m.prior_typed = true;
    } else if src.prior.is_none() {
        ld.findings.push(
            Finding::error("Y-MISSING-FIELD", "prior_year", "缺少上年数：既没有 prior（上年文件），也没有 prior_year（上年决算数）")
                .at(ld.span(&src.department.name))
                .hint("写 prior: ../2019/本部门.yaml 指向上年文件，或在 prior_year 中填写上年决算数"),
        );
    }
    m.reason_total = ld.opt_text(&src.reasons.total_change, "reasons.total_change");
    m.reason_fiscal = ld.opt_text(&src.reasons.fiscal_change, "reasons.fiscal_change").or_else(|| m.reason_total.clone());
    m.reason_general = ld.opt_text(&src.reasons.general_budget_change, "reasons.general_budget_change").or_else(|| m.reason_fiscal.clone());
    m.reason_office = ld.opt_text(&src.reasons.office_operation_change, "reasons.office_operation_change");
    m.reason_office_vs_public = ld.opt_text(&src.reasons.office_operation_vs_public, "reasons.office_operation_vs_public");

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
    if let Some(t) = &src.totals {
        let list: [(&'static str, &Option<Amt>, &str); 8] = [
            ("本年收入合计", &t.income, "totals.income"),
            ("本年支出合计", &t.expenditure, "totals.expenditure"),
            ("基本支出合计", &t.basic, "totals.basic"),
            ("项目支出合计", &t.project, "totals.project"),
            ("人员经费合计", &t.personnel, "totals.personnel"),
            ("公用经费合计", &t.public, "totals.public"),
            ("“三公”经费决算合计", &t.three_public, "totals.three_public"),
            ("政府采购支出总额", &t.procurement, "totals.procurement"),
        ];
        for (label, a, field) in list {
            if let Some(a) = a {
                let v = ld.amount(a, field);
                m.typed_totals.push((label, v, field.to_string()));
            }
        }
    }
    m
}

fn fund_amounts(ld: &mut Loader, f: &source::FundAmounts, field: &str) -> [Val; 4] {
    [
        ld.opt_amount(&f.general, &format!("{field}.general")),
        ld.opt_amount(&f.gov_fund, &format!("{field}.gov_fund")),
        ld.opt_amount(&f.state_capital, &format!("{field}.state_capital")),
        ld.opt_amount(&f.non_fiscal, &format!("{field}.non_fiscal")),
    ]
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
    pub closing: [Decimal; 4],
    /// Where `prior:` was typed, for findings.
    pub span: Option<SrcSpan>,
}

impl PriorFigures {
    pub fn from(m: &Model, f: &crate::figures::Figures, span: Option<SrcSpan>) -> PriorFigures {
        PriorFigures {
            year: m.year,
            total: f.grand_total,
            fiscal_total: f.fiscal_grand_total,
            general_spend: f.general_total,
            three: [m.three_actual[0].v, m.three_actual[1].v, m.three_actual[2].v, m.three_actual[3].v],
            office_operation: m.office_operation.v,
            closing: f.closing,
            span,
        }
    }
}

/// Uses last year's figures: typed `prior_year` values must agree with them (a figure typed
/// anyway is checked, never trusted); absent ones are filled in.
pub fn apply_prior(m: &mut Model, p: &PriorFigures, out: &mut Vec<Finding>) {
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
    const THREE: [&str; 4] = ["abroad", "vehicle_purchase", "vehicle_operation", "reception"];
    for k in 0..4 {
        if typed && m.three_prior[k].v != p.three[k] {
            out.push(
                Finding::error("X-PRIOR", format!("prior_year.three_public.{}", THREE[k]), "填写的上年“三公”经费与上年文件不一致")
                    .at(m.three_prior[k].span)
                    .expected(fmt(p.three[k]))
                    .actual(fmt(m.three_prior[k].v)),
            );
        }
    }
    for k in 0..4 {
        m.three_prior[k] = Val { v: p.three[k], span: m.three_prior[k].span.or(p.span) };
    }
    // 年初结转和结余 must be last year's 年末结转和结余, fund by fund.
    const KEYS: [&str; 4] = ["general", "gov_fund", "state_capital", "non_fiscal"];
    for k in 0..4 {
        if m.opening[k].v != p.closing[k] {
            out.push(
                Finding::error("X-PRIOR-CARRYOVER", format!("carryover.opening.{}", KEYS[k]), "年初结转和结余不等于上年年末结转和结余")
                    .at(m.opening[k].span.or(p.span))
                    .expected(fmt(p.closing[k]))
                    .actual(fmt(m.opening[k].v))
                    .hint("年初结转和结余应与上年决算的年末结转和结余一致"),
            );
        }
    }
}
