//! Characters a report cannot show and must not carry: bidirectional controls (a U+202E in a
//! name printed the score 94.98 as "89.49"), C0 and C1 controls other than the newline,
//! private-use characters and noncharacters. `check` refuses them wherever they are typed
//! (rule `Y-TEXT-CHAR`), each at its own place with its code point, so a file that passes
//! `check` can always be built and its text never reorders or hides what follows it.

/// Why `c` may not appear in a report's text, or None when it may.
pub fn forbidden(c: char) -> Option<&'static str> {
    let u = c as u32;
    Some(match u {
        0x0A => return None,
        0x00..=0x1F | 0x7F => "控制字符",
        0x80..=0x9F => "控制字符（C1）",
        0x200E | 0x200F | 0x061C => "双向文字方向标记",
        0x202A..=0x202E | 0x2066..=0x2069 => "双向文字控制字符（可使后面的文字倒序显示）",
        0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD => "私用区字符（没有公认字形）",
        0xFDD0..=0xFDEF => "非字符（noncharacter）",
        _ if u & 0xFFFE == 0xFFFE => "非字符（noncharacter）",
        _ => return None,
    })
}

/// Every forbidden character of `text`: (byte offset, character, why).
pub fn scan(text: &str) -> Vec<(usize, char, &'static str)> {
    text.char_indices().filter_map(|(i, c)| forbidden(c).map(|why| (i, c, why))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_refused() {
        for c in ['\u{202E}', '\u{2066}', '\u{200F}', '\u{1B}', '\u{7}', '\u{8}', '\t', '\r', '\u{85}', '\u{E000}', '\u{E001}', '\u{F8FF}', '\u{10FFFF}', '\u{FFFE}', '\u{FDD0}'] {
            assert!(forbidden(c).is_some(), "{:04X}", c as u32);
        }
        for c in ['\n', 'a', '中', '（', '“', '\u{3000}', '☑', '①', '\u{200B}'] {
            assert!(forbidden(c).is_none(), "{:04X}", c as u32);
        }
        assert_eq!(scan("甲\u{202E}乙").iter().map(|x| x.0).collect::<Vec<_>>(), vec![3]);
    }
}
