//! Terms tied to a year (`R-YEAR-TERM`): "二十大特护期" in a 2024 report's goals (seed 003)
//! is a sentence copied from an old report. The terms and the years they fit are data
//! (`data/year-terms.yaml`, compiled in), each with the reason shown in the warning.

use crate::core::diag::Finding;
use crate::core::loader::TextVal;
use crate::core::scan::{excerpt_at, locate, Dict};

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearTerm {
    pub terms: Vec<String>,
    pub from: u32,
    pub to: u32,
    pub why: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TermFile {
    terms: Vec<YearTerm>,
}

/// The terms of `data/year-terms.yaml` (checked by the unit test below, so it parses).
pub fn terms() -> &'static [YearTerm] {
    static TERMS: std::sync::OnceLock<Vec<YearTerm>> = std::sync::OnceLock::new();
    TERMS.get_or_init(|| serde_saphyr::from_str::<TermFile>(include_str!("../../data/year-terms.yaml")).map(|f| f.terms).unwrap_or_default())
}

/// A term found in a text: the entry, the spelling, and its byte range in the original text.
#[derive(Debug)]
pub struct Hit<'a> {
    pub entry: &'a YearTerm,
    pub term: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Every spelling, indexed by its first character (built once).
fn dict() -> &'static Dict<&'static YearTerm> {
    static DICT: std::sync::OnceLock<Dict<&'static YearTerm>> = std::sync::OnceLock::new();
    DICT.get_or_init(|| Dict::new(terms().iter().flat_map(|e| e.terms.iter().map(move |t| (t.as_str(), e))), true))
}

/// Every term in `text` (across quotes and spaces); where terms overlap, the longest one
/// (the most specific) only.
pub fn find(text: &str) -> Vec<Hit<'static>> {
    // Matches come by start; at one start the longest first.
    let mut out = Vec::new();
    let mut covered = 0;
    for (start, end, term, entry) in dict().find_all(text) {
        if end <= covered {
            continue; // inside a longer term already taken
        }
        covered = end;
        out.push(Hit { entry, term, start, end });
    }
    out
}

/// `R-YEAR-TERM`: each term whose years do not include the report's `year`, once per text.
pub fn check(texts: &[(String, TextVal)], source: &str, year: u32, out: &mut Vec<Finding>) {
    // A year outside 2000–2100 is already a Y-YEAR error; every term would "not fit" it.
    if !(2000..=2100).contains(&year) {
        return;
    }
    for (field, t) in texts {
        let mut seen: Vec<&str> = Vec::new();
        for h in find(&t.text) {
            if (h.entry.from..=h.entry.to).contains(&year) || seen.contains(&h.term) {
                continue;
            }
            seen.push(h.term);
            let years = if h.entry.from == h.entry.to { format!("{} 年度", h.entry.from) } else { format!("{}—{} 年度", h.entry.from, h.entry.to) };
            out.push(
                Finding::warning("R-YEAR-TERM", field.clone(), format!("{year} 年度的报告中出现“{}”，该提法只适用于 {years}", h.term))
                    .at(locate(t, source, h.start, h.end))
                    .expected(format!("{year} 年度的提法"))
                    .actual(excerpt_at(&t.text, h.start, h.end))
                    .hint(format!("{}。核对是否照抄了往年的文字；确需保留（如回顾往年工作）时在 accepted_warnings 中写明理由接受 R-YEAR-TERM", h.entry.why)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_is_sound() {
        if let Err(e) = serde_saphyr::from_str::<TermFile>(include_str!("../../data/year-terms.yaml")) {
            panic!("data/year-terms.yaml: {e}");
        }
        let mut all = std::collections::BTreeSet::new();
        for e in terms() {
            assert!(e.from <= e.to && (2000..=2100).contains(&e.from), "{:?}: years", e.terms);
            assert!(!e.why.trim().is_empty() && !e.terms.is_empty(), "{:?}: why", e.terms);
            for t in &e.terms {
                assert!(!t.chars().any(crate::core::scan::ignorable) && !t.is_empty(), "{t}: quotes and spaces are removed before matching");
                assert!(all.insert(t.clone()), "{t} listed twice");
            }
        }
    }

    fn hits(text: &str, year: u32) -> Vec<String> {
        find(text).into_iter().filter(|h| !(h.entry.from..=h.entry.to).contains(&year)).map(|h| h.term.to_string()).collect()
    }

    #[test]
    fn seed_003_goal_of_2024() {
        let goal = "信访形势总体平稳，无因信访问题引发大规模聚集上访、极端恶性事件和负面舆情炒作。全国两会特护期、二十大特护期实现进京“零集访、零非访、零滋事、零违纪、零通报”目标。";
        assert_eq!(hits(goal, 2024), ["二十大特护期"]);
        assert!(hits(goal, 2022).is_empty());
    }

    #[test]
    fn longest_term_decides_and_quotes_are_ignored() {
        assert_eq!(hits("迎接“十四五”开局，喜迎二十大", 2023), ["十四五开局", "喜迎二十大"]);
        assert!(hits("学习贯彻党的二十大精神", 2023).is_empty());
        let h = find("做好“十四五” 开局");
        assert_eq!((h.len(), h[0].start), (1, "做好“".len()), "the range starts at the opening quote's next character");
        assert_eq!(&"做好“十四五” 开局"[h[0].start..h[0].end], "十四五” 开局");
    }

    #[test]
    fn examples_fit_their_years() {
        // Texts of the examples (and their seeds) in their own years: nothing to report.
        for (t, y) in [
            ("二是做好全国“两会”、“建党一百周年”等国家重要活动及会议期间信访维稳工作", 2020),
            ("区信访局2020年紧紧围绕贯彻落实党的十九大精神，坚持以人民为中心的理念", 2020),
            ("较好地完成了2020年度绩效管理的全面依法治国、全面建成小康社会等专项目标", 2020),
            ("紧扣“贯彻二十大、落实新条例、开创新局面”主线", 2023),
            ("以贯彻落实党的二十大精神为契机，进一步加强系统谋划", 2023),
            ("确保2024年党的二十届三中全会、2024年两会等国家重要活动特护期维稳工作", 2024),
            ("今年受新冠肺炎疫情影响，费用整体缩减", 2020),
            ("确保了全国“两会”、“十九届五中全会”等特护期间零非访的工作目标", 2020),
        ] {
            assert!(hits(t, y).is_empty(), "{t} ({y}): {:?}", hits(t, y));
        }
        assert_eq!(hits("区信访局紧紧围绕贯彻落实党的十九大精神", 2024), ["十九大精神"]);
        assert_eq!(hits("庆祝建党100周年", 2023), ["建党100周年"]);
        assert_eq!(hits("“十三五”规划", 2022), ["十三五"]);
    }
}
