//! Sentence helpers shared by every kind. The phrasing of computed figures by sign and zero
//! base (增加/减少/持平, never "完成年初预算的0.0%" against a zero budget) is in the section
//! templates (`sections/_macros.j2`), fed with the flags of each kind's context: `Fmt`
//! formats a change, a completion or a set of shares as the templates receive them.

use crate::core::money::MoneyStyle;
use rust_decimal::Decimal;
use serde::Serialize;

/// Ends a sentence with "。" unless it already ends with punctuation.
pub fn sentence(s: &str) -> String {
    let t = s.trim();
    if t.ends_with(['。', '！', '？', '；']) { t.to_string() } else { format!("{t}。") }
}

/// "一般公共服务支出" → "一般公共服务(类)支出" as the narrative names a 类.
pub fn class_phrase(name: &str) -> String {
    match name.strip_suffix("支出") {
        Some(stem) => format!("{stem}（类）支出"),
        None => format!("{name}（类）"),
    }
}

// ------------------------------------------------------------ figures for templates

/// Formatting shared by every part.
pub struct Fmt<'a>(pub &'a MoneyStyle);

impl Fmt<'_> {
    pub fn wan(&self, d: Decimal) -> String {
        format!("{}万元", self.0.amount(d))
    }
    pub fn pct_of(&self, part: Decimal, whole: Decimal) -> Option<String> {
        self.0.percent(part, whole).map(|p| self.0.pct(p))
    }
    pub fn change(&self, cur: Decimal, prior: Decimal) -> Change {
        let diff = cur - prior;
        Change { cur: self.wan(cur), prior: self.wan(prior), diff: self.wan(diff.abs()), pct: self.pct_of(diff.abs(), prior), same: diff.is_zero(), up: diff > Decimal::ZERO, prior_zero: prior.is_zero() }
    }
    pub fn completion(&self, actual: Decimal, budget: Decimal) -> Completion {
        Completion { actual: self.wan(actual), budget: self.wan(budget), pct: self.pct_of(actual, budget), actual_zero: actual.is_zero(), over: actual > budget }
    }
    /// Non-zero parts with largest-remainder shares.
    pub fn parts(&self, list: &[(&str, Decimal)]) -> Vec<Share> {
        let nz: Vec<&(&str, Decimal)> = list.iter().filter(|p| !p.1.is_zero()).collect();
        let shares = self.0.shares(&nz.iter().map(|p| p.1).collect::<Vec<_>>());
        nz.iter().zip(shares).map(|(p, s)| Share { label: p.0.to_string(), amount: self.wan(p.1), share: self.0.pct(s) }).collect()
    }
}

/// A year-on-year change: every figure formatted, the sign and zero base as flags, so a
/// city's wording chooses its own verbs (增加/减少/持平, 增长/下降/降低).
#[derive(Serialize)]
pub struct Change {
    pub cur: String,
    pub prior: String,
    pub diff: String,
    pub pct: Option<String>,
    pub same: bool,
    pub up: bool,
    pub prior_zero: bool,
}

/// An execution against a budget: the rate, or none when there is no budget.
#[derive(Serialize)]
pub struct Completion {
    pub actual: String,
    pub budget: String,
    pub pct: Option<String>,
    pub actual_zero: bool,
    pub over: bool,
}

#[derive(Serialize)]
pub struct Share {
    pub label: String,
    pub amount: String,
    pub share: String,
}

#[cfg(test)]
mod tests {
    #[test]
    fn sentences_and_class_phrases() {
        assert_eq!(super::sentence(" 用于维稳 "), "用于维稳。");
        assert_eq!(super::sentence("已完成；"), "已完成；");
        assert_eq!(super::class_phrase("一般公共服务支出"), "一般公共服务（类）支出");
        assert_eq!(super::class_phrase("其他"), "其他（类）");
    }
}
