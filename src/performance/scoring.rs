//! Scoring schemes (`data/scoring.yaml`) and the arithmetic of a score: a target or actual
//! parsed from the words the user typed ("≥95%", "≤200人次", "具有"), and the score an
//! indicator earns from them. Shared by the project and the overall self-evaluations.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
pub struct Scheme {
    pub execution: u32,
    pub levels: BTreeMap<String, u32>,
}

#[derive(Debug, Deserialize)]
pub struct Grade {
    pub min: u32,
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub struct Boxes {
    pub category: Vec<String>,
    pub attribute: Vec<String>,
    pub kind: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Scoring {
    pub schemes: BTreeMap<String, Scheme>,
    pub grades: Vec<Grade>,
    pub boxes: Boxes,
}

/// The built-in scoring data (checked by a unit test).
pub fn scoring() -> &'static Scoring {
    static S: OnceLock<Scoring> = OnceLock::new();
    S.get_or_init(|| serde_saphyr::from_str(include_str!("../../data/scoring.yaml")).expect("data/scoring.yaml is valid"))
}

impl Scoring {
    pub fn grade(&self, total: Decimal) -> &str {
        self.grades.iter().find(|g| total >= Decimal::from(g.min)).map(|g| g.name.as_str()).unwrap_or("差")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    /// ≥, 不低于, or a plain number: more is better.
    AtLeast,
    /// ≤, <, 不高于, 不超过: less is better.
    AtMost,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Num { cmp: Cmp, value: Decimal, unit: String },
    Word(String),
}

/// Parses a target or actual value as typed: "≥95%", "≤200人次", "100%", "248天", "具有".
/// A value that looks like a quantity but cannot be read ("大约九成") is an error.
pub fn parse_target(s: &str) -> Result<Target, String> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return Err("为空".into());
    }
    let (cmp, rest) = [("≥", Cmp::AtLeast), (">=", Cmp::AtLeast), ("不低于", Cmp::AtLeast), (">", Cmp::AtLeast), ("≤", Cmp::AtMost), ("<=", Cmp::AtMost), ("<", Cmp::AtMost), ("不高于", Cmp::AtMost), ("不超过", Cmp::AtMost), ("＜", Cmp::AtMost), ("＞", Cmp::AtLeast), ("=", Cmp::AtLeast)]
        .iter()
        .find_map(|(p, c)| t.strip_prefix(p).map(|r| (Some(*c), r)))
        .unwrap_or((None, t.as_str()));
    let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
    if num_len > 0 {
        let unit = &rest[num_len..];
        let value = Decimal::from_str(&rest[..num_len]).map_err(|_| format!("“{s}”中的数字无法读取"))?;
        if unit.chars().any(|c| c.is_ascii_digit()) || unit.chars().count() > 6 {
            return Err(format!("“{s}”不是“数字+单位”的形式"));
        }
        return Ok(Target::Num { cmp: cmp.unwrap_or(Cmp::AtLeast), value, unit: unit.to_string() });
    }
    if cmp.is_some() {
        return Err(format!("“{s}”有比较符号但没有数字"));
    }
    // Chinese numerals or "about" make a quantity no one can score.
    let numeral_fraction = t.chars().zip(t.chars().skip(1)).any(|(a, b)| "一二三四五六七八九十".contains(a) && "成".contains(b));
    if numeral_fraction || t.contains('约') || t.contains("左右") || t.contains("大概") || t.contains("百分之") {
        return Err(format!("“{s}”像是数量，但无法读成数字；请写成 ≥90% 这样的形式"));
    }
    Ok(Target::Word(t))
}

pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The score an indicator earns from target and actual, or None when it cannot be computed
/// (a qualitative indicator whose result differs from its target: the user chooses).
pub fn compute_score(weight: Decimal, target: &Target, actual: &Target) -> Option<Decimal> {
    match (target, actual) {
        (Target::Num { cmp, value, unit }, Target::Num { value: a, unit: au, .. }) => {
            if !(au.is_empty() || au == unit) {
                return None;
            }
            let s = match cmp {
                Cmp::AtLeast if a >= value || value.is_zero() => weight,
                Cmp::AtLeast => weight * *a / *value,
                Cmp::AtMost if a <= value => weight,
                Cmp::AtMost if a.is_zero() => weight,
                Cmp::AtMost => weight * *value / *a,
            };
            Some(round2(s.min(weight).max(Decimal::ZERO)))
        }
        (Target::Word(t), Target::Word(a)) if t == a => Some(weight),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    #[test]
    fn parses_targets() {
        assert_eq!(parse_target("≥95%").unwrap(), Target::Num { cmp: Cmp::AtLeast, value: d("95"), unit: "%".into() });
        assert_eq!(parse_target("≤200 人次").unwrap(), Target::Num { cmp: Cmp::AtMost, value: d("200"), unit: "人次".into() });
        assert_eq!(parse_target("< 5 %").unwrap(), Target::Num { cmp: Cmp::AtMost, value: d("5"), unit: "%".into() });
        assert_eq!(parse_target("具有").unwrap(), Target::Word("具有".into()));
        assert!(parse_target("大约九成").is_err());
        assert!(parse_target("九成").is_err());
        assert_eq!(parse_target("第一时间").unwrap(), Target::Word("第一时间".into()));
        assert!(parse_target("≥ 高").is_err());
    }
    #[test]
    fn scores_by_direction() {
        let t = |s| parse_target(s).unwrap();
        assert_eq!(compute_score(d("4"), &t("≤200人次"), &t("108人次")), Some(d("4")));
        assert_eq!(compute_score(d("4"), &t("100%"), &t("100%")), Some(d("4")));
        assert_eq!(compute_score(d("4"), &t("95%"), &t("96.45%")), Some(d("4")));
        assert_eq!(compute_score(d("2"), &t("<5%"), &t("10%")), Some(d("1")));
        assert_eq!(compute_score(d("4"), &t("≥50%"), &t("25%")), Some(d("2")));
        assert_eq!(compute_score(d("4"), &t("具有"), &t("不具有")), None);
    }
    /// For random indicator trees the printed total is the sum of printed scores, no score
    /// exceeds its weight, and the grade matches the total.
    #[test]
    fn property_total_and_grade() {
        let mut state: u64 = 42;
        let mut next = |m: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % m
        };
        for _ in 0..2000 {
            let n = 1 + next(12);
            let mut total = Decimal::ZERO;
            let mut scores = Vec::new();
            for _ in 0..n {
                let w = Decimal::from(1 + next(10));
                let target = Target::Num { cmp: if next(2) == 0 { Cmp::AtLeast } else { Cmp::AtMost }, value: Decimal::new(1 + next(10000) as i64, 2), unit: "%".into() };
                let actual = Target::Num { cmp: Cmp::AtLeast, value: Decimal::new(next(10000) as i64, 2), unit: "%".into() };
                let s = compute_score(w, &target, &actual).unwrap();
                assert!(s <= w && s >= Decimal::ZERO);
                assert_eq!(s, round2(s), "printed with two decimals");
                total += s;
                scores.push(s);
            }
            assert_eq!(total, scores.iter().copied().sum::<Decimal>());
            let g = scoring().grade(total);
            let expect = if total >= d("90") { "优" } else if total >= d("80") { "良" } else if total >= d("60") { "中" } else { "差" };
            assert_eq!(g, expect);
        }
    }

    /// Every built-in city profile names a scoring scheme that exists.
    #[test]
    fn builtin_profiles_name_a_scheme() {
        for (name, _) in crate::render::profile::CITIES {
            let p = crate::render::profile::load(name).unwrap();
            assert!(scoring().schemes.contains_key(&p.scoring), "{name}: scoring scheme {} exists", p.scoring);
        }
    }
}
