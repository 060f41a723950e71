//! Computed sentences. Every number in the 情况说明 comes from `Figures`; the user's text
//! only supplies reasons and descriptions. Phrasing follows the sign of a change and the
//! zero base (增加/减少/持平, never "完成年初预算的0.0%" against a zero budget).

use crate::core::money::MoneyStyle;
use rust_decimal::Decimal;

pub struct Words<'a> {
    pub st: &'a MoneyStyle,
    pub year: u32,
}

impl Words<'_> {
    /// `707.12万元`
    pub fn wan(&self, d: Decimal) -> String {
        format!("{}万元", self.st.amount(d))
    }

    /// "增加75.04万元，增长11.9%", "减少…，下降…", "持平"; without a base, no rate.
    pub fn delta(&self, cur: Decimal, prior: Decimal) -> String {
        let diff = cur - prior;
        if diff.is_zero() {
            return "持平".into();
        }
        let (verb, rate_verb) = if diff > Decimal::ZERO { ("增加", "增长") } else { ("减少", "下降") };
        let amount = self.wan(diff.abs());
        match self.st.percent(diff.abs(), prior) {
            Some(p) => format!("{verb}{amount}，{rate_verb}{}", self.st.pct(p)),
            None => format!("{verb}{amount}"),
        }
    }

    /// "与2019年度相比，{subject}增加75.04万元，增长11.9%" and its 减少/持平/zero-base forms.
    pub fn change(&self, subject: &str, cur: Decimal, prior: Decimal) -> String {
        let py = self.year.saturating_sub(1);
        if cur == prior {
            format!("与{py}年度持平")
        } else if prior.is_zero() {
            format!("{py}年度{subject}为0万元，本年度{}", self.delta(cur, prior))
        } else {
            format!("与{py}年度相比，{subject}{}", self.delta(cur, prior))
        }
    }

    /// "比2019年度增加3.86万元，增长45.4%" / "与2019年度持平" / "2019年度为0万元，本年度增加…".
    pub fn compared(&self, cur: Decimal, prior: Decimal) -> String {
        let py = self.year.saturating_sub(1);
        if cur == prior {
            format!("与{py}年度持平")
        } else if prior.is_zero() {
            format!("{py}年度为0万元，本年度{}", self.delta(cur, prior))
        } else {
            format!("比{py}年度{}", self.delta(cur, prior))
        }
    }

    /// "完成年初预算的116.6%", or the zero-budget wording.
    pub fn completion(&self, actual: Decimal, budget: Decimal) -> String {
        match self.st.percent(actual, budget) {
            Some(p) => format!("完成年初预算的{}", self.st.pct(p)),
            None if actual.is_zero() => "年初未安排预算，也未发生支出".into(),
            None => "年初未安排预算，为年中追加支出".into(),
        }
    }

    /// "占本年支出47.1%"-style share from a precomputed (largest-remainder) value.
    pub fn share(&self, p: Decimal) -> String {
        self.st.pct(p)
    }
}

/// "主要原因是…。" with the user's reason, or nothing.
pub fn because(reason: Option<&str>) -> String {
    match reason {
        Some(r) if !r.trim().is_empty() => format!("主要原因是{}。", r.trim().trim_end_matches(['。', '；', ';', '.'])),
        _ => String::new(),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    #[test]
    fn change_by_sign_and_zero_base() {
        let st = MoneyStyle { trim_zeros: true, ..Default::default() };
        let w = Words { st: &st, year: 2020 };
        assert_eq!(w.change("收、支总计各", d("707.12"), d("632.08")), "与2019年度相比，收、支总计各增加75.04万元，增长11.9%");
        assert_eq!(w.change("“三公”经费", d("0"), d("0.08")), "与2019年度相比，“三公”经费减少0.08万元，下降100.0%");
        assert_eq!(w.change("x", d("5"), d("5")), "与2019年度持平");
        assert_eq!(w.change("x", d("5"), d("0")), "2019年度x为0万元，本年度增加5万元");
        assert_eq!(w.compared(d("12.36"), d("8.50")), "比2019年度增加3.86万元，增长45.4%");
        assert_eq!(w.compared(d("0"), d("0")), "与2019年度持平");
        assert_eq!(w.completion(d("0"), d("0")), "年初未安排预算，也未发生支出");
        assert_eq!(w.completion(d("707.12"), d("606.36")), "完成年初预算的116.6%");
    }
}
