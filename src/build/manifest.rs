//! The manifest of a tree build (`out/.gen-report/manifest*.json`): per department, a hash
//! of everything its outputs were built from (the YAML and every file it links to, the city
//! profile and every template it resolves to, the fonts, gen-report's version, the formats),
//! its outputs and what the portal shows. An unchanged hash with its outputs on disk is
//! skipped. Saved atomically, after the outputs.

use super::pipeline::Checked;
use crate::core::output::write_atomic;
use crate::render::{self, sections, templates};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// Where the manifests live inside the output directory.
pub const STATE_DIR: &str = ".gen-report";

/// One department in the manifest: what its outputs were built from, and what the portal
/// index shows.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// The source file, relative to the data root.
    pub source: String,
    pub hash: String,
    /// Output files, relative to the output directory: the HTML page and the PDF, then their
    /// twins (.xlsx, .json, the CSV files, .datapackage.json).
    pub outputs: Vec<String>,
    pub name: String,
    pub city: String,
    /// What the portal calls the city (`display_name:` of the profile); empty: the portal
    /// looks the built-in city up, or shows `city`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub city_name: String,
    pub year: u32,
    /// 部门决算 or 整体支出绩效自评报告.
    pub kind: String,
    /// 收支总计, 财政拨款收支总计, “三公”经费 (formatted, 万元); empty for a self-evaluation.
    pub totals: Vec<(String, String)>,
    pub warnings: usize,
    /// The other data files it read (`prior:`), relative to the data root: saving one of
    /// them rebuilds this department too (`watch`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// The user template directory its profile was read from (`--templates`, `templates:`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub templates_dir: String,
    /// `quick_key` of what it was built from: a rebuild whose source, links and template
    /// directory are byte-identical skips it without parsing (empty: never skipped that way).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quick: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub generator: String,
    /// The data root it was built from (canonical path). Each root has its own manifest, so
    /// building a second root into the same output keeps the first root's entries.
    #[serde(default)]
    pub root: String,
    pub entries: BTreeMap<String, Entry>,
    /// Departments that failed in the last run: source → first error (for the index).
    #[serde(default)]
    pub failed: BTreeMap<String, String>,
}

/// The data root as the manifest names it: canonical, so `data` and `./data/` are one root.
pub fn root_name(root: &Path) -> String {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf()).to_string_lossy().into_owned()
}

/// `out/.gen-report/manifest-<root id>[-<i>-of-<n>].json`: one per data root (and shard).
pub fn manifest_path(out: &Path, root: &Path, shard: Option<(usize, usize)>) -> PathBuf {
    let mut h = Hash::new();
    h.add("root", root_name(root).as_bytes());
    let id = &h.hex()[..16];
    let name = match shard {
        Some((i, n)) => format!("manifest-{id}-{i}-of-{n}.json"),
        None => format!("manifest-{id}.json"),
    };
    out.join(STATE_DIR).join(name)
}

pub fn load_manifest(path: &Path) -> Manifest {
    std::fs::read_to_string(path).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

/// Every manifest in `out` (one per data root and shard), by file.
fn manifests(out: &Path) -> Vec<(PathBuf, Manifest)> {
    let Ok(rd) = std::fs::read_dir(out.join(STATE_DIR)) else { return Vec::new() };
    let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    files.into_iter().map(|f| (f.clone(), load_manifest(&f))).collect()
}

/// Every manifest in `out`, merged (the portal lists every root and shard built there).
pub fn load_all(out: &Path) -> Manifest {
    let mut all = Manifest::default();
    // A manifest without a root is from an older gen-report: its root is unknown, skip it.
    for (_, m) in manifests(out).into_iter().filter(|(_, m)| !m.root.is_empty()) {
        all.entries.extend(m.entries);
        all.failed.extend(m.failed);
    }
    all
}

/// The outputs other data roots' manifests claim, by output path: (that root, its source).
/// Only roots that exist on this machine claim anything: a root that was moved, or shards
/// built on another machine and copied here, never block a build (the portal still lists
/// them, merged by source).
pub fn claimed_by_others(out: &Path, root: &str, mine: &Path) -> BTreeMap<String, (String, String)> {
    let mut claimed = BTreeMap::new();
    for (path, m) in manifests(out) {
        if path == mine || m.root == root {
            continue;
        }
        if Path::new(&m.root).is_dir() {
            for e in m.entries.values() {
                for o in &e.outputs {
                    claimed.insert(o.clone(), (m.root.clone(), e.source.clone()));
                }
            }
        }
    }
    claimed
}
/// Saves the manifest; called only under the build's lock for it, so a temp file next to it
/// was left by a killed run and is removed first.
pub fn save_manifest(path: &Path, m: &Manifest) -> std::io::Result<()> {
    crate::core::output::remove_stale_temps(path);
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
/// `formats`: the formats written (`tree::Formats::key`); `pdf`: one of them is the PDF.
pub fn run_key(formats: &str, pdf: bool, font_path: &[PathBuf]) -> String {
    let mut h = Hash::new();
    h.add("version", env!("CARGO_PKG_VERSION").as_bytes());
    // A new build of gen-report (same version number, changed code) rebuilds everything: the
    // executable's size and modification time stand for its contents.
    if let Some(m) = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok()) {
        let mtime = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map(|d| d.as_nanos()).unwrap_or(0);
        h.add("binary", format!("{} {mtime}", m.len()).as_bytes());
    }
    h.add("formats", formats.as_bytes());
    // The PDF's date (`render::pdf::pdf_date`).
    h.add("SOURCE_DATE_EPOCH", std::env::var("SOURCE_DATE_EPOCH").unwrap_or_default().as_bytes());
    if pdf {
        let mut fams = render::pdf::fonts(font_path).families();
        fams.sort();
        h.add("fonts", fams.join("\n").as_bytes());
    }
    h.hex()
}

/// The hash of what one department's outputs are built from.
pub fn input_hash(c: &Checked, run: &str) -> String {
    let mut h = Hash::new();
    h.add("run", run.as_bytes());
    for t in c.sources.texts() {
        h.add("source", t.as_bytes());
    }
    if let Some(p) = c.doc.as_ref().map(|d| d.profile()) {
        for (file, text) in &p.sources {
            h.add(file, text.as_bytes());
        }
        // Only the templates this profile prints with: a change to another city's
        // template, or to a section this city does not list, rebuilds nothing here.
        if let Ok(resolved) = sections::resolve(&p.city, p.user_dir.as_deref()) {
            for (name, (from, text)) in &resolved {
                let part = name.split('/').next().unwrap_or("");
                let listed = name.starts_with('_') || p.part_sections.get(part).is_some_and(|ids| ids.iter().any(|id| name == &format!("{part}/{id}.j2")));
                if listed {
                    h.add(from, text.as_bytes());
                }
            }
        }
        for file in ["report.typ", "report.html.j2"] {
            let text = templates::load(file, p.user_dir.as_deref()).ok().flatten();
            h.add(file, text.as_deref().unwrap_or(if file == "report.typ" { render::pdf::TEMPLATE } else { render::html::TEMPLATE }).as_bytes());
        }
    }
    h.hex()
}

/// A key for skipping a department without parsing it: the run key, the `--templates`
/// option, the source texts in the order they were read (the file, then its links) and the
/// contents of the user template directory. Whatever the checks and the outputs depend on
/// besides these is compiled into gen-report (built-in templates, catalogues), which the run
/// key covers. None when a directory cannot be hashed.
pub fn quick_key(run: &str, texts: &[&str], templates_dir: &str, trees: &TreeHashes) -> Option<String> {
    let mut h = Hash::new();
    h.add("run", run.as_bytes());
    h.add("--templates", render::profile::user_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default().as_bytes());
    for t in texts {
        h.add("source", t.as_bytes());
    }
    if !templates_dir.is_empty() {
        h.add("templates", trees.get(Path::new(templates_dir))?.as_bytes());
    }
    Some(h.hex())
}

/// The hash of every file under a template directory (names and contents), computed once
/// per directory per run: departments of one city share it.
#[derive(Default)]
pub struct TreeHashes(std::sync::Mutex<std::collections::HashMap<PathBuf, Option<String>>>);

impl TreeHashes {
    pub fn get(&self, dir: &Path) -> Option<String> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(dir.to_path_buf()).or_insert_with(|| tree_hash(dir)).clone()
    }
}

/// A template directory is small; one that is not (a mistake) is not hashed, and its
/// departments take the full check.
const TREE_MAX_FILES: usize = 10_000;
const TREE_MAX_BYTES: u64 = 64 << 20;

fn tree_hash(dir: &Path) -> Option<String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).ok()? {
            let p = e.ok()?.path();
            // metadata() follows links, as the template lookup's reads do.
            let m = std::fs::metadata(&p).ok()?;
            if m.is_dir() {
                stack.push(p);
            } else {
                files.push((p, m.len()));
            }
            if files.len() + stack.len() > TREE_MAX_FILES {
                return None;
            }
        }
    }
    if files.iter().map(|f| f.1).sum::<u64>() > TREE_MAX_BYTES {
        return None;
    }
    files.sort();
    let mut h = Hash::new();
    for (p, _) in files {
        let name = p.strip_prefix(dir).unwrap_or(&p).to_string_lossy().into_owned();
        h.add(&name, &std::fs::read(&p).ok()?);
    }
    Some(h.hex())
}
