//! Exact money: amounts are `rust_decimal::Decimal` parsed from the YAML scalar's text,
//! never through f64. Formatting, percentages and largest-remainder shares live here so
//! every table and sentence rounds the same way.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// How a city rounds percentages and shares. Half-up is what the finance bureaus use;
/// half-even is offered for bureaus that follow banker's rounding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    #[default]
    HalfUp,
    HalfEven,
    /// Truncation: some published tables truncate; offered only so a bureau can match them.
    Truncate,
}

impl Rounding {
    fn strategy(self) -> RoundingStrategy {
        match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::Truncate => RoundingStrategy::ToZero,
        }
    }
}

/// Number style for the profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoneyStyle {
    /// Decimal places of amounts in 万元.
    pub amount_dp: u32,
    /// Print `654.4` instead of `654.40` (the Hubei publications trim trailing zeros).
    pub trim_zeros: bool,
    /// Decimal places of percentages.
    pub percent_dp: u32,
    pub rounding: Rounding,
}

impl Default for MoneyStyle {
    fn default() -> Self {
        MoneyStyle { amount_dp: 2, trim_zeros: false, percent_dp: 1, rounding: Rounding::HalfUp }
    }
}

/// Why a scalar is not an amount. Rendered in Chinese by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    NotANumber,
    Exponent,
    TooManyDecimals { max: u32, got: u32 },
    Negative,
    TooLarge,
    /// `true`, `false`: a yes/no value where an amount belongs.
    Boolean,
    /// Separators that are not thousands grouping: `2_8_4.5_7`, `28,4.57`.
    Grouping,
}

/// Largest amount accepted, in 万元 (10^15 万元 is far beyond any budget): keeps every sum
/// and percentage far from Decimal's overflow, so no input can make arithmetic panic.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

impl AmountError {
    pub fn message(&self) -> String {
        match self {
            AmountError::NotANumber => "不是金额数字".into(),
            AmountError::Exponent => "金额不能用科学计数法书写".into(),
            AmountError::TooManyDecimals { max, got } => {
                format!("金额最多 {max} 位小数，这里有 {got} 位")
            }
            AmountError::Negative => "此处金额不能为负数".into(),
            AmountError::TooLarge => "金额过大（单位是万元，请核对是否误填为元）".into(),
            AmountError::Boolean => "这里应填金额，而 true/false 是“是/否”的值；没有这项金额就写 0 或删去这一项".into(),
            AmountError::Grouping => "金额中的分隔符不对：只能用逗号每三位分隔整数部分（如 1,234.50），不能用下划线".into(),
        }
    }
    pub fn expected(&self, max_dp: u32) -> String {
        format!("非负金额，单位万元，最多 {max_dp} 位小数，如 707.12")
    }
}

/// Commas, if any, group the integer part in threes (`1,234,567.50`); none in the decimals.
fn grouped_in_threes(t: &str) -> bool {
    if !t.contains(',') {
        return true;
    }
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (int_part, frac) = body.split_once('.').unwrap_or((body, ""));
    let mut groups = int_part.split(',');
    let first = groups.next().unwrap_or("");
    !frac.contains(',') && (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// Parses the scalar text of an amount. Accepts `707.12`, `3`, `1,234.50` (thousands
/// separators typed by accountants), rejects exponents, more than `max_dp` decimals and
/// (unless `allow_negative`) negatives.
pub fn parse_amount(text: &str, max_dp: u32, allow_negative: bool) -> Result<Decimal, AmountError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AmountError::NotANumber);
    }
    if matches!(t, "true" | "false" | "True" | "False" | "TRUE" | "FALSE" | "yes" | "no") {
        return Err(AmountError::Boolean);
    }
    // "1e5", "2.5E3": a number in exponent form (not just any text with an e, like `true`).
    let digits_and_e = t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '+' | '-' | 'e' | 'E'));
    if digits_and_e && t.contains(['e', 'E']) && t.contains(|c: char| c.is_ascii_digit()) {
        return Err(AmountError::Exponent);
    }
    if t.contains('_') || !grouped_in_threes(t) {
        return Err(AmountError::Grouping);
    }
    let cleaned: String = t.chars().filter(|c| *c != ',').collect();
    // Only digits, one dot and a leading sign: Decimal::from_str alone would accept a few
    // more forms than an accountant means.
    let body = cleaned.strip_prefix(['-', '+']).unwrap_or(&cleaned);
    if body.is_empty()
        || body.starts_with('.')
        || body.ends_with('.')
        || !body.chars().all(|c| c.is_ascii_digit() || c == '.')
        || body.matches('.').count() > 1
    {
        return Err(AmountError::NotANumber);
    }
    // More integer digits than any budget has: too large (and beyond Decimal's range).
    let (int_part, frac_part) = body.split_once('.').unwrap_or((body, ""));
    if int_part.trim_start_matches('0').len() > 16 {
        return Err(AmountError::TooLarge);
    }
    // Count decimals on the text: Decimal caps its scale at 28.
    if frac_part.len() as u32 > max_dp {
        return Err(AmountError::TooManyDecimals { max: max_dp, got: frac_part.len().min(u32::MAX as usize) as u32 });
    }
    let d = Decimal::from_str(&cleaned).map_err(|_| AmountError::NotANumber)?;
    if d.scale() > max_dp {
        return Err(AmountError::TooManyDecimals { max: max_dp, got: d.scale() });
    }
    if d.abs() > Decimal::from(MAX_AMOUNT) {
        return Err(AmountError::TooLarge);
    }
    if d.is_sign_negative() && !d.is_zero() && !allow_negative {
        return Err(AmountError::Negative);
    }
    Ok(d)
}

impl MoneyStyle {
    /// Formats an amount in 万元 for tables and text.
    pub fn amount(&self, d: Decimal) -> String {
        let r = d.round_dp_with_strategy(self.amount_dp, RoundingStrategy::MidpointAwayFromZero);
        if self.trim_zeros {
            r.normalize().to_string()
        } else {
            format!("{:.*}", self.amount_dp as usize, r)
        }
    }

    /// Table cell: empty for zero, as the published tables leave empty cells empty.
    pub fn cell(&self, d: Decimal) -> String {
        if d.is_zero() { String::new() } else { self.amount(d) }
    }

    pub fn round_pct(&self, p: Decimal) -> Decimal {
        p.round_dp_with_strategy(self.percent_dp, self.rounding.strategy())
    }

    /// `num / den × 100`, rounded; `None` when the base is zero.
    pub fn percent(&self, num: Decimal, den: Decimal) -> Option<Decimal> {
        if den.is_zero() {
            return None;
        }
        Some(self.round_pct(num * Decimal::ONE_HUNDRED / den))
    }

    /// Formats a percentage value (already ×100) with the profile's decimals: `11.9%`.
    pub fn pct(&self, p: Decimal) -> String {
        format!("{:.*}%", self.percent_dp as usize, p)
    }

    /// Shares of one whole, each rounded so they add up to exactly 100 (largest remainder).
    /// Parts with a zero whole give zeros.
    pub fn shares(&self, parts: &[Decimal]) -> Vec<Decimal> {
        largest_remainder(parts, self.percent_dp)
    }
}

/// Largest-remainder apportionment of 100% over `parts` at `dp` decimals. The result sums
/// to exactly 100 whenever the parts sum to a positive total. Ties go to the earlier part,
/// so the result is deterministic.
pub fn largest_remainder(parts: &[Decimal], dp: u32) -> Vec<Decimal> {
    let total: Decimal = parts.iter().copied().sum();
    if total <= Decimal::ZERO || parts.iter().any(|p| p.is_sign_negative()) {
        return parts.iter().map(|_| Decimal::ZERO).collect();
    }
    let unit = Decimal::new(1, dp); // 0.1 for dp = 1
    let exact: Vec<Decimal> = parts.iter().map(|p| *p * Decimal::ONE_HUNDRED / total).collect();
    let mut floored: Vec<Decimal> =
        exact.iter().map(|e| e.round_dp_with_strategy(dp, RoundingStrategy::ToZero)).collect();
    let sum: Decimal = floored.iter().copied().sum();
    let mut missing = ((Decimal::ONE_HUNDRED - sum) / unit).round().try_into().unwrap_or(0i64);
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - floored[b]).cmp(&(exact[a] - floored[a])).then(a.cmp(&b)));
    for i in order {
        if missing <= 0 {
            break;
        }
        floored[i] += unit;
        missing -= 1;
    }
    floored
}

/// Chinese numerals for section numbers: 一、二、… (an empty string past 三十).
pub const CN_NUM: [&str; 30] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八",
    "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六", "二十七", "二十八", "二十九", "三十",
];

pub fn cn(i: usize) -> &'static str {
    CN_NUM.get(i).copied().unwrap_or("")
}

/// The Chinese numeral of `i + 1` for any length of list (一 … 三十 … 一百零一 …), as a
/// list item's number: lists are not bounded, so neither are their numerals.
pub fn cn_any(i: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let n = i + 1;
    if n <= 30 {
        return CN_NUM[n - 1].to_string();
    }
    if n < 100 {
        let (t, u) = (n / 10, n % 10);
        return format!("{}十{}", D[t], if u == 0 { "" } else { D[u] });
    }
    let units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")];
    let mut out = String::new();
    let mut zero = false;
    let mut rest = n;
    for (u, name) in units {
        let d = rest / u;
        rest %= u;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push_str(D[d]);
        out.push_str(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// Regression (mutants): a Hunan file with more than 30 functions passed check and failed
    /// to build, its numerals stopping at 三十.
    #[test]
    fn numerals_go_on_past_thirty() {
        let got: Vec<String> = [0, 9, 29, 30, 39, 98, 99, 100, 104, 109, 1000].iter().map(|i| cn_any(*i)).collect();
        assert_eq!(got, ["一", "十", "三十", "三十一", "四十", "九十九", "一百", "一百零一", "一百零五", "一百一十", "一千零一"]);
    }

    #[test]
    fn parses_exact_text() {
        assert_eq!(parse_amount("700.10", 2, false).unwrap().to_string(), "700.10");
        assert_eq!(parse_amount("123456789012345.67", 2, false).unwrap().to_string(), "123456789012345.67");
        assert_eq!(parse_amount("1,234.5", 2, false).unwrap().to_string(), "1234.5");
        assert_eq!(parse_amount("12,345,678.90", 2, false).unwrap().to_string(), "12345678.90");
    }

    /// Regression: `2_8_4.5_7` was read as 284.57 (separators were dropped wherever they were).
    #[test]
    fn separators_out_of_place_are_refused() {
        for bad in ["2_8_4.5_7", "1_000", "28,4.57", "1,2345", ",123", "1,234.5,6"] {
            assert!(matches!(parse_amount(bad, 2, false), Err(AmountError::Grouping)), "{bad}");
        }
    }

    /// Regression: `basic: true` was told "不能用科学计数法" (it contains an e).
    #[test]
    fn a_boolean_is_not_an_exponent() {
        assert!(matches!(parse_amount("true", 2, false), Err(AmountError::Boolean)));
        assert!(matches!(parse_amount("false", 2, false), Err(AmountError::Boolean)));
        assert!(!AmountError::Boolean.message().contains("科学计数法"));
        assert!(matches!(parse_amount("1e5", 2, false), Err(AmountError::Exponent)));
        assert!(matches!(parse_amount("2.5E3", 2, false), Err(AmountError::Exponent)));
        assert_eq!(parse_amount("1e3", 2, false), Err(AmountError::Exponent));
        assert_eq!(parse_amount("12.345", 2, false), Err(AmountError::TooManyDecimals { max: 2, got: 3 }));
        assert_eq!(parse_amount("abc", 2, false), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("-5", 2, false), Err(AmountError::Negative));
        assert_eq!(parse_amount("-5", 2, true).unwrap(), d("-5"));
        assert_eq!(parse_amount("99999999999999999999999", 2, false), Err(AmountError::TooLarge));
        assert_eq!(parse_amount("999999999999999999999999999999999", 2, false), Err(AmountError::TooLarge));
        let long = format!("1.{}", "3".repeat(40));
        assert_eq!(parse_amount(&long, 2, false), Err(AmountError::TooManyDecimals { max: 2, got: 40 }));
        assert_eq!(parse_amount(".5", 2, false), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("0x10", 2, false), Err(AmountError::NotANumber));
    }

    #[test]
    fn shares_sum_to_100() {
        // seed 002: 654.4 / 21.01 / 28.71 / 3 of 707.12
        let s = largest_remainder(&[d("654.4"), d("21.01"), d("28.71"), d("3")], 1);
        assert_eq!(s, vec![d("92.5"), d("3.0"), d("4.1"), d("0.4")]);
        let s = largest_remainder(&[d("1"), d("1"), d("1")], 1);
        assert_eq!(s.iter().copied().sum::<Decimal>(), d("100"));
        assert_eq!(s, vec![d("33.4"), d("33.3"), d("33.3")]);
    }

    #[test]
    fn formats() {
        let st = MoneyStyle::default();
        assert_eq!(st.amount(d("654.4")), "654.40");
        assert_eq!(st.cell(Decimal::ZERO), "");
        let trim = MoneyStyle { trim_zeros: true, ..st };
        assert_eq!(trim.amount(d("654.40")), "654.4");
        assert_eq!(trim.amount(d("3.00")), "3");
        assert_eq!(st.percent(d("75.04"), d("632.08")), Some(d("11.9")));
        assert_eq!(st.percent(d("1"), Decimal::ZERO), None);
        assert_eq!(st.pct(d("100")), "100.0%");
    }
}
