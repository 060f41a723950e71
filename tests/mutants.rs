//! Deterministic mutation fuzzing (issue 15, item 6): a few thousand mutants of every example
//! and fixture go through `check`, the finding renderers and, when a mutant has no error, the
//! document builder and the HTML renderer. Nothing may panic, every finding must render as text
//! and as JSON that parses back, a finding with a place must point inside the file, and a file
//! `check` accepts must build.
//!
//! tests/robust.rs does fixed edits of one example (every truncation step, every line deleted
//! or doubled); this one draws random edits from a fixed-seed xorshift generator over every
//! input file and chains up to three of them: bit flips, lines deleted, doubled or swapped,
//! values swapped, hostile strings (the payloads of tests/injection.rs and YAML syntax) raw or
//! quoted, truncation, huge numbers, deep nesting, indentation, keys misspelt, anchors, aliases
//! and tags. The same seed always gives the same mutants: a failure names the mutant's index,
//! its base file and its edits, and writes the mutant to
//! `target/tmp/mutants/<index>.yaml`.
//!
//! `MUTANTS=20000 cargo test --test mutants` runs more; `MUTANT_SEED=…` draws others.

use gen_report::build::pipeline;
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The number of mutants of a default run: well under a minute on 2 cores in the dev profile.
const DEFAULT_COUNT: usize = 2500;
const DEFAULT_SEED: u64 = 0x15_0006_5EED;

/// A character that must not reach a terminal or a report (issue 15, item 3): bidi controls,
/// C0 and C1 controls other than the newline and the tab, private-use characters and
/// noncharacters.
fn forbidden(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0x00..=0x08 | 0x0B..=0x1F | 0x7F..=0x9F | 0x200E | 0x200F | 0x061C | 0x202A..=0x202E | 0x2066..=0x2069 | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFDD0..=0xFDEF)
        || u & 0xFFFE == 0xFFFE
}

// ------------------------------------------------------------------ generator

/// xorshift64* (Vigna): small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Mix the seed (splitmix64) so neighbouring indices give unrelated streams; never 0.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.below(v.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

// ------------------------------------------------------------------ inputs

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            yaml_under(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml") {
            out.push(p);
        }
    }
}

/// `examples/*.yaml` and `tests/fixtures/**/*.yaml`, sorted, as (relative name, text).
fn corpus() -> Vec<(String, String)> {
    let mut files = Vec::new();
    yaml_under(&root().join("examples"), &mut files);
    yaml_under(&root().join("tests/fixtures"), &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.strip_prefix(root()).unwrap_or(&p).display().to_string(), text))
        })
        .collect()
}

// ------------------------------------------------------------------ edits

/// Strings a hostile or careless user types: the injection payloads (tests/injection.rs) and
/// pieces of YAML syntax.
const HOSTILE: &[&str] = &[
    "#import \"x\"",
    "#read(\"/etc/passwd\")",
    "$x$",
    "*bold*",
    "= heading",
    "#{panic()}",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% for %}",
    "{% for x in range(100000000) %}{{ x }}{% endfor %}",
    "</style><style>*{display:none}",
    "\u{202E}",
    "\u{2066}",
    "\u{200F}",
    "\u{E000}",
    "\u{E001}",
    "\u{7}",
    "\u{1B}[31m",
    "\u{0}",
    "\u{85}",
    "\u{FEFF}",
    "\u{FFFF}",
    "\u{10FFFF}",
    "\u{301}\u{301}\u{301}",
    "\n# 标题",
    "\n## 小标题",
    "\n- 列表",
    "\n!figure total x",
    "javascript:alert(1)",
    "\t",
    "\r",
    "\r\n",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "&a ",
    "*a",
    "*nosuchanchor",
    "!!binary aGk=",
    "!!float ",
    "!<tag:yaml.org,2002:str> ",
    "? ",
    "<<: ",
    "'",
    "\"",
    "|",
    ">-",
    "{",
    "[",
    "]",
    "}",
    ",",
    ": ",
    " #",
    "- ",
    "@",
    "`",
    "……",
    "万元",
    "无",
    "XXX",
    "（待填）",
];

/// Values that are odd where an amount, count, date or code is expected.
const ODD: &[&str] = &[
    "-1",
    "0",
    "-0",
    "-0.00",
    "1e400",
    "1e-400",
    "NaN",
    ".nan",
    ".inf",
    "-.inf",
    "0x1F",
    "0o17",
    "1_000",
    "2_8_4.5_7",
    ".5",
    "5.",
    "+3",
    "0.001",
    "00012.30",
    "99999999999999999999999999999",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "-79228162514264337593543950335",
    "7922816251426433759354395033.5",
    "999999999999999.99",
    "99999999999.99",
    "0.0000000000000000000000000001",
    "18446744073709551616",
    "4294967296",
    "2147483648",
    "65536",
    "1e9",
    "2020-13-45",
    "2020-02-30",
    "0000-01-01",
    "9999-12-31",
    "99999",
    "2020-1",
    "2021-05-13T25:61:00Z",
    "true",
    "false",
    "null",
    "~",
    "[]",
    "{}",
    "\"\"",
    "''",
    "\"   \"",
    "[1, 2]",
    "{a: 1}",
    "\"1\"",
    "\"20103\"",
    "\"2010301\"",
    "\"201030199\"",
    "\"ABCDEFG\"",
    "\"２０１０３０１\"",
    "２８４．５７",
    "284,57",
    "284.57万元",
    "￥284.57",
];

/// Byte ranges of values: after each ": " up to a comma, brace, comment or the line's end (a
/// quoted value up to its closing quote). Empty values (a nested block follows) are kept too.
fn value_sites(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = text[i..].find(": ").map(|p| p + i) {
        let mut s = p + 2;
        while s < b.len() && b[s] == b' ' {
            s += 1;
        }
        let mut e = s;
        if s < b.len() && (b[s] == b'"' || b[s] == b'\'') {
            let q = b[s];
            e = s + 1;
            while e < b.len() && b[e] != q && b[e] != b'\n' {
                if q == b'"' && b[e] == b'\\' {
                    e += 1;
                }
                e += 1;
            }
            e = (e + 1).min(b.len());
        } else {
            while e < b.len() && !matches!(b[e], b',' | b'}' | b'\n') && !(b[e] == b'#' && b[e - 1] == b' ') {
                e += 1;
            }
            while e > s && b[e - 1] == b' ' {
                e -= 1;
            }
        }
        // Keep the range on char boundaries (a stray quote can end mid-line).
        while !text.is_char_boundary(e) {
            e -= 1;
        }
        out.push((s, e.max(s)));
        i = p + 2;
    }
    out
}

/// Byte ranges of keys (`  name:` → `name`), block or flow.
fn key_sites(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = text[i..].find(": ").map(|p| p + i) {
        let before = &text[..p];
        let start = before.rfind([' ', '{', '\n', ',']).map_or(0, |x| x + 1);
        if start < p {
            out.push((start, p));
        }
        i = p + 2;
    }
    out
}

fn splice(text: &str, (s, e): (usize, usize), with: &str) -> String {
    format!("{}{}{}", &text[..s], with, &text[e..])
}

/// A char boundary at or before `i`.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The value as its text, without quotes.
fn unquote(v: &str) -> &str {
    v.strip_prefix('"').and_then(|x| x.strip_suffix('"')).or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\''))).unwrap_or(v)
}

fn lines(text: &str) -> Vec<String> {
    text.split_inclusive('\n').map(str::to_string).collect()
}

/// One edit: (name, mutant).
fn edit(rng: &mut Rng, text: &str) -> (&'static str, String) {
    let values = value_sites(text);
    let ls = lines(text);
    let n = ls.len().max(1);
    // Weights: the edits that keep the file valid YAML (values swapped, odd or huge values,
    // quoted hostile text) are drawn more often, so that many mutants reach the renderers.
    let op = [0, 1, 2, 3, 4, 4, 5, 5, 6, 6, 7, 8, 8, 9, 9, 10, 11, 12, 13, 14, 15][rng.below(21)];
    match op {
        0 => {
            // Bit flips: the text may stop being UTF-8 (shown lossily, as a reader would).
            let mut bytes = text.as_bytes().to_vec();
            if bytes.is_empty() {
                return ("flip", String::new());
            }
            for _ in 0..1 + rng.below(4) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            ("flip", String::from_utf8_lossy(&bytes).into_owned())
        }
        1 => {
            let i = rng.below(n);
            let k = (1 + rng.below(3)).min(ls.len().saturating_sub(i));
            let mut l = ls.clone();
            l.drain(i..i + k);
            ("delete lines", l.concat())
        }
        2 => {
            let i = rng.below(n);
            let k = (1 + rng.below(3)).min(ls.len().saturating_sub(i));
            let times = if rng.chance(10) { 50 + rng.below(200) } else { 1 };
            let mut l = ls.clone();
            let block: Vec<String> = ls[i..i + k].to_vec();
            for _ in 0..times {
                for (j, line) in block.iter().enumerate() {
                    l.insert(i + j, line.clone());
                }
            }
            ("duplicate lines", l.concat())
        }
        3 => {
            let mut l = ls.clone();
            if l.len() > 1 {
                let (a, b) = (rng.below(l.len()), rng.below(l.len()));
                l.swap(a, b);
            }
            ("swap lines", l.concat())
        }
        4 if values.len() > 1 => {
            let (mut a, mut b) = (rng.pick(&values), rng.pick(&values));
            if a.0 > b.0 {
                std::mem::swap(&mut a, &mut b);
            }
            if a.1 > b.0 {
                return ("swap values", text.to_string());
            }
            let (va, vb) = (&text[a.0..a.1], &text[b.0..b.1]);
            ("swap values", format!("{}{}{}{}{}", &text[..a.0], vb, &text[a.1..b.0], va, &text[b.1..]))
        }
        5 if !values.is_empty() => {
            let v = rng.pick(&values);
            ("odd value", splice(text, v, rng.pick(ODD)))
        }
        6 if !values.is_empty() => {
            // A huge or odd number where a number is typed.
            let numeric: Vec<_> = values.iter().filter(|(s, e)| unquote(&text[*s..*e]).parse::<f64>().is_ok()).copied().collect();
            let v = if numeric.is_empty() { rng.pick(&values) } else { rng.pick(&numeric) };
            let huge: &[&str] = &["99999999999999999999999999999", "79228162514264337593543950335", "999999999999999.99", "99999999999.99", "-99999999999.99", "0.0000000000000000000000000001", "1e308", "18446744073709551616", "4294967295", "-2147483649"];
            ("huge number", splice(text, v, rng.pick(huge)))
        }
        7 => {
            // A hostile string typed raw somewhere in a value, or anywhere.
            let p = rng.pick(HOSTILE);
            let at = if !values.is_empty() && rng.chance(80) {
                let (s, e) = rng.pick(&values);
                boundary(text, s + rng.below(e - s + 1))
            } else {
                boundary(text, rng.below(text.len() + 1))
            };
            ("hostile raw", format!("{}{}{}", &text[..at], p, &text[at..]))
        }
        8 | 9 if !values.is_empty() => {
            // A hostile string inside a value, quoted so that it stays valid YAML: this is
            // what reaches the text checks and the renderers. Mostly into a text (not ASCII).
            let texts: Vec<(usize, usize)> = values.iter().filter(|(s, e)| !text[*s..*e].is_ascii()).copied().collect();
            let v = if !texts.is_empty() && rng.chance(75) { rng.pick(&texts) } else { rng.pick(&values) };
            let old = unquote(&text[v.0..v.1]);
            let p = rng.pick(HOSTILE);
            let new = match rng.below(3) {
                0 => format!("{p}{old}"),
                1 => format!("{old}{p}"),
                _ => p.repeat(1 + rng.below(40)),
            };
            ("hostile quoted", splice(text, v, &serde_json::to_string(&new).unwrap()))
        }
        10 => {
            let cut = boundary(text, rng.below(text.len() + 1));
            ("truncate", text[..cut].to_string())
        }
        11 => {
            // Deep nesting, flow or block, as a value or as new lines.
            let d = rng.pick(&[8usize, 64, 127, 128, 129, 255, 256, 1000, 5000]);
            let nest = match rng.below(4) {
                0 => format!("{}{}", "[".repeat(d), "]".repeat(d)),
                1 => format!("{}1{}", "{a: ".repeat(d), "}".repeat(d)),
                2 => format!("{}x", "- ".repeat(d.min(300))),
                _ => (0..d.min(400)).map(|k| format!("\n{}a:", "  ".repeat(k + 1))).collect::<String>() + " 1",
            };
            if !values.is_empty() && rng.chance(70) {
                let v = rng.pick(&values);
                ("deep nesting", splice(text, v, &nest))
            } else {
                let i = rng.below(n);
                let mut l = ls.clone();
                l.insert(i, format!("deep: {nest}\n"));
                ("deep nesting", l.concat())
            }
        }
        12 => {
            let i = rng.below(n);
            let mut l = ls.clone();
            if let Some(line) = l.get_mut(i) {
                match rng.below(4) {
                    0 => line.insert(0, ' '),
                    1 => line.insert_str(0, "  "),
                    2 => line.insert(0, '\t'),
                    _ => {
                        let k = line.len() - line.trim_start_matches(' ').len();
                        line.drain(..k.min(1 + rng.below(4)));
                    }
                }
            }
            ("indent", l.concat())
        }
        13 => {
            let keys = key_sites(text);
            if keys.is_empty() {
                return ("key", text.to_string());
            }
            let k = rng.pick(&keys);
            let new = match rng.below(4) {
                0 => {
                    let o = rng.pick(&keys);
                    text[o.0..o.1].to_string()
                }
                1 => format!("{}x", &text[k.0..k.1]),
                2 => text[k.0..k.1].to_uppercase(),
                _ => format!("\"{}\"", &text[k.0..k.1]),
            };
            ("key", splice(text, k, &new))
        }
        14 if values.len() > 1 => {
            // An anchor on one value, an alias (or a merge key) at another.
            let mut a = rng.pick(&values);
            let mut b = rng.pick(&values);
            if a.0 > b.0 {
                std::mem::swap(&mut a, &mut b);
            }
            if a.1 > b.0 {
                return ("anchor", text.to_string());
            }
            let alias = if rng.chance(20) { "{<<: *m}" } else { "*m" };
            let tagged = format!("&m {}", &text[a.0..a.1]);
            ("anchor", format!("{}{}{}{}{}", &text[..a.0], tagged, &text[a.1..b.0], alias, &text[b.1..]))
        }
        15 if !values.is_empty() => {
            let v = rng.pick(&values);
            let tags: &[&str] = &["!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!binary ", "!!seq ", "!!map ", "!custom ", "!!timestamp "];
            let tag = rng.pick(tags);
            ("tag", splice(text, (v.0, v.0), tag))
        }
        _ => {
            // Where a case above found nothing to work on: an empty value or a duplicated key.
            if values.is_empty() {
                return ("empty", String::new());
            }
            let v = rng.pick(&values);
            ("blank value", splice(text, v, ""))
        }
    }
}

// ------------------------------------------------------------------ one mutant

#[derive(Default)]
struct Tally {
    mutants: usize,
    /// (count, time) of the mutants that could not be read, were refused, were built.
    unreadable: (usize, Duration),
    refused: (usize, Duration),
    built: (usize, Duration),
    findings: usize,
    slowest: (Duration, usize),
    /// Mutants whose findings print a forbidden character, the rules, an example of each.
    unsafe_text: usize,
    unsafe_rules: Vec<String>,
    unsafe_examples: Vec<String>,
}

/// What became of a mutant, with its number of findings.
enum Fate {
    Unreadable(usize),
    Refused(usize),
    Built(usize),
}

/// A mutant that passed, and whether its findings, as printed on a terminal, carry a character
/// that reorders or hides text (test `finding_text_is_safe_on_a_terminal` below).
struct Passed {
    fate: Fate,
    unsafe_text: Option<String>,
}

/// Panics inside `caught` are reported per mutant: the hook only remembers their message and
/// place there (the default one would print a backtrace for each); elsewhere it is the default.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                return default(info);
            }
            let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
            let msg = info.payload().downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| info.payload().downcast_ref::<String>().cloned()).unwrap_or_default();
            PANIC.with(|p| *p.borrow_mut() = format!("panicked at {place}: {msg}"));
        }))
    });
}

/// Runs `f`, catching a panic: Err is its message and place.
fn caught<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    quiet_panics();
    QUIET.with(|q| q.set(true));
    let r = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    r.map_err(|_| PANIC.with(|p| p.borrow().clone()))
}

thread_local! {
    /// The last panic's message and place on this thread (the hook keeps the output quiet).
    static PANIC: RefCell<String> = const { RefCell::new(String::new()) };
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Checks, renders the findings, and builds the document and the HTML when `check` passes.
/// Err: an expectation that does not hold (a panic is caught by the caller).
fn exercise(text: String) -> Result<Passed, String> {
    let line_count = text.matches('\n').count() + 1;
    let c = pipeline::check_str("mutant.yaml", text);
    if c.fatal && c.findings.is_empty() {
        return Err("fatal without a finding".into());
    }
    let all = c.sources.render_text(&c.findings);
    if c.findings.is_empty() != all.is_empty() {
        return Err("the text of the findings is empty".into());
    }
    let json = c.sources.render_json(&c.findings);
    let v: serde_json::Value = serde_json::from_str(&json).map_err(|e| format!("the JSON does not parse: {e}\n{json}"))?;
    let list = v["findings"].as_array().ok_or_else(|| format!("no findings array: {json}"))?;
    if list.len() != c.findings.len() {
        return Err(format!("JSON has {} findings, check {}", list.len(), c.findings.len()));
    }
    for (f, j) in c.findings.iter().zip(list) {
        if j["rule"] != f.rule {
            return Err(format!("JSON rule {} for {}", j["rule"], f.rule));
        }
        for key in ["severity", "message", "field"] {
            if !j[key].is_string() {
                return Err(format!("[{}] JSON {key} is not a string: {j}", f.rule));
            }
        }
        if f.span.is_some() {
            let line = j["line"].as_u64().ok_or_else(|| format!("[{}] has a place but JSON has no line: {j}", f.rule))?;
            let column = j["column"].as_u64().unwrap_or(0);
            if line == 0 || line as usize > line_count || column == 0 {
                return Err(format!("[{}] points outside the file (line {line} of {line_count}, column {column})", f.rule));
            }
        }
        if !all.contains(&format!("[{}]", f.rule)) {
            return Err(format!("[{}] is missing from the text of the findings", f.rule));
        }
    }
    let unsafe_text = unsafe_on_terminal(&c);
    let n = c.findings.len();
    if c.fatal {
        return Ok(Passed { fate: Fate::Unreadable(n), unsafe_text });
    }
    if c.has_errors() {
        return Ok(Passed { fate: Fate::Refused(n), unsafe_text });
    }
    // `check` accepted it: the document and the HTML must follow.
    let doc = match c.document() {
        None => return Err("no errors, but no document".into()),
        Some(Err(e)) => return Err(format!("no errors, but the document fails: {e}")),
        Some(Ok(d)) => d,
    };
    let html = gen_report::render::html::render(&doc).map_err(|e| format!("no errors, but the HTML fails: {e}"))?;
    if !html.trim_end().ends_with("</html>") {
        return Err("the HTML is not complete".into());
    }
    Ok(Passed { fate: Fate::Built(n), unsafe_text })
}

/// The first finding whose text, as `check` prints it, carries a forbidden character.
fn unsafe_on_terminal(c: &pipeline::Checked) -> Option<String> {
    for f in &c.findings {
        let one = c.sources.render_text(std::slice::from_ref(f));
        if let Some(bad) = one.chars().find(|c| *c != '\n' && forbidden(*c)) {
            return Some(format!("[{}] field {:?}: the text of the finding carries U+{:04X} (message {:?}, actual {:?})", f.rule, f.field, bad as u32, f.message, f.actual));
        }
    }
    None
}

/// Mutant `i`: (base file, edits, text).
fn mutant(corpus: &[(String, String)], seed: u64, i: usize) -> (usize, Vec<&'static str>, String) {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    // Files that pass `check` (the examples, the valid fixtures) reach every renderer: half
    // of the mutants start from one of them, the other half from any file.
    let good: Vec<usize> = (0..corpus.len()).filter(|k| !corpus[*k].0.contains("invalid") && !corpus[*k].0.contains("/bad-")).collect();
    let base = if !good.is_empty() && rng.chance(50) { rng.pick(&good) } else { rng.below(corpus.len()) };
    let mut text = corpus[base].1.clone();
    let mut ops = Vec::new();
    let k = match rng.below(10) {
        0..=5 => 1,
        6..=8 => 2,
        _ => 3,
    };
    for _ in 0..k {
        let (name, t) = edit(&mut rng, &text);
        ops.push(name);
        text = t;
    }
    (base, ops, text)
}

#[test]
fn mutants_of_every_example_and_fixture() {
    let count = std::env::var("MUTANTS").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_COUNT);
    let seed = std::env::var("MUTANT_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_SEED);
    let corpus = corpus();
    assert!(corpus.len() > 20, "examples and fixtures found: {}", corpus.len());
    let faildir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mutants");
    let _ = std::fs::remove_dir_all(&faildir);

    // MUTANT=i: write mutant i to target/tmp/mutants/<i>.yaml and run only it, loudly.
    if let Some(i) = std::env::var("MUTANT").ok().and_then(|v| v.parse::<usize>().ok()) {
        let (base, ops, text) = mutant(&corpus, seed, i);
        let _ = std::fs::create_dir_all(&faildir);
        let _ = std::fs::write(faildir.join(format!("{i}.yaml")), &text);
        let t0 = Instant::now();
        let r = exercise(text);
        eprintln!("mutant {i} of {} ({}): {:?} in {:.0} ms", corpus[base].0, ops.join(" + "), r.as_ref().err(), t0.elapsed().as_secs_f64() * 1000.0);
        assert!(r.is_ok());
        return;
    }

    let start = Instant::now();
    let next = AtomicUsize::new(0);
    let tally = Mutex::new(Tally::default());
    let failures = Mutex::new(Vec::<String>::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    std::thread::scope(|s| {
        for _ in 0..workers {
            // The binary's main thread has 8 MiB of stack: no more here.
            std::thread::Builder::new()
                .stack_size(8 << 20)
                .spawn_scoped(s, || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= count {
                            break;
                        }
                        let (base, ops, text) = match caught(|| mutant(&corpus, seed, i)) {
                            Ok(m) => m,
                            Err(e) => {
                                failures.lock().unwrap().push(format!("mutant {i}: the generator itself {e}"));
                                continue;
                            }
                        };
                        let t0 = Instant::now();
                        let r = caught(|| exercise(text.clone()));
                        let took = t0.elapsed();
                        let problem = match r {
                            Ok(Ok(res)) => {
                                let mut t = tally.lock().unwrap();
                                t.mutants += 1;
                                if let Some(u) = res.unsafe_text {
                                    t.unsafe_text += 1;
                                    let rule = u.split(']').next().unwrap_or("").trim_start_matches('[').to_string();
                                    if !t.unsafe_rules.contains(&rule) {
                                        t.unsafe_rules.push(rule);
                                        t.unsafe_examples.push(format!("mutant {i}: {u}"));
                                    }
                                }
                                let (slot, n) = match res.fate {
                                    Fate::Unreadable(n) => (&mut t.unreadable, n),
                                    Fate::Refused(n) => (&mut t.refused, n),
                                    Fate::Built(n) => (&mut t.built, n),
                                };
                                slot.0 += 1;
                                slot.1 += took;
                                t.findings += n;
                                if took > t.slowest.0 {
                                    t.slowest = (took, i);
                                }
                                None
                            }
                            Ok(Err(e)) => Some(e),
                            Err(panic) => Some(panic),
                        };
                        if let Some(e) = problem {
                            let _ = std::fs::create_dir_all(&faildir);
                            let file = faildir.join(format!("{i}.yaml"));
                            let _ = std::fs::write(&file, &text);
                            let e: String = e.chars().take(600).collect();
                            failures.lock().unwrap().push(format!("mutant {i} of {} ({}): {e}\n    saved as {}", corpus[base].0, ops.join(" + "), file.display()));
                        }
                    }
                })
                .expect("spawn a worker");
        }
    });
    let t = tally.into_inner().unwrap();
    let failures = failures.into_inner().unwrap();
    eprintln!(
        "mutants: {count} mutants of {} files (seed {seed:#x}) in {:.1} s on {workers} threads: {} unreadable ({:.1} s), {} refused ({:.1} s), {} built ({:.1} s); {} findings; slowest {:.0} ms (mutant {}); {} failed",
        corpus.len(),
        start.elapsed().as_secs_f64(),
        t.unreadable.0,
        t.unreadable.1.as_secs_f64(),
        t.refused.0,
        t.refused.1.as_secs_f64(),
        t.built.0,
        t.built.1.as_secs_f64(),
        t.findings,
        t.slowest.0.as_secs_f64() * 1000.0,
        t.slowest.1,
        failures.len()
    );
    if t.unsafe_text > 0 {
        eprintln!("mutants: {} mutants print a forbidden character in a finding (see finding_text_is_safe_on_a_terminal):\n  {}", t.unsafe_text, t.unsafe_examples.join("\n  "));
    }
    if !failures.is_empty() {
        let _ = std::fs::write(faildir.join("failures.txt"), failures.join("\n"));
    }
    assert!(t.built.0 > count / 20, "too few mutants were built ({}): the edits break everything, nothing reaches the renderers", t.built.0);
    assert!(failures.is_empty(), "{} of {count} mutants failed:\n{}", failures.len(), failures.iter().take(30).cloned().collect::<Vec<_>>().join("\n"));
}

/// Bit flips that make a file invalid UTF-8 go through `check_file`, as a file on disk: one
/// finding at the first bad byte, exit 2, and no panic.
#[test]
fn byte_flips_through_check_file() {
    let corpus = corpus();
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(DEFAULT_SEED ^ 0xB17E);
    let mut invalid = 0;
    for i in 0..150 {
        let (name, text) = &corpus[rng.below(corpus.len())];
        let mut bytes = text.as_bytes().to_vec();
        for _ in 0..1 + rng.below(3) {
            let k = rng.below(bytes.len());
            bytes[k] = match rng.below(3) {
                0 => bytes[k] ^ (1 << rng.below(8)),
                1 => 0xFF,
                _ => 0xC0 | (bytes[k] & 0x1F),
            };
        }
        let path = dir.path().join(format!("{i}.yaml"));
        std::fs::write(&path, &bytes).unwrap();
        let utf8 = std::str::from_utf8(&bytes).is_ok();
        let r = caught(|| {
            let c = pipeline::check_file(&path);
            let json: serde_json::Value = serde_json::from_str(&c.sources.render_json(&c.findings)).expect("the JSON parses");
            let _ = c.sources.render_text(&c.findings);
            (c.fatal, c.findings.len(), json)
        });
        let (fatal, n, json) = r.unwrap_or_else(|e| panic!("{name} with bytes flipped ({}): {e}", path.display()));
        if !utf8 {
            invalid += 1;
            assert!(fatal && n == 1, "{name}: a file that is not UTF-8 is one fatal finding: {json}");
            let line = json["findings"][0]["line"].as_u64().expect("the finding has a line");
            let first_bad = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
            let want = bytes[..first_bad].iter().filter(|b| **b == b'\n').count() as u64 + 1;
            assert_eq!(line, want, "{name}: the finding points at the line of the first bad byte");
        }
    }
    assert!(invalid > 50, "only {invalid} of 150 were not UTF-8");
}

/// What `check` prints on a terminal carries no character that moves the cursor, reorders or
/// hides text: not in the quoted line, the message, the field or the value shown ("实为 …").
#[test]
fn finding_text_is_safe_on_a_terminal() {
    let example = std::fs::read_to_string(root().join("examples/wuhan-hanyang-xinfang-2020.yaml")).unwrap();
    let cases: Vec<(&str, String)> = vec![
        ("ESC in an amount (escaped in YAML)", example.replacen("office_operation: 12.36", "office_operation: \"\\u001B[2J12.36\"", 1)),
        ("BEL in a code (escaped in YAML)", example.replacen("code: \"2010301\"", "code: \"2010301\\u0007\"", 1)),
        ("U+202E in an amount", example.replacen("office_operation: 12.36", "office_operation: \"\u{202E}12.36\"", 1)),
        ("U+E000 in a code", example.replacen("code: \"2010301\"", "code: \"2010301\u{E000}\"", 1)),
        ("U+202E in an unknown key", example.replacen("office_operation: 12.36", "office_operation: 12.36\nab\u{202E}road: 1", 1)),
        ("ESC in an unknown key (escaped)", example.replacen("office_operation: 12.36", "office_operation: 12.36\n\"x\\u001B[31m\": 1", 1)),
        ("raw BEL: a YAML error", example.replacen("short_name: 汉阳区信访局", "short_name: 汉阳\u{7}区信访局", 1)),
        ("raw ESC: a YAML error", example.replacen("short_name: 汉阳区信访局", "short_name: \"汉阳\u{1B}[2J\"", 1)),
        ("U+202E in a year", example.replacen("year: 2020", "year: \"2020\u{202E}\"", 1)),
        ("U+202E in a date", example.replacen("published: 2021-10-19", "published: \"2021-10-19\u{202E}\"", 1)),
        ("ESC in an accepted rule id (escaped)", example.replacen("rule: X-FUNC-ECON", "rule: \"\\u001B[31mX-FUNC-ECON\"", 1)),
        ("U+202E in a measured indicator value", example.replacen("target: \"≤200人次\", actual: 108人次", "target: \"≤200人次\", actual: \"10\u{202E}8人次\"", 1)),
        ("U+2066 in a first-level indicator", example.replacen("- { level1: 产出指标, level2: 数量指标, name: 进京上访人次", "- { level1: \"产出指标\u{2066}\", level2: 数量指标, name: 进京上访人次", 1)),
    ];
    let mut problems = Vec::new();
    for (what, text) in cases {
        assert_ne!(text, example, "{what}: the edit applies");
        let c = pipeline::check_str("data.yaml", text);
        assert!(c.has_errors(), "{what}: refused");
        if let Some(u) = unsafe_on_terminal(&c) {
            problems.push(format!("{what}: {u}"));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// A file `check` accepts builds, also with long lists: every block list of texts in each
/// example grown to 45 items (more than the 三十 the section numerals go to).
#[test]
fn long_lists_build_in_every_layout() {
    let mut problems = Vec::new();
    let mut tried = 0;
    for (name, text) in corpus().into_iter().filter(|(n, _)| n.starts_with("examples/")) {
        let ls = lines(&text);
        // "key:" followed by "  - text" lines one level deeper, none of them a mapping.
        let mut i = 0;
        while i < ls.len() {
            let head = &ls[i];
            let indent = head.len() - head.trim_start().len();
            let item = format!("{}- ", " ".repeat(indent + 2));
            let is_key = head.trim_end().ends_with(':') && !head.trim_start().starts_with('-') && !head.trim_start().starts_with('#');
            let n = ls[i + 1..].iter().take_while(|l| l.starts_with(&item)).count();
            if !is_key || n == 0 || ls[i + 1..i + 1 + n].iter().any(|l| l.contains(": ")) {
                i += 1;
                continue;
            }
            let items: Vec<&String> = ls[i + 1..i + 1 + n].iter().collect();
            let grown: String = (0..45).map(|k| format!("{item}第{k}项：{}", items[k % n].trim_start()[2..].trim_start())).collect();
            let t = format!("{}{}{}", ls[..=i].concat(), grown, ls[i + 1 + n..].concat());
            tried += 1;
            let c = pipeline::check_str("long.yaml", t);
            if !c.has_errors() {
                match c.document() {
                    Some(Ok(doc)) => {
                        if let Err(e) = gen_report::render::html::render(&doc) {
                            problems.push(format!("{name}: {} with 45 items: check passes, the HTML fails: {e}", head.trim()));
                        }
                    }
                    Some(Err(e)) => problems.push(format!("{name}: {} with 45 items: check passes, the document fails: {e}", head.trim())),
                    None => problems.push(format!("{name}: {} with 45 items: check passes, no document", head.trim())),
                }
            }
            i += 1 + n;
        }
    }
    assert!(tried >= 10, "only {tried} lists found");
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}
