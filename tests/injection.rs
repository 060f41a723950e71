//! Injection corpus (issue 15, item 6): every payload class a hostile or careless user may
//! type goes into every free-text field of the seed 002 example at once, and the real binary
//! runs on it. Either `check` refuses the file, with a `Y-TEXT-CHAR` finding at the line of
//! every field that holds a character a report must not carry (bidi controls, private-use
//! characters, C0 controls), or the build succeeds and the output is inert:
//!
//! - the HTML holds the payload only as escaped text: no new `<script>`, `<img>`, `<style>`,
//!   no `javascript:` link, `{{ 7*7 }}` not evaluated;
//! - the PDF text (`pdftotext -layout`) shows the payload literally (Typst markup is not
//!   interpreted: `#read` is printed, the file it names is not);
//! - no user text became a heading, a list item, a table or a figure (the tags are counted
//!   against the unmodified example).
//!
//! The free-text fields are found by walking the YAML events: every scalar value that is not a
//! key, an amount, a code, a date, a count or a choice from a fixed list.
//! One PDF build per payload class (about a second each in the dev profile).

use serde_saphyr::granit_parser::{Event, Parser};
use std::path::{Path, PathBuf};
use std::process::Command;

const EXAMPLE: &str = "examples/wuhan-hanyang-xinfang-2020.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gen-report"));
    c.current_dir(root()).env("NO_COLOR", "1");
    c
}

fn have_pdftotext() -> bool {
    Command::new("pdftotext").arg("-v").output().is_ok()
}

// ------------------------------------------------------------------ the fields

/// A scalar value of the YAML: its schema-style path (`projects[].name`), byte range and text.
struct Field {
    path: String,
    start: usize,
    end: usize,
    value: String,
}

/// Every scalar value (not keys) with its path, from the parser's events.
fn scalars(text: &str) -> Vec<Field> {
    let mut out = Vec::new();
    // (is_map, pending key, path of this collection)
    let mut stack: Vec<(bool, Option<String>, String)> = vec![(false, None, String::new())];
    let mut expect_key = Vec::<bool>::new();
    let path_of = |stack: &Vec<(bool, Option<String>, String)>| -> String {
        let (is_map, key, path) = stack.last().unwrap();
        let sep = if path.is_empty() { "" } else { "." };
        if *is_map {
            format!("{path}{sep}{}", key.clone().unwrap_or_default())
        } else if path.is_empty() {
            String::new()
        } else {
            format!("{path}[]")
        }
    };
    for ev in Parser::new_from_str(text) {
        let (ev, span) = ev.expect("the example is YAML");
        match ev {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let p = path_of(&stack);
                if let Some(k) = expect_key.last_mut() {
                    *k = true;
                }
                stack.push((matches!(ev, Event::MappingStart(..)), None, p));
                expect_key.push(true);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                expect_key.pop();
            }
            Event::Scalar(v, ..) => {
                let is_map = stack.last().is_some_and(|s| s.0);
                if is_map && expect_key.last() == Some(&true) {
                    stack.last_mut().unwrap().1 = Some(v.to_string());
                    *expect_key.last_mut().unwrap() = false;
                } else {
                    let (start, end) = (span.start.byte_offset().unwrap(), span.end.byte_offset().unwrap());
                    out.push(Field { path: path_of(&stack), start, end, value: v.to_string() });
                    if let Some(k) = expect_key.last_mut() {
                        *k = true;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Keys whose values are not free text: codes, choices from a fixed list, dates, counts,
/// scores, and the file's own settings.
const NOT_TEXT: &[&str] = &[
    "document", "city", "scoring", "templates", "prior", "code", "fund", "year", "published", "filled", "date", "kind", "category", "attribute", "level1", "level2",
    "rule", "main", "count", "weight", "score",
];

/// The free-text fields of the example.
fn free_text(text: &str) -> Vec<Field> {
    scalars(text)
        .into_iter()
        .filter(|f| {
            let key = f.path.rsplit('.').next().unwrap_or("").trim_end_matches("[]");
            let numeric = f.value.chars().all(|c| c.is_ascii_digit() || ",.-+%".contains(c));
            // A measured indicator (a number and a unit) is scored: only qualitative ones are text.
            let measured = matches!(key, "target" | "actual") && f.value.chars().any(|c| c.is_ascii_digit());
            !NOT_TEXT.contains(&key) && !f.value.trim().is_empty() && !numeric && !measured
        })
        .collect()
}

/// 1-based line of a byte offset.
fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// FNV-1a: picks a field's payload from its value, so that two fields with the same text (an
/// indicator's target and actual, say) get the same payload and still compare equal.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Encoding {
    /// Characters as they are, inside a double-quoted scalar.
    Raw,
    /// Every character a report must not carry written as a YAML escape (`\u202E`).
    Escaped,
}

/// A YAML double-quoted scalar holding `s`.
fn quoted(s: &str, enc: Encoding) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if enc == Encoding::Escaped && forbidden(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn forbidden(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0x00..=0x09 | 0x0B..=0x1F | 0x7F..=0x9F | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069 | 0xE000..=0xF8FF)
}

/// The example with a payload of `payloads` in each of `fields` (before or after the text, by
/// the text's hash): (new text, 1-based line of each field).
fn inject(text: &str, fields: &[&Field], payloads: &[&str], enc: Encoding) -> (String, Vec<usize>) {
    let mut out = text.to_string();
    let mut lines = Vec::new();
    // From the end, so the earlier offsets stay valid; a value is replaced on its own line, so
    // lines do not move.
    for f in fields.iter().rev() {
        let h = fnv(&f.value);
        let p = payloads[(h % payloads.len() as u64) as usize];
        let new = if (h / payloads.len() as u64).is_multiple_of(2) { format!("{p}{}", f.value) } else { format!("{}{p}", f.value) };
        out.replace_range(f.start..f.end, &quoted(&new, enc));
        lines.push(line_of(text, f.start));
    }
    lines.reverse();
    (out, lines)
}

// ------------------------------------------------------------------ running the binary

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&std::ffi::OsStr]) -> Run {
    let o = bin().args(args).output().expect("run gen-report");
    Run { code: o.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&o.stdout).into_owned(), stderr: String::from_utf8_lossy(&o.stderr).into_owned() }
}

/// `gen-report check FILE --format json`: (exit code, findings as (rule, line, severity)).
fn check(file: &Path) -> (i32, Vec<(String, Option<u64>, String)>) {
    let r = run(&["check".as_ref(), file.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("check --format json: {e}\n{}\n{}", r.stdout, r.stderr));
    let list = v["findings"].as_array().expect("a findings array");
    let findings = list.iter().map(|f| (f["rule"].as_str().unwrap_or("").to_string(), f["line"].as_u64(), f["severity"].as_str().unwrap_or("").to_string())).collect();
    (r.code, findings)
}

/// A file named like the example in a fresh directory.
fn write_case(dir: &Path, name: &str, text: &str) -> PathBuf {
    let d = dir.join(name);
    std::fs::create_dir_all(&d).unwrap();
    let f = d.join("wuhan-hanyang-xinfang-2020.yaml");
    std::fs::write(&f, text).unwrap();
    f
}

/// Entities decoded: the text a browser shows.
fn decode(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let ent = end.map(|e| &rest[1..e]);
        let c = match ent {
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("amp") => Some('&'),
            Some("quot") => Some('"'),
            Some("apos") => Some('\''),
            Some(e) if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            Some(e) if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (c, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Tags whose count must not change when user text changes: structure, and active content.
const TAGS: &[&str] = &["<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<figure", "<li", "<ol", "<ul", "<table", "<script", "<img", "<style", "<iframe", "<svg", "<a ", "<link", "<meta", "<object", "<embed", "<form", "<input", "<base"];

fn tag_counts(html: &str) -> Vec<(&'static str, usize)> {
    let lower = html.to_lowercase();
    TAGS.iter().map(|t| (*t, lower.matches(t).count())).collect()
}

fn flat(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

struct Class {
    name: &'static str,
    payloads: &'static [&'static str],
}

/// Payloads that must come out inert.
const INERT: &[Class] = &[
    Class { name: "typst", payloads: &["#import \"x\"", "#read(\"/etc/passwd\")", "$x$", "*bold*", "= heading", "#{panic()}"] },
    Class { name: "html", payloads: &["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"] },
    Class { name: "jinja", payloads: &["{{ 7*7 }}", "{% for %}"] },
    Class { name: "css", payloads: &["</style><style>*{display:none}"] },
    Class { name: "newline", payloads: &["\n# 注入的标题", "\n- 注入的列表项", "\n!figure total 注入的图", "\n## 注入的小标题", "# 行首的标题"] },
    Class { name: "javascript", payloads: &["javascript:alert(1)"] },
];

/// Payloads `check` must refuse at their line.
const REFUSED: &[Class] = &[
    Class { name: "bidi", payloads: &["\u{202E}", "\u{2066}"] },
    Class { name: "private-use", payloads: &["\u{E000}", "\u{E001}"] },
    Class { name: "C0 control", payloads: &["\u{7}", "\u{1B}"] },
];

/// Y-TEXT-CHAR findings are listed one by one up to a cap (the rest are counted): a batch of
/// fields stays below it.
const BATCH: usize = 20;

#[test]
fn the_example_has_enough_free_text() {
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let fields = free_text(&text);
    let paths: std::collections::BTreeSet<&str> = fields.iter().map(|f| f.path.as_str()).collect();
    for want in ["department.name", "department.short_name", "functions[]", "units[].name", "initial_budget[].reason", "three_public.reasons.abroad", "reasons.total_change", "projects[].purpose", "projects[].evaluation.indicators[].name", "projects[].evaluation.indicators[].reason", "performance.overall", "key_work.paragraphs[]", "key_work.items[].result", "overall_self_evaluation.goals[].indicators[].actual_text", "overall_self_evaluation.budget_link[]"] {
        assert!(paths.contains(want), "{want} is a free-text field: {paths:?}");
    }
    for not in ["department.year", "expenditure[].code", "units[].kind", "projects[].budget", "projects[].evaluation.filled", "accepted_warnings[].rule"] {
        assert!(!paths.contains(not), "{not} is not free text");
    }
    assert!(fields.len() > 200, "{} free-text fields", fields.len());
}

/// Bidi, private-use and control characters in every free-text field, with `enc`: `check`
/// refuses the file, with a Y-TEXT-CHAR finding at the line of every field, and `build`
/// writes nothing. Returns the problems found.
fn refused_everywhere(enc: Encoding) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let fields = free_text(&text);
    let all: Vec<&Field> = fields.iter().collect();
    let dir = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    for class in REFUSED {
        // YAML itself refuses a raw C0 control: tested one field at a time below.
        if class.name == "C0 control" && enc == Encoding::Raw {
            continue;
        }
        let label = format!("{} ({enc:?})", class.name);
        // All fields at once: refused, nothing built.
        let (whole, _) = inject(&text, &all, class.payloads, enc);
        let case = format!("{}-{enc:?}", class.name.replace(' ', "-"));
        let f = write_case(dir.path(), &case, &whole);
        let out = f.parent().unwrap().join("out");
        let b = run(&["build".as_ref(), f.as_os_str(), "-o".as_ref(), out.as_os_str()]);
        if !matches!(b.code, 1 | 2) {
            problems.push(format!("{label}: build exits {} (want 1 or 2)", b.code));
        }
        if out.exists() && std::fs::read_dir(&out).unwrap().flatten().any(|e| e.path().extension().is_some_and(|x| x == "pdf" || x == "html")) {
            problems.push(format!("{label}: build wrote a file"));
        }
        // In batches below the cap: a finding at every field's line.
        for (k, batch) in all.chunks(BATCH).enumerate() {
            let (t, lines) = inject(&text, batch, class.payloads, enc);
            let f = write_case(dir.path(), &format!("{case}-{k}"), &t);
            let (code, findings) = check(&f);
            if !matches!(code, 1 | 2) {
                problems.push(format!("{label}: check exits {code} for fields {}..{}", k * BATCH, k * BATCH + batch.len()));
            }
            for (field, line) in batch.iter().zip(&lines) {
                if !findings.iter().any(|(rule, l, _)| rule == "Y-TEXT-CHAR" && *l == Some(*line as u64)) {
                    problems.push(format!("{label}: no Y-TEXT-CHAR at line {line} ({})", field.path));
                }
            }
        }
    }
    if enc == Encoding::Raw {
        // A raw control character: YAML refuses it; the one finding is at its line.
        for (k, field) in all.iter().enumerate().filter(|(k, _)| k % 25 == 0) {
            for p in ["\u{7}", "\u{1B}"] {
                let (t, lines) = inject(&text, &[field], &[p], Encoding::Raw);
                let f = write_case(dir.path(), &format!("raw-c0-{k}-{}", p.len()), &t);
                let (code, findings) = check(&f);
                if !matches!(code, 1 | 2) || !findings.iter().any(|(rule, l, _)| rule == "Y-TEXT-CHAR" && *l == Some(lines[0] as u64)) {
                    problems.push(format!("raw U+{:04X} in {} (line {}): check exits {code} with {findings:?}", p.chars().next().unwrap() as u32, field.path, lines[0]));
                }
            }
        }
    }
    problems
}

/// Many problems say the same thing: each kind once with its count, then the first ones.
fn summarize(problems: &[String]) -> String {
    let mut summary: Vec<(String, usize)> = Vec::new();
    for p in problems {
        let key = p.split(" at line ").next().unwrap_or(p).split(" for fields ").next().unwrap_or(p).to_string();
        match summary.iter_mut().find(|(k, _)| *k == key) {
            Some(e) => e.1 += 1,
            None => summary.push((key, 1)),
        }
    }
    format!(
        "{} problems:\n{}\nfirst ones:\n{}",
        problems.len(),
        summary.iter().map(|(k, n)| format!("  {n} × {k}")).collect::<Vec<_>>().join("\n"),
        problems.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
    )
}

/// Typed as they are (bidi and private-use inside a quoted scalar; a raw control character
/// one field at a time, as YAML stops at the first).
#[test]
fn characters_a_report_cannot_carry_are_refused_at_their_line() {
    let problems = refused_everywhere(Encoding::Raw);
    assert!(problems.is_empty(), "{}", summarize(&problems));
}

/// Written as YAML escapes in a double-quoted scalar (`"\u202E"`, `"\u0007"`): the same
/// characters reach the report unless the values, not only the file's bytes, are checked.
#[test]
fn characters_written_as_yaml_escapes_are_refused_at_their_line() {
    let problems = refused_everywhere(Encoding::Escaped);
    assert!(problems.is_empty(), "{}", summarize(&problems));
}

/// Typst, HTML, Jinja and CSS markup, line-language directives after a newline and a
/// `javascript:` URL in every free-text field: built, and inert in the HTML and the PDF.
#[test]
fn markup_in_every_field_is_printed_as_text() {
    if !have_pdftotext() {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let fields = free_text(&text);
    let all: Vec<&Field> = fields.iter().collect();
    let dir = tempfile::tempdir().unwrap();
    let passwd = std::fs::read_to_string("/etc/passwd").ok().and_then(|p| p.lines().next().map(str::to_string)).unwrap_or_else(|| "root:x:0:0".into());

    // The unmodified example: the tags to compare with, built with the same formats (the
    // page links the PDF and the JSON twin written with it).
    let f = write_case(dir.path(), "baseline", &text);
    let out = f.parent().unwrap().join("out");
    let b = run(&["build".as_ref(), f.as_os_str(), "-o".as_ref(), out.as_os_str(), "--format".as_ref(), "pdf,html,json".as_ref()]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let base_html = std::fs::read_to_string(out.join("wuhan-hanyang-xinfang-2020.html")).unwrap();
    let base_tags = tag_counts(&base_html);
    let base_49 = base_html.matches("49").count();

    let mut problems = Vec::new();
    for class in INERT {
        let started = std::time::Instant::now();
        // Every field first; if `check` refuses some of them (a rule on that kind of text),
        // those are reported and the others are built, so the payload still reaches the output.
        let mut fields = all.clone();
        let mut attempt = 0;
        let out = loop {
            attempt += 1;
            let (t, lines) = inject(&text, &fields, class.payloads, Encoding::Raw);
            let f = write_case(dir.path(), &format!("{}-{attempt}", class.name), &t);
            let out = f.parent().unwrap().join("out");
            let b = run(&["build".as_ref(), f.as_os_str(), "-o".as_ref(), out.as_os_str(), "--format".as_ref(), "pdf,html,json".as_ref()]);
            if b.code == 1 && attempt == 1 {
                let v: serde_json::Value = serde_json::from_str(&b.stdout).unwrap_or_default();
                let errors: Vec<(String, Option<u64>)> = v["findings"].as_array().into_iter().flatten().filter(|f| f["severity"] == "error").map(|f| (f["rule"].as_str().unwrap_or("").to_string(), f["line"].as_u64())).collect();
                // A refusal must be about the payload: at a field that holds it.
                let stray: Vec<_> = errors.iter().filter(|(_, l)| !l.is_some_and(|l| lines.contains(&(l as usize)))).collect();
                if errors.is_empty() || !stray.is_empty() {
                    problems.push(format!("{}: refused, with errors away from the payloads: {stray:?}\n{}", class.name, b.stderr.chars().take(3000).collect::<String>()));
                    break None;
                }
                let mut rules: Vec<&str> = errors.iter().map(|(r, _)| r.as_str()).collect();
                rules.sort();
                rules.dedup();
                let refused_lines: Vec<u64> = errors.iter().filter_map(|(_, l)| *l).collect();
                fields.retain(|f| !refused_lines.contains(&(line_of(&text, f.start) as u64)));
                eprintln!("{}: check refuses {} fields ({}); building with the other {}", class.name, all.len() - fields.len(), rules.join(", "), fields.len());
                continue;
            }
            if b.code != 0 {
                problems.push(format!("{}: build exits {}\n{}\n{}", class.name, b.code, b.stdout.chars().take(2000).collect::<String>(), b.stderr.chars().take(2000).collect::<String>()));
                break None;
            }
            break Some(out);
        };
        let Some(out) = out else { continue };
        let html = std::fs::read_to_string(out.join("wuhan-hanyang-xinfang-2020.html")).unwrap();
        let shown = decode(&html);
        let pdf = out.join("wuhan-hanyang-xinfang-2020.pdf");
        let pt = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().expect("pdftotext runs");
        let pdf_text = String::from_utf8_lossy(&pt.stdout).into_owned();
        let pdf_flat = flat(&pdf_text);

        // Structure and active content: the same tags as the unmodified example.
        for ((tag, n), (_, n0)) in tag_counts(&html).iter().zip(&base_tags) {
            if n != n0 {
                problems.push(format!("{}: {n} × {tag} in the HTML, {n0} in the unmodified example", class.name));
            }
        }
        let handlers = event_handlers(&html);
        if handlers != event_handlers(&base_html) {
            problems.push(format!("{}: event handlers in the HTML's tags: {handlers:?}", class.name));
        }
        for attr in ["href", "src", "action", "formaction"] {
            if let Some(v) = attr_values(&html, attr).into_iter().find(|v| v.trim_start().to_lowercase().starts_with("javascript:")) {
                problems.push(format!("{}: {attr}={v:?} in the HTML", class.name));
            }
        }
        for p in class.payloads {
            let p = p.trim();
            // The reader sees the payload as typed...
            if !shown.contains(p) {
                problems.push(format!("{}: the HTML does not show {p:?} as text", class.name));
            }
            // ...and the markup is escaped in the source.
            if p.contains(['<', '>', '"']) && html.contains(p) {
                problems.push(format!("{}: {p:?} is in the HTML unescaped", class.name));
            }
            // The PDF prints it literally (whitespace aside: lines wrap).
            if !pdf_flat.contains(&flat(p)) {
                problems.push(format!("{}: the PDF text does not show {p:?} literally", class.name));
            }
        }
        if class.name == "jinja" && html.matches("49").count() != base_49 {
            problems.push(format!("jinja: {{{{ 7*7 }}}} was evaluated ({} × 49, {base_49} in the unmodified example)", html.matches("49").count()));
        }
        if pdf_text.contains(&passwd) || html.contains(&passwd) {
            problems.push(format!("{}: /etc/passwd was read into the report", class.name));
        }
        eprintln!("{}: built and inert in {:.1} s ({} fields, {} payload occurrences in the HTML)", class.name, started.elapsed().as_secs_f64(), fields.len(), class.payloads.iter().map(|p| shown.matches(p.trim()).count()).sum::<usize>());
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// A tree of the example under `names`, built (HTML only): every link of the portal pages is
/// relative and leads to the file it names, no name becomes markup, and every department
/// built has its own report at the output the manifest lists. Returns the problems.
fn portal_problems(names: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let example = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    for n in names {
        let p = data.join(n);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, &example).unwrap();
    }
    let out = dir.path().join("out");
    let b = run(&["build".as_ref(), data.as_os_str(), "-o".as_ref(), out.as_os_str(), "--format".as_ref(), "html".as_ref(), "-j".as_ref(), "2".as_ref()]);
    assert!(matches!(b.code, 0 | 1), "build exits {}: {}", b.code, b.stderr);
    let mut problems = Vec::new();
    let mut pages = vec![out.join("index.html")];
    pages.extend(common_files(&out).into_iter().filter(|p| p.file_name().is_some_and(|n| n == "index.html") && p != &out.join("index.html")));
    assert!(pages[0].is_file(), "the portal index is written");
    let mut linked = 0;
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        if html.to_lowercase().contains("<img") || !event_handlers(&html).is_empty() {
            problems.push(format!("{}: a file name became markup", page.display()));
        }
        for href in attr_values(&html, "href") {
            if href.starts_with('#') {
                continue;
            }
            let scheme = href.split(['/', '?', '#']).next().unwrap_or("").contains(':');
            if scheme {
                problems.push(format!("{}: href={href:?} is not a relative path", page.display()));
                continue;
            }
            if href.contains(['?', '#']) {
                problems.push(format!("{}: href={href:?} has a query or fragment from a file name", page.display()));
                continue;
            }
            let target = page.parent().unwrap().join(percent_decode(&href));
            if !target.is_file() {
                problems.push(format!("{}: href={href:?} leads nowhere ({})", page.display(), target.display()));
            }
            linked += 1;
        }
    }
    // Every department that was built has its own report, not a portal page over it.
    let manifests: Vec<PathBuf> = common_files(&out.join(".gen-report")).into_iter().filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("manifest") && n.to_string_lossy().ends_with(".json"))).collect();
    assert!(!manifests.is_empty(), "a manifest is written");
    for m in manifests {
        let manifest: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&m).unwrap()).unwrap();
        for (src, e) in manifest["entries"].as_object().unwrap() {
            for o in e["outputs"].as_array().unwrap() {
                let p = out.join(o.as_str().unwrap());
                let html = std::fs::read_to_string(&p).unwrap_or_default();
                if !html.contains("<main id=\"main\">") {
                    problems.push(format!("{src}: its output {} is not its report (the portal page overwrote it?)", p.display()));
                }
            }
        }
    }
    eprintln!("portal: {} pages, {linked} links checked; build exit {}", pages.len(), b.code);
    if !problems.is_empty() {
        problems.push(format!("stderr of the build:\n{}", b.stderr));
    }
    problems
}

/// Department files and directories whose names are not safe in a URL (`javascript:`, `#`,
/// `?`, a space, `%`, markup): relative, percent-encoded links that lead to their file.
#[test]
fn hostile_file_names_make_safe_portal_links() {
    let problems = portal_problems(&[
        "hubei/2020/javascript:alert(1).yaml",
        "hubei/2020/a#b.yaml",
        "hubei/2020/c?d.yaml",
        "hubei/2020/e f.yaml",
        "hubei/2020/%41.yaml",
        "hubei/2020/\"><img src=x onerror=alert(1)>.yaml",
        "javascript:alert(2)/2020/x.yaml",
    ]);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// A department file named `index.yaml` would be built to `out/<city>/<year>/index.html`, the
/// path of the portal's page for that city and year: either its report stays its own (and is
/// linked), or the name is refused with a message.
#[test]
fn a_department_named_index_keeps_its_report() {
    let problems = portal_problems(&["hubei/2020/index.yaml", "hubei/2020/other.yaml"]);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The names of the attributes of the HTML's tags that start with `on` (event handlers),
/// quoted attribute values skipped, as a browser parses them.
fn event_handlers(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' || !b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        // The tag name, then attributes until '>'.
        i += 1;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
            i += 1;
        }
        while i < b.len() && b[i] != b'>' {
            if b[i].is_ascii_whitespace() || b[i] == b'/' {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>') {
                i += 1;
            }
            let name = html[start..i].to_ascii_lowercase();
            if name.starts_with("on") {
                out.push(name);
            }
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    i += 1;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    i += 1;
                } else {
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                }
            }
        }
    }
    out
}

fn common_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The values of every `name="…"` attribute, entities decoded.
fn attr_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!("{name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        out.push(decode(&rest[..end]));
        rest = &rest[end..];
    }
    out
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
