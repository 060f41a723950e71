//! Figures quoted in the user's free text (a reason, a description) checked against the
//! computed ones (`R-TEXT-FIGURE`): "收入合计700万元" typed in a reason must be what the
//! tables say. The tables and the computed sentences cannot disagree; a figure the user
//! typed into prose can.
//!
//! Conservative on purpose: only "<label><filler words><number>万元" inside one clause,
//! where the label is one the program computes (收入合计, 基本支出, “三公”经费 …) and the
//! words between are only "为", "共计", "决算数" and the like. A clause that speaks of
//! another year, a budget, a change or a 类/款/项 is skipped, and a label stands for every
//! figure it can mean (基本支出: all funds, 财政拨款, 一般公共预算), so only a number that
//! matches none of them is reported.

use super::figures::Figures;
use super::model::Model;
use crate::core::diag::Finding;
use crate::core::loader::TextVal;
use crate::core::scan::{ends_with_skipping, excerpt_at, locate};
use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// What a label stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    IncomeTotal,
    SpendTotal,
    GrandTotal,
    FiscalIncome,
    GeneralIncome,
    FiscalSpend,
    GeneralSpend,
    Basic,
    Project,
    Personnel,
    Public,
    Three,
    Abroad,
    VehiclePurchase,
    VehicleOperation,
    Vehicle,
    Reception,
    Office,
    InitialBudget,
    Procurement,
    ProcurementGoods,
    ProcurementWorks,
    ProcurementServices,
    /// A longer label containing a checked one ("非财政拨款收入" ⊃ "财政拨款收入"): not checked.
    Unchecked,
}

use Label::*;

/// Labels as written (quotes left out), each with what it stands for. The longest label
/// that ends right before the filler words decides.
const LABELS: &[(&str, Label)] = &[
    ("本年收入合计", IncomeTotal),
    ("收入合计", IncomeTotal),
    ("本年收入", IncomeTotal),
    ("本年支出合计", SpendTotal),
    ("支出合计", SpendTotal),
    ("本年支出", SpendTotal),
    ("收入总计", GrandTotal),
    ("支出总计", GrandTotal),
    ("收支总计", GrandTotal),
    ("财政拨款收入", FiscalIncome),
    ("一般公共预算财政拨款收入", GeneralIncome),
    ("财政拨款支出", FiscalSpend),
    ("一般公共预算财政拨款支出", GeneralSpend),
    ("基本支出", Basic),
    ("项目支出", Project),
    ("人员经费", Personnel),
    ("公用经费", Public),
    ("三公经费", Three),
    ("因公出国（境）费", Abroad),
    ("因公出国(境)费", Abroad),
    ("因公出国（境）经费", Abroad),
    ("公务用车购置费", VehiclePurchase),
    ("公务用车运行维护费", VehicleOperation),
    ("公务用车运行及维护费", VehicleOperation),
    ("公务用车运行费", VehicleOperation),
    ("公务用车购置及运行维护费", Vehicle),
    ("公务用车购置及运行费", Vehicle),
    ("公务接待费", Reception),
    ("机关运行经费", Office),
    ("年初预算", InitialBudget),
    ("政府采购支出总额", Procurement),
    ("政府采购", Procurement),
    ("政府采购货物支出", ProcurementGoods),
    ("政府采购工程支出", ProcurementWorks),
    ("政府采购服务支出", ProcurementServices),
    ("非财政拨款收入", Unchecked),
    ("非财政拨款支出", Unchecked),
    ("政府性基金预算财政拨款收入", Unchecked),
    ("政府性基金预算财政拨款支出", Unchecked),
    ("国有资本经营预算财政拨款收入", Unchecked),
    ("国有资本经营预算财政拨款支出", Unchecked),
    ("事业收入合计", Unchecked),
    ("经营支出", Unchecked),
];

/// Words that may stand between a label and its number: "基本支出为", "支出决算数共计".
const FILLERS: &[&str] = &["本年度", "年度", "本年", "决算数", "决算", "实际支出", "支出总额", "支出", "共计", "合计", "总额", "金额", "合同金额", "数", "共", "计", "为", "是", "达到", "达", "：", ":"];

/// Before the label, in its clause: the figure is another year's, a budget, a change or a
/// part (a 类/款/项), not the one computed. "年初预算" itself is a label, so 预算 in it is not
/// read as this.
const OTHER_FIGURE: &[&str] = &["上年", "去年", "上一年", "同比", "比上年", "较上年", "增加", "减少", "增长", "下降", "预算", "结转", "结余", "类）", "款）", "项）", "类)", "款)", "项)"];

/// Characters that end a word making the label part of a longer one (财政拨款收入合计,
/// 政府性基金…, 事业收入, 上级补助…): the label is not the one computed.
const COMPOUND_BEFORE: &str = "款金营业他级非财";

/// After "万元": an estimate or a bound, not the figure.
const NOT_EXACT_AFTER: &[&str] = &["以上", "以下", "左右", "多", "余", "以内"];

/// Clause boundaries: the label and its number are in one clause.
fn clause_end(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '！' | '？' | '、' | ',' | ';' | '\n')
}

/// At most this many figures are reported per text.
const MAX_PER_TEXT: usize = 10;

/// Every figure a label can stand for; the first is the one the message names.
fn candidates(l: Label, m: &Model, f: &Figures) -> Vec<Decimal> {
    let fiscal = |k: usize| f.fiscal_spend.iter().map(|x| x[k]).sum::<Decimal>();
    let mut v = match l {
        IncomeTotal => vec![f.income_total],
        SpendTotal => vec![f.spend_total],
        GrandTotal => vec![f.grand_total],
        FiscalIncome => vec![f.fiscal_income_total, f.fiscal_income[0]],
        GeneralIncome => vec![f.fiscal_income[0]],
        FiscalSpend => vec![f.fiscal_spend_total, f.general_total],
        GeneralSpend => vec![f.general_total],
        Basic => vec![f.spend_by_nature[0], fiscal(0), f.general_basic],
        Project => vec![f.spend_by_nature[1], fiscal(1), f.general_project, f.projects_actual],
        Personnel => vec![f.personnel],
        Public => vec![f.public],
        Three => vec![f.three_actual_total],
        Abroad => vec![m.three_actual[0].v],
        VehiclePurchase => vec![m.three_actual[1].v],
        VehicleOperation => vec![m.three_actual[2].v],
        Vehicle => vec![m.three_actual[1].v + m.three_actual[2].v],
        Reception => vec![m.three_actual[3].v],
        Office => vec![m.office_operation.v],
        InitialBudget => {
            let mut v = vec![f.budget_total];
            v.extend(m.budget.iter().map(|b| b.amount.v));
            v
        }
        Procurement => vec![f.procurement_total],
        ProcurementGoods => vec![m.procurement[0].v],
        ProcurementWorks => vec![m.procurement[1].v],
        ProcurementServices => vec![m.procurement[2].v],
        Unchecked => vec![],
    };
    // A project's own figure may be quoted with the label: "信访工作经费项目支出177.44万元".
    if matches!(l, Project | InitialBudget) {
        v.extend(m.projects.iter().flat_map(|p| [p.actual.v, p.budget.v]));
    }
    v
}

/// A typed number matches a figure when equal, or equal to it rounded to the typed decimals
/// ("707万元" for 707.12).
fn matches(typed: Decimal, figure: Decimal) -> bool {
    typed == figure || figure.round_dp_with_strategy(typed.scale(), RoundingStrategy::MidpointAwayFromZero) == typed
}

/// One "<label>…<number>万元" in a text: byte ranges (in the original text) of the number,
/// the label as found, what it stands for and the typed value.
#[derive(Debug)]
struct Quoted {
    start: usize,
    end: usize,
    label: &'static str,
    what: Label,
    value: Decimal,
}

/// Every quoted figure of `text` whose clause says it is this year's whole figure.
fn quoted(text: &str, year: u32) -> Vec<Quoted> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("万元") {
        let head = &text[..at];
        let num_start = head.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',').len();
        // "1,606.36" as typed; a stray leading "," or "." is no part of it.
        let num_start = num_start + (head.len() - num_start) - head[num_start..].trim_start_matches([',', '.']).len();
        let raw = head[num_start..].replace(',', "");
        if raw.is_empty() || NOT_EXACT_AFTER.iter().any(|w| text[at + "万元".len()..].starts_with(w)) {
            continue;
        }
        let Ok(value) = Decimal::from_str(&raw) else { continue };
        let Some((label, what, label_start)) = label_before(text, num_start) else { continue };
        if what == Unchecked || text[..label_start].chars().next_back().is_some_and(|c| COMPOUND_BEFORE.contains(c)) {
            continue;
        }
        let clause_start = text[..label_start].rfind(clause_end).map_or(0, |p| p + text[p..].chars().next().map_or(1, char::len_utf8));
        let before = &text[clause_start..label_start];
        if OTHER_FIGURE.iter().any(|w| before.contains(w) && !(what == InitialBudget && *w == "预算")) || other_year(before, year) {
            continue;
        }
        out.push(Quoted { start: num_start, end: at, label, what, value });
    }
    out
}

/// The label ending at `pos` in `text`, maybe followed by filler words: (label, what,
/// start). Quotes inside a label are skipped (“三公”经费).
fn label_before(text: &str, mut pos: usize) -> Option<(&'static str, Label, usize)> {
    // A few filler words at most ("支出决算数为"): the loop is bounded by the text anyway.
    for _ in 0..6 {
        let head = &text[..pos];
        let label = LABELS.iter().filter_map(|(l, what)| Some((*l, *what, ends_with_skipping(head, l)?))).min_by_key(|x| x.2);
        if label.is_some() {
            return label;
        }
        let filler = FILLERS.iter().filter(|f| head.ends_with(*f)).max_by_key(|f| f.len())?;
        pos -= filler.len();
    }
    None
}

/// A year other than the report's named in the clause ("2019年基本支出…").
fn other_year(before: &str, year: u32) -> bool {
    let b = before.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        let four = &b[i..i + 4];
        four.iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && before[i + 4..].starts_with('年')
            && std::str::from_utf8(four).ok().and_then(|s| s.parse::<u32>().ok()) != Some(year)
    })
}

/// Reports each figure in `texts` that contradicts the computed one, at the scalar that holds
/// it (the whole text: without the source the number cannot be placed inside it).
pub fn check(m: &Model, f: &Figures, texts: &[(String, TextVal)], out: &mut Vec<Finding>) {
    check_in(m, f, texts, "", out);
}

/// `check`, with `source` (the YAML the spans point into) to place each finding at the
/// number itself when the text appears verbatim in the source.
pub fn check_in(m: &Model, f: &Figures, texts: &[(String, TextVal)], source: &str, out: &mut Vec<Finding>) {
    let money = |d: Decimal| format!("{:.2}", d.round_dp(2));
    for (field, t) in texts.iter().filter(|(field, _)| !field.ends_with("name")) {
        let wrong = quoted(&t.text, m.year).into_iter().filter_map(|q| {
            let figures = candidates(q.what, m, f);
            (!figures.is_empty() && !figures.iter().any(|c| matches(q.value, *c))).then_some((q, figures))
        });
        // A text full of wrong figures is one problem: the first few are enough to see it.
        for (q, figures) in wrong.take(MAX_PER_TEXT) {
            out.push(
                Finding::warning("R-TEXT-FIGURE", field.clone(), format!("文字中的{}“{}万元”与计算结果 {} 万元不一致", q.label, &t.text[q.start..q.end], money(figures[0])))
                    .at(locate(t, source, q.start, q.end))
                    .expected(format!("{} 万元", money(figures[0])))
                    .actual(excerpt_at(&t.text, q.start, q.end))
                    .hint("情况说明中的数字由程序计算，文字中不必重复；要写时改成计算结果。口径确实不同（如只指某个单位或项目）时在 accepted_warnings 中写明理由接受 R-TEXT-FIGURE"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Vec<(&'static str, String)> {
        quoted(text, 2020).into_iter().map(|x| (x.label, text[x.start..x.end].to_string())).collect()
    }

    #[test]
    fn labels_and_numbers() {
        assert_eq!(q("本年收入合计700万元，本年支出合计707.12万元。"), [("本年收入合计", "700".into()), ("本年支出合计", "707.12".into())]);
        assert_eq!(q("其中：基本支出为333.02万元、项目支出374.10万元"), [("基本支出", "333.02".into()), ("项目支出", "374.10".into())]);
        assert_eq!(q("“三公”经费支出决算数为0万元"), [("三公经费", "0".into())]);
        assert_eq!(q("年初预算数为1,606.36万元"), [("年初预算", "1,606.36".into())]);
        assert_eq!(q("机关运行经费支出12.37万元，比2019年度增加3.87万元"), [("机关运行经费", "12.37".into())]);
    }

    #[test]
    fn other_figures_are_left_alone() {
        for t in [
            "上年基本支出300万元",
            "2019年基本支出300万元",
            "基本支出比上年增加30万元",
            "“三公”经费预算数为0万元",
            "基本支出预算300万元",
            "财政拨款收入合计700万元",
            "非财政拨款收入30万元",
            "单位价值50万元以上通用设备",
            "使用救助资金2.8万元(省资金)",
            "一般公共服务（类）年初预算为556.83万元",
            "项目支出约370万元",
            "项目支出374.1万元以上",
            "万元",
            "基本支出,万元",
        ] {
            assert!(q(t).is_empty(), "{t}: {:?}", q(t));
        }
    }

    #[test]
    fn rounding_to_the_typed_decimals_matches() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert!(matches(d("707"), d("707.12")));
        assert!(matches(d("374.1"), d("374.10")));
        assert!(matches(d("707.1"), d("707.12")));
        assert!(!matches(d("700"), d("707.12")));
        assert!(!matches(d("707.13"), d("707.12")));
    }

    #[test]
    fn reported_at_the_number() {
        use crate::core::diag::SrcSpan;
        let m = Model { year: 2020, ..Model::default() };
        let f = Figures { income_total: Decimal::from_str("707.12").unwrap(), ..Figures::default() };
        let source = "total_change: 本年收入合计707.21万元，本年收入合计707.12万元\n";
        let start = "total_change: ".len();
        let t = TextVal { text: source[start..source.len() - 1].to_string(), span: Some(SrcSpan { file: 0, start, end: source.len() - 1 }) };
        let texts = [("reasons.total_change".to_string(), t)];
        let mut out = Vec::new();
        check_in(&m, &f, &texts, source, &mut out);
        assert_eq!(out.len(), 1, "the second figure is right");
        let sp = out[0].span.unwrap();
        assert_eq!(&source[sp.start..sp.end], "707.21");
        assert_eq!(out[0].expected.as_deref(), Some("707.12 万元"));
        let mut whole = Vec::new();
        check(&m, &f, &texts, &mut whole);
        assert_eq!(whole[0].span, texts[0].1.span, "without the source: the whole scalar");
    }

    #[test]
    fn hostile_text_does_not_panic() {
        for t in ["", "万元", "1万元", ",.万元", "基本支出.万元", "基本支出为为为为为为为为1万元", &"基本支出1万元，".repeat(500), "2020年", "12万元"] {
            let _ = quoted(t, 2020);
        }
    }
}
