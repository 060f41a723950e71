//! Findings: what the loader and the checks report. One type for every problem, rendered
//! for people with codespan-reporting (carets stay aligned under Chinese text) and for
//! machines as JSON with file, line, column, field, expected and actual.

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Files, SimpleFiles};
use codespan_reporting::term;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A byte range in one of the loaded source files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SrcSpan {
    pub file: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug)]
pub struct Finding {
    /// Stable rule id, ASCII (`T1-INCOME-TOTAL`, `Y-AMOUNT`, ...).
    pub rule: &'static str,
    pub severity: Severity,
    /// One sentence in Chinese.
    pub message: String,
    /// YAML path of the value, e.g. `expenditure[3].basic`.
    pub field: String,
    pub span: Option<SrcSpan>,
    pub related: Vec<(SrcSpan, String)>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub hint: Option<String>,
    /// The spreadsheet cell the value came from (`表5!E12`), for a workbook being imported.
    pub cell: Option<String>,
}

impl Finding {
    pub fn error(rule: &'static str, field: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: Severity::Error,
            message: message.into(),
            field: field.into(),
            span: None,
            related: Vec::new(),
            expected: None,
            actual: None,
            hint: None,
            cell: None,
        }
    }
    pub fn warning(rule: &'static str, field: impl Into<String>, message: impl Into<String>) -> Self {
        Finding { severity: Severity::Warning, ..Finding::error(rule, field, message) }
    }
    pub fn at(mut self, span: Option<SrcSpan>) -> Self {
        self.span = span;
        self
    }
    pub fn expected(mut self, e: impl Into<String>) -> Self {
        self.expected = Some(e.into());
        self
    }
    pub fn actual(mut self, a: impl Into<String>) -> Self {
        self.actual = Some(shorten(a.into()));
        self
    }
    pub fn cell(mut self, at: impl Into<String>) -> Self {
        self.cell = Some(at.into());
        self
    }
    pub fn hint(mut self, h: impl Into<String>) -> Self {
        self.hint = Some(h.into());
        self
    }
    pub fn related(mut self, span: Option<SrcSpan>, label: impl Into<String>) -> Self {
        if let Some(s) = span {
            self.related.push((s, label.into()));
        }
        self
    }
}

/// Values shown in findings are cut to a readable length (a 1 MB scalar is not echoed).
fn shorten(s: String) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        return s;
    }
    let head: String = s.chars().take(MAX).collect();
    format!("{head}…（共 {} 个字符）", s.chars().count())
}

/// Lines longer than this are not quoted under a finding; the header still gives file:line:column.
const MAX_QUOTED_LINE: usize = 400;

/// The source files findings point into (the YAML the user typed, and any file it links).
#[derive(Default)]
pub struct Sources {
    files: SimpleFiles<String, String>,
    count: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    field: &'a str,
    expected: Option<&'a str>,
    actual: Option<&'a str>,
    hint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a str>,
    /// The other typed values that take part (the other side of a sum, say), each with its
    /// place and what it is.
    related: Vec<JsonPlace<'a>>,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    file: String,
    line: usize,
    column: usize,
    label: &'a str,
}

/// Text for a terminal: a character that could reorder or hide what follows it (a U+202E, an
/// ESC starting a colour or cursor sequence) is shown as `<U+202E>`. A finding's message,
/// field or "实为" may quote what the user typed (an unknown key, a rule id, an indicator).
pub fn terminal_safe(text: &str) -> String {
    if crate::core::chars::scan(text).is_empty() {
        return text.to_string();
    }
    text.chars().map(|c| if crate::core::chars::forbidden(c).is_some() { format!("<U+{:04X}>", c as u32) } else { c.to_string() }).collect()
}

impl Sources {
    /// Adds a file to point into. Characters that would reorder or hide the quoted line on a
    /// terminal (a U+202E, an ESC) are shown as `?`/`�` of the same byte length, so every
    /// span still points at the same place.
    pub fn add(&mut self, name: String, text: String) -> usize {
        self.count += 1;
        let text = if crate::core::chars::scan(&text).is_empty() { text } else { visible(&text) };
        self.files.add(name, text)
    }

    /// Every source text, in the order added (the file, then a prior-year file it links to).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        (0..self.count).filter_map(|i| self.source(i))
    }

    pub fn source(&self, file: usize) -> Option<&str> {
        self.files.get(file).ok().map(|f| f.source().as_str())
    }

    /// Where a character first occurs in the sources (the file, then the files it links to).
    pub fn find_char(&self, ch: char) -> Option<SrcSpan> {
        (0..self.count).find_map(|file| {
            let start = self.source(file)?.find(ch)?;
            Some(SrcSpan { file, start, end: start + ch.len_utf8() })
        })
    }

    /// 1-based line and column (in characters) of a span's start.
    pub fn line_col(&self, span: SrcSpan) -> Option<(String, usize, usize)> {
        let name = self.files.name(span.file).ok()?;
        let loc = self.files.location(span.file, span.start).ok()?;
        Some((name, loc.line_number, loc.column_number))
    }

    fn diagnostic(&self, f: &Finding) -> Diagnostic<usize> {
        let sev = match f.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
        };
        let mut d = Diagnostic::new(sev).with_code(f.rule).with_message(&f.message);
        let mut labels = Vec::new();
        let quotable = |s: &SrcSpan| {
            self.files.get(s.file).is_ok_and(|file| {
                let text = file.source();
                let start = text[..s.start.min(text.len())].rfind('\n').map_or(0, |p| p + 1);
                let end = text[s.start.min(text.len())..].find('\n').map_or(text.len(), |p| s.start + p);
                end - start <= MAX_QUOTED_LINE
            })
        };
        if let Some(s) = f.span.filter(|s| !quotable(s))
            && let Some((name, line, col)) = self.line_col(s) {
                d = d.with_notes(vec![format!("位置: {name}:{line}:{col}（该行过长，不引用原文）")]);
            }
        if let Some(s) = f.span.filter(|s| quotable(s)) {
            let msg = match (&f.expected, &f.actual) {
                (Some(e), Some(a)) => format!("应为 {e}，实为 {a}"),
                (Some(e), None) => format!("应为 {e}"),
                _ => String::new(),
            };
            labels.push(Label::primary(s.file, s.start..s.end).with_message(msg));
        }
        for (s, l) in f.related.iter().filter(|(s, _)| quotable(s)) {
            labels.push(Label::secondary(s.file, s.start..s.end).with_message(l));
        }
        d = d.with_labels(labels);
        let mut notes = std::mem::take(&mut d.notes);
        if let Some(c) = &f.cell {
            notes.insert(0, format!("单元格: {c}"));
        }
        if !f.field.is_empty() {
            notes.push(format!("字段: {}", f.field));
        }
        if f.span.is_none_or(|s| !quotable(&s)) {
            if let Some(e) = &f.expected {
                notes.push(format!("应为: {e}"));
            }
            if let Some(a) = &f.actual {
                notes.push(format!("实为: {a}"));
            }
        }
        if let Some(h) = &f.hint {
            notes.push(format!("提示: {h}"));
        }
        d.with_notes(notes)
    }

    /// Human-readable text of all findings, errors first, in source order.
    pub fn render_text(&self, findings: &[Finding]) -> String {
        let config = term::Config::default();
        let mut out = String::new();
        for f in findings {
            match term::emit_into_string(&config, &self.files, &self.diagnostic(f)) {
                Ok(s) => out.push_str(&s),
                Err(_) => out.push_str(&format!("error[{}]: {}\n", f.rule, f.message)),
            }
        }
        terminal_safe(&out)
    }

    /// The findings as JSON. Strings are kept exactly as found (a consumer may need the
    /// character); JSON escapes the control characters, and a reader shows the rest as data.
    pub fn render_json(&self, findings: &[Finding]) -> String {
        let list: Vec<JsonFinding> = findings
            .iter()
            .map(|f| {
                let lc = f.span.and_then(|s| self.line_col(s));
                JsonFinding {
                    rule: f.rule,
                    severity: f.severity,
                    message: &f.message,
                    file: lc.as_ref().map(|l| l.0.clone()),
                    line: lc.as_ref().map(|l| l.1),
                    column: lc.as_ref().map(|l| l.2),
                    field: &f.field,
                    expected: f.expected.as_deref(),
                    actual: f.actual.as_deref(),
                    hint: f.hint.as_deref(),
                    cell: f.cell.as_deref(),
                    related: f.related.iter().filter_map(|(sp, label)| self.line_col(*sp).map(|(file, line, column)| JsonPlace { file, line, column, label })).collect(),
                }
            })
            .collect();
        serde_json::to_string_pretty(&serde_json::json!({ "findings": list }))
            .unwrap_or_else(|_| "{}".into())
    }
}

/// `text` with each forbidden character replaced by visible ones of the same byte length.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if crate::core::chars::forbidden(c).is_none() {
            out.push(c);
            continue;
        }
        out.push_str(match c.len_utf8() {
            1 => "?",
            2 => "??",
            3 => "\u{FFFD}",
            _ => "\u{FFFD}?",
        });
    }
    out
}

/// Sorts findings: errors before warnings, then by position, so the output is stable.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| {
                let ka = a.span.map(|s| (s.file, s.start)).unwrap_or((usize::MAX, 0));
                let kb = b.span.map(|s| (s.file, s.start)).unwrap_or((usize::MAX, 0));
                ka.cmp(&kb)
            })
            .then_with(|| a.rule.cmp(b.rule))
    });
}

/// At most this many findings of one rule are listed; the rest are counted.
pub const MAX_PER_RULE: usize = 100;

/// Keeps the first `MAX_PER_RULE` findings of each rule (in the order given) and replaces the
/// rest by one finding per rule, "另有 N 处同类问题": a file with 100,000 unknown keys gives a
/// readable report, and the output stays bounded whatever the input.
pub fn cap(findings: Vec<Finding>) -> Vec<Finding> {
    let mut seen: std::collections::HashMap<&'static str, usize> = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(findings.len().min(4 * MAX_PER_RULE));
    let mut more: Vec<(&'static str, Severity, usize)> = Vec::new();
    for f in findings {
        let n = seen.entry(f.rule).or_default();
        *n += 1;
        if *n <= MAX_PER_RULE {
            out.push(f);
        } else if let Some(m) = more.iter_mut().find(|m| m.0 == f.rule) {
            m.2 += 1;
        } else {
            more.push((f.rule, f.severity, 1));
        }
    }
    for (rule, severity, n) in more {
        let f = Finding::error(rule, "（整个文件）", format!("另有 {n} 处同类问题（{rule}）未列出")).hint("先改正上面列出的各处，再运行 check");
        out.push(Finding { severity, ..f });
    }
    out
}
