//! Checks on free text, whichever document kind it comes from: placeholders and template
//! instructions left in (`R-UNFILLED-TEXT`). Every kind calls `check` once with every text
//! its loader saw.

use crate::core::diag::{Finding, SrcSpan};
use crate::core::loader::TextVal;

/// Template instructions and placeholders that must never reach a published report. Each
/// pattern is (text to find, what it is). Seeds 000–004 left several of them in.
const PLACEHOLDERS: &[(&str, &str)] = &[
    ("字以内", "字数要求说明"),
    ("大(小)于", "“大(小)于”二选一未选"),
    ("大（小）于", "“大（小）于”二选一未选"),
    ("增加(减少)", "“增加(减少)”二选一未选"),
    ("增加（减少）", "“增加（减少）”二选一未选"),
    ("应作说明", "填写说明"),
    ("请依据", "填写说明"),
    ("请根据", "填写说明"),
    ("XX", "占位符"),
    ("xx", "占位符"),
    ("××", "占位符"),
    ("**", "占位符"),
    ("……", "省略号占位"),
    ("...", "省略号占位"),
    ("TODO", "待办标记"),
    ("待填", "待填标记"),
    ("需列出", "填写说明"),
    ("需要填报", "填写说明"),
    ("（参考", "填写说明"),
    ("(参考", "填写说明"),
    ("盖章", "表单栏目"),
    ("此页为封面", "排版说明"),
];

/// Sentences that end before their object, e.g. "主要用于该专项资金支出。".
const DANGLING: &[&str] = &["该专项资金支出。", "主要用于。", "主要原因是。", "用于。"];

/// Every check on the free texts of one file. `texts` are (field path, text) as loaded,
/// `source` the YAML text their spans point into, `year` the report's year.
pub fn check(texts: &[(String, TextVal)], source: &str, year: u32, out: &mut Vec<Finding>) {
    let _ = year;
    unfilled(texts, source, out);
}

/// Unfilled text: placeholders and instructions left in any text field.
/// `source` is the YAML text the spans point into, used to narrow a finding to the
/// placeholder itself.
pub fn unfilled(texts: &[(String, TextVal)], source: &str, out: &mut Vec<Finding>) {
    for (field, t) in texts {
        let bare = t.text.trim().trim_end_matches(['。', '.']);
        if bare.is_empty() || (field.contains("reason") && matches!(bare, "无" | "没有" | "暂无" | "/" | "-" | "—")) {
            if field.contains("reason") {
                out.push(Finding::error("R-UNFILLED-TEXT", field.clone(), format!("原因没有内容（“{}”）", t.text.trim())).at(t.span).hint("写明原因，或删去这一项"));
            }
            continue;
        }
        if let Some((pat, what)) = PLACEHOLDERS.iter().find(|(p, _)| t.text.contains(p)) {
            // Point at the placeholder itself when it appears verbatim in the source.
            let span = t.span.map(|sp| match source.get(sp.start..sp.end).and_then(|raw| raw.find(pat)) {
                Some(off) => SrcSpan { start: sp.start + off, end: sp.start + off + pat.len(), ..sp },
                None => sp,
            });
            out.push(
                Finding::error("R-UNFILLED-TEXT", field.clone(), format!("文字中残留模板内容（{what}）：“{pat}”"))
                    .at(span)
                    .actual(excerpt(&t.text, pat))
                    .hint("把占位符或填写说明换成实际内容"),
            );
        } else if let Some(d) = DANGLING.iter().find(|d| t.text.ends_with(*d) || t.text.contains(*d)) {
            out.push(
                Finding::error("R-UNFILLED-TEXT", field.clone(), format!("句子缺少内容：“{d}”"))
                    .at(t.span)
                    .hint("写明具体用途或原因"),
            );
        }
    }
}

/// A few characters around `pat` so the finding shows where it is in a long text.
fn excerpt(text: &str, pat: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let byte = text.find(pat).unwrap_or(0);
    let at = text[..byte].chars().count();
    let from = at.saturating_sub(12);
    let to = (at + pat.chars().count() + 12).min(chars.len());
    let s: String = chars[from..to].iter().collect();
    format!("{}{}{}", if from > 0 { "…" } else { "" }, s, if to < chars.len() { "…" } else { "" })
}
