//! Checks on the model and its computed figures. Every check is a rule in `RULES` with a
//! stable id; `gen-report rules` lists them. A subtotal the user typed is checked against
//! the computed one, never trusted.

use crate::core::diag::{Finding, SrcSpan};
use super::figures::Figures;
use super::printed;
use crate::core::catalog::Catalog;
use super::model::{Model, FUNDS, INCOME_KEYS, INCOME_SOURCES};
use crate::core::loader::Val;
use crate::core::money::MoneyStyle;
use rust_decimal::Decimal;

/// At most this many secondary labels per side of a sum in one finding.
const MAX_LABELS: usize = 40;

/// Amounts in findings always show two decimals (374.10), whatever the city prints.
fn money(st: &MoneyStyle, d: Decimal) -> String {
    format!("{:.*}", st.amount_dp as usize, d.round_dp(st.amount_dp))
}

/// A figure the user typed anyway, to compare with the computed one: its rule, field path,
/// what it is and how to fix it.
struct Typed<'a> {
    rule: &'static str,
    field: &'a str,
    what: &'a str,
    hint: &'a str,
}

fn check_eq(out: &mut Vec<Finding>, st: &MoneyStyle, t: Typed, typed: Val, computed: Decimal) {
    if typed.v != computed {
        out.push(
            Finding::error(t.rule, t.field, format!("{}与计算结果不一致", t.what))
                .at(typed.span)
                .expected(money(st, computed))
                .actual(money(st, typed.v))
                .hint(t.hint.to_string()),
        );
    }
}

/// The fields whose amount failed to parse. A check that reads any of them is skipped: the
/// bad amount counts as zero and would only repeat the same error as a misleading sum
/// mismatch. Checks on other fields still run, so one run reports everything it can.
pub struct Broken<'a> {
    fields: &'a [String],
    /// The checks skipped, with the broken fields that made them skip.
    skipped: std::cell::RefCell<Vec<(&'static str, String)>>,
}

impl<'a> Broken<'a> {
    pub fn new(fields: &'a [String]) -> Broken<'a> {
        Broken { fields, skipped: Default::default() }
    }

    /// Does check `rule`, which reads the fields under `prefixes`, read a broken one? Then it
    /// is skipped, and remembered so the broken value's finding can say what waits for it.
    fn skip(&self, rule: &'static str, prefixes: &[&str]) -> bool {
        let hit: Vec<&String> = self.fields.iter().filter(|b| prefixes.iter().any(|p| b.starts_with(p))).collect();
        let mut skipped = self.skipped.borrow_mut();
        for b in &hit {
            if !skipped.iter().any(|(r, f)| *r == rule && f == *b) {
                skipped.push((rule, (*b).clone()));
            }
        }
        !hit.is_empty()
    }

    /// The rules skipped because of `field`, in the order first skipped.
    pub fn skipped_for(&self, field: &str) -> Vec<&'static str> {
        self.skipped.borrow().iter().filter(|(_, f)| f == field).map(|(r, _)| *r).collect()
    }
}

const INCOME_SPEND: [&str; 5] = ["expenditure", "income_by_function", "carryover", "use_of_non_fiscal_balance", "balance_distribution"];

/// Runs every check on the model and its figures.
pub fn check(m: &Model, f: &Figures, p: &crate::render::profile::Profile, cat: &Catalog, broken: &Broken, out: &mut Vec<Finding>) {
    let st = &p.money;
    check_sums(m, f, st, broken, out);
    check_cross(m, f, st, cat, broken, out);
    check_reasons(m, f, p, broken, out);
}

/// Checks between the 三公 table, 表6, 机关运行经费 and the function/economic codes.
fn check_cross(m: &Model, f: &Figures, st: &MoneyStyle, cat: &Catalog, broken: &Broken, out: &mut Vec<Finding>) {
    let econ = |code: &str| -> (Decimal, Option<crate::core::diag::SrcSpan>) {
        let v: Decimal = m.econ.iter().filter(|e| e.code == code).map(|e| e.amount.v).sum();
        (v, m.econ.iter().find(|e| e.code == code).and_then(|e| e.amount.span))
    };
    if !broken.skip("X-T7-T6", &["basic_by_economic", "three_public.actual"]) {
        // The basic-expenditure part of a 三公 item cannot exceed the item's whole 决算.
        let pairs = [("30212", 0, "因公出国（境）费"), ("31013", 1, "公务用车购置费"), ("30231", 2, "公务用车运行费"), ("30217", 3, "公务接待费")];
        for (code, k, label) in pairs {
            let (v, span) = econ(code);
            if v > m.three_actual[k].v {
                out.push(
                    Finding::error("X-T7-T6", format!("basic_by_economic（{code}）"), format!("表6 {code} 的基本支出 {} 超过了表7 {label}决算 {}", money(st, v), money(st, m.three_actual[k].v)))
                        .at(span)
                        .expected(format!("≤ {}", money(st, m.three_actual[k].v)))
                        .actual(money(st, v))
                        .related(m.three_actual[k].span, format!("表7 {label}决算"))
                        .hint("“三公”决算数包括基本支出和项目支出，不会小于表6 对应科目"),
                );
            }
        }
    }
    if !broken.skip("X-OFFICE-PUBLIC", &["basic_by_economic", "office_operation"]) && m.office_operation.v != f.public && m.reason_office_vs_public.is_none() {
        out.push(
            Finding::warning("X-OFFICE-PUBLIC", "office_operation", format!("机关运行经费 {} 与表6 公用经费 {} 不同", money(st, m.office_operation.v), money(st, f.public)))
                .at(m.office_operation.span)
                .hint("核对金额；口径确实不同时在 reasons.office_operation_vs_public 写明原因"),
        );
    }
    if !broken.skip("X-FUNC-ECON", &["basic_by_economic", "expenditure"]) {
        // Function codes whose whole amount is one economic item for most departments. The
        // item is named, not numbered: its code changed in 2018 (住房公积金 30311 → 30113),
        // and an item the year's catalogue lacks (职工基本医疗保险缴费 before 2018) is skipped.
        let pairs = [("2080505", "机关事业单位基本养老保险缴费"), ("2080506", "职业年金缴费"), ("2101101", "职工基本医疗保险缴费"), ("2101103", "公务员医疗补助缴费"), ("2210201", "住房公积金")];
        for (fcode, item) in pairs {
            let Some(ecode) = cat.economic().find(|(_, n)| *n == item).map(|(c, _)| c) else { continue };
            let fv: Decimal = m.expenditure.iter().filter(|e| e.code == fcode && e.fund == super::source::Fund::General).map(|e| e.amounts[0]).sum();
            let (ev, espan) = econ(ecode);
            if fv == ev {
                continue;
            }
            // The item paid while its function code has nothing: booked under another code
            // (seed 000 puts 养老保险、医疗保险、住房公积金 all under 201 行政运行), which the
            // classification rules give their own 项.
            if fv.is_zero() {
                out.push(
                    Finding::warning("X-FUNC-ECON", format!("basic_by_economic（{ecode}）"), format!("经济科目 {ecode} {item} 有 {} 万元，但功能科目 {fcode} 没有基本支出", money(st, ev)))
                        .at(espan)
                        .expected(format!("功能科目 {fcode}（{}）的基本支出 {}", cat.function_name(fcode).unwrap_or(""), money(st, ev)))
                        .actual("0.00".to_string())
                        .hint(format!("按政府收支分类科目，{item}列 {fcode}；确实列在其他科目时在 accepted_warnings 中写明理由接受 X-FUNC-ECON")),
                );
                continue;
            }
            let fspan = m.expenditure.iter().find(|e| e.code == fcode).and_then(|e| e.span);
            out.push(
                Finding::warning("X-FUNC-ECON", format!("expenditure（{fcode}）/ basic_by_economic（{ecode}）"), format!("功能科目 {fcode} 的基本支出 {} 与经济科目 {ecode} 的 {} 不同", money(st, fv), money(st, ev)))
                    .at(fspan.or(espan))
                    .related(espan, format!("{ecode} {}", money(st, ev)))
                    .hint("多数部门两者相等；口径不同（如含项目支出或其他资金）时可不改"),
            );
        }
    }
}

fn check_sums(m: &Model, f: &Figures, st: &MoneyStyle, broken: &Broken, out: &mut Vec<Finding>) {
    // Typed 类/款 rows in expenditure.
    for s in m.exp_subtotals.iter().filter(|_| !broken.skip("T-CODE-SUBTOTAL", &["expenditure"])) {
        let idx = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"].iter().position(|c| *c == s.column).unwrap_or(0);
        let computed: Decimal = m.expenditure.iter().filter(|e| e.code.starts_with(&s.code)).map(|e| e.amounts[idx]).sum();
        check_eq(out, st, Typed { rule: "T-CODE-SUBTOTAL", field: &s.field, what: &format!("科目 {} 的{}小计", s.code, s.column), hint: "类、款小计由程序按其下各项计算，可以删去这一行" }, s.val, computed);
    }
    for s in m.econ_subtotals.iter().filter(|_| !broken.skip("T6-CLASS-SUBTOTAL", &["basic_by_economic"])) {
        let computed = f.econ_class.get(&s.code).copied().unwrap_or_default();
        check_eq(out, st, Typed { rule: "T6-CLASS-SUBTOTAL", field: &format!("{}.amount", s.field), what: &format!("经济分类 {}（{}）小计", s.code, s.name), hint: "类级小计由程序按其下各款计算，可以删去这一行" }, s.amount, computed);
    }
    for (v, field) in &m.typed_totals {
        let Some(p) = printed::by_path(field) else { continue };
        if !broken.skip("T-TYPED-TOTAL", p.reads) {
            check_eq(out, st, Typed { rule: "T-TYPED-TOTAL", field, what: p.label, hint: "合计数由程序计算，可以删去这一项；它与计算结果不同，说明某一行填错了或漏填了" }, *v, (p.value)(m, f));
        }
    }
    const FUND_NAMES: [&str; 4] = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "非财政拨款"];
    const FUND_KEYS: [&str; 4] = ["general", "gov_fund", "state_capital", "non_fiscal"];
    for k in (0..4).filter(|_| !broken.skip("T1-BALANCE", &INCOME_SPEND)) {
        if let Some(cl) = &m.closing_typed
            && cl[k].span.is_some() {
                check_eq(out, st, Typed { rule: "T1-BALANCE", field: &format!("carryover.closing.{}", FUND_KEYS[k]), what: &format!("{}年末结转和结余", FUND_NAMES[k]), hint: "年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出，可以省略由程序计算" }, cl[k], f.closing[k]);
            }
        if f.closing[k].is_sign_negative() && !f.closing[k].is_zero() {
            out.push(overspent(m, f, st, k));
        }
    }
    if !m.gov_opening_by_code.is_empty() && !broken.skip("T8-OPENING", &["carryover"]) {
        let by_code: Decimal = m.gov_opening_by_code.iter().map(|x| x.2.v).sum();
        if by_code != f.opening[1] {
            out.push(
                Finding::error("T8-OPENING", "carryover.gov_fund_by_code", "政府性基金年初结转和结余按科目之和不等于 carryover.opening.gov_fund")
                    .at(m.gov_opening_by_code[0].2.span)
                    .expected(format!("合计 {}", money(st, f.opening[1])))
                    .actual(format!("合计 {}", money(st, by_code)))
                    .related(m.opening[1].span, "年初结转和结余（政府性基金）"),
            );
        }
    }
    let econ_sum = f.personnel + f.public;
    if f.general_basic != econ_sum && !broken.skip("X-T5-T6-BASIC", &["expenditure", "basic_by_economic"]) {
        let mut fd = Finding::error(
            "X-T5-T6-BASIC",
            "basic_by_economic",
            format!("表6 各款合计（人员经费 {} + 公用经费 {}）与表5 一般公共预算财政拨款基本支出不等，相差 {}", money(st, f.personnel), money(st, f.public), money(st, econ_sum - f.general_basic)),
        )
        .at(m.econ.first().and_then(|e| e.amount.span))
        .expected(format!("各款合计 {}", money(st, f.general_basic)))
        .actual(format!("各款合计 {}", money(st, econ_sum)))
        .hint("basic_by_economic 各款之和必须等于 expenditure 中一般公共预算资金的 basic 之和；逐行核对");
        // Label every amount of both sums (up to a readable limit): either side may hold the typo.
        let general = m.expenditure.iter().filter(|e| e.fund == super::source::Fund::General && !e.amounts[0].is_zero());
        for e in general.take(MAX_LABELS) {
            fd = fd.related(e.amount_spans[0].or(e.span), format!("{} 基本支出 {}", e.code, money(st, e.amounts[0])));
        }
        for e in m.econ.iter().skip(1).take(MAX_LABELS) {
            fd = fd.related(e.amount.span, format!("{} {}", e.code, money(st, e.amount.v)));
        }
        out.push(fd);
    }
    if !m.projects.is_empty() && f.projects_actual != f.general_project && !broken.skip("X-PROJECTS-T5", &["expenditure", "projects"]) {
        let mut fd = Finding::error(
            "X-PROJECTS-T5",
            "projects",
            format!("各项目执行数合计与表5 一般公共预算财政拨款项目支出不等，相差 {}", money(st, f.projects_actual - f.general_project)),
        )
        .at(m.projects.first().and_then(|p| p.actual.span))
        .expected(format!("合计 {}", money(st, f.general_project)))
        .actual(format!("合计 {}", money(st, f.projects_actual)))
        .hint("每个一级项目只列一次，执行数与支出表一致；逐项核对 actual");
        for p in m.projects.iter().skip(1).take(MAX_LABELS) {
            fd = fd.related(p.actual.span, format!("执行数 {}", money(st, p.actual.v)));
        }
        let general = m.expenditure.iter().filter(|e| e.fund == super::source::Fund::General && !e.amounts[1].is_zero());
        for e in general.take(MAX_LABELS) {
            fd = fd.related(e.amount_spans[1].or(e.span), format!("{} 项目支出 {}", e.code, money(st, e.amounts[1])));
        }
        out.push(fd);
    }
    if let Some(a) = &m.annex {
        let sum: Decimal = a.special.iter().map(|x| x.1.v).sum();
        let projects = f.spend_by_nature[1];
        if !a.special.is_empty() && sum != projects && !broken.skip("X-ANNEX-PROJECTS", &["expenditure", "performance_report"]) {
            let mut fd = Finding::error(
                "X-ANNEX-PROJECTS",
                "performance_report.special_funds",
                format!("附件中专项资金各项之和与本年项目支出不等，相差 {}", money(st, sum - projects)),
            )
            .at(a.special.first().and_then(|x| x.1.span))
            .expected(format!("合计 {}（表3 项目支出）", money(st, projects)))
            .actual(format!("合计 {}", money(st, sum)))
            .hint("专项资金的总额由程序相加，不单独填写；逐项核对 amount");
            for x in a.special.iter().skip(1).take(MAX_LABELS) {
                fd = fd.related(x.1.span, format!("{} {}", x.0.text, money(st, x.1.v)));
            }
            out.push(fd);
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for b in &m.budget {
        if !seen.insert(b.code.clone()) {
            out.push(Finding::error("X-BUDGET-CLASS", format!("{}.code", b.field), format!("{}（{}）的年初预算填写了两次", b.code, if b.code.len() == 3 { "类" } else { "项" })).at(b.amount.span));
        } else if let Some(other) = m.budget.iter().find(|o| o.code != b.code && o.code.len() < b.code.len() && b.code.starts_with(&o.code)) {
            // A 类 and one of its 项 both typed would count the same money twice.
            out.push(
                Finding::error("X-BUDGET-CLASS", format!("{}.code", b.field), format!("{} 的年初预算已按类 {} 填写，不能再按项填写", b.code, other.code))
                    .at(b.amount.span)
                    .hint("同一类的年初预算，要么只填类（3 位），要么逐项填写（7 位）"),
            );
        }
    }
}

/// A fund spent more than its 年初结转和结余 and 本年收入: the finding points at the typed
/// amounts that take part (the opening balance when typed, else the first income line, else
/// the first spending line) and labels the others; when no opening balance is typed, the
/// hint shows the lines that would balance the fund.
fn overspent(m: &Model, f: &Figures, st: &MoneyStyle, k: usize) -> Finding {
    const FUND_NAMES: [&str; 4] = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "非财政拨款"];
    const FUND_KEYS: [&str; 4] = ["general", "gov_fund", "state_capital", "non_fiscal"];
    // Income sources of the fund: its own column for a fiscal fund, 上级补助…其他收入 otherwise.
    let sources: Vec<usize> = if k < 3 { vec![k] } else { (3..INCOME_SOURCES).collect() };
    let mut places: Vec<(Option<SrcSpan>, String, String)> = Vec::new();
    if m.opening[k].span.is_some() {
        places.push((m.opening[k].span, format!("carryover.opening.{}", FUND_KEYS[k]), format!("年初结转和结余 {}", money(st, m.opening[k].v))));
    }
    // The income line of the code whose income falls furthest short of its own spending in
    // this fund is the likeliest typo: it goes first.
    let spent = |code: &str| -> Decimal { m.expenditure.iter().filter(|e| e.code == code && FUNDS[k] == e.fund).map(|e| e.total()).sum() };
    let mut income: Vec<(Decimal, Option<SrcSpan>, String, String)> = Vec::new();
    for l in m.income.iter().filter(|l| !l.field.is_empty()) {
        let got: Decimal = sources.iter().map(|j| l.amounts[*j]).sum();
        let short = spent(&l.code) - got;
        for &j in sources.iter().filter(|j| !l.amounts[**j].is_zero()) {
            let label = if short > Decimal::ZERO { format!("{} 收入 {}，比该科目支出少 {}", l.code, money(st, l.amounts[j]), money(st, short)) } else { format!("{} 收入 {}", l.code, money(st, l.amounts[j])) };
            income.push((short, l.amount_spans[j], format!("{}.{}", l.field, INCOME_KEYS[j]), label));
        }
    }
    income.sort_by_key(|x| std::cmp::Reverse(x.0));
    places.extend(income.into_iter().map(|(_, sp, field, label)| (sp, field, label)));
    for e in m.expenditure.iter().filter(|e| FUNDS[k] == e.fund && !e.total().is_zero()) {
        places.push((e.amount_spans.iter().flatten().next().copied().or(e.span), e.field.clone(), format!("{} 支出 {}", e.code, money(st, e.total()))));
    }
    let (span, field) = places.first().map(|p| (p.0, p.1.clone())).unwrap_or((None, "expenditure".into()));
    let short = -f.closing[k];
    let hint = if m.opening[k].span.is_some() {
        "核对该资金的年初结转和结余、本年收入（income_by_function）与各科目支出".to_string()
    } else {
        format!("有年初结转和结余时，在文件中写上（差额 {} 万元）：\ncarryover:\n  opening:\n    {}: {}\n否则核对本年收入（income_by_function）与各科目支出", money(st, short), FUND_KEYS[k], money(st, short))
    };
    let mut fd = Finding::error("T1-BALANCE", field, format!("{}支出超过了年初结转和结余与本年收入之和，差 {} 万元", FUND_NAMES[k], money(st, short)))
        .at(span)
        .expected("年末结转和结余 ≥ 0".to_string())
        .actual(money(st, f.closing[k]))
        .hint(hint);
    for (sp, _, label) in places.into_iter().skip(1).take(MAX_LABELS) {
        fd = fd.related(sp, label);
    }
    fd
}

/// Reasons the narrative needs.
fn check_reasons(m: &Model, f: &Figures, p: &crate::render::profile::Profile, broken: &Broken, out: &mut Vec<Finding>) {
    let st = &p.money;
    // Each missing reason points at the figure that changed.
    let need = |out: &mut Vec<Finding>, missing: bool, field: &str, what: String, at: Option<crate::core::diag::SrcSpan>| {
        if missing {
            out.push(
                Finding::error("R-REASON-MISSING", field, format!("{what}，需要说明原因"))
                    .at(at)
                    .hint(format!("在 {field} 填写原因（一句话，不含数字）")),
            );
        }
    };
    let mut total_deps = INCOME_SPEND.to_vec();
    total_deps.push("prior_year.total");
    if !broken.skip("R-REASON-MISSING", &total_deps) {
        need(out, f.grand_total != m.prior_total.v && m.reason_total.is_none(), "reasons.total_change",
            format!("收、支总计 {} 与上年 {} 不同", money(st, f.grand_total), money(st, m.prior_total.v)), m.prior_total.span);
    }
    // 财政拨款 and 一般公共预算 changes fall back to the reason of the broader change; a
    // change without any reason is reported at the most specific field.
    if !broken.skip("R-REASON-MISSING", &total_deps) {
        need(out, f.fiscal_grand_total != m.prior_fiscal_total.v && m.reason_fiscal.is_none(), "reasons.fiscal_change",
            format!("财政拨款收、支总计 {} 与上年 {} 不同", money(st, f.fiscal_grand_total), money(st, m.prior_fiscal_total.v)), m.prior_fiscal_total.span);
        need(out, f.general_total != m.prior_general_spend.v && m.reason_general.is_none(), "reasons.general_budget_change",
            format!("一般公共预算财政拨款支出 {} 与上年 {} 不同", money(st, f.general_total), money(st, m.prior_general_spend.v)), m.prior_general_spend.span);
    }
    if !broken.skip("R-REASON-MISSING", &["office_operation", "prior_year.office_operation"]) {
        need(out, m.office_operation.v != m.prior_office_operation.v && m.reason_office.is_none(), "reasons.office_operation_change",
            format!("机关运行经费 {} 与上年 {} 不同", money(st, m.office_operation.v), money(st, m.prior_office_operation.v)), m.office_operation.span);
    }
    if !broken.skip("R-REASON-MISSING", &["three_public.actual", "prior_year.three_public"]) {
        need(out, f.three_actual_total != f.three_prior_total && m.three_reasons[3].is_none(), "three_public.reasons.change",
            format!("“三公”经费 {} 与上年 {} 不同", money(st, f.three_actual_total), money(st, f.three_prior_total)), m.three_actual[0].span);
    }
    for b in m.budget.iter().filter(|_| !broken.skip("R-REASON-MISSING", &["expenditure", "initial_budget"])) {
        let actual = super::figures::general_under(m, &b.code);
        if needs_budget_reason(actual, b.amount.v, p.budget_completion_min_pct) && b.reason.is_none() {
            let level = if b.code.len() == 3 { "类" } else { "项" };
            out.push(
                Finding::error("R-REASON-MISSING", format!("{}.reason", b.field), format!("{}（{level}）决算 {} 万元，年初预算 {} 万元，需要说明原因", b.name, money(st, actual), money(st, b.amount.v)))
                    .at(b.amount.span)
                    .hint(format!("年中追加预算或决算数低于年初预算 {}% 时，在该行填写 reason", p.budget_completion_min_pct)),
            );
        }
    }
}

/// A 决算 above its 年初预算 (年中追加) or below `min_pct`% of it (the city's threshold,
/// 95% by default) needs an explanation.
pub fn needs_budget_reason(actual: Decimal, budget: Decimal, min_pct: u32) -> bool {
    actual > budget || actual * Decimal::ONE_HUNDRED < budget * Decimal::from(min_pct)
}
