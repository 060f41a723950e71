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

use super::manifest::{input_hash, load_manifest, manifest_path, run_key, save_manifest, Entry};
use super::pipeline::{self, Checked};
use super::portal::write_index;
use crate::core::diag::Severity;
use crate::core::output::write_atomic;
use crate::core::paths;
use crate::render::{self, templates};
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

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

/// Files to write: (path, bytes).
pub type Outputs = Vec<(PathBuf, Vec<u8>)>;

/// Renders one checked department: (path, bytes) for each wanted format, nothing written.
/// Shared by `gen-report build FILE` and the batch. Err: (exit code, message).
pub fn render_outputs(c: &Checked, out_dir: &Path, stem: &str, pdf: bool, html: bool, font_path: &[PathBuf]) -> Result<Outputs, (i32, String)> {
    let Some(doc) = c.document() else { return Ok(Vec::new()) };
    // A template that does not fit the data: a finding with file and line (exit 1).
    let doc = doc.map_err(|e| (1, e))?;
    let user = c.user_dir();
    let typ = templates::load("report.typ", user.as_deref()).map_err(|e| (2, e))?;
    let page = templates::load("report.html.j2", user.as_deref()).map_err(|e| (2, e))?;
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
        let first = c.findings.iter().find(|f| f.severity == Severity::Error);
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
    let Some(doc) = &c.doc else { return Outcome::Failed { source, error: "无法读取".into() } };
    let summary = doc.summary();
    let root = o.root.canonicalize().unwrap_or_else(|_| o.root.clone());
    let mut entry = Entry {
        source: source.clone(),
        hash,
        outputs: Vec::new(),
        name: summary.name,
        city: doc.profile().city.clone(),
        year: summary.year,
        kind: summary.label.into(),
        totals: summary.totals,
        warnings: c.findings.len(),
        links: doc.links().iter().map(|p| rel(p, &root)).collect(),
    };
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
    paths::set_data_root(&o.root);
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
    let run = run_key(o.pdf, o.html, &o.font_path);
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
