//! Scanning free text for the checks of `prose`, `names`, `year_terms` and the figures
//! quoted in text: a dictionary of patterns found in one pass (`Dict`), labels matched
//! across quotes (`ends_with_skipping`), sentence ranges (`pieces`), a piece of a text
//! placed at its own span in the YAML (`locate`) and a short excerpt around it (`excerpt_at`).
//! Every function takes any text without panicking and costs about its length.

use crate::core::diag::SrcSpan;
use crate::core::loader::TextVal;
use std::collections::HashMap;

/// Patterns indexed by their first character, so one pass over a text finds them all
/// (a text of 5,000 characters costs 5,000 look-ups, not one search per pattern). A
/// bitmap of first characters turns most characters away before the map is asked.
pub struct Dict<V> {
    first: [u64; 64],
    by_first: HashMap<char, Vec<(&'static str, V)>>,
    /// Match across quotes and spaces in the text (`ignorable`): “十四五” 开局 is 十四五开局.
    skipping: bool,
}

fn bit(c: char) -> (usize, u64) {
    let k = c as usize % 4096;
    (k / 64, 1 << (k % 64))
}

impl<V: Copy> Dict<V> {
    pub fn new(patterns: impl IntoIterator<Item = (&'static str, V)>, skipping: bool) -> Self {
        let mut by_first: HashMap<char, Vec<(&'static str, V)>> = HashMap::new();
        let mut first = [0u64; 64];
        for (p, v) in patterns {
            if let Some(c) = p.chars().next() {
                by_first.entry(c).or_default().push((p, v));
                let (w, m) = bit(c);
                first[w] |= m;
            }
        }
        // Longest first, so the matches at one place come longest first.
        for list in by_first.values_mut() {
            list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
        Dict { first, by_first, skipping }
    }

    /// Every match (start byte, end byte, pattern, value), by start, longest first at one
    /// start. Overlapping matches are all returned.
    pub fn find_all(&self, text: &str) -> Vec<(usize, usize, &'static str, V)> {
        let mut out = Vec::new();
        for (b, c) in text.char_indices() {
            let (w, m) = bit(c);
            if self.first[w] & m == 0 {
                continue;
            }
            if let Some(list) = self.by_first.get(&c) {
                let rest = &text[b..];
                out.extend(list.iter().filter_map(|(p, v)| Some((b, b + self.match_len(rest, p)?, *p, *v))));
            }
        }
        out
    }

    /// The length in bytes of `pat` at the start of `rest`, if it is there.
    fn match_len(&self, rest: &str, pat: &str) -> Option<usize> {
        if !self.skipping {
            return rest.starts_with(pat).then_some(pat.len());
        }
        let mut it = rest.char_indices();
        let mut end = 0;
        for (i, pc) in pat.chars().enumerate() {
            loop {
                let (b, c) = it.next()?;
                if c == pc {
                    end = b + c.len_utf8();
                    break;
                }
                if i == 0 || !ignorable(c) {
                    return None;
                }
            }
        }
        Some(end)
    }
}

/// Quotes and spaces, skipped when matching terms and labels: “三公”经费 is 三公经费,
/// “十四五” 开局 is 十四五开局.
pub fn ignorable(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '《' | '》' | ' ' | '\u{3000}')
}

/// Where `label` starts if `head` ends with it, quotes and spaces inside and after it
/// skipped ("“三公”经费" ends with 三公经费).
pub fn ends_with_skipping(head: &str, label: &str) -> Option<usize> {
    let mut it = head.char_indices().rev().peekable();
    while it.next_if(|(_, c)| ignorable(*c)).is_some() {}
    let mut start = None;
    for (i, lc) in label.chars().rev().enumerate() {
        loop {
            let (b, c) = it.next()?;
            if c == lc {
                start = Some(b);
                break;
            }
            if i == 0 || !ignorable(c) {
                return None;
            }
        }
    }
    start
}

/// Byte ranges of the pieces of `text` between characters for which `end` holds (the
/// ending character is part of its piece), without leading and trailing whitespace; empty
/// pieces are left out.
pub fn pieces(text: &str, end: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut push = |a: usize, b: usize| {
        let s = &text[a..b];
        let lead = s.len() - s.trim_start().len();
        let t = s.trim();
        if !t.is_empty() {
            out.push((a + lead, a + lead + t.len()));
        }
    };
    for (b, c) in text.char_indices() {
        if end(c) {
            push(from, b + c.len_utf8());
            from = b + c.len_utf8();
        }
    }
    push(from, text.len());
    out
}

/// Sentence ends: a sentence is what a reader takes as one statement.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n')
}

/// Full stops only: a semicolon joins the clauses of one sentence
/// ("基本支出增加68.03万元，…；项目支出减少60.72元，…。" is one sentence, seed 004 L44).
pub fn is_full_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n')
}

/// The span of `t.text[start..end]` in the source: the same occurrence of that piece in the
/// scalar as typed, when the scalar holds it verbatim (plain or quoted without escapes on
/// one line); otherwise the whole scalar. `source` is the text the spans point into.
pub fn locate(t: &TextVal, source: &str, start: usize, end: usize) -> Option<SrcSpan> {
    let sp = t.span?;
    let (Some(piece), Some(before)) = (t.text.get(start..end).filter(|p| !p.is_empty()), t.text.get(..start)) else { return Some(sp) };
    let nth = before.match_indices(piece).count();
    match source.get(sp.start..sp.end).and_then(|raw| raw.match_indices(piece).nth(nth)) {
        Some((off, _)) => Some(SrcSpan { start: sp.start + off, end: sp.start + off + piece.len(), ..sp }),
        None => Some(sp),
    }
}

/// A few characters around `text[start..end]` so a finding shows where it is in a long text.
/// Costs the excerpt, not the text.
pub fn excerpt_at(text: &str, start: usize, end: usize) -> String {
    const AROUND: usize = 12;
    let (Some(before), Some(piece), Some(after)) = (text.get(..start), text.get(start..end), text.get(end..)) else { return String::new() };
    let from = before.char_indices().rev().nth(AROUND - 1).map_or(0, |(b, _)| b);
    let to = after.char_indices().nth(AROUND).map_or(after.len(), |(b, _)| b);
    format!("{}{}{}{}{}", if from > 0 { "…" } else { "" }, &before[from..], piece, &after[..to], if to < after.len() { "…" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::loader::TextVal;

    #[test]
    fn dict_finds_every_pattern_in_one_pass() {
        let d = Dict::new([("二十大", 1), ("二十大特护期", 2), ("十四五开局", 3)], true);
        let got: Vec<(usize, usize, &str, i32)> = d.find_all("二十大特护期、“十四五” 开局").into_iter().collect();
        assert_eq!(got, [(0, 18, "二十大特护期", 2), (0, 9, "二十大", 1), (24, 43, "十四五开局", 3)]);
        assert!(d.find_all("").is_empty());
        assert!(Dict::new([("十四五开局", 3)], false).find_all("“十四五” 开局").is_empty(), "exact unless skipping");
        assert_eq!(ends_with_skipping("其中“三公”经费 ", "三公经费"), Some("其中“".len()));
        assert_eq!(ends_with_skipping("三公", "三公经费"), None);
        assert_eq!(ends_with_skipping("”", "三公经费"), None);
    }

    #[test]
    fn pieces_keep_their_end() {
        let t = " 一是甲。二是乙；\n三是丙";
        let p: Vec<&str> = pieces(t, is_sentence_end).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(p, ["一是甲。", "二是乙；", "三是丙"]);
    }

    #[test]
    fn locate_narrows_to_the_same_occurrence() {
        let source = "k: 甲乙甲乙\n";
        let t = TextVal { text: "甲乙甲乙".into(), span: Some(SrcSpan { file: 0, start: 3, end: 15 }) };
        let s = locate(&t, source, 6, 12).unwrap();
        assert_eq!(&source[s.start..s.end], "甲乙");
        assert_eq!(s.start, 9, "the second 甲乙");
        // Not verbatim (folded), a range off a character boundary, no span: never a panic.
        let folded = TextVal { text: "甲 乙".into(), span: Some(SrcSpan { file: 0, start: 3, end: 15 }) };
        assert_eq!(locate(&folded, source, 0, 5), folded.span);
        assert_eq!(locate(&t, source, 1, 2), t.span);
        assert_eq!(locate(&TextVal::default(), source, 0, 1), None);
        assert_eq!(excerpt_at("甲乙", 1, 9), "", "a range off a character boundary");
        let long = "一二三四五六七八九十".repeat(5);
        assert_eq!(excerpt_at(&long, 60, 63), "…九十一二三四五六七八九十一二三四五六七八九十一二三…");
        assert_eq!(excerpt_at("甲乙丙", 3, 6), "甲乙丙");
    }
}
