//! Sentence helpers shared by every kind. The phrasing of computed figures by sign and zero
//! base (增加/减少/持平, never "完成年初预算的0.0%" against a zero budget) is in the section
//! templates (`sections/_macros.j2`), fed with the flags of each kind's context.

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
    #[test]
    fn sentences_and_class_phrases() {
        assert_eq!(super::sentence(" 用于维稳 "), "用于维稳。");
        assert_eq!(super::sentence("已完成；"), "已完成；");
        assert_eq!(super::class_phrase("一般公共服务支出"), "一般公共服务（类）支出");
        assert_eq!(super::class_phrase("其他"), "其他（类）");
    }
}
