//! Load → check, collecting every finding: one YAML file becomes a `Checked` value whose
//! document is ready to render. The file's `document:` picks its kind from the registry;
//! everything kind-specific happens behind `kind::Kind::load`. Used by the CLI, the tree
//! build, watch and the tests.

use super::{registry, structure};
use crate::core::chars;
use crate::core::diag::{self, Finding, Sources, SrcSpan};
use crate::kind::{Input, Loaded, Outcome};
use crate::render::view::Document;
use std::path::Path;

/// The result of checking one source file.
pub struct Checked {
    pub sources: Sources,
    pub findings: Vec<Finding>,
    /// The file could not be read or parsed at all (exit code 2).
    pub fatal: bool,
    /// The loaded document (also when it has errors, so every check ran).
    pub doc: Option<Box<dyn Loaded>>,
}

impl Checked {
    fn new(sources: Sources, o: Outcome) -> Checked {
        let mut findings = o.findings;
        diag::sort(&mut findings);
        let findings = diag::cap(findings);
        Checked { sources, findings, fatal: o.fatal, doc: o.doc }
    }

    pub fn has_errors(&self) -> bool {
        self.fatal || self.findings.iter().any(|f| f.severity == diag::Severity::Error)
    }

    /// The data the section templates receive (for `--emit context`).
    pub fn context(&self) -> Option<serde_json::Value> {
        self.doc.as_ref()?.context()
    }

    /// The user's template directory this file was checked with, if any.
    pub fn user_dir(&self) -> Option<std::path::PathBuf> {
        self.doc.as_ref()?.profile().user_dir.clone()
    }

    /// The document to render; Err is a template problem (file and line).
    pub fn document(&self) -> Option<Result<Document, String>> {
        Some(self.doc.as_ref()?.document())
    }
}

/// Why a file over the parser's budget is refused, by the limit it hit. A legitimate
/// department never comes near them (see `kind::yaml_options`), so the message says what
/// to do, not who to suspect.
fn budget_message(m: &str) -> &'static str {
    let hit = |kinds: &[&str]| kinds.iter().any(|k| m.contains(&format!("budget breached: {k}")));
    if hit(&["Nodes", "Events", "Documents", "InputBytes"]) {
        "文件超出单个文件的容量上限（400 万个值），未读取：请把附属单位拆成各自的文件"
    } else if hit(&["ScalarBytes", "CommentBytes"]) {
        "文件中的文字超过 64 MiB（含别名展开后的文字），未读取：请删去重复的长文字或别名（*名称）"
    } else if hit(&["Depth"]) {
        "嵌套层数过深（超过 64 层），未读取：报告数据用不到这么多层，多半是缩进或括号有误"
    } else {
        "别名（*名称）用得过多或展开过大，未读取：请把被引用的内容直接写出，或减少引用"
    }
}

/// Translates serde's English into the user's language; the field name stays as typed.
fn chinese(msg: &str) -> String {
    let m = msg.trim();
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches(" one of").trim();
        return if expected.is_empty() {
            format!("未知字段 {field}（可能拼写错误）")
        } else {
            format!("未知字段 {field}（可能拼写错误），此处可用的字段：{expected}")
        };
    }
    if let Some(rest) = m.strip_prefix("missing field ") {
        return format!("缺少必填字段 {rest}");
    }
    if m.contains("duplicate") {
        return format!("重复的键：同一层级中这个键出现了两次（{m}）");
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        return format!("类型错误：{rest}");
    }
    if let Some(rest) = m.strip_prefix("invalid value: ") {
        return format!("取值错误：{rest}");
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        return format!("取值错误：{rest}");
    }
    // Scanner messages a user meets most often.
    const SCANNER: [(&str, &str); 9] = [
        ("recursion limit exceeded", "嵌套层数过深（超过 64 层），未读取：报告数据用不到这么多层，多半是缩进或括号有误"),
        ("simple key expected", "键过长或缺少“:”：每个字段应写成“键: 值”"),
        ("found a tab", "缩进中使用了 Tab 字符；YAML 只能用空格缩进"),
        ("mapping values are not allowed", "此处不能出现“键: 值”：多为缩进不齐，或值中含有未加引号的“: ”"),
        ("unexpected end of input", "文件意外结束（内容不完整）"),
        ("double-quoted scalar", "双引号未闭合，或引号后有多余内容"),
        ("single-quoted scalar", "单引号未闭合，或引号后有多余内容"),
        ("did not find expected", "结构不完整：缺少对应的括号、引号或列表项"),
        ("could not find expected ':'", "缺少“:”：每个字段应写成“键: 值”"),
    ];
    if m.contains("budget breached") {
        return format!("{}（{m}）", budget_message(m));
    }
    for (needle, zh) in SCANNER {
        if m.contains(needle) {
            return format!("{zh}（{m}）");
        }
    }
    m.to_string()
}

/// Reads, parses, loads and checks one YAML file.
pub fn check_file(path: &Path) -> Checked {
    let mut sources = Sources::default();
    let display = path.display().to_string();
    // The file the user names may be a symbolic link; a FIFO, a device or a huge file is not read.
    let text = match crate::core::timing::time("read", || crate::core::paths::read_regular(path, true)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
                // Show the file lossily so the finding can point at the first bad byte.
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let pos = String::from_utf8_lossy(&e.as_bytes()[..at]).len();
                let file = sources.add(display.clone(), lossy);
                let msg = format!("第 {line} 行含有非 UTF-8 字符：文件不是 UTF-8 编码（可能是 GBK）");
                let f = Finding::error("IO-READ", format!("第 {line} 行"), msg).at(Some(SrcSpan { file, start: pos, end: pos + 1 })).hint("在编辑器中用 UTF-8 编码另存该文件");
                return Checked { sources, findings: vec![f], fatal: true, doc: None };
            }
        },
        Err(e) => {
            return Checked { sources, findings: vec![Finding::error("IO-READ", display.clone(), format!("无法读取 {display}：{e}"))], fatal: true, doc: None };
        }
    };
    let base = path.parent().map(Path::to_path_buf);
    let outcome = check_text(&display, text, &mut sources, base.as_deref(), true);
    Checked::new(sources, outcome)
}

/// Checks text that is about to be written to `path` (an import), with its links followed
/// from the file's directory as if it were already there.
pub fn check_str_at(path: &Path, text: String) -> Checked {
    let mut sources = Sources::default();
    let base = path.parent().map(Path::to_path_buf);
    let outcome = check_text(&path.display().to_string(), text, &mut sources, base.as_deref(), true);
    Checked::new(sources, outcome)
}

pub fn check_str(name: &str, text: String) -> Checked {
    let mut sources = Sources::default();
    let outcome = check_text(name, text, &mut sources, None, false);
    Checked::new(sources, outcome)
}

/// Y-TEXT-CHAR: every character a report must not carry (`core::chars`), inside any value of
/// the file, at its own place with its code point and the field. Comments are not text.
fn refused_chars(text: &str, file: usize) -> Vec<Finding> {
    // The common case, read without a second parse: no raw character is refused and no
    // escape (every YAML escape starts with a backslash) can make one.
    if !text.contains('\\') && chars::scan(text).is_empty() {
        return Vec::new();
    }
    let values = structure::Values::of(text);
    let mut out = Vec::new();
    let mut more = 0;
    // The parsed text of every key and value: a character typed raw and one written as a YAML
    // escape ("\u202E") are refused alike. A raw one is pointed at exactly; an escaped one at
    // the start of its value.
    for (field, (start, end), value) in values.texts() {
        for c in value.chars().filter(|c| chars::forbidden(*c).is_some()) {
            if out.len() == MAX_CHAR_FINDINGS {
                more += 1;
                continue;
            }
            let why = chars::forbidden(c).unwrap_or_default();
            let raw = text.get(start..end.min(text.len())).and_then(|t| t.find(c)).map(|i| start + i);
            let span = match raw {
                Some(at) => SrcSpan { file, start: at, end: at + c.len_utf8() },
                None => SrcSpan { file, start, end: end.max(start + 1).min(text.len().max(start + 1)) },
            };
            out.push(
                Finding::error("Y-TEXT-CHAR", field.clone(), format!("文字中有不能印出的字符 U+{:04X}：{why}", c as u32))
                    .at(Some(span))
                    .expected("可见的文字（换行以外的控制字符、双向控制字符、私用区字符都不能用）")
                    .actual(format!("U+{:04X}", c as u32))
                    .hint(if raw.is_some() { "删去这个字符：它多半是从别处复制时带进来的，看不见，却会改变或隐藏后面的文字" } else { "删去这个转义字符（如 \\u202E）：它看不见，却会改变或隐藏后面的文字" }),
            );
        }
    }
    if more > 0 {
        out.push(Finding::error("Y-TEXT-CHAR", "（整个文件）", format!("另有 {more} 处同类问题（Y-TEXT-CHAR）未列出")).hint("先删去上面列出的字符，再运行 check"));
    }
    out
}

/// `document:` read from its line without parsing the file: `Some(value)` when a top-level
/// `document:` line is found, `Some(None)` when the word appears nowhere (the default kind),
/// None when only a parse can tell (a flow-style or quoted key).
fn peek_document(text: &str) -> Option<Option<String>> {
    if !text.contains("document") {
        return Some(None);
    }
    let line = text.lines().find_map(|l| l.strip_prefix("document:"))?;
    let value = line.split(" #").next().unwrap_or("").trim().trim_matches(|c| c == '"' || c == '\'');
    (!value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then(|| Some(value.to_string()))
}

/// At most this many Y-TEXT-CHAR findings are listed one by one.
const MAX_CHAR_FINDINGS: usize = 50;

/// Line endings as typed on any system: CRLF and a lone CR become LF (one byte for one or two,
/// so a lone CR keeps every offset; CRLF files are shown as they would be with LF).
pub(crate) fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A linked file (`prior:`): checked like any other, its own links not followed.
fn link(name: &str, text: String, sources: &mut Sources, base: Option<&Path>) -> Outcome {
    check_text(name, text, sources, base, false)
}

fn check_text(name: &str, text: String, sources: &mut Sources, base: Option<&Path>, follow_links: bool) -> Outcome {
    let text = normalize_newlines(text);
    let file = sources.add(name.to_string(), text.clone());
    if text.trim().is_empty() {
        let f = Finding::error("Y-SYNTAX", "（整个文件）", "文件为空").hint("从 examples/ 中的示例开始，或参照 docs/SCHEMA.md 填写");
        return Outcome { findings: vec![f], fatal: true, doc: None };
    }
    // The document kind decides the schema: peek at `document:` first.
    #[derive(serde::Deserialize)]
    struct Peek {
        #[serde(default)]
        document: Option<String>,
    }
    let peek = crate::core::timing::time("peek document:", || peek_document(&text).unwrap_or_else(|| serde_saphyr::from_str_with_options::<Peek>(&text, crate::kind::yaml_options()).ok().and_then(|p| p.document)));
    let kind = registry::for_document(peek.as_deref());
    let refused = crate::core::timing::time("refused characters", || refused_chars(&text, file));
    let mut input = Input { file, text: &text, base, follow_links, sources, findings: refused, link };
    match crate::core::timing::time("load + check", || kind.load(&mut input)) {
        Ok(doc) => Outcome { findings: input.findings, fatal: false, doc: Some(doc) },
        Err(e) => {
            let refused = input.findings;
            // serde stops at the first structural problem; list all of them instead when
            // the file parses as YAML (then they are data findings, exit 1).
            let schema = serde_json::to_value(kind.schema()).unwrap_or_default();
            let mut all = structure::check_against(&text, file, &schema);
            if !all.is_empty() {
                all.extend(refused);
                return Outcome { findings: all, ..Default::default() };
            }
            let syntax = syntax_finding(&e, file, &text);
            // YAML itself refuses most control characters: say which one, as Y-TEXT-CHAR does.
            // The parser points at the start of the scalar: the character is on that line.
            let line_of = |i: usize| text[..i.min(text.len())].matches('\n').count();
            let at = syntax.span.map(|s| line_of(s.start));
            let finding = match chars::scan(&text).into_iter().find(|(i, _, _)| Some(line_of(*i)) == at) {
                Some((i, c, why)) => Finding::error("Y-TEXT-CHAR", format!("第 {} 行", text[..i].matches('\n').count() + 1), format!("文字中有不能印出的字符 U+{:04X}：{why}", c as u32))
                    .at(Some(SrcSpan { file, start: i, end: i + c.len_utf8() }))
                    .actual(format!("U+{:04X}", c as u32))
                    .hint("删去这个字符：它多半是从别处复制时带进来的；YAML 不允许它出现在文字中"),
                None => syntax,
            };
            Outcome { findings: vec![finding], fatal: true, doc: None }
        }
    }
}

/// Turns a serde-saphyr error into a Y-SYNTAX finding at its place.
fn syntax_finding(e: &serde_saphyr::Error, file: usize, text: &str) -> Finding {
    let loc = e.location();
    let span = loc.and_then(|l| {
        let s = l.span();
        let start = s.byte_offset()? as usize;
        Some(SrcSpan { file, start, end: start + (s.byte_len().unwrap_or(1) as usize).max(1) })
    });
    // Without a byte span, fall back to line/column.
    let span = span.or_else(|| {
        let l = loc?;
        let (line, col) = (l.line() as usize, l.column() as usize);
        let start = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>()
            + text.lines().nth(line.saturating_sub(1)).map(|ln| ln.chars().take(col.saturating_sub(1)).map(char::len_utf8).sum()).unwrap_or(0);
        Some(SrcSpan { file, start: start.min(text.len()), end: (start + 1).min(text.len()) })
    });
    let raw = e.to_string();
    let msg = raw.split(" at line ").next().unwrap_or(&raw).trim_end_matches(" (defined").to_string();
    Finding::error("Y-SYNTAX", "（YAML 语法）", format!("YAML 无法读取：{}", chinese(&msg)))
        .at(span)
        .hint("对照 docs/SCHEMA.md 或 `gen-report schema` 检查字段名、缩进和取值类型；其余问题要在修正这一处后才能继续检查")
}
