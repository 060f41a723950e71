//! Load → check, collecting every finding: one YAML file becomes a `Checked` value whose
//! document is ready to render. The file's `document:` picks its kind from the registry;
//! everything kind-specific happens behind `kind::Kind::load`. Used by the CLI, the tree
//! build, watch and the tests.

use super::{registry, structure};
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
    const SCANNER: [(&str, &str); 10] = [
        ("recursion limit exceeded", "嵌套层数过深（可能是恶意构造的文件），已拒绝读取"),
        ("simple key expected", "键过长或缺少“:”：每个字段应写成“键: 值”"),
        ("found a tab", "缩进中使用了 Tab 字符；YAML 只能用空格缩进"),
        ("mapping values are not allowed", "此处不能出现“键: 值”：多为缩进不齐，或值中含有未加引号的“: ”"),
        ("unexpected end of input", "文件意外结束（内容不完整）"),
        ("budget breached", "文件过大或别名展开过多（可能是恶意构造的文件），已拒绝读取"),
        ("double-quoted scalar", "双引号未闭合，或引号后有多余内容"),
        ("single-quoted scalar", "单引号未闭合，或引号后有多余内容"),
        ("did not find expected", "结构不完整：缺少对应的括号、引号或列表项"),
        ("could not find expected ':'", "缺少“:”：每个字段应写成“键: 值”"),
    ];
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
    let text = match std::fs::read(path) {
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

pub fn check_str(name: &str, text: String) -> Checked {
    let mut sources = Sources::default();
    let outcome = check_text(name, text, &mut sources, None, false);
    Checked::new(sources, outcome)
}

/// A linked file (`prior:`): checked like any other, its own links not followed.
fn link(name: &str, text: String, sources: &mut Sources, base: Option<&Path>) -> Outcome {
    check_text(name, text, sources, base, false)
}

fn check_text(name: &str, text: String, sources: &mut Sources, base: Option<&Path>, follow_links: bool) -> Outcome {
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
    let peek = serde_saphyr::from_str_with_options::<Peek>(&text, serde_saphyr::options! { with_snippet: false }).ok().and_then(|p| p.document);
    let kind = registry::for_document(peek.as_deref());
    let mut input = Input { file, text: &text, base, follow_links, sources, findings: Vec::new(), link };
    match kind.load(&mut input) {
        Ok(doc) => Outcome { findings: input.findings, fatal: false, doc: Some(doc) },
        Err(e) => {
            // serde stops at the first structural problem; list all of them instead when
            // the file parses as YAML (then they are data findings, exit 1).
            let schema = serde_json::to_value(kind.schema()).unwrap_or_default();
            let all = structure::check_against(&text, file, &schema);
            if !all.is_empty() {
                return Outcome { findings: all, ..Default::default() };
            }
            Outcome { findings: vec![syntax_finding(&e, file, &text)], fatal: true, doc: None }
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
