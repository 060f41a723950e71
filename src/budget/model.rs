//! The typed 部门预算公开: every fact of `source` with exact money and its place, loaded
//! through `core::loader` so each malformed value is one finding and loading goes on.
//! Nothing is summed here (`figures` does that).

use super::source::{self, BudgetSource, Category, Fund};
use crate::core::diag::Finding;
use crate::core::loader::{parse_date, Loader, TextVal, Val};
use crate::core::source::{Amt, Text};

#[derive(Debug, Default)]
pub struct Model {
    pub name: String,
    pub short_name: String,
    pub level: String,
    pub year: u32,
    pub published: (u32, u32, u32),
    pub code: Option<String>,
    pub functions: Vec<TextVal>,
    /// 机构设置: 单位名称, 单位性质, 单位规格, 经费保障形式.
    pub units: Vec<[String; 4]>,
    pub lines: Vec<Line>,
    pub econ: Vec<EconLine>,
    pub projects: Vec<Project>,
    /// 因公出国（境）, 公务用车购置, 公务用车运行维护, 公务接待.
    pub three: [Val; 4],
    pub office_operation: Val,
    pub office_uses: Option<TextVal>,
    pub prior: Option<Prior>,
    pub reasons: Reasons,
    pub performance: Option<Performance>,
    pub procurement: Vec<Purchase>,
    pub assets: Assets,
    pub other_notes: Vec<TextVal>,
}

/// One 项-level line: its function code and name, fund source, 基本 and 项目 amounts.
#[derive(Debug, Clone)]
pub struct Line {
    pub code: String,
    pub name: String,
    pub fund: Fund,
    pub basic: Val,
    pub project: Val,
    pub field: String,
}

#[derive(Debug, Clone)]
pub struct EconLine {
    pub code: String,
    pub name: String,
    pub amount: Val,
    pub field: String,
}

#[derive(Debug, Clone)]
pub struct Project {
    pub name: String,
    pub fund: Fund,
    pub amount: Val,
    pub to_lower: bool,
    pub field: String,
}

/// Last year's budget: from `prior:` (the file) or `prior_year` (typed).
#[derive(Debug, Clone, Default)]
pub struct Prior {
    pub total: Val,
    pub basic: Val,
    pub project: Val,
    pub three: Option<[Val; 4]>,
    pub office_operation: Option<Val>,
    /// Typed in `prior_year` (else taken from the linked file).
    pub typed: bool,
}

#[derive(Debug, Default)]
pub struct Reasons {
    pub basic: Option<TextVal>,
    pub project: Option<TextVal>,
    pub three_public: Option<TextVal>,
    pub office_operation: Option<TextVal>,
}

#[derive(Debug, Default)]
pub struct Performance {
    pub overall: Vec<TextVal>,
    /// (name, goal, indicators)
    pub items: Vec<(TextVal, TextVal, TextVal)>,
    pub measures: Vec<TextVal>,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Default)]
pub struct Indicator {
    pub level1: TextVal,
    pub level2: TextVal,
    pub name: TextVal,
    pub description: TextVal,
    pub standard: TextVal,
    pub sign: TextVal,
    pub value: TextVal,
    pub unit: TextVal,
    pub basis: TextVal,
    pub field: String,
    /// The whole row, for a row with nothing in it.
    pub span: Option<crate::core::diag::SrcSpan>,
}

#[derive(Debug, Clone)]
pub struct Purchase {
    pub project: String,
    pub item: String,
    pub category: Category,
    pub catalogue_no: String,
    pub unit: String,
    pub quantity: Option<Val>,
    pub unit_price: Option<Val>,
    /// 一般公共预算拨款, 基金预算拨款, 财政专户核拨, 其他来源收入.
    pub funds: [Val; 4],
    pub field: String,
    /// Where the item was named.
    pub span: Option<crate::core::diag::SrcSpan>,
}

/// 部门固定资产占用情况表 rows: (quantity, value), each optional.
#[derive(Debug, Default)]
pub struct Assets {
    pub as_of: (u32, u32, u32),
    pub buildings: (Option<Val>, Option<Val>),
    pub office_buildings: (Option<Val>, Option<Val>),
    pub vehicles: (Option<Val>, Option<Val>),
    pub equipment: (Option<Val>, Option<Val>),
    pub other: (Option<Val>, Option<Val>),
    /// (name, quantity, amount)
    pub planned: Vec<(String, Option<Val>, Val)>,
}

pub fn build(src: &BudgetSource, ld: &mut Loader) -> Model {
    let mut m = Model::default();
    department(src, ld, &mut m);
    lines(src, ld, &mut m);
    economic(src, ld, &mut m);
    projects(src, ld, &mut m);
    three_and_office(src, ld, &mut m);
    m.prior = prior_year(src, ld);
    m.reasons = Reasons {
        basic: ld.opt_text(&src.reasons.basic, "reasons.basic"),
        project: ld.opt_text(&src.reasons.project, "reasons.project"),
        three_public: ld.opt_text(&src.reasons.three_public, "reasons.three_public"),
        office_operation: ld.opt_text(&src.reasons.office_operation, "reasons.office_operation"),
    };
    m.performance = src.performance.as_ref().map(|p| performance(p, ld));
    m.procurement = src.procurement.iter().enumerate().map(|(i, p)| purchase(p, ld, &format!("procurement[{i}]"))).collect();
    m.assets = assets(&src.assets, ld);
    m.other_notes = src.other_notes.iter().enumerate().map(|(i, t)| ld.text(t, &format!("other_notes[{i}]"))).filter(|t| !t.is_empty()).collect();
    ld.finish_codes();
    m
}

fn department(src: &BudgetSource, ld: &mut Loader, m: &mut Model) {
    let d = &src.department;
    m.name = ld.text(&d.name, "department.name").text;
    m.short_name = d.short_name.as_ref().map(|s| s.get().trim().to_string()).unwrap_or_else(|| m.name.clone());
    m.level = d.level.get().trim().to_string();
    m.year = *d.year.get();
    if !(2000..=2100).contains(&m.year) {
        ld.findings.push(Finding::error("Y-YEAR", "department.year", "年度不在合理范围").at(ld.span(&d.year)).expected("2000–2100 的四位年份").actual(m.year.to_string()));
    }
    m.published = date(ld, &d.published, "department.published");
    m.code = src.code.as_ref().map(|c| c.get().trim().to_string()).filter(|c| !c.is_empty());
    for (i, f) in src.functions.iter().enumerate() {
        let t = ld.text(f, &format!("functions[{i}]"));
        if t.is_empty() {
            ld.findings.push(Finding::error("Y-EMPTY-TEXT", format!("functions[{i}]"), "职责描述为空").at(t.span));
        } else {
            m.functions.push(t);
        }
    }
    for (i, u) in src.units.iter().enumerate() {
        let f = format!("units[{i}]");
        m.units.push([ld.text(&u.name, &format!("{f}.name")).text, ld.text(&u.nature, &format!("{f}.nature")).text, ld.text(&u.rank, &format!("{f}.rank")).text, ld.text(&u.funding, &format!("{f}.funding")).text]);
    }
}

fn date(ld: &mut Loader, t: &Text, field: &str) -> (u32, u32, u32) {
    match parse_date(t.get()) {
        Some(p) => p,
        None => {
            ld.findings.push(Finding::error("Y-DATE", field, "日期格式错误").at(ld.span(t)).expected("YYYY-MM-DD，如 2021-02-10").actual(format!("{:?}", t.get())));
            (0, 0, 0)
        }
    }
}

fn lines(src: &BudgetSource, ld: &mut Loader, m: &mut Model) {
    for (i, l) in src.lines.iter().enumerate() {
        let field = format!("lines[{i}]");
        let basic = ld.opt_amount(&l.basic, &format!("{field}.basic"));
        let project = ld.opt_amount(&l.project, &format!("{field}.project"));
        let fund = l.fund.as_ref().map(|f| *f.get()).unwrap_or(Fund::General);
        if let Some((code, name)) = ld.function_code(&l.code, &l.name, &field, &[7]) {
            m.lines.push(Line { code, name, fund, basic, project, field });
        }
    }
}

fn economic(src: &BudgetSource, ld: &mut Loader, m: &mut Model) {
    for (i, r) in src.basic_by_economic.iter().enumerate() {
        let field = format!("basic_by_economic[{i}]");
        let amount = ld.amount(&r.amount, &format!("{field}.amount"));
        let c = r.code.get().trim().to_string();
        let span = ld.span(&r.code);
        if !c.chars().all(|ch| ch.is_ascii_digit()) || c.len() != 5 {
            ld.findings.push(Finding::error("Y-CODE-FORMAT", format!("{field}.code"), "经济分类科目编码格式错误").at(span).expected("5 位（款级）数字编码，加引号，如 \"30101\"").actual(format!("{c:?}")));
            continue;
        }
        let name = match &r.name {
            Some(n) => n.get().trim().to_string(),
            None => ld.cat.economic_name(&c).map(str::to_string).unwrap_or_else(|| {
                let year = ld.cat.year;
                ld.findings.push(
                    Finding::error("Y-CODE-UNKNOWN", format!("{field}.code"), format!("经济分类科目编码 {c} 不在 {year} 年度的经济分类科目中"))
                        .at(span)
                        .actual(c.clone())
                        .hint(format!("用 gen-report codes {} --economic --year {year} 查找编码；若为新增科目，在该行加 name: 写明科目名称", &c[..3])),
                );
                String::new()
            }),
        };
        m.econ.push(EconLine { code: c, name, amount, field });
    }
}

fn projects(src: &BudgetSource, ld: &mut Loader, m: &mut Model) {
    for (i, p) in src.projects.iter().enumerate() {
        let field = format!("projects[{i}]");
        let name = ld.text(&p.name, &format!("{field}.name"));
        if name.is_empty() {
            ld.findings.push(Finding::error("Y-EMPTY-TEXT", format!("{field}.name"), "项目名称为空").at(name.span));
        }
        let amount = ld.amount(&p.amount, &format!("{field}.amount"));
        let fund = p.fund.as_ref().map(|f| *f.get()).unwrap_or(Fund::General);
        let to_lower = p.to_lower.as_ref().is_some_and(|b| *b.get());
        m.projects.push(Project { name: name.text, fund, amount, to_lower, field });
    }
}

fn three_items(t: &source::ThreePublic, ld: &mut Loader, field: &str) -> [Val; 4] {
    [
        ld.amount(&t.abroad, &format!("{field}.abroad")),
        ld.amount(&t.vehicle_purchase, &format!("{field}.vehicle_purchase")),
        ld.amount(&t.vehicle_operation, &format!("{field}.vehicle_operation")),
        ld.amount(&t.reception, &format!("{field}.reception")),
    ]
}

fn three_and_office(src: &BudgetSource, ld: &mut Loader, m: &mut Model) {
    m.three = three_items(&src.three_public, ld, "three_public");
    m.office_operation = ld.amount(&src.office_operation.amount, "office_operation.amount");
    m.office_uses = ld.opt_text(&src.office_operation.uses, "office_operation.uses");
}

fn prior_year(src: &BudgetSource, ld: &mut Loader) -> Option<Prior> {
    let p = src.prior_year.as_ref()?;
    Some(Prior {
        total: ld.amount(&p.total, "prior_year.total"),
        basic: ld.amount(&p.basic, "prior_year.basic"),
        project: ld.amount(&p.project, "prior_year.project"),
        three: p.three_public.as_ref().map(|t| three_items(t, ld, "prior_year.three_public")),
        office_operation: p.office_operation.as_ref().map(|a| ld.amount(a, "prior_year.office_operation")),
        typed: true,
    })
}

fn performance(p: &source::Performance, ld: &mut Loader) -> Performance {
    let texts = |ld: &mut Loader, list: &[Text], key: &str| -> Vec<TextVal> { list.iter().enumerate().map(|(i, t)| ld.text(t, &format!("performance.{key}[{i}]"))).filter(|t| !t.is_empty()).collect() };
    let overall = texts(ld, &p.overall, "overall");
    let measures = texts(ld, &p.measures, "measures");
    let items = p
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let f = format!("performance.items[{i}]");
            (ld.text(&it.name, &format!("{f}.name")), ld.text(&it.goal, &format!("{f}.goal")), ld.text(&it.indicators, &format!("{f}.indicators")))
        })
        .collect();
    let indicators = p.indicators.iter().enumerate().map(|(i, r)| {
        let span = ld.span(r);
        Indicator { span, ..indicator(r.get(), ld, format!("performance.indicators[{i}]")) }
    }).collect();
    Performance { overall, items, measures, indicators }
}

fn indicator(r: &source::Indicator, ld: &mut Loader, field: String) -> Indicator {
    let mut t = |v: &Option<Text>, key: &str| -> TextVal { ld.opt_text(v, &format!("{field}.{key}")).unwrap_or_default() };
    Indicator {
        level1: t(&r.level1, "level1"),
        level2: t(&r.level2, "level2"),
        name: t(&r.name, "name"),
        description: t(&r.description, "description"),
        standard: t(&r.standard, "standard"),
        sign: t(&r.sign, "sign"),
        value: t(&r.value, "value"),
        unit: t(&r.unit, "unit"),
        basis: t(&r.basis, "basis"),
        field,
        span: None,
    }
}

fn purchase(p: &source::Purchase, ld: &mut Loader, field: &str) -> Purchase {
    let opt = |ld: &mut Loader, a: &Option<Amt>, key: &str| a.as_ref().map(|a| ld.amount(a, &format!("{field}.{key}")));
    let quantity = opt(ld, &p.quantity, "quantity");
    let unit_price = opt(ld, &p.unit_price, "unit_price");
    let funds = [
        ld.opt_amount(&p.general, &format!("{field}.general")),
        ld.opt_amount(&p.gov_fund, &format!("{field}.gov_fund")),
        ld.opt_amount(&p.special, &format!("{field}.special")),
        ld.opt_amount(&p.other, &format!("{field}.other")),
    ];
    let text = |ld: &mut Loader, t: &Option<Text>, key: &str| ld.opt_text(t, &format!("{field}.{key}")).map(|t| t.text).unwrap_or_default();
    let item = ld.text(&p.item, &format!("{field}.item"));
    Purchase {
        project: ld.text(&p.project, &format!("{field}.project")).text,
        span: item.span,
        item: item.text,
        category: *p.category.get(),
        catalogue_no: text(ld, &p.catalogue_no, "catalogue_no"),
        unit: text(ld, &p.unit, "unit"),
        quantity,
        unit_price,
        funds,
        field: field.to_string(),
    }
}

fn assets(a: &source::Assets, ld: &mut Loader) -> Assets {
    let holding = |ld: &mut Loader, h: &Option<source::Holding>, key: &str| -> (Option<Val>, Option<Val>) {
        match h {
            Some(h) => (h.quantity.as_ref().map(|q| ld.amount(q, &format!("assets.{key}.quantity"))), h.value.as_ref().map(|v| ld.amount(v, &format!("assets.{key}.value")))),
            None => (None, None),
        }
    };
    Assets {
        as_of: date(ld, &a.as_of, "assets.as_of"),
        buildings: holding(ld, &a.buildings, "buildings"),
        office_buildings: holding(ld, &a.office_buildings, "office_buildings"),
        vehicles: holding(ld, &a.vehicles, "vehicles"),
        equipment: holding(ld, &a.equipment, "equipment"),
        other: holding(ld, &a.other, "other"),
        planned: a
            .planned
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let f = format!("assets.planned[{i}]");
                (ld.text(&p.name, &format!("{f}.name")).text, p.quantity.as_ref().map(|q| ld.amount(q, &format!("{f}.quantity"))), ld.amount(&p.amount, &format!("{f}.amount")))
            })
            .collect(),
    }
}
