//! Building a whole data tree: `gen-report build data/` finds every department file
//! (`data/<city>/<year>/<dept>.yaml`), builds them on `-j` plain worker threads fed from one
//! queue (typst uses rayon inside; nesting a rayon pool overflows the stack at scale), and
//! writes `out/<city>/<year>/<dept>.{pdf,html}` with their twins (`.xlsx`, `.json`, the CSV
//! files and `.datapackage.json`), a manifest and the portal index.
//!
//! Incremental: the manifest records, per department, a hash of everything its outputs were
//! built from (the YAML and the prior-year YAML it links to, the city profile and every
//! template it resolves to, the fonts, gen-report's version, the formats). An unchanged hash
//! with its outputs on disk is skipped. Before that, an unchanged quick key (the bytes of the
//! YAML, of the files it linked and of its template directory: `quick_unchanged`) skips it
//! without parsing, so a no-op rebuild reads each file once. Outputs are written atomically
//! first and the manifest after, itself atomically, so an interrupted build leaves every
//! output old-or-new and the manifest never claims a file it did not finish.

use super::manifest::{claimed_by_others, input_hash, load_manifest, manifest_path, quick_key, root_name, run_key, save_manifest, Entry, TreeHashes, STATE_DIR};
use super::pipeline::{self, Checked};
use super::portal::write_index;
use crate::core::diag::Severity;
use crate::core::output::{self, write_atomic, StaleTemps};
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
    pub formats: Formats,
    pub font_path: Vec<PathBuf>,
    pub quiet: bool,
    /// Messages (findings, the summary) as JSON on stdout.
    pub json: bool,
}

/// Which files a build writes: the PDF, the HTML page and the twins next to them (docs/DATA.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Formats {
    pub pdf: bool,
    pub html: bool,
    /// `<name>.xlsx`: one sheet per table.
    pub xlsx: bool,
    /// `<name>.json`: the facts.
    pub json: bool,
    /// `<name>-<resource>.csv` and `<name>.datapackage.json`.
    pub csv: bool,
}

impl Formats {
    pub const ALL: Formats = Formats { pdf: true, html: true, xlsx: true, json: true, csv: true };

    /// From the values of `--format` (pdf, html, xlsx, json, csv); none given: all of them.
    pub fn from_list(list: &[String]) -> Formats {
        if list.is_empty() {
            return Formats::ALL;
        }
        let has = |f: &str| list.iter().any(|x| x == f);
        Formats { pdf: has("pdf"), html: has("html"), xlsx: has("xlsx"), json: has("json"), csv: has("csv") }
    }

    /// For the manifest's run key: a change of formats rebuilds.
    pub fn key(&self) -> String {
        format!("pdf={} html={} xlsx={} json={} csv={}", self.pdf, self.html, self.xlsx, self.json, self.csv)
    }
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
/// `templates` directory (a city's own templates may live next to the data). Only regular
/// files and real directories count: a symbolic link could lead out of the tree, and a FIFO
/// named `x.yaml` would block the build.
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
            } else if ft.is_file() && (name.ends_with(".yaml") || name.ends_with(".yml")) {
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

/// Renders one checked department: (path, bytes) for each wanted format, nothing written:
/// the HTML page (linking the twins written with it), the PDF, then the twins (the workbook,
/// the facts as JSON, the CSV files and their datapackage.json). Shared by `gen-report build
/// FILE` and the batch (which passes `portal`, the page's links back to the portal; a single
/// file has none). Err: (exit code, message).
pub fn render_outputs(c: &Checked, out_dir: &Path, stem: &str, formats: Formats, font_path: &[PathBuf], portal: &[render::html::Download]) -> Result<Outputs, (i32, String)> {
    let Some(doc) = crate::core::timing::time("document (sections, tables)", || c.document()) else { return Ok(Vec::new()) };
    // A template that does not fit the data: a finding with file and line (exit 1).
    let mut doc = doc.map_err(|e| (1, e))?;
    if let Some(l) = c.doc.as_ref() {
        let s = l.summary();
        doc.describe(s.label, &s.name, s.year);
    }
    let user = c.user_dir();
    let typ = templates::load("report.typ", user.as_deref()).map_err(|e| (2, e))?;
    let page = templates::load("report.html.j2", user.as_deref()).map_err(|e| (2, e))?;
    let (twins, downloads) = crate::core::timing::time("twins (xlsx, json, csv)", || twins(c, &doc, out_dir, stem, formats))?;
    let pdf = formats.pdf.then(|| render::html::Download::new("PDF", &format!("{stem}.pdf")));
    let links = render::html::Links { pdf, downloads, portal: portal.to_vec() };
    let mut outputs = Vec::new();
    if formats.html {
        let name = user.as_ref().filter(|_| page.is_some()).map(|d| d.join("report.html.j2").display().to_string()).unwrap_or_else(|| "templates/default/report.html.j2".into());
        let h = crate::core::timing::time("html", || render::html::render_page(&doc, page.as_deref().unwrap_or(render::html::TEMPLATE), &name, &links)).map_err(|e| (2, format!("HTML 生成失败：{e}")))?;
        outputs.push((out_dir.join(format!("{stem}.html")), h.into_bytes()));
    }
    if formats.pdf {
        let data = serde_json::to_string(&doc.for_pdf()).map_err(|e| (2, format!("内部错误：文档数据无法序列化：{e}")))?;
        let fonts = render::pdf::fonts(font_path);
        // A user's report.typ is named in its errors by its own path.
        let typ_name = user.as_ref().map(|d| d.join("report.typ").display().to_string()).unwrap_or_default();
        let template = match &typ {
            Some(text) => render::pdf::Template { text, name: &typ_name },
            None => render::pdf::DEFAULT,
        };
        let standards = c.doc.as_ref().map(|l| l.profile().pdf_standards.clone()).unwrap_or_default();
        let meta = render::pdf::Meta { title: &doc.title, published: doc.published, standards: &standards };
        let p = render::pdf::render_with(&data, meta, fonts, template).map_err(|e| (2, pdf_failure(c, &e)))?;
        outputs.push((out_dir.join(format!("{stem}.pdf")), p));
    }
    outputs.extend(twins);
    Ok(outputs)
}

/// The twins of a report (docs/DATA.md) and the page's links to them: `<stem>.xlsx` when the
/// document has tables, and `<stem>.json`, `<stem>-<resource>.csv` and
/// `<stem>.datapackage.json` when its kind has facts (`Loaded::data`).
fn twins(c: &Checked, doc: &render::view::Document, out_dir: &Path, stem: &str, formats: Formats) -> Result<(Outputs, Vec<render::html::Download>), (i32, String)> {
    use render::html::Download;
    let (mut files, mut links): (Outputs, Vec<Download>) = (Vec::new(), Vec::new());
    let Some(loaded) = c.doc.as_ref() else { return Ok((files, links)) };
    let summary = loaded.summary();
    let created = crate::core::data::build_date(doc.published.unwrap_or((summary.year, 12, 31)));
    if formats.xlsx {
        let meta = render::xlsx::Meta {
            title: &doc.title,
            author: &doc.author,
            subject: doc.subject.clone(),
            keywords: doc.keywords.join(", "),
            created,
        };
        if let Some(bytes) = render::xlsx::render(doc, &meta).map_err(|e| (2, e))? {
            let name = format!("{stem}.xlsx");
            links.push(Download::new("Excel", &name));
            files.push((out_dir.join(name), bytes));
        }
    }
    if let Some(facts) = loaded.data().filter(|_| formats.json || formats.csv) {
        if formats.json {
            let name = format!("{stem}.json");
            links.push(Download::new("JSON", &name));
            files.push((out_dir.join(name), facts.to_json().into_bytes()));
        }
        if formats.csv {
            for (r, (name, bytes)) in facts.resources.iter().zip(facts.csv_files(stem)) {
                links.push(Download::new(format!("CSV：{}", r.label), &name));
                files.push((out_dir.join(name), bytes));
            }
            let name = format!("{stem}.datapackage.json");
            links.push(Download::new("datapackage.json", &name));
            files.push((out_dir.join(name), facts.datapackage(stem, created).into_bytes()));
        }
    }
    Ok((files, links))
}

/// The PDF errors as printed; a character no font has is also shown where the data typed it
/// (file:line:column and the field), since the message alone does not say which value to fix.
fn pdf_failure(c: &Checked, e: &render::pdf::PdfError) -> String {
    let mut lines: Vec<String> = e.0.iter().map(|m| format!("PDF 生成失败：{m}")).collect();
    for ch in &e.1 {
        let Some(span) = c.sources.find_char(*ch) else { continue };
        let (Some((file, line, col)), Some(text)) = (c.sources.line_col(span), c.sources.source(span.file)) else { continue };
        let field = super::structure::Values::of(text).path_at(span.start).unwrap_or_else(|| "（注释或键）".into());
        lines.push(format!("  {file}:{line}:{col}: {field} 中的 “{ch}”（U+{:04X}）", *ch as u32));
    }
    lines.join("\n")
}

/// The links of a report built at `source` (`<city>/<year>/<dept>.yaml`) back to the portal:
/// the index at the output root, then the page of its city and year when it has one.
fn portal_links(source: &str, city_name: &str, city: &str) -> Vec<render::html::Download> {
    use render::html::Download;
    let depth = source.split('/').count().saturating_sub(1);
    let mut links = vec![Download::path("全部部门", &format!("{}index.html", "../".repeat(depth)))];
    if let Some(group) = super::portal::group_of(source) {
        let label = super::portal::group_label(&group, city, &super::portal::city_display(city_name, city));
        links.push(Download::path(label, &format!("{}index.html", "../".repeat(depth.saturating_sub(2)))));
    }
    links
}

fn rel(p: &Path, base: &Path) -> String {
    p.strip_prefix(base).unwrap_or(p).to_string_lossy().replace('\\', "/")
}

/// Why a department's path cannot name its outputs and portal links, or None. Any printable
/// name works (links are percent-encoded, `portal::url_path`); a name that is not
/// UTF-8, holds a control or invisible character, or would be hidden, cannot.
fn unsafe_name(file: &Path, root: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).unwrap_or(file);
    // out/<city>/<year>/index.html is the portal's page of that year: a department named
    // `index` would be overwritten by it.
    if file.file_stem().is_some_and(|s| s.eq_ignore_ascii_case("index")) {
        return Some(format!("文件名 {} 与门户的目录页 index.html 重名，报告会被目录页覆盖：请改名（如 部门简称.yaml）", file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()));
    }
    for part in rel.components() {
        let os = part.as_os_str();
        let Some(name) = os.to_str() else {
            return Some(format!("文件或目录名 {} 不是 UTF-8 编码，无法用作网页链接：请改名", os.to_string_lossy()));
        };
        if let Some(c) = name.chars().find(|c| crate::core::chars::forbidden(*c).is_some() || *c == '\n') {
            return Some(format!("文件或目录名 {name:?} 含不可见字符 U+{:04X}，无法用作网页链接：请改名", c as u32));
        }
    }
    None
}

/// Outputs other data roots built into the same directory: output → (root, source).
type Claimed = BTreeMap<String, (String, String)>;

/// What the workers of one run share besides the options.
#[derive(Default)]
struct RunCache {
    temps: StaleTemps,
    trees: TreeHashes,
}

/// The last run's entry, if the department's source, its links and its template directory are
/// byte-identical to what that entry was built from (`manifest::quick_key`) and its outputs
/// are all there: a no-op rebuild then reads each file once and parses none.
fn quick_unchanged(file: &Path, o: &Options, run: &str, old: Option<&Entry>, cache: &RunCache) -> Option<Entry> {
    let old = old.filter(|e| !o.force && !e.quick.is_empty())?;
    let root = o.root.canonicalize().ok()?;
    let main = paths::read_regular_text(file, true).ok()?;
    let mut texts = vec![pipeline::normalize_newlines(main)];
    for l in &old.links {
        // The manifest is in the output directory: a link it lists is read only if it names a
        // file under the data root (as `prior:` must), never `../` or an absolute path.
        if !Path::new(l).components().all(|c| matches!(c, std::path::Component::Normal(_))) {
            return None;
        }
        texts.push(pipeline::normalize_newlines(paths::read_regular_text(&root.join(l), false).ok()?));
    }
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let fresh = quick_key(run, &texts, &old.templates_dir, &cache.trees)?;
    (fresh == old.quick && old.outputs.iter().all(|p| o.out.join(p).is_file())).then(|| old.clone())
}

/// `manifest::quick_key` of a checked department: its source texts as read, if they are the
/// file and its links, untouched (a text shown with its refused characters made visible
/// never gets a key).
fn quick_of(c: &Checked, links: usize, run: &str, templates_dir: &str, cache: &RunCache) -> String {
    let texts: Vec<&str> = c.sources.texts().collect();
    if texts.len() != 1 + links || texts.iter().any(|t| !crate::core::chars::scan(t).is_empty()) {
        return String::new();
    }
    quick_key(run, &texts, templates_dir, &cache.trees).unwrap_or_default()
}

/// Checks, and builds if needed, one department.
fn one(file: &Path, o: &Options, run: &str, old: Option<&Entry>, claimed: &Claimed, cache: &RunCache) -> Outcome {
    let source = rel(file, &o.root);
    if let Some(error) = unsafe_name(file, &o.root) {
        return Outcome::Failed { source, error };
    }
    if let Some(entry) = quick_unchanged(file, o, run, old, cache) {
        return unchanged(entry, claimed, cache, o);
    }
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
        city_name: doc.profile().display_name.clone().unwrap_or_default(),
        year: summary.year,
        kind: summary.label.into(),
        totals: summary.totals,
        warnings: c.findings.len(),
        links: doc.links().iter().map(|p| rel(p, &root)).collect(),
        templates_dir: doc.profile().user_dir.as_ref().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default(),
        quick: String::new(),
    };
    entry.quick = quick_of(&c, entry.links.len(), run, &entry.templates_dir, cache);
    // The same hash (the formats included) gives the same outputs: the last run's list, if
    // every file of it is still there.
    if !o.force
        && let Some(old) = old
        && old.hash == entry.hash
        && old.outputs.iter().all(|p| o.out.join(p).is_file())
    {
        entry.outputs = old.outputs.clone();
        return unchanged(entry, claimed, cache, o);
    }
    let portal = portal_links(&source, entry.city_name.as_str(), &entry.city);
    let outputs = match render_outputs(&c, &out_dir, &stem, o.formats, &o.font_path, &portal) {
        Ok(x) => x,
        Err((_, e)) => return Outcome::Failed { source, error: e },
    };
    entry.outputs = outputs.iter().map(|(p, _)| rel(p, &o.out)).collect();
    if let Some(error) = claimed_error(&entry.outputs, claimed) {
        return Outcome::Failed { source, error };
    }
    let written = crate::core::timing::time("write", || {
        for (path, bytes) in &outputs {
            // Under the lock, and a department belongs to one shard: no one else writes `path`.
            cache.temps.remove(path);
            write_atomic(path, bytes).map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
        }
        Ok::<(), String>(())
    });
    if let Err(error) = written {
        return Outcome::Failed { source, error };
    }
    Outcome::Built(entry)
}

/// Why another data root's outputs stop this department, or None.
fn claimed_error(outputs: &[String], claimed: &Claimed) -> Option<String> {
    outputs.iter().find_map(|p| claimed.get(p)).map(|(other, src)| format!("输出文件已由另一个数据目录 {other} 中的 {src} 生成；两个数据目录请写入不同的输出目录（-o），或删去 {} 中那个目录的清单", STATE_DIR))
}

/// A department whose outputs are kept as they are.
fn unchanged(entry: Entry, claimed: &Claimed, cache: &RunCache, o: &Options) -> Outcome {
    if let Some(error) = claimed_error(&entry.outputs, claimed) {
        return Outcome::Failed { source: entry.source, error };
    }
    // A killed run may have left a temp file next to an output that is not written again.
    for p in &entry.outputs {
        cache.temps.remove(&o.out.join(p));
    }
    Outcome::Unchanged(entry)
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
    let mpath = manifest_path(&o.out, &o.root, o.shard);
    // One build at a time per manifest (data root and shard; other shards run in parallel):
    // a second one waits, then finds the work done (its hashes match) instead of doing it
    // again. The OS drops the lock if we are killed.
    let lock_path = mpath.with_extension("lock");
    let _lock = match output::lock(&lock_path, || eprintln!("另一个 gen-report 正在写入 {}，等它完成……", o.out.display())) {
        Ok(l) => Some(l),
        Err(e) => {
            eprintln!("无法锁定 {}：{e}（继续，但不要同时运行两个构建）", lock_path.display());
            None
        }
    };
    let mut manifest = load_manifest(&mpath);
    manifest.generator = format!("gen-report {}", env!("CARGO_PKG_VERSION"));
    manifest.root = root_name(&o.root);
    let run = run_key(&o.formats.key(), o.formats.pdf, &o.font_path);
    let claimed = Arc::new(claimed_by_others(&o.out, &manifest.root, &mpath));
    let cache = Arc::new(RunCache::default());
    let old = Arc::new(std::mem::take(&mut manifest.entries));
    let queue = Arc::new(Mutex::new(files.iter().cloned().collect::<VecDeque<PathBuf>>()));
    let (tx, rx) = mpsc::channel::<Outcome>();
    let jobs = o.jobs.max(1).min(files.len().max(1));
    let mut workers = Vec::new();
    for _ in 0..jobs {
        let (queue, tx, old, o, run, claimed, cache) = (queue.clone(), tx.clone(), old.clone(), o.clone(), run.clone(), claimed.clone(), cache.clone());
        // typst lays out deep content recursively: give each worker a generous stack.
        let h = std::thread::Builder::new().stack_size(64 << 20).spawn(move || {
            loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
                let Some(file) = next else { break };
                let key = rel(&file, &o.root);
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| one(&file, &o, &run, old.get(&key), &claimed, &cache)))
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
    if let Err(e) = crate::core::timing::time("manifest", || save_manifest(&mpath, &manifest)) {
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
