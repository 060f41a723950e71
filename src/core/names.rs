//! Personal names in free text. A 信访 report must not name the people who petitioned
//! (seed 003 printed "化解了重点人员赵昌宏"), so a name-like token right after a word for
//! such a person (重点人员, 信访人, 交办件 …) is a warning (`R-PRIVATE-NAME`). Names after an
//! official's title (区长杨晓江) are public; they are found too, only to notice one person
//! spelled two ways in one file (`R-NAME-VARIANT`, seed 000 "区长杨晓江" / "区长杨晓").
//!
//! A name is a common surname and one or two more characters, ending where the text does,
//! at punctuation, or before a word that usually follows a name (等, 的, 带头 …). There is no
//! dictionary: precision comes from only looking right after a trigger word, and from the
//! lists below of characters a given name does not contain or end with. Cost is linear:
//! each trigger is searched once and each hit looks at most six characters ahead.

use crate::core::diag::Finding;
use crate::core::loader::TextVal;
use crate::core::scan::{excerpt_at, locate, Dict};
use std::collections::{HashMap, HashSet};

/// The ~100 most common surnames (公安部 2020 年全国姓名报告, in order), then the regional
/// ones the seeds' petitioners carry (阳, 殷: seed 003 is from 株洲, where both are common).
/// One character each; compound surnames are in `COMPOUND_SURNAMES`.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文殷阳";

/// Compound surnames common enough to meet; "上官", "东方" are left out (ordinary words).
const COMPOUND_SURNAMES: &[&str] = &["欧阳", "司马", "诸葛", "司徒", "慕容"];

/// Words for a petitioner or a petition that names one: a name right after them is a
/// private person's (seed 003: 重点人员赵昌宏, 交办件阳勇, 中央交办件殷庆高).
const PETITION_TRIGGERS: &[&str] = &[
    "重点人员", "重点对象", "信访人", "信访人员", "上访人", "上访人员", "来访人", "来访人员", "访民",
    "信访户", "上访户", "信访对象", "上访对象", "救助对象", "包案对象", "交办件", "当事人", "申诉人",
    "缠访人员", "非访人员", "求决人",
];

/// Titles of officials: the name after them is public, found only to compare spellings.
const OFFICIAL_TRIGGERS: &[&str] = &[
    "书记", "区长", "市长", "县长", "镇长", "乡长", "省长", "局长", "主任", "主席", "部长", "厅长", "处长", "科长",
];

/// Characters that are not part of a given name: function words, measure words, places and
/// bodies. A candidate containing one is a phrase ("重点人员对接", "交办件已办结").
const NON_NAME: &str = "的了是在和与及等已被对向将把从为于以之其这那个件次批名位人户某区市省县街镇村局委办部组室年月日号所有关各该本我你他她们不也都就又还未均";

/// Characters a word ends with but a name rarely does ("常态化", "高峰期", "方面").
const NON_FINAL: &str = "期率数量类化性度者员处面式法案务作点项内外上下中后前里时";

/// Characters that commonly come right after a name ("赵昌宏等", "杨晓江带头", "杨晓对群众").
const FOLLOW: &str = "等的和及与对在于已到同带进反因向称说表被将把从为是也都就又还曾多提来去赴上要亲主签息访诉督牵召指深调走接看慰听作率";

/// At most this many names are reported per text: a list of hundreds is one problem.
const MAX_PER_TEXT: usize = 10;

/// What a name was found after: a petitioner word (private) or an official's title (public).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Petition,
    Official,
}

/// A name found in a text: its characters, its byte range in the text, what it followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub name: String,
    pub start: usize,
    pub end: usize,
    pub context: Context,
    pub trigger: &'static str,
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The trigger words, found in one pass.
fn triggers() -> &'static Dict<Context> {
    static TRIGGERS: std::sync::OnceLock<Dict<Context>> = std::sync::OnceLock::new();
    TRIGGERS.get_or_init(|| {
        let petition = PETITION_TRIGGERS.iter().map(|t| (*t, Context::Petition));
        Dict::new(petition.chain(OFFICIAL_TRIGGERS.iter().map(|t| (*t, Context::Official))), false)
    })
}

/// Every name after a trigger word in `text`, in text order, each once.
pub fn find(text: &str) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    let mut starts = HashSet::new();
    for (_, after, trigger, context) in triggers().find_all(text) {
        // "重点人员：赵某" — a colon or space between the word and the name.
        let rest = &text[after..];
        let mut i = after + rest.len() - rest.trim_start_matches(['：', ':', ' ', '\u{3000}']).len();
        // A list of names: "交办件高峰、赵先知".
        while let Some(end) = name_at(text, i) {
            let name = &text[i..end];
            // "赵某" is how a report should write it: not a name.
            if !name.contains('某') && starts.insert(i) {
                out.push(Name { name: name.to_string(), start: i, end, context, trigger });
            }
            match text[end..].chars().next() {
                Some(c @ ('、' | '和' | '及' | '与')) => i = end + c.len_utf8(),
                _ => break,
            }
        }
    }
    out.sort_by_key(|n| n.start);
    out
}

/// The end (byte) of a name starting at byte `i` of `text`, if one starts there. Looks at
/// most six characters ahead.
fn name_at(text: &str, i: usize) -> Option<usize> {
    let mut cs = [(0usize, ' '); 6];
    let mut n = 0;
    for (b, c) in text.get(i..)?.char_indices().take(6) {
        cs[n] = (i + b, c);
        n += 1;
    }
    let ch = |k: usize| (k < n).then(|| cs[k].1);
    let byte = |k: usize| if k < n { cs[k].0 } else { text.len() };
    let compound = n >= 2 && COMPOUND_SURNAMES.iter().any(|s| s.starts_with(cs[0].1) && s.ends_with(cs[1].1) && s.chars().count() == 2);
    let surname = if compound { 2 } else if SURNAMES.contains(ch(0)?) { 1 } else { return None };
    // Longest first: a two-character given name, then one.
    for given in [2, 1] {
        let end = surname + given;
        let given_ok = (surname..end).all(|k| ch(k).is_some_and(|c| is_han(c) && !NON_NAME.contains(c)));
        if !given_ok || ch(end - 1).is_some_and(|c| NON_FINAL.contains(c)) {
            continue;
        }
        if ch(end).is_none_or(|c| !is_han(c) || FOLLOW.contains(c)) {
            return Some(byte(end));
        }
    }
    None
}

/// `R-PRIVATE-NAME`: a name after a petitioner word. One warning per name and text.
pub fn private_names(texts: &[(String, TextVal)], found: &[Vec<Name>], source: &str, out: &mut Vec<Finding>) {
    for ((field, t), names) in texts.iter().zip(found) {
        let mut seen: Vec<&str> = Vec::new();
        for n in names.iter().filter(|n| n.context == Context::Petition) {
            if seen.contains(&n.name.as_str()) || seen.len() == MAX_PER_TEXT {
                continue;
            }
            seen.push(&n.name);
            out.push(
                Finding::warning("R-PRIVATE-NAME", field.clone(), format!("公开稿中疑似出现信访人等个人的姓名：“{}”（在“{}”之后）", n.name, n.trigger))
                    .at(locate(t, source, n.start, n.end))
                    .expected(format!("不写个人姓名，如“{}某”", first_char(&n.name)))
                    .actual(excerpt_at(&t.text, n.start, n.end))
                    .hint("信访人、重点人员的姓名属于个人信息，公开稿中删去或写成“某某”；确为可公开的姓名（如单位名称）时在 accepted_warnings 中写明理由接受 R-PRIVATE-NAME"),
            );
        }
    }
}

fn first_char(s: &str) -> String {
    s.chars().next().map(String::from).unwrap_or_default()
}

/// Two spellings of one person: the same surname and the same length with one character
/// of the given name different ("赵先知" / "赵先智"), or, after the same title, one name
/// missing the other's last character ("区长杨晓江" / "区长杨晓"). Two-character names
/// that differ in their one given character are different people, never reported.
pub fn variant(a: &Name, b: &Name) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (a.name.chars().collect(), b.name.chars().collect());
    if x == y || x.first() != y.first() {
        return false;
    }
    if x.len() == y.len() {
        return x.len() >= 3 && x.iter().zip(&y).filter(|(p, q)| p != q).count() == 1;
    }
    let (short, long) = if x.len() < y.len() { (&x, &y) } else { (&y, &x) };
    a.context == Context::Official && a.trigger == b.trigger && long.len() == short.len() + 1 && long.starts_with(short)
}

/// Keys two spellings of one person share: the name with one given character masked
/// (same length), and, after a title, the name without its last character.
fn variant_keys(n: &Name) -> Vec<String> {
    let chars: Vec<char> = n.name.chars().collect();
    let mut keys = Vec::new();
    if chars.len() >= 3 {
        for p in 1..chars.len() {
            let masked: String = chars.iter().enumerate().map(|(i, c)| if i == p { '*' } else { *c }).collect();
            keys.push(format!("={masked}"));
        }
    }
    if n.context == Context::Official {
        keys.push(format!("{}>{}", n.trigger, n.name));
        keys.push(format!("{}>{}", n.trigger, chars[..chars.len() - 1].iter().collect::<String>()));
    }
    keys
}

/// `R-NAME-VARIANT`: each spelling of a name seen earlier in the file under another
/// spelling, reported once at its first place with the earlier one as related. Spellings
/// are indexed by `variant_keys`, so the cost grows with the number of names, not its square.
pub fn name_variants(texts: &[(String, TextVal)], found: &[Vec<Name>], source: &str, out: &mut Vec<Finding>) {
    let mut seen: HashSet<&str> = HashSet::new();
    // Key → (text index, name) of the first spelling that had it.
    let mut by_key: HashMap<String, (usize, &Name)> = HashMap::new();
    for (tj, names) in found.iter().enumerate() {
        for b in names.iter().filter(|n| seen.insert(n.name.as_str())) {
            let keys = variant_keys(b);
            if let Some(&(ti, a)) = keys.iter().filter_map(|k| by_key.get(k)).find(|(_, a)| variant(a, b)) {
                let ((field, t), (_, ta)) = (&texts[tj], &texts[ti]);
                out.push(
                    Finding::warning("R-NAME-VARIANT", field.clone(), format!("同一人名疑有两种写法：“{}”与“{}”", a.name, b.name))
                        .at(locate(t, source, b.start, b.end))
                        .expected(format!("与前文一致的“{}”", a.name))
                        .actual(excerpt_at(&t.text, b.start, b.end))
                        .related(locate(ta, source, a.start, a.end), format!("前文写作“{}”", a.name))
                        .hint("核对姓名，全文统一写法；确为两个人时在 accepted_warnings 中写明理由接受 R-NAME-VARIANT"),
                );
            }
            for k in keys {
                by_key.entry(k).or_insert((tj, b));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        find(text).into_iter().map(|n| n.name).collect()
    }

    #[test]
    fn seed_003_petitioners() {
        // seed 003 line 40, as published.
        let t = "截至目前，已推动积案化解34件，其中建宁街道化解了重点人员赵昌宏，建设街道化解了省委巡视交办件阳勇，白关镇化解了中央交办件殷庆高，董家塅街道，龙泉街道化解了方红主席交办件高峰、赵先知，新芦淞集团化解了二汽运，以及涉访涉诉17件案件的化解。";
        let found = find(t);
        let private: Vec<&str> = found.iter().filter(|n| n.context == Context::Petition).map(|n| n.name.as_str()).collect();
        assert_eq!(private, ["赵昌宏", "阳勇", "殷庆高", "高峰", "赵先知"]);
    }

    #[test]
    fn officials_and_their_variants() {
        // seed 000 lines 283 and 285: one 区长, two spellings.
        let a = find("区委书记王建勇、区长杨晓江带头，全区30余位区领导参加");
        let b = find("区委书记王建勇、区长杨晓对群众生产生活反映比较突出的来信进行批阅");
        assert_eq!(a.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(), ["王建勇", "杨晓江"]);
        assert_eq!(b.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(), ["王建勇", "杨晓"]);
        assert!(a.iter().all(|n| n.context == Context::Official));
        assert!(variant(&a[1], &b[1]));
        assert!(!variant(&a[0], &b[0]), "the same spelling is no variant");
    }

    #[test]
    fn variants_need_a_shared_given_character() {
        let n = |s: &str, context| Name { name: s.into(), start: 0, end: 0, context, trigger: "交办件" };
        assert!(variant(&n("赵先知", Context::Petition), &n("赵先智", Context::Petition)));
        assert!(!variant(&n("王勇", Context::Petition), &n("王军", Context::Petition)), "two people");
        assert!(!variant(&n("赵先知", Context::Petition), &n("钱先知", Context::Petition)), "another surname");
        assert!(!variant(&n("赵先知", Context::Petition), &n("赵先", Context::Petition)), "a prefix only after the same title");
    }

    #[test]
    fn pseudonyms_and_phrases_are_not_names() {
        for t in [
            "化解了重点人员赵某、钱某某",
            "受理、交办、转送信访人提出的信访事项。",
            "帮助解决上访人的合理诉求，做好教育疏导等工作，提高上访人的满意率。",
            "推动了重点问题得到化解，重点人员得到稳控。",
            "重点人员常态化，信访人于3月到访，交办件万余件，交办件高峰期，信访人向有关部门反映",
            "帮扶救助困难上访人，维护全区和谐稳定",
            "全年共救助困难信访对象2人，成功解决息访息诉2人。",
            "市委曹慧泉书记、市政府陈恢清市长亲力亲为带头践行“四下基层”制度",
            "区委书记、区长带头接访、约访，成立工作组",
            "该专项资金支出化解了信访积案，实现了信访人息访息诉",
        ] {
            let got: Vec<String> = find(t).into_iter().filter(|n| n.context == Context::Petition).map(|n| n.name).collect();
            assert!(got.is_empty(), "{t}: {got:?}");
        }
    }

    #[test]
    fn hostile_text_does_not_panic() {
        for t in ["", "交办件", "交办件王", "交办件：", "区长欧", "区长欧阳", "信访人\u{3000}\u{3000}", &"交办件王、".repeat(2000)] {
            let _ = find(t);
        }
        assert_eq!(names("区长欧阳明辉"), ["欧阳明辉"]);
        assert!(names("交办件王").is_empty(), "a surname alone is no name");
    }
}
