//! Building a whole data tree: `gen-report build data/` finds every department file
//! (`data/<city>/<year>/<dept>.yaml`), builds them on `-j` plain worker threads fed from one
//! queue (typst uses rayon inside; nesting a rayon pool overflows the stack at scale), and
//! writes `out/<city>/<year>/<dept>.{pdf,html}`, a manifest and the portal index.
//!
//! Incremental: the manifest records, per department, a hash of everything its outputs were
//! built from (the YAML and the prior-year YAML it links to, the city profile and every
//! template it resolves to, the fonts, gen-report's version, the formats). An unchanged hash
//! with its outputs on disk is skipped. Outputs are written atomically first and the manifest
//! after, itself atomically, so an interrupted build leaves every output old-or-new and the
//! manifest never claims a file it did not finish.

use crate::output::write_atomic;
use crate::pipeline::{self, Checked};
use crate::render;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// Where the manifests live inside the output directory.
pub const STATE_DIR: &str = ".gen-report";

#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub out: PathBuf,
    pub jobs: usize,
    pub force: bool,
    /// (i, n): build the i-th of n deterministic slices (1-based).
    pub shard: Option<(usize, usize)>,
    pub pdf: bool,
    pub html: bool,
    pub font_path: Vec<PathBuf>,
    pub quiet: bool,
    pub json: bool,
}

/// One department in the manifest: what its outputs were built from, and what the portal
/// index shows.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// The source file, relative to the data root.
    pub source: String,
    pub hash: String,
    /// Output files, relative to the output directory.
    pub outputs: Vec<String>,
    pub name: String,
    pub city: String,
    pub year: u32,
    /// 部门决算 or 整体支出绩效自评报告.
    pub kind: String,
    /// 收支总计, 财政拨款收支总计, “三公”经费 (formatted, 万元); empty for a self-evaluation.
    pub totals: Vec<(String, String)>,
    pub warnings: usize,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub generator: String,
    pub entries: BTreeMap<String, Entry>,
    /// Departments that failed in the last run: source → first error (for the index).
    #[serde(default)]
    pub failed: BTreeMap<String, String>,
}

pub enum Outcome {
    Built(Entry),
    Unchanged(Entry),
    Failed { source: String, error: String },
}

impl Outcome {
    fn source(&self) -> &str {
        match self {
            Outcome::Built(e) | Outcome::Unchanged(e) => &e.source,
            Outcome::Failed { source, .. } => source,
        }
    }
}

/// Every department file under `root`, sorted: `.yaml`/`.yml`, not hidden, not inside a
/// `templates` directory (a city's own templates may live next to the data).
pub fn discover(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir)? {
            let e = e?;
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            let ft = e.file_type()?;
            if ft.is_dir() {
                if name != "templates" {
                    stack.push(e.path());
                }
            } else if name.ends_with(".yaml") || name.ends_with(".yml") {
                out.push(e.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The i-th of n slices of a sorted list: every n-th file from i. The same tree gives the
/// same slices on every machine.
pub fn shard<T>(files: Vec<T>, shard: Option<(usize, usize)>) -> Vec<T> {
    match shard {
        Some((i, n)) if n > 0 => files.into_iter().enumerate().filter(|(k, _)| k % n == i - 1).map(|(_, f)| f).collect(),
        _ => files,
    }
}

fn manifest_path(out: &Path, shard: Option<(usize, usize)>) -> PathBuf {
    let name = match shard {
        Some((i, n)) => format!("manifest-{i}-of-{n}.json"),
        None => "manifest.json".into(),
    };
    out.join(STATE_DIR).join(name)
}

pub fn load_manifest(path: &Path) -> Manifest {
    std::fs::read_to_string(path).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

/// Every manifest in `out` (one per shard, or the single one), merged.
pub fn load_all(out: &Path) -> Manifest {
    let mut all = Manifest::default();
    let Ok(rd) = std::fs::read_dir(out.join(STATE_DIR)) else { return all };
    let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    for f in files {
        let m = load_manifest(&f);
        all.entries.extend(m.entries);
        all.failed.extend(m.failed);
    }
    all
}

fn save_manifest(path: &Path, m: &Manifest) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(m).map_err(std::io::Error::other)?;
    write_atomic(path, text.as_bytes())
}

/// A stable 128-bit hash (SipHash-1-3 with fixed keys: the same on every machine and Rust
/// version), as hex.
struct Hash(siphasher::sip128::SipHasher13);

impl Hash {
    fn new() -> Hash {
        Hash(siphasher::sip128::SipHasher13::new_with_keys(0, 0))
    }
    fn add(&mut self, label: &str, bytes: &[u8]) {
        // Length-prefixed, so ("ab","c") and ("a","bc") differ.
        for part in [label.as_bytes(), bytes] {
            self.0.write_u64(part.len() as u64);
            self.0.write(part);
        }
    }
    fn hex(self) -> String {
        use siphasher::sip128::Hasher128;
        format!("{:032x}", self.0.finish128().as_u128())
    }
}

/// Everything a department's outputs depend on besides its own sources: fonts, version and
/// formats (the same for the whole run).
fn run_key(o: &Options) -> String {
    let mut h = Hash::new();
    h.add("version", env!("CARGO_PKG_VERSION").as_bytes());
    // A new build of gen-report (same version number, changed code) rebuilds everything: the
    // executable's size and modification time stand for its contents.
    if let Some(m) = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok()) {
        let mtime = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map(|d| d.as_nanos()).unwrap_or(0);
        h.add("binary", format!("{} {mtime}", m.len()).as_bytes());
    }
    h.add("formats", format!("pdf={} html={}", o.pdf, o.html).as_bytes());
    if o.pdf {
        let mut fams = render::pdf::fonts(&o.font_path).families();
        fams.sort();
        h.add("fonts", fams.join("\n").as_bytes());
    }
    h.hex()
}

/// The hash of what one department's outputs are built from.
fn input_hash(c: &Checked, run: &str) -> String {
    let mut h = Hash::new();
    h.add("run", run.as_bytes());
    for t in c.sources.texts() {
        h.add("source", t.as_bytes());
    }
    let profile = c.model.as_ref().map(|m| &m.2).or(c.perf.as_ref().map(|p| &p.1));
    if let Some(p) = profile {
        for (file, text) in &p.sources {
            h.add(file, text.as_bytes());
        }
        // Only the templates this profile prints with: a change to another city's
        // template, or to a section this city does not list, rebuilds nothing here.
        if let Ok(resolved) = crate::wording::resolve(&p.city, p.user_dir.as_deref()) {
            for (name, (from, text)) in &resolved {
                let part = name.split('/').next().unwrap_or("");
                let listed = name.starts_with('_') || p.part_sections.get(part).is_some_and(|ids| ids.iter().any(|id| name == &format!("{part}/{id}.j2")));
                if listed {
                    h.add(from, text.as_bytes());
                }
            }
        }
        for file in ["report.typ", "report.html.j2"] {
            let text = crate::templates::load(file, p.user_dir.as_deref()).ok().flatten();
            h.add(file, text.as_deref().unwrap_or(if file == "report.typ" { render::pdf::TEMPLATE } else { render::html::TEMPLATE }).as_bytes());
        }
    }
    h.hex()
}

/// Files to write: (path, bytes).
pub type Outputs = Vec<(PathBuf, Vec<u8>)>;

/// Renders one checked department: (path, bytes) for each wanted format, nothing written.
/// Shared by `gen-report build FILE` and the batch. Err: (exit code, message).
pub fn render_outputs(c: &Checked, out_dir: &Path, stem: &str, pdf: bool, html: bool, font_path: &[PathBuf]) -> Result<Outputs, (i32, String)> {
    let Some(doc) = c.document() else { return Ok(Vec::new()) };
    // A template that does not fit the data: a finding with file and line (exit 1).
    let doc = doc.map_err(|e| (1, e))?;
    let user = c.user_dir();
    let typ = crate::templates::load("report.typ", user.as_deref()).map_err(|e| (2, e))?;
    let page = crate::templates::load("report.html.j2", user.as_deref()).map_err(|e| (2, e))?;
    let mut outputs = Vec::new();
    if html {
        let name = user.as_ref().filter(|_| page.is_some()).map(|d| d.join("report.html.j2").display().to_string()).unwrap_or_else(|| "templates/default/report.html.j2".into());
        let h = render::html::render_with(&doc, page.as_deref().unwrap_or(render::html::TEMPLATE), &name).map_err(|e| (2, format!("HTML 生成失败：{e}")))?;
        outputs.push((out_dir.join(format!("{stem}.html")), h.into_bytes()));
    }
    if pdf {
        let data = serde_json::to_string(&doc).map_err(|e| (2, format!("内部错误：文档数据无法序列化：{e}")))?;
        let fonts = render::pdf::fonts(font_path);
        let p = render::pdf::render_with(&data, &doc.title, fonts, typ.as_deref().unwrap_or(render::pdf::TEMPLATE)).map_err(|e| (2, e.0.iter().map(|m| format!("PDF 生成失败：{m}")).collect::<Vec<_>>().join("\n")))?;
        outputs.push((out_dir.join(format!("{stem}.pdf")), p));
    }
    Ok(outputs)
}

fn rel(p: &Path, base: &Path) -> String {
    p.strip_prefix(base).unwrap_or(p).to_string_lossy().replace('\\', "/")
}

/// Checks, and builds if needed, one department.
fn one(file: &Path, o: &Options, run: &str, old: Option<&Entry>) -> Outcome {
    let source = rel(file, &o.root);
    let c = pipeline::check_file(file);
    if c.has_errors() {
        let first = c.findings.iter().find(|f| f.severity == crate::diag::Severity::Error);
        let error = match first {
            Some(f) => format!("[{}] {}：{}", f.rule, f.field, f.message),
            None => "无法读取".into(),
        };
        return Outcome::Failed { source, error };
    }
    let hash = input_hash(&c, run);
    // out/<city>/<year>/<dept>: the source's place in the tree, without its extension.
    let rel_dir = Path::new(&source).parent().map(Path::to_path_buf).unwrap_or_default();
    let stem = file.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "report".into());
    let out_dir = o.out.join(&rel_dir);
    let mut entry = Entry {
        source: source.clone(),
        hash,
        outputs: Vec::new(),
        name: String::new(),
        city: String::new(),
        year: 0,
        kind: String::new(),
        totals: Vec::new(),
        warnings: c.findings.len(),
    };
    if let Some((m, f, p)) = &c.model {
        let wan = |d: rust_decimal::Decimal| format!("{}万元", p.money.amount(d));
        entry.name = m.name.clone();
        entry.city = p.city.clone();
        entry.year = m.year;
        entry.kind = "部门决算".into();
        entry.totals = vec![("收支总计".into(), wan(f.grand_total)), ("财政拨款".into(), wan(f.fiscal_grand_total)), ("“三公”经费".into(), wan(f.three_actual_total))];
    } else if let Some((r, p)) = &c.perf {
        entry.name = r.name.clone();
        entry.city = p.city.clone();
        entry.year = r.year;
        entry.kind = "整体支出绩效自评报告".into();
    }
    for (ext, want) in [("html", o.html), ("pdf", o.pdf)] {
        if want {
            entry.outputs.push(rel(&out_dir.join(format!("{stem}.{ext}")), &o.out));
        }
    }
    if !o.force
        && let Some(old) = old
        && old.hash == entry.hash
        && old.outputs == entry.outputs
        && entry.outputs.iter().all(|p| o.out.join(p).is_file())
    {
        return Outcome::Unchanged(entry);
    }
    let outputs = match render_outputs(&c, &out_dir, &stem, o.pdf, o.html, &o.font_path) {
        Ok(x) => x,
        Err((_, e)) => return Outcome::Failed { source, error: e },
    };
    for (path, bytes) in &outputs {
        if let Err(e) = write_atomic(path, bytes) {
            return Outcome::Failed { source, error: format!("无法写入 {}：{e}", path.display()) };
        }
    }
    Outcome::Built(entry)
}

/// Summary of a run.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub built: usize,
    pub unchanged: usize,
    pub failed: Vec<(String, String)>,
    pub seconds: f64,
}

/// Builds the tree; prints progress and the summary; returns the exit code.
pub fn run(o: &Options) -> i32 {
    let files = match discover(&o.root) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("无法读取目录 {}：{e}", o.root.display());
            return 2;
        }
    };
    let files = shard(files, o.shard);
    pipeline::set_data_root(&o.root);
    let s = build_files(o, &files);
    print_summary(o, &s);
    if let Err(e) = write_index(&o.out) {
        eprintln!("无法写入门户索引：{e}");
        return 2;
    }
    if s.failed.is_empty() { 0 } else { 1 }
}

/// Builds `files` (all under `o.root`) and updates the manifest and index. Used by `run`
/// and by `watch` (with only the files a change affects).
pub fn build_files(o: &Options, files: &[PathBuf]) -> Summary {
    let start = Instant::now();
    let mpath = manifest_path(&o.out, o.shard);
    let mut manifest = load_manifest(&mpath);
    manifest.generator = format!("gen-report {}", env!("CARGO_PKG_VERSION"));
    let run = run_key(o);
    let old = Arc::new(std::mem::take(&mut manifest.entries));
    let queue = Arc::new(Mutex::new(files.iter().cloned().collect::<VecDeque<PathBuf>>()));
    let (tx, rx) = mpsc::channel::<Outcome>();
    let jobs = o.jobs.max(1).min(files.len().max(1));
    let mut workers = Vec::new();
    for _ in 0..jobs {
        let (queue, tx, old, o, run) = (queue.clone(), tx.clone(), old.clone(), o.clone(), run.clone());
        // typst lays out deep content recursively: give each worker a generous stack.
        let h = std::thread::Builder::new().stack_size(64 << 20).spawn(move || {
            loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
                let Some(file) = next else { break };
                let key = rel(&file, &o.root);
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| one(&file, &o, &run, old.get(&key))))
                    .unwrap_or_else(|_| Outcome::Failed { source: key, error: "内部错误（已记录，其余部门继续）".into() });
                if tx.send(outcome).is_err() {
                    break;
                }
            }
        });
        match h {
            Ok(h) => workers.push(h),
            Err(e) => eprintln!("无法启动工作线程：{e}"),
        }
    }
    drop(tx);
    // Entries of files not in this run (another shard's, or a file `watch` did not touch)
    // stay as they were.
    let wanted: std::collections::BTreeSet<String> = files.iter().map(|f| rel(f, &o.root)).collect();
    let mut entries: BTreeMap<String, Entry> = old.iter().filter(|(k, _)| !wanted.contains(*k) && o.root.join(k).is_file()).map(|(k, v)| (k.clone(), v.clone())).collect();
    let mut summary = Summary::default();
    let progress = Progress::new(files.len(), o.quiet || o.json);
    let mut last_save = Instant::now();
    for outcome in rx {
        progress.tick(&outcome);
        manifest.failed.remove(outcome.source());
        match outcome {
            Outcome::Built(e) => {
                summary.built += 1;
                entries.insert(e.source.clone(), e);
            }
            Outcome::Unchanged(e) => {
                summary.unchanged += 1;
                entries.insert(e.source.clone(), e);
            }
            Outcome::Failed { source, error } => {
                // The last good outputs stay on disk and in the manifest.
                if let Some(e) = old.get(&source) {
                    entries.insert(source.clone(), e.clone());
                }
                manifest.failed.insert(source.clone(), error.clone());
                summary.failed.push((source, error));
            }
        }
        // Save now and then, so a killed run keeps what it finished.
        if last_save.elapsed() > Duration::from_millis(500) {
            manifest.entries = entries.clone();
            let _ = save_manifest(&mpath, &manifest);
            last_save = Instant::now();
        }
    }
    for w in workers {
        let _ = w.join();
    }
    progress.finish();
    manifest.entries = entries;
    if let Err(e) = save_manifest(&mpath, &manifest) {
        eprintln!("无法写入 {}：{e}", mpath.display());
    }
    summary.failed.sort();
    summary.seconds = start.elapsed().as_secs_f64();
    summary
}

fn print_summary(o: &Options, s: &Summary) {
    if o.json {
        println!("{}", serde_json::to_string_pretty(s).unwrap_or_default());
        return;
    }
    if o.quiet && s.failed.is_empty() {
        return;
    }
    eprintln!("\n{:<10}{:>8}", "已生成", s.built);
    eprintln!("{:<10}{:>8}", "未变化", s.unchanged);
    eprintln!("{:<10}{:>8}", "失败", s.failed.len());
    for (src, err) in &s.failed {
        eprintln!("  {src}: {err}");
    }
    let total = s.built + s.unchanged + s.failed.len();
    if s.seconds > 0.0 && total > 0 {
        eprintln!("用时 {:.2} 秒（{:.1} 个/秒）", s.seconds, total as f64 / s.seconds);
    }
}

/// Progress: a bar with counts and ETA on a terminal, one plain line per department
/// otherwise (CI logs), nothing with --quiet.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    plain: bool,
    total: usize,
    done: std::cell::Cell<usize>,
}

impl Progress {
    fn new(total: usize, quiet: bool) -> Progress {
        use std::io::IsTerminal;
        if quiet {
            return Progress { bar: None, plain: false, total, done: 0.into() };
        }
        if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} 剩余 {eta} {msg}") {
                bar.set_style(style);
            }
            Progress { bar: Some(bar), plain: false, total, done: 0.into() }
        } else {
            Progress { bar: None, plain: true, total, done: 0.into() }
        }
    }
    fn tick(&self, o: &Outcome) {
        self.done.set(self.done.get() + 1);
        let what = match o {
            Outcome::Built(_) => "已生成".to_string(),
            Outcome::Unchanged(_) => "未变化".to_string(),
            Outcome::Failed { error, .. } => format!("失败：{error}"),
        };
        if let Some(b) = &self.bar {
            b.inc(1);
            if let Outcome::Failed { .. } = o {
                b.println(format!("{} {what}", o.source()));
            }
        } else if self.plain {
            eprintln!("[{}/{}] {} {what}", self.done.get(), self.total, o.source());
        }
    }
    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

// ---------------------------------------------------------------- the portal index

const PORTAL: &str = include_str!("../templates/default/portal.html.j2");

/// One row of the portal: a department with its last good outputs and its status.
#[derive(Serialize)]
struct Item {
    source: String,
    name: String,
    city: String,
    year: u32,
    kind: String,
    totals: Vec<(String, String)>,
    /// (format, path relative to the output directory)
    files: Vec<(String, String)>,
    status: String,
    error: Option<String>,
}

/// Writes `out/index.html` and one page per city and year (`out/<city>/<year>/index.html`)
/// from every manifest in `out`, so shards built elsewhere merge: self-contained (no network),
/// relative links, works from disk and from any static web server. Returns the row count.
pub fn write_index(out: &Path) -> Result<usize, String> {
    let m = load_all(out);
    let mut items: Vec<Item> = Vec::new();
    for (src, e) in &m.entries {
        let error = m.failed.get(src).cloned();
        let status = match (&error, e.warnings) {
            (Some(_), _) => "失败（显示上次成功的版本）".to_string(),
            (None, 0) => "通过".to_string(),
            (None, n) => format!("通过，{n} 个警告"),
        };
        let files = e.outputs.iter().map(|p| (p.rsplit('.').next().unwrap_or("").to_uppercase(), p.clone())).collect();
        items.push(Item { source: src.clone(), name: e.name.clone(), city: e.city.clone(), year: e.year, kind: e.kind.clone(), totals: e.totals.clone(), files, status, error });
    }
    for (src, err) in m.failed.iter().filter(|(k, _)| !m.entries.contains_key(*k)) {
        items.push(Item { source: src.clone(), name: src.clone(), city: String::new(), year: 0, kind: String::new(), totals: Vec::new(), files: Vec::new(), status: "失败".into(), error: Some(err.clone()) });
    }
    items.sort_by(|a, b| a.source.cmp(&b.source));
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.add_template("portal.html.j2", PORTAL).map_err(|e| format!("templates/default/portal.html.j2: {e}"))?;
    let t = env.get_template("portal.html.j2").map_err(|e| e.to_string())?;
    // Groups by the first two directories of the source (data/<city>/<year>/…).
    let mut groups: BTreeMap<String, Vec<&Item>> = BTreeMap::new();
    for it in &items {
        let parts: Vec<&str> = it.source.split('/').collect();
        if parts.len() >= 3 {
            groups.entry(format!("{}/{}", parts[0], parts[1])).or_default().push(it);
        }
    }
    let render = |title: &str, up: &str, rows: &[&Item], pages: &[String]| -> Result<String, String> {
        let (rows, pages) = (minijinja::Value::from(minijinja::value::Serde(rows)), minijinja::Value::from(minijinja::value::Serde(pages)));
        t.render(minijinja::context! { title => title, up => up, rows => rows, pages => pages })
            .map_err(|e| format!("templates/default/portal.html.j2:{}: {e}", e.line().unwrap_or(0)))
    };
    let pages: Vec<String> = groups.keys().cloned().collect();
    let all: Vec<&Item> = items.iter().collect();
    let html = render("部门决算公开", "", &all, &pages)?;
    write_atomic(&out.join("index.html"), html.as_bytes()).map_err(|e| e.to_string())?;
    for (g, rows) in &groups {
        let html = render(&format!("部门决算公开：{g}"), "../../", rows, &[])?;
        write_atomic(&out.join(g).join("index.html"), html.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(items.len())
}
