//! Helpers for the seed-reproduction tests: build an example with the real binary, read the
//! PDF back with `pdftotext -layout`, take the HTML apart, and compare numbers numerically.
#![allow(dead_code)]

use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

/// What one run of `gen-report <example> -o <tmp>` produced.
pub struct Output {
    /// `pdftotext -layout` of the PDF.
    pub pdf: String,
    /// The HTML file as written.
    pub html: String,
}

/// Runs the binary on `examples/<name>.yaml` into a fresh temp dir and reads both outputs.
pub fn build(name: &str) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = root.join("examples").join(format!("{name}.yaml"));
    let dir = tempfile::tempdir().expect("temp dir");
    let run = Command::new(env!("CARGO_BIN_EXE_gen-report"))
        .arg(&example)
        .arg("-o")
        .arg(dir.path())
        .current_dir(root)
        .output()
        .expect("run gen-report");
    assert!(
        run.status.success(),
        "gen-report failed ({}):\n{}\n{}",
        run.status,
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let pdf = find(dir.path(), "pdf");
    let html = find(dir.path(), "html");
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed to run this test");
    assert!(text.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&text.stderr));
    Output {
        pdf: String::from_utf8(text.stdout).expect("pdftotext output is UTF-8"),
        html: std::fs::read_to_string(&html).expect("read html"),
    }
}

/// Every file under `dir` (recursively) whose name does not start with '.', sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if !e.file_name().to_string_lossy().starts_with('.') {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The `.yaml` files under `dir`, sorted.
pub fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir).into_iter().filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect()
}

fn find(dir: &Path, ext: &str) -> PathBuf {
    let mut hits: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read output dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    assert_eq!(hits.len(), 1, "expected exactly one .{ext} in {}: {hits:?}", dir.display());
    hits.pop().unwrap()
}

// ---------------------------------------------------------------- numbers and text

/// Every number in `s`, in order: `707.12`, `2020`, `1.` (a list number) → 1.
/// A dot is part of a number only when a digit follows it.
pub fn numbers(s: &str) -> Vec<Decimal> {
    numbers_at(s).into_iter().map(|(n, _)| n).collect()
}

/// `numbers`, each with the char index just after it (its right edge in a `-layout` line).
pub fn numbers_at(s: &str) -> Vec<(Decimal, usize)> {
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_ascii_digit() {
            let start = i;
            while i < c.len() && c[i].is_ascii_digit() {
                i += 1;
            }
            if i + 1 < c.len() && c[i] == '.' && c[i + 1].is_ascii_digit() {
                i += 1;
                while i < c.len() && c[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let tok: String = c[start..i].iter().collect();
            out.push((Decimal::from_str(&tok).unwrap(), i));
        } else {
            i += 1;
        }
    }
    out
}

/// `"654.40"` → 654.4 (compares equal to `"654.4"`).
pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s.trim()).unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

pub fn decs(v: &[&str]) -> Vec<Decimal> {
    v.iter().map(|s| dec(s)).collect()
}

/// Whitespace removed, ASCII parentheses made full-width: the seed's extraction writes
/// "(表 1)" and "707. 12" where the report prints "（表1）" and "707.12".
pub fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// A whole cell that is a number ("707. 12" counts: the seed's extraction splits decimals).
pub fn cell_number(cell: &str) -> Option<Decimal> {
    let t: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let ok = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.chars().next().unwrap().is_ascii_digit()
        && t.chars().last().unwrap().is_ascii_digit()
        && t.matches('.').count() <= 1;
    ok.then(|| Decimal::from_str(&t).unwrap())
}

/// Splits a paragraph after each "。"; the last piece may end without one.
pub fn sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in paragraph.chars() {
        cur.push(ch);
        if ch == '。' {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

fn is_cn_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// "第三部分 …", "十三、…", "（二）…" — a heading line of the running text.
pub fn is_heading(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with('第') && t.contains("部分") {
        return true;
    }
    let n = t.chars().take_while(|&c| is_cn_numeral(c)).count();
    if n > 0 && t.chars().nth(n) == Some('、') {
        return true;
    }
    if let Some(rest) = t.strip_prefix('（') {
        let n = rest.chars().take_while(|&c| is_cn_numeral(c)).count();
        return n > 0 && rest.chars().nth(n) == Some('）');
    }
    false
}

// ---------------------------------------------------------------- PDF text

/// Lines of the PDF text without form feeds and page footers ("— 12 —").
pub fn pdf_lines(pdf: &str) -> Vec<String> {
    pdf.lines()
        .map(|l| l.replace('\u{c}', ""))
        .filter(|l| {
            let t = l.trim();
            !(t.starts_with('—') && t.ends_with('—') && t.chars().any(|c| c.is_ascii_digit()) && t.chars().count() < 12)
        })
        .collect()
}

/// Index of the last line whose normalised text starts with `prefix` — the body heading,
/// not the table of contents, which comes first.
pub fn last_line_starting(lines: &[String], prefix: &str) -> usize {
    let p = norm(prefix);
    lines.iter().rposition(|l| norm(l).starts_with(&p)).unwrap_or_else(|| panic!("no line starts with {prefix:?}"))
}

/// The running text of PDF lines `from..to` as paragraphs. A paragraph starts at an indented
/// line or a heading; blank lines are not boundaries (a paragraph may cross a page break).
/// Lines are joined without a space (Chinese text).
pub fn pdf_paragraphs(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for l in lines {
        if l.trim().is_empty() {
            continue;
        }
        let starts = l.starts_with(char::is_whitespace) || is_heading(l);
        if starts && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push_str(l.trim());
        if is_heading(l) {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The lines of the table whose caption is `caption` ("2020年度收入决算表（表2）"),
/// from the caption to the first "注：" line.
pub fn pdf_table<'a>(lines: &'a [String], caption: &str) -> &'a [String] {
    let c = norm(caption);
    let start = lines.iter().position(|l| norm(l) == c).unwrap_or_else(|| panic!("PDF: no caption line {caption:?}"));
    let len = lines[start..].iter().position(|l| l.trim().starts_with("注：")).unwrap_or_else(|| panic!("PDF: no 注： after {caption:?}"));
    &lines[start + 1..start + len]
}

// ---------------------------------------------------------------- HTML

#[derive(Debug)]
enum Tok {
    Open(String, String),
    Close(String),
    Text(String),
}

fn tokens(html: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => {
                let end = rest.find('>').expect("unclosed tag");
                let inner = &rest[1..end];
                rest = &rest[end + 1..];
                if inner.starts_with('!') {
                    continue;
                }
                if let Some(name) = inner.strip_prefix('/') {
                    out.push(Tok::Close(name.trim().to_ascii_lowercase()));
                } else {
                    let name: String = inner.chars().take_while(|c| !c.is_whitespace() && *c != '/').collect();
                    let name = name.to_ascii_lowercase();
                    let attrs = inner[name.len()..].to_string();
                    if name == "style" || name == "script" {
                        let close = format!("</{name}>");
                        let end = rest.find(&close).unwrap_or(rest.len());
                        rest = &rest[(end + close.len()).min(rest.len())..];
                        continue;
                    }
                    out.push(Tok::Open(name, attrs));
                }
            }
            Some(i) => {
                out.push(Tok::Text(decode(&rest[..i])));
                rest = &rest[i..];
            }
            None => {
                out.push(Tok::Text(decode(rest)));
                rest = "";
            }
        }
    }
    out
}

fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e < 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn attr(attrs: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let i = attrs.find(&key)? + key.len();
    let j = attrs[i..].find('"')? + i;
    Some(attrs[i..j].to_string())
}

/// A text block of the HTML: a heading, paragraph or list item, with its tag and id.
#[derive(Debug, Clone)]
pub struct Block {
    pub tag: String,
    pub id: Option<String>,
    pub class: Option<String>,
    pub text: String,
}

/// Every h1–h6, p and li in document order with its text (tags stripped, entities decoded).
/// Table cells are not blocks.
pub fn html_blocks(html: &str) -> Vec<Block> {
    const BLOCKS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6", "p", "li"];
    let mut out = Vec::new();
    let mut stack: Vec<Block> = Vec::new();
    let mut in_cell = 0usize;
    for t in tokens(html) {
        match t {
            Tok::Open(n, a) if BLOCKS.contains(&n.as_str()) && in_cell == 0 => {
                stack.push(Block { tag: n, id: attr(&a, "id"), class: attr(&a, "class"), text: String::new() })
            }
            Tok::Open(n, _) if n == "td" || n == "th" || n == "caption" => in_cell += 1,
            Tok::Close(n) if n == "td" || n == "th" || n == "caption" => in_cell = in_cell.saturating_sub(1),
            Tok::Close(n) if BLOCKS.contains(&n.as_str()) && in_cell == 0 => {
                if let Some(pos) = stack.iter().rposition(|b| b.tag == n) {
                    let b = stack.remove(pos);
                    out.push(b);
                }
            }
            Tok::Text(s) => {
                if let Some(b) = stack.last_mut() {
                    b.text.push_str(&s);
                }
            }
            _ => {}
        }
    }
    for b in &mut out {
        b.text = b.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

/// Every `id="…"` attribute in the HTML, in order.
pub fn html_ids(html: &str) -> Vec<String> {
    tokens(html)
        .into_iter()
        .filter_map(|t| match t {
            Tok::Open(_, a) => attr(&a, "id"),
            _ => None,
        })
        .collect()
}

/// Every `href="#…"` target in the HTML, in order.
pub fn html_anchor_links(html: &str) -> Vec<String> {
    tokens(html)
        .into_iter()
        .filter_map(|t| match t {
            Tok::Open(n, a) if n == "a" => attr(&a, "href").and_then(|h| h.strip_prefix('#').map(str::to_string)),
            _ => None,
        })
        .collect()
}

/// A table of the HTML laid out on its grid: `rows[r][c]` is the text of the cell that
/// starts at (r, c); columns covered by a colspan/rowspan hold "".
#[derive(Debug)]
pub struct HtmlTable {
    pub caption: String,
    /// (is a body row, cells)
    pub rows: Vec<(bool, Vec<String>)>,
}

pub fn html_tables(html: &str) -> Vec<HtmlTable> {
    let mut tables = Vec::new();
    let mut cur: Option<HtmlTable> = None;
    let mut in_caption = false;
    let mut in_body = false;
    // rowspan carry-over: column → rows still covered
    let mut covered: Vec<usize> = Vec::new();
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<(String, usize, usize)> = None;
    for t in tokens(html) {
        match t {
            Tok::Open(n, _) if n == "table" => {
                cur = Some(HtmlTable { caption: String::new(), rows: Vec::new() });
                covered.clear();
            }
            Tok::Close(n) if n == "table" => tables.extend(cur.take()),
            Tok::Open(n, _) if n == "caption" => in_caption = true,
            Tok::Close(n) if n == "caption" => in_caption = false,
            Tok::Open(n, _) if n == "tbody" => in_body = true,
            Tok::Close(n) if n == "tbody" => in_body = false,
            Tok::Open(n, _) if n == "tr" => row = Some(Vec::new()),
            Tok::Open(n, a) if n == "td" || n == "th" => {
                let span = |k| attr(&a, k).and_then(|v| v.parse().ok()).unwrap_or(1usize);
                cell = Some((String::new(), span("colspan"), span("rowspan")));
            }
            Tok::Close(n) if n == "td" || n == "th" => {
                if let (Some((text, cs, rs)), Some(r)) = (cell.take(), row.as_mut()) {
                    // skip columns still covered by a rowspan from above
                    while covered.get(r.len()).is_some_and(|&k| k > 0) {
                        r.push(String::new());
                    }
                    let c0 = r.len();
                    r.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
                    for _ in 1..cs {
                        r.push(String::new());
                    }
                    if covered.len() < r.len() {
                        covered.resize(r.len(), 0);
                    }
                    for k in covered.iter_mut().take(c0 + cs).skip(c0) {
                        *k = rs; // decremented at </tr>, so rs - 1 further rows
                    }
                }
            }
            Tok::Close(n) if n == "tr" => {
                if let (Some(mut r), Some(t)) = (row.take(), cur.as_mut()) {
                    while covered.get(r.len()).is_some_and(|&k| k > 0) {
                        r.push(String::new());
                    }
                    for k in covered.iter_mut() {
                        *k = k.saturating_sub(1);
                    }
                    t.rows.push((in_body, r));
                }
            }
            Tok::Text(s) => {
                if let Some((text, _, _)) = cell.as_mut() {
                    text.push_str(&s);
                } else if in_caption && let Some(t) = cur.as_mut() {
                    t.caption.push_str(&s);
                }
            }
            _ => {}
        }
    }
    for t in &mut tables {
        t.caption = norm(&t.caption);
    }
    tables
}

/// Every `<figure class="chart">`: (figcaption text, all text of the figure incl. SVG labels).
pub fn html_charts(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut depth = 0usize; // figure nesting inside a chart figure
    let mut in_caption = false;
    let mut cur: Option<(String, String)> = None;
    for t in tokens(html) {
        match t {
            Tok::Open(n, a) if n == "figure" => {
                if cur.is_some() {
                    depth += 1;
                } else if attr(&a, "class").is_some_and(|c| c.split(' ').any(|w| w == "chart")) {
                    cur = Some((String::new(), String::new()));
                }
            }
            Tok::Close(n) if n == "figure" => {
                if depth > 0 {
                    depth -= 1;
                } else if let Some(c) = cur.take() {
                    out.push(c);
                }
            }
            Tok::Open(n, _) if n == "figcaption" => in_caption = true,
            Tok::Close(n) if n == "figcaption" => in_caption = false,
            Tok::Text(s) => {
                if let Some((cap, text)) = cur.as_mut() {
                    if in_caption {
                        cap.push_str(&s);
                    }
                    text.push(' ');
                    text.push_str(&s);
                }
            }
            _ => {}
        }
    }
    out
}

/// A sentence of a seed: the key phrase that finds it in the generated text (whitespace-free,
/// as the report prints it), and its numbers in order.
pub struct Sent {
    pub line: u32,
    pub key: &'static str,
    pub nums: &'static [&'static str],
}

/// A sentence the report prints differently on purpose (docs/SEED-00N.md): the seed's
/// numbers, ours, and why.
pub struct Deviation {
    pub line: u32,
    pub key: &'static str,
    pub seed: &'static [&'static str],
    pub generated: &'static [&'static str],
    pub why: &'static str,
}

/// The one sentence containing `key`, or an error.
pub fn find_sentence<'a>(sents: &'a [String], key: &str) -> Result<&'a String, String> {
    let hits: Vec<&String> = sents.iter().filter(|s| norm(s).contains(&norm(key))).collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => {
            let probe: String = key.chars().take(4).collect();
            let near: Vec<&String> = sents.iter().filter(|s| norm(s).contains(&probe)).collect();
            Err(format!("no sentence contains {key:?}; sentences with {probe:?}: {near:#?}"))
        }
        many => Err(format!("{} sentences contain {key:?}: {many:#?}", many.len())),
    }
}
