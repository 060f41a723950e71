//! Checks sentence by sentence: the same sentence twice in one section
//! (`R-REPEATED-SENTENCE`, seed 002 "信访工作经费项目绩效自评综述：信访工作经费项目绩效自评综述：",
//! seed 004 a run of sentences pasted twice) and 元 beside 万元 in one sentence
//! (`R-UNIT-MIX`, seed 004 "公务用车运行及维护费2.5万元，公务接待0元").

use crate::core::diag::Finding;
use crate::core::loader::TextVal;
use crate::core::scan::{excerpt_at, is_full_stop, is_sentence_end, locate, pieces};
use std::collections::HashSet;

/// Shorter sentences repeat by nature ("效果明显。"); only this many Chinese characters or
/// more count as a sentence that should not be written twice.
const MIN_REPEAT_HAN: usize = 8;

/// A repeat is also a heading pasted twice ("…综述：…综述："), so a colon ends a piece here.
fn repeat_end(c: char) -> bool {
    is_sentence_end(c) || matches!(c, '：' | ':')
}

/// The sentence as compared: no whitespace, no list marker before it ("2. ", "②", "（一）",
/// "一是"), no final punctuation: seed 002 L645 repeats "②在维护信访稳定方面，…" without the ②.
fn key(s: &str) -> String {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let marker = |c: char| c.is_ascii_digit() || ".、)）(（".contains(c) || ('①'..='⑳').contains(&c);
    let mut rest = s.trim_start_matches(marker);
    // "（一）一是": a marker may follow another.
    for _ in 0..3 {
        let numeral = rest.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
        if numeral.len() == rest.len() || !numeral.starts_with(['、', '是', '）', ')']) {
            break;
        }
        rest = numeral[numeral.chars().next().map_or(0, char::len_utf8)..].trim_start_matches(marker);
    }
    rest.trim_end_matches(|c: char| repeat_end(c) || matches!(c, '，' | ',' | '.')).to_string()
}

/// The list a field belongs to: `overall[3]` → `overall`; a field that is not a list item
/// (`performance.problems`, `key_work.items[0].result`) is its own section.
fn list_of(field: &str) -> Option<&str> {
    let open = field.strip_suffix(']')?.rfind('[')?;
    field[open + 1..field.len() - 1].chars().all(|c| c.is_ascii_digit()).then(|| &field[..open])
}

/// `R-REPEATED-SENTENCE`: a sentence written twice in one text, or in two consecutive
/// paragraphs of one list. One warning per text, at the second occurrence.
pub fn repeated(texts: &[(String, TextVal)], source: &str, out: &mut Vec<Finding>) {
    // The previous paragraph's sentences, when it was the item before in the same list.
    let mut prev: Option<(&str, HashSet<String>)> = None;
    for (field, t) in texts {
        let list = list_of(field);
        let mut seen: HashSet<String> = HashSet::new();
        let mut found: Option<(usize, usize, bool)> = None;
        let mut count = 0;
        for (a, b) in pieces(&t.text, repeat_end) {
            // Most pieces are short: count before building the key.
            if t.text[a..b].chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).nth(MIN_REPEAT_HAN - 1).is_none() {
                continue;
            }
            let k = key(&t.text[a..b]);
            if k.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).nth(MIN_REPEAT_HAN - 1).is_none() {
                continue;
            }
            let in_prev = matches!((&prev, list), (Some((l, s)), Some(m)) if *l == m && s.contains(&k));
            let here = !seen.insert(k);
            if here || in_prev {
                count += 1;
                found.get_or_insert((a, b, !here));
            }
        }
        if let Some((a, b, across)) = found {
            let where_ = if across { "与上一段" } else { "在同一段中" };
            out.push(
                Finding::warning("R-REPEATED-SENTENCE", field.clone(), format!("同一句话{where_}重复出现（共 {count} 处）"))
                    .at(locate(t, source, a, b))
                    .expected("每句只写一次")
                    .actual(t.text[a..b].to_string())
                    .hint("删去重复的句子（多为复制粘贴时多贴了一遍）；确需重复时在 accepted_warnings 中写明理由接受 R-REPEATED-SENTENCE"),
            );
        }
        prev = list.map(|l| (l, seen));
    }
}

/// The amounts of a sentence: (start, end, in 万元). A number directly followed by 万元, or
/// by 元 that is no part of 万元/亿元/千元 and no rate (元/人, 元每天).
fn amounts(s: &str) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut num_start: Option<usize> = None;
    for (b, c) in s.char_indices() {
        if c.is_ascii_digit() || (num_start.is_some() && matches!(c, '.' | ',')) {
            num_start.get_or_insert(b);
            continue;
        }
        if let Some(n) = num_start.take() {
            let rest = s[b..].trim_start_matches(' ');
            let after = |unit: &str| rest.strip_prefix(unit).map(|r| !r.starts_with(['/', '每']));
            if after("万元") == Some(true) {
                out.push((n, s.len() - rest.len() + "万元".len(), true));
            } else if after("元") == Some(true) {
                out.push((n, s.len() - rest.len() + "元".len(), false));
            }
        }
    }
    out
}

/// `R-UNIT-MIX`: a sentence with amounts in 万元 and in 元. One warning per text, at the
/// first amount in 元 of the first such sentence.
pub fn unit_mix(texts: &[(String, TextVal)], source: &str, out: &mut Vec<Finding>) {
    for (field, t) in texts {
        let mixed = pieces(&t.text, is_full_stop).into_iter().find_map(|(a, b)| {
            let am = amounts(&t.text[a..b]);
            let wan = am.iter().find(|x| x.2)?;
            let yuan = am.iter().find(|x| !x.2)?;
            Some(((a + wan.0, a + wan.1), (a + yuan.0, a + yuan.1)))
        });
        let Some(((ws, we), (ys, ye))) = mixed else { continue };
        let (w, y) = (&t.text[ws..we], &t.text[ys..ye]);
        out.push(
            Finding::warning("R-UNIT-MIX", field.clone(), format!("同一句中金额单位混用：“{w}”与“{y}”"))
                .at(locate(t, source, ys, ye))
                .expected("同一句中的金额都以万元为单位")
                .actual(excerpt_at(&t.text, ys, ye))
                .hint(format!("核对“{y}”是否应为万元（金额以万元为单位）；确为元时在 accepted_warnings 中写明理由接受 R-UNIT-MIX")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tv(s: &str) -> TextVal {
        TextVal { text: s.into(), span: None }
    }

    /// A text check as `prose::check` calls it.
    type Check = fn(&[(String, TextVal)], &str, &mut Vec<Finding>);

    fn run(check: Check, texts: &[(&str, &str)]) -> Vec<String> {
        let texts: Vec<(String, TextVal)> = texts.iter().map(|(f, t)| (f.to_string(), tv(t))).collect();
        let mut out = Vec::new();
        check(&texts, "", &mut out);
        out.into_iter().map(|f| format!("{}: {}", f.field, f.message)).collect()
    }

    #[test]
    fn seed_repeats() {
        // seed 002 line 502 and seed 004 line 54, as published.
        let s002 = "2. 信访工作经费项目绩效自评综述：信访工作经费项目绩效自评综述：项目全年预算数为 236 万元";
        let s004 = "推动重要信访事项解决，规范信访事项办理、终结。进一步提高信访干部业务能力；吸收可行建议，改进信访工作；提高信访信息化应用水平，实现办公自动化、网络化智能化。保障机要邮件正常传递；确保相关会议正常召开，维护好群众工作中心正常运行，进一步提高信访干部业务能力；吸收可行建议，改进信访工作；提高信访信息化应用水平，实现办公自动化、网络化智能化。保障机要邮件正常传递和信访接待楼正常运转；确保相关会议正常召开。";
        assert_eq!(run(repeated, &[("a", s002), ("b", s004)]), ["a: 同一句话在同一段中重复出现（共 1 处）", "b: 同一句话在同一段中重复出现（共 2 处）"]);
    }

    #[test]
    fn list_markers_are_not_part_of_the_sentence() {
        // seed 002 L645: the first copy has its ②, the second none.
        let s645 = "②在维护信访稳定方面，加强对普通群众的信访法制宣传，进一步规范依法信访秩序。对群体聚集到市上访的情况加强防备及疏导。在维护信访稳定方面，加强对普通群众的信访法制宣传，进一步规范依法信访秩序。";
        assert_eq!(run(repeated, &[("a", s645)]).len(), 1);
        assert_eq!(key("2. 信访工作经费项目绩效自评综述："), "信访工作经费项目绩效自评综述");
        assert_eq!(key("（一）一是全员投入抗疫战斗。"), "全员投入抗疫战斗");
        assert_eq!(key("十九届五中全会期间特护期工作。"), "十九届五中全会期间特护期工作", "a numeral that starts a word stays");
    }

    #[test]
    fn repeats_across_consecutive_paragraphs_of_one_list() {
        let p = "在维护信访稳定方面，加强对普通群众的信访法制宣传。";
        assert_eq!(run(repeated, &[("overall[0]", p), ("overall[1]", p)]), ["overall[1]: 同一句话与上一段重复出现（共 1 处）"]);
        // Two fields that are not one list, or not consecutive, are separate sections.
        assert!(run(repeated, &[("performance.problems", p), ("performance.measures", p)]).is_empty());
        assert!(run(repeated, &[("key_work.items[0].result", p), ("key_work.items[1].result", p)]).is_empty());
        assert!(run(repeated, &[("overall[0]", p), ("other[0]", p), ("overall[1]", p)]).is_empty());
        assert!(run(repeated, &[("a", "效果明显。效果明显。")]).is_empty(), "short sentences may repeat");
    }

    #[test]
    fn units() {
        let s004 = "2021年“三公”经费预算2.5万元（其中，公务用车运行及维护费2.5万元，公务接待0元，因公出国（境）费0万元），预算与上年相比无变化。";
        assert_eq!(run(unit_mix, &[("a", s004)]), ["a: 同一句中金额单位混用：“2.5万元”与“0元”"]);
        for ok in [
            "项目支出减少60.72万元。执行数为11.66元。",
            "项目支出减少60.72万元；\n执行数为11.66元。",
            "住宿费标准为400元/人，全年差旅费2.5万元。",
            "单位价值50万元以上通用设备0台，单位价值100万元以上专用设备0台。",
            "部门整体支出预算金额5,863,600.00元，其中基本支出2,483,600.00元。",
            "共计1亿元，其中2.5万元用于宣传。",
        ] {
            assert!(run(unit_mix, &[("a", ok)]).is_empty(), "{ok}");
        }
        assert_eq!(amounts("3,740,942.64 元与374.09万元"), [(0, 16, false), (19, 31, true)]);
        // seed 004 L44: one sentence, its clauses joined by a semicolon.
        let s044 = "较2020年预算增加了7.31万元，其中：基本支出增加68.03万元，主要为增加新进行政人员经费支出；项目支出减少60.72元，主要为减少了部分专项资金项目支出。";
        assert_eq!(run(unit_mix, &[("a", s044)]), ["a: 同一句中金额单位混用：“7.31万元”与“60.72元”"]);
    }

    #[test]
    fn hostile_text_does_not_panic() {
        for t in ["", "。", "1", "1万", "1万元", "1元1万元", &"1,".repeat(3000), &"信访工作经费项目绩效自评综述：".repeat(300)] {
            let _ = run(repeated, &[("a[0]", t), ("a[1]", t)]);
            let _ = run(unit_mix, &[("a", t)]);
        }
    }
}
