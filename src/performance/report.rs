//! 部门整体支出绩效自评报告 as a document of its own (`document: performance_report`):
//! the Hunan skeleton of seeds 001, 003 and seed 000's annex (一 基本情况 … 十 其他). Its
//! numeric sentences are computed; its prose is the user's. Project self-evaluation tables
//! reuse `project`.

use super::project::{self, ProjectEvaluation};
use super::source::ProjectEval;
use crate::core::diag::Finding;
use crate::core::loader::{parse_date, Loader, TextVal, Val};
use crate::core::money::{cn, MoneyStyle};
use crate::core::narrative::sentence;
use crate::core::source::{AcceptedWarning, Amt, Department, Sp, Text};
use crate::core::catalog;
use crate::core::prose;
use crate::kind::{Input, Kind, Loaded, Summary};
use crate::render::profile::Profile;
use crate::render::templates::Skeleton;
use crate::render::view::{Cell, Document, Table};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

pub struct PerformanceReportKind;

/// The stand-alone 部门整体支出绩效自评报告 kind, as the registry lists it.
pub static KIND: PerformanceReportKind = PerformanceReportKind;

impl Kind for PerformanceReportKind {
    fn id(&self) -> &'static str {
        "performance_report"
    }
    fn label(&self) -> &'static str {
        "整体支出绩效自评报告"
    }
    fn schema(&self) -> schemars::Schema {
        schemars::schema_for!(PerfReportSource)
    }
    fn skeleton(&self) -> Skeleton {
        Skeleton { text: include_str!("../../templates/init/performance_report.yaml"), suffix: "-performance" }
    }
    fn load(&self, input: &mut Input) -> Result<Box<dyn Loaded>, serde_saphyr::Error> {
        let src: PerfReportSource = input.parse()?;
        let profile = input.profile(src.city.as_ref(), None, "hunan");
        let cat = catalog::builtin(*src.department.year.get());
        let mut ld = Loader::new(input.file, &cat, profile.money);
        let report = build(&src, &mut ld, &profile);
        input.findings.append(&mut ld.findings);
        prose::check(&ld.texts, input.text, report.year, &mut input.findings);
        omitted_sections(&src, input);
        input.accept_warnings(&src.accepted_warnings);
        Ok(Box::new(Checked { report, profile }))
    }
}

/// 七 存在的问题, 八 改进措施 and 九 结果应用 must be said: an omitted one prints "无。", which
/// is the same answer R-EMPTY-SECTION warns about when typed, so it is warned about too,
/// at the top of the file, with the line to add.
fn omitted_sections(src: &PerfReportSource, input: &mut Input) {
    let span = input.span(&src.document);
    for (key, value, what) in [("problems", &src.problems, "七、存在的问题及原因分析"), ("measures", &src.measures, "八、下一步改进措施"), ("application", &src.application, "九、绩效自评结果拟应用和公开情况")] {
        if value.is_none() {
            input.findings.push(
                Finding::warning("R-EMPTY-SECTION", key, format!("必须说明的一节“{what}”没有填写，报告中将印“无。”"))
                    .at(span)
                    .expected(format!("{key}: 该节的实际情况"))
                    .actual("（未填写）")
                    .hint(format!("在文件中加一行 {key}: 写明本年度的实际情况；确实没有时写一句理由，或在 accepted_warnings 中接受 R-EMPTY-SECTION")),
            );
        }
    }
}

/// A checked stand-alone report with the profile it is rendered with.
struct Checked {
    report: PerfReport,
    profile: Profile,
}

impl Loaded for Checked {
    fn profile(&self) -> &Profile {
        &self.profile
    }
    fn document(&self) -> Result<Document, String> {
        Ok(document(&self.report, &self.profile))
    }
    fn summary(&self) -> Summary {
        Summary { name: self.report.name.clone(), year: self.report.year, label: KIND.label(), totals: Vec::new(), catalogue: None }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// 部门整体支出绩效自评报告的源数据。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerfReportSource {
    /// 文档类型：performance_report。
    pub document: Text,
    /// 城市模板，默认 hunan。
    #[serde(default)]
    pub city: Option<Text>,
    pub department: Department,
    /// 一、基本情况。
    pub basics: Basics,
    /// 年初预算资金（可选）。
    #[serde(default)]
    pub initial_budget: Option<Amt>,
    /// 一般公共预算财政拨款收入（可选）。
    #[serde(default)]
    pub income: Option<Amt>,
    /// 一般公共预算基本支出。
    pub basic: BasicSpend,
    /// 项目（专项）支出，每个项目一次。
    #[serde(default)]
    pub projects: Vec<PerfProject>,
    /// 政府性基金、国有资本经营、社会保险基金预算支出；省略为 0（“无”）。
    #[serde(default)]
    pub other_funds: OtherFunds,
    /// 六（一）整体支出绩效情况，分段填写。
    pub overall: Vec<Text>,
    /// 附件1 部门（单位）整体支出绩效评价基础数据表（可选）。
    #[serde(default)]
    pub basic_data: Option<BasicData>,
    /// 附件2 部门（单位）整体支出绩效自评表（可选）。
    #[serde(default)]
    pub overall_evaluation: Option<OverallEval>,
    /// 七、存在的问题及原因分析（没有时省略，印“无”）。
    #[serde(default)]
    pub problems: Option<Text>,
    /// 八、下一步改进措施。
    #[serde(default)]
    pub measures: Option<Text>,
    /// 九、绩效自评结果拟应用和公开情况。
    #[serde(default)]
    pub application: Option<Text>,
    /// 十、其他需要说明的情况。
    #[serde(default)]
    pub other: Option<Text>,
    /// 已核实、接受的警告：写明规则编号和理由后，该规则的警告不再显示（错误不能接受）。
    #[serde(default)]
    pub accepted_warnings: Vec<AcceptedWarning>,
}

/// 上年决算数、本年预算数、本年决算数。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Triple {
    /// 上年决算数（“——”处省略）。
    #[serde(default)]
    pub prior: Option<Amt>,
    /// 本年预算数。
    #[serde(default)]
    pub budget: Option<Amt>,
    /// 本年决算数。
    #[serde(default)]
    pub actual: Option<Amt>,
}

/// 一行：名称 + 三个数，可带子项。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NamedTriple {
    pub name: Text,
    #[serde(default)]
    pub prior: Option<Amt>,
    #[serde(default)]
    pub budget: Option<Amt>,
    #[serde(default)]
    pub actual: Option<Amt>,
    /// 子项（如专项资金下的各个项目），合计必须等于本行。
    #[serde(default)]
    pub items: Vec<NamedTriple>,
}

/// 附件1 整体支出绩效评价基础数据表。合计（“三公”经费、项目支出、公用经费）由程序计算。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasicData {
    /// “三公”经费各项：上年决算、本年预算、本年决算。
    pub vehicle_purchase: Triple,
    pub vehicle_operation: Triple,
    pub abroad: Triple,
    pub reception: Triple,
    /// 项目支出按类别（业务工作经费、运行维护经费、专项资金……）。本年决算合计必须等于各项目实际支出之和。
    pub project_types: Vec<NamedTriple>,
    /// 公用经费：上年决算、本年预算（本年决算取自 basic.public）。
    pub public: Triple,
    /// 公用经费中的明细（办公经费等）。
    #[serde(default)]
    pub public_items: Vec<NamedTriple>,
    /// 政府采购金额：本年预算、本年决算。
    #[serde(default)]
    pub procurement: Option<Triple>,
    /// 部门基本支出预算调整。
    #[serde(default)]
    pub basic_adjustment: Option<Triple>,
    /// 厉行节约保障措施。
    #[serde(default)]
    pub thrift: Option<Text>,
}

/// 部门整体支出绩效自评表：年度资金和整体绩效指标。全年执行数 = 基本支出 + 各项目实际支出，由程序计算。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverallEval {
    /// 年初预算数。
    pub initial_budget: Amt,
    /// 全年预算数（执行率的基数）。
    pub budget: Amt,
    /// 按收入性质分的资金。
    #[serde(default)]
    pub income: IncomeNature,
    /// 年度总体目标与绩效指标（与项目自评表相同的写法）。
    pub evaluation: ProjectEval,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeNature {
    /// 一般公共预算。
    #[serde(default)]
    pub general: Option<Amt>,
    /// 政府性基金拨款。
    #[serde(default)]
    pub gov_fund: Option<Amt>,
    /// 纳入专户管理的非税收入拨款。
    #[serde(default)]
    pub special_account: Option<Amt>,
    /// 其他资金。
    #[serde(default)]
    pub other: Option<Amt>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Basics {
    /// 职责前的介绍，如：株洲市信访局为株洲市人民政府正处级行政单位，主要职责：
    pub intro: Text,
    /// 主要职责，每条一项（编号由程序加）。
    pub duties: Vec<Text>,
    /// 编制人数。
    #[serde(default)]
    pub authorized_staff: Option<Sp<u32>>,
    /// 实有在职人数。
    pub active_staff: Sp<u32>,
    /// 退休人数。
    #[serde(default)]
    pub retired_staff: Option<Sp<u32>>,
    /// 机构情况（内设科室、下设单位）。
    #[serde(default)]
    pub organization: Option<Text>,
    /// 年度绩效目标（可选）：标题和内容。
    #[serde(default)]
    pub goals: Vec<Goal>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub title: Text,
    pub text: Text,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasicSpend {
    /// 人员经费。
    pub personnel: Amt,
    /// 公用经费。
    pub public: Amt,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherFunds {
    #[serde(default)]
    pub gov_fund: Option<Amt>,
    #[serde(default)]
    pub state_capital: Option<Amt>,
    #[serde(default)]
    pub social_insurance: Option<Amt>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerfProject {
    /// 项目名称（全文统一）。
    pub name: Text,
    /// 年初预算数。
    pub initial_budget: Amt,
    /// 年中执行调增（追加）数。
    #[serde(default)]
    pub added: Option<Amt>,
    /// 上年结转资金。
    #[serde(default)]
    pub carried_in: Option<Amt>,
    /// 实际支出。
    pub actual: Amt,
    /// 绩效情况（接在计算的金额句子之后）。
    #[serde(default)]
    pub text: Option<Text>,
    /// 项目支出绩效自评表（可选）。
    #[serde(default)]
    pub evaluation: Option<ProjectEval>,
}

pub struct PerfProjectModel {
    pub name: TextVal,
    pub initial: Val,
    pub added: Val,
    pub carried_in: Val,
    pub actual: Val,
    pub text: Option<TextVal>,
}

impl PerfProjectModel {
    /// 结余结转 = 年初预算 + 年中调增 + 上年结转 − 实际支出.
    pub fn balance(&self) -> Decimal {
        self.initial.v + self.added.v + self.carried_in.v - self.actual.v
    }
}

pub struct PerfReport {
    pub name: String,
    pub year: u32,
    pub published: (u32, u32, u32),
    pub intro: String,
    pub duties: Vec<String>,
    pub authorized: Option<u32>,
    pub active: u32,
    pub retired: Option<u32>,
    pub organization: Option<String>,
    pub goals: Vec<(String, String)>,
    pub initial_budget: Option<Decimal>,
    pub income: Option<Decimal>,
    pub personnel: Decimal,
    pub public: Decimal,
    pub projects: Vec<PerfProjectModel>,
    pub evals: Vec<ProjectEvaluation>,
    /// 附件1 基础数据表, as a ready table.
    pub basic_data: Option<Table>,
    /// 整体支出绩效自评 and its income by nature (一般公共预算, 政府性基金, 专户, 其他).
    pub overall_eval: Option<(ProjectEvaluation, [Decimal; 4])>,
    pub other_funds: [Decimal; 3],
    pub overall: Vec<String>,
    pub problems: Option<String>,
    pub measures: Option<String>,
    pub application: Option<String>,
    pub other: Option<String>,
}

pub fn build(src: &PerfReportSource, ld: &mut Loader, prof: &Profile) -> PerfReport {
    let d = &src.department;
    let name = ld.text(&d.name, "department.name").text;
    let year = *d.year.get();
    let published = match parse_date(d.published.get()) {
        Some(p) => p,
        None => {
            let span = ld.span(&d.published);
            ld.findings.push(Finding::error("Y-DATE", "department.published", "公开日期格式错误").at(span).expected("YYYY-MM-DD").actual(d.published.get().clone()));
            (year + 1, 1, 1)
        }
    };
    let b = &src.basics;
    let mut projects = Vec::new();
    let mut evals = Vec::new();
    for (i, p) in src.projects.iter().enumerate() {
        let f = format!("projects[{i}]");
        let pm = PerfProjectModel {
            name: ld.text(&p.name, &format!("{f}.name")),
            initial: ld.amount(&p.initial_budget, &format!("{f}.initial_budget")),
            added: ld.opt_amount(&p.added, &format!("{f}.added")),
            carried_in: ld.opt_amount(&p.carried_in, &format!("{f}.carried_in")),
            actual: ld.amount(&p.actual, &format!("{f}.actual")),
            text: ld.opt_text(&p.text, &format!("{f}.text")),
        };
        if pm.balance() < Decimal::ZERO {
            ld.findings.push(
                Finding::error("P-PROJECT-BALANCE", format!("{f}.actual"), format!("实际支出超过了可用资金：年初预算 + 调增 + 上年结转 = {}", pm.initial.v + pm.added.v + pm.carried_in.v))
                    .at(pm.actual.span)
                    .expected(format!("≤ {}", pm.initial.v + pm.added.v + pm.carried_in.v))
                    .actual(pm.actual.v.to_string())
                    .hint("补上年中调增（added）或上年结转（carried_in）"),
            );
        }
        if let Some(e) = &p.evaluation {
            // The evaluation's 预算数 is the year's available money; 执行数 the actual.
            let budget = Val { v: pm.initial.v + pm.added.v + pm.carried_in.v, span: pm.initial.span };
            if let Some(mut ev) = project::evaluate(ld, &name, &pm.name, pm.initial.v, budget, pm.actual, e, &format!("{f}.evaluation"), &prof.scoring) {
                ev.carried_in = pm.carried_in.v;
                evals.push(ev);
            }
        }
        projects.push(pm);
    }
    let personnel = ld.amount(&src.basic.personnel, "basic.personnel").v;
    let public = ld.amount(&src.basic.public, "basic.public").v;
    let overall_eval = src.overall_evaluation.as_ref().and_then(|o| {
        let initial = ld.amount(&o.initial_budget, "overall_evaluation.initial_budget");
        let budget = ld.amount(&o.budget, "overall_evaluation.budget");
        // 全年执行数 is what the report spent: basic plus every project.
        let actual = Val { v: personnel + public + projects.iter().map(|p| p.actual.v).sum::<Decimal>(), span: budget.span };
        let i = &o.income;
        let income = [
            ld.opt_amount(&i.general, "overall_evaluation.income.general").v,
            ld.opt_amount(&i.gov_fund, "overall_evaluation.income.gov_fund").v,
            ld.opt_amount(&i.special_account, "overall_evaluation.income.special_account").v,
            ld.opt_amount(&i.other, "overall_evaluation.income.other").v,
        ];
        let income_total: Decimal = income.iter().copied().sum();
        if !income_total.is_zero() && income_total != actual.v {
            let span = i.general.as_ref().and_then(|a| ld.span(a));
            ld.findings.push(
                Finding::error("P-OVERALL-INCOME", "overall_evaluation.income", "按收入性质分的资金合计不等于全年执行数（基本支出 + 项目支出）")
                    .at(span)
                    .expected(format!("{:.2}", actual.v))
                    .actual(format!("{:.2}", income_total)),
            );
        }
        let dept_name = TextVal { text: name.clone(), span: None };
        project::evaluate(ld, &name, &dept_name, initial.v, budget, actual, &o.evaluation, "overall_evaluation.evaluation", &prof.scoring).map(|e| (e, income))
    });
    let projects_total: Decimal = projects.iter().map(|p| p.actual.v).sum();
    let basic_data = src.basic_data.as_ref().map(|bd| basic_data_table(ld, bd, year, b, public, projects_total, &prof.money));
    let of = &src.other_funds;
    PerfReport {
        basic_data,
        overall_eval,
        year,
        published,
        intro: ld.text(&b.intro, "basics.intro").text,
        duties: b.duties.iter().enumerate().map(|(i, t)| ld.text(t, &format!("basics.duties[{i}]")).text).collect(),
        authorized: b.authorized_staff.as_ref().map(|s| *s.get()),
        active: *b.active_staff.get(),
        retired: b.retired_staff.as_ref().map(|s| *s.get()),
        organization: ld.opt_text(&b.organization, "basics.organization").map(|t| t.text),
        goals: b.goals.iter().enumerate().map(|(i, g)| (ld.text(&g.title, &format!("basics.goals[{i}].title")).text, ld.text(&g.text, &format!("basics.goals[{i}].text")).text)).collect(),
        initial_budget: src.initial_budget.as_ref().map(|a| ld.amount(a, "initial_budget").v),
        income: src.income.as_ref().map(|a| ld.amount(a, "income").v),
        personnel,
        public,
        projects,
        evals,
        other_funds: [
            ld.opt_amount(&of.gov_fund, "other_funds.gov_fund").v,
            ld.opt_amount(&of.state_capital, "other_funds.state_capital").v,
            ld.opt_amount(&of.social_insurance, "other_funds.social_insurance").v,
        ],
        overall: src.overall.iter().enumerate().map(|(i, t)| ld.text(t, &format!("overall[{i}]")).text).collect(),
        problems: ld.opt_text(&src.problems, "problems").map(|t| t.text),
        measures: ld.opt_text(&src.measures, "measures").map(|t| t.text),
        application: ld.opt_text(&src.application, "application").map(|t| t.text),
        other: ld.opt_text(&src.other, "other").map(|t| t.text),
        name,
    }
}

/// The document: 封面, 一–十, and 附件 项目支出绩效自评表.
pub fn document(r: &PerfReport, p: &Profile) -> Document {
    let st = &p.money;
    let y = r.year;
    let wan = |d: Decimal| format!("{}万元", st.amount(d));
    let title = format!("{y}年度{}整体支出绩效自评报告", r.name);
    let mut d = Document::new(title, r.name.clone(), p.fonts.clone());
    d.cover_lines = vec![format!("{y}年度{}", r.name), "整体支出绩效自评报告".into()];
    d.cover_note = format!("部门（单位）名称：{}", r.name);
    d.cover_date = p.date(r.published);
    d.published = Some(r.published);
    d.page = p.page.clone();
    // The title opens the first page as the heading everything else sits under (seed 001
    // repeats it there); the 目录 starts with 一、.
    d.heading_untoc(1, d.title.clone());
    d.heading(2, "一、部门（单位）基本情况");
    d.para(r.intro.clone());
    d.list(r.duties.iter().enumerate().map(|(i, t)| format!("（{}）{}", cn(i), t)).collect());
    let mut staff = String::new();
    if let Some(a) = r.authorized {
        staff.push_str(&format!("本部门共有编制人数{a}人，"));
    } else {
        staff.push_str("本部门");
    }
    staff.push_str(&format!("实有在职人数{}人", r.active));
    if let Some(rt) = r.retired {
        staff.push_str(&format!("，退休{rt}人"));
    }
    staff.push('。');
    if let Some(o) = &r.organization {
        staff.push_str(&sentence(o));
    }
    d.para(staff);
    for (i, (t, text)) in r.goals.iter().enumerate() {
        if i == 0 {
            d.heading(3, "（一）年度绩效目标");
        }
        d.para(format!("{}. {}：{}", i + 1, t, sentence(text)));
    }
    d.heading(2, "二、一般公共预算支出情况");
    d.heading(3, "（一）基本支出情况");
    let total: Decimal = r.projects.iter().map(|p| p.actual.v).sum();
    if let Some(b) = r.initial_budget {
        d.para(format!("{y}年年初预算资金{}。", wan(b)));
    }
    if let Some(inc) = r.income {
        d.para(format!("{y}年度一般公共预算财政拨款收入{}，支出{}，其中：项目支出{}，基本支出{}。", wan(inc), wan(total + r.personnel + r.public), wan(total), wan(r.personnel + r.public)));
    }
    d.para(format!("{y}年基本支出{}，其中人员经费{}，公用经费{}。", wan(r.personnel + r.public), wan(r.personnel), wan(r.public)));
    d.heading(3, "（二）项目支出情况");
    if r.projects.is_empty() {
        d.para(format!("{y}年没有项目支出。"));
    } else {
        let parts: Vec<String> = r.projects.iter().map(|p| format!("{}{}", p.name.text, wan(p.actual.v))).collect();
        d.para(format!("{y}年部门项目支出{}，其中{}。", wan(total), parts.join("，")));
    }
    for (i, (label, v)) in [("政府性基金预算支出", r.other_funds[0]), ("国有资本经营预算支出", r.other_funds[1]), ("社会保险基金预算支出", r.other_funds[2])].iter().enumerate() {
        d.heading(2, format!("{}、{}情况", cn(i + 2), label));
        if v.is_zero() {
            d.para(format!("我单位无{label}。"));
        } else {
            d.para(format!("{y}年{label}{}。", wan(*v)));
        }
    }
    d.heading(2, "六、资金使用及绩效情况");
    d.heading(3, "（一）整体支出绩效情况");
    for para in &r.overall {
        d.para(para.clone());
    }
    d.heading(3, "（二）项目支出绩效情况");
    // A name that carries its own quotation marks is not quoted again.
    let quoted = |n: &str| if n.contains('“') { n.to_string() } else { format!("“{n}”") };
    d.list(r.projects.iter().enumerate().map(|(i, p)| {
        let head = if p.initial.v.is_zero() {
            format!("{}.年中追加{}，金额{}", i + 1, quoted(&p.name.text), wan(p.added.v))
        } else {
            format!("{}.年初预算项目{}{}，年中执行调增{}", i + 1, quoted(&p.name.text), wan(p.initial.v), wan(p.added.v))
        };
        let carried = if p.carried_in.v.is_zero() { String::new() } else { format!("（含上年结转{}）", wan(p.carried_in.v)) };
        let text = p.text.as_ref().map(|t| sentence(&t.text)).unwrap_or_default();
        format!("{head}，实际支出{}{carried}，结余结转{}。{text}", wan(p.actual.v), wan(p.balance()))
    }).collect());
    let or_none = |t: &Option<String>| t.as_ref().map(|s| sentence(s)).unwrap_or_else(|| "无。".into());
    d.heading(2, "七、存在的问题及原因分析");
    d.para(or_none(&r.problems));
    d.heading(2, "八、下一步改进措施");
    d.para(or_none(&r.measures));
    d.heading(2, "九、部门整体支出绩效自评结果拟应用和公开情况");
    d.para(or_none(&r.application));
    d.heading(2, "十、其他需要说明的情况");
    d.para(or_none(&r.other));
    // Annex headings travel with their (landscape) tables so none is left alone on a page.
    if let Some(t) = &r.basic_data {
        d.page_break();
        d.table_with_heading(1, "附件：部门（单位）整体支出绩效评价基础数据表", t.clone());
    }
    if let Some((ev, income)) = &r.overall_eval {
        d.page_break();
        let t = project::table_overall(ev, *income, r.personnel + r.public, r.projects.iter().map(|p| p.actual.v).sum(), y, st);
        d.table_with_heading(1, "附件：部门（单位）整体支出绩效自评表", t);
    }
    for (i, ev) in r.evals.iter().enumerate() {
        d.page_break();
        let t = project::table(ev, y, st, format!("p{}", i + 1));
        if i == 0 {
            d.table_with_heading(1, "附件：项目支出绩效自评表", t);
        } else {
            d.table(t);
        }
    }
    d.finish(&[]);
    d
}

/// Loads a 上年/预算/决算 triple; missing values stay None (printed as “——”).
fn triple(ld: &mut Loader, t: &Triple, field: &str) -> [Option<Val>; 3] {
    [
        t.prior.as_ref().map(|a| ld.amount(a, &format!("{field}.prior"))),
        t.budget.as_ref().map(|a| ld.amount(a, &format!("{field}.budget"))),
        t.actual.as_ref().map(|a| ld.amount(a, &format!("{field}.actual"))),
    ]
}

fn sum3(rows: &[[Option<Val>; 3]]) -> [Option<Decimal>; 3] {
    let mut out = [None; 3];
    for (k, o) in out.iter_mut().enumerate() {
        if rows.iter().any(|r| r[k].is_some()) {
            *o = Some(rows.iter().filter_map(|r| r[k].map(|v| v.v)).sum());
        }
    }
    out
}

/// 附件1 部门（单位）整体支出绩效评价基础数据表 (seed 001). Totals are computed; the
/// 项目支出 and 公用经费 of this year must be the report's own figures.
fn basic_data_table(ld: &mut Loader, bd: &BasicData, year: u32, b: &Basics, public: Decimal, projects_total: Decimal, st: &MoneyStyle) -> Table {
    let cell = |v: Option<Decimal>| Cell::r(v.map(|d| st.amount(d)).unwrap_or_else(|| "——".into())).num();
    let vals = |t: [Option<Val>; 3]| t.map(|v| v.map(|v| v.v));
    let mut t = Table {
        id: "basic-data".into(),
        caption: format!("{year}年度部门（单位）整体支出绩效评价基础数据表"),
        dept: String::new(),
        unit: String::new(),
        landscape: false,
        widths: vec![34, 22, 22, 22],
        header: vec![],
        rows: vec![],
        notes: vec![],
        headings: vec![],
    };
    let label = |s: &str| Cell::c(s).bold();
    let authorized = b.authorized_staff.as_ref().map(|s| *s.get());
    let active = *b.active_staff.get();
    t.rows.push(vec![label("财政供养人员情况（人）"), label("编制数"), label(&format!("{year}年实际在职人数")), label("控制率")]);
    let rate = authorized.filter(|a| *a > 0).map(|a| st.pct(st.round_pct(Decimal::from(active) * Decimal::ONE_HUNDRED / Decimal::from(a)))).unwrap_or_else(|| "——".into());
    t.rows.push(vec![Cell::c(""), Cell::r(authorized.map(|a| a.to_string()).unwrap_or_else(|| "——".into())), Cell::r(active.to_string()), Cell::r(rate)]);
    t.rows.push(vec![label("经费控制情况（万元）"), label(&format!("{}年决算数", year - 1)), label(&format!("{year}年预算数")), label(&format!("{year}年决算数"))]);
    let vp = triple(ld, &bd.vehicle_purchase, "basic_data.vehicle_purchase");
    let vo = triple(ld, &bd.vehicle_operation, "basic_data.vehicle_operation");
    let ab = triple(ld, &bd.abroad, "basic_data.abroad");
    let re = triple(ld, &bd.reception, "basic_data.reception");
    let vehicle = sum3(&[vp, vo]);
    let three = sum3(&[vp, vo, ab, re]);
    let row = |name: &str, v: [Option<Decimal>; 3], bold: bool| {
        let mut r = vec![Cell::l(name.to_string()), cell(v[0]), cell(v[1]), cell(v[2])];
        if bold {
            for c in r.iter_mut() {
                c.bold = true;
            }
        }
        r
    };
    t.rows.push(row("三公经费", three, true));
    t.rows.push(row("1、公务用车购置和维护经费", vehicle, false));
    t.rows.push(row("其中：公车购置", vals(vp), false));
    t.rows.push(row("公车运行维护", vals(vo), false));
    t.rows.push(row("2、出国经费", vals(ab), false));
    t.rows.push(row("3、公务接待", vals(re), false));
    // 项目支出 by type, each with its items.
    let mut type_rows = Vec::new();
    let mut type_vals = Vec::new();
    for (i, ty) in bd.project_types.iter().enumerate() {
        let f = format!("basic_data.project_types[{i}]");
        let name = ld.text(&ty.name, &format!("{f}.name")).text;
        let own = [ty.prior.as_ref(), ty.budget.as_ref(), ty.actual.as_ref()].map(|a| a.map(|a| ld.amount(a, &f)));
        let items: Vec<(String, [Option<Val>; 3])> = ty.items.iter().enumerate().map(|(j, it)| {
            let fi = format!("{f}.items[{j}]");
            (ld.text(&it.name, &format!("{fi}.name")).text, [it.prior.as_ref(), it.budget.as_ref(), it.actual.as_ref()].map(|a| a.map(|a| ld.amount(a, &fi))))
        }).collect();
        // A type with items is their sum; a value typed anyway must agree.
        let v = if items.is_empty() {
            own
        } else {
            let s = sum3(&items.iter().map(|x| x.1).collect::<Vec<_>>());
            for k in 0..3 {
                if let (Some(typed), Some(sum)) = (own[k], s[k])
                    && typed.v != sum {
                        ld.findings.push(Finding::error("T-TYPED-TOTAL", f.to_string(), format!("“{name}”与其子项之和不一致")).at(typed.span).expected(format!("{sum:.2}")).actual(format!("{:.2}", typed.v)));
                    }
            }
            s.map(|x| x.map(|v| Val { v, span: None }))
        };
        type_vals.push(v);
        type_rows.push(row(&format!("{}、{}", i + 1, name), vals(v), false));
        for (n, iv) in items {
            type_rows.push(row(&n, vals(iv), false));
        }
    }
    let projects = sum3(&type_vals);
    if let Some(a) = projects[2]
        && a != projects_total {
            let span = bd.project_types.first().and_then(|t| t.actual.as_ref().or(t.items.first().and_then(|i| i.actual.as_ref()))).and_then(|a| ld.span(a));
            ld.findings.push(
                Finding::error("P-BASIC-DATA", "basic_data.project_types", "基础数据表的项目支出决算数与报告的项目支出不一致")
                    .at(span)
                    .expected(format!("{projects_total:.2}（各项目实际支出之和）"))
                    .actual(format!("{a:.2}")),
            );
        }
    t.rows.push(row("项目支出：", projects, true));
    t.rows.extend(type_rows);
    let pb = triple(ld, &bd.public, "basic_data.public");
    if let Some(a) = pb[2]
        && a.v != public {
            ld.findings.push(Finding::error("P-BASIC-DATA", "basic_data.public.actual", "基础数据表的公用经费决算数与 basic.public 不一致").at(a.span).expected(format!("{public:.2}")).actual(format!("{:.2}", a.v)).hint("可以省略，由 basic.public 提供"));
        }
    t.rows.push(row("公用经费", [pb[0].map(|v| v.v), pb[1].map(|v| v.v), Some(public)], true));
    for (i, it) in bd.public_items.iter().enumerate() {
        let f = format!("basic_data.public_items[{i}]");
        let name = ld.text(&it.name, &format!("{f}.name")).text;
        let v = [it.prior.as_ref(), it.budget.as_ref(), it.actual.as_ref()].map(|a| a.map(|a| ld.amount(a, &f).v));
        t.rows.push(row(&if i == 0 { format!("其中：{name}") } else { name }, v, false));
    }
    if let Some(p) = &bd.procurement {
        t.rows.push(row("政府采购金额", vals(triple(ld, p, "basic_data.procurement")), false));
    }
    if let Some(p) = &bd.basic_adjustment {
        t.rows.push(row("部门基本支出预算调整", vals(triple(ld, p, "basic_data.basic_adjustment")), false));
    }
    if let Some(th) = &bd.thrift {
        let text = ld.text(th, "basic_data.thrift").text;
        t.rows.push(vec![Cell::l("厉行节约保障措施"), Cell::l(text).span(3, 1)]);
    }
    t
}
