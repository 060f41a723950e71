//! `gen-report watch DIR`: builds the tree, then watches the data directory and the user's
//! template directory (directories, not files: editors replace a file on save) and rebuilds
//! what a change affects: a changed department file is checked (its findings printed at once)
//! and rebuilt; a changed template or profile rebuilds the tree, where the manifest's input
//! hashes skip every department that does not use it. A save that breaks the YAML prints the
//! errors and keeps the last good PDF and HTML.

use crate::batch::{self, Options};
use crate::pipeline;
use notify_debouncer_mini::{new_debouncer, notify::RecursiveMode, DebounceEventResult};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub fn run(o: &Options, templates: Option<&Path>) -> i32 {
    let Ok(root) = o.root.canonicalize() else {
        eprintln!("无法打开数据目录 {}", o.root.display());
        return 2;
    };
    let o = Options { root: root.clone(), quiet: true, ..o.clone() };
    pipeline::set_data_root(&root);
    let code = batch::run(&o);
    eprintln!("正在监视 {}（Ctrl-C 结束）", root.display());
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(Duration::from_millis(150), tx) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("无法监视文件：{e}");
            return 2;
        }
    };
    let mut dirs = vec![root.clone()];
    if let Some(t) = templates.and_then(|t| t.canonicalize().ok()) {
        dirs.push(t);
    }
    for d in &dirs {
        if let Err(e) = debouncer.watcher().watch(d, RecursiveMode::Recursive) {
            eprintln!("无法监视 {}：{e}", d.display());
            return 2;
        }
    }
    let out = o.out.canonicalize().unwrap_or_else(|_| o.out.clone());
    let _ = code;
    // The watcher also reports reads (our own checks open every file): a path counts as
    // changed only when its size or modification time differs from what was last seen.
    let mut stamps: HashMap<PathBuf, Option<Stamp>> = HashMap::new();
    for d in &dirs {
        record(d, &mut stamps);
    }
    for res in rx {
        let Ok(events) = res else { continue };
        // Our own outputs (when -o is inside the data directory) are not changes.
        let mut paths: Vec<PathBuf> = Vec::new();
        for p in events.into_iter().map(|e| e.path).filter(|p| !p.starts_with(&out)) {
            let now = stamp(&p);
            // Changed: seen before with another stamp, or new and present (not a vanished temp).
            let changed = match stamps.get(&p) {
                Some(old) => *old != now,
                None => now.is_some(),
            };
            if changed {
                stamps.insert(p.clone(), now);
                paths.push(p);
            }
        }
        if paths.is_empty() {
            continue;
        }
        let start = Instant::now();
        let is_data = |p: &Path| {
            p.starts_with(&root)
                && p.extension().is_some_and(|x| x == "yaml" || x == "yml")
                && !p.strip_prefix(&root).map(|r| r.components().any(|c| c.as_os_str() == "templates")).unwrap_or(false)
        };
        let (data, other): (Vec<PathBuf>, Vec<PathBuf>) = paths.into_iter().partition(|p| is_data(p));
        let files: Vec<PathBuf> = if other.iter().any(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))) {
            // A template, a profile or a directory changed: every department is looked at;
            // the hashes skip those it does not affect.
            batch::discover(&root).unwrap_or_default()
        } else {
            let mut d: Vec<PathBuf> = data.into_iter().filter(|p| p.is_file()).collect();
            d.sort();
            d.dedup();
            d
        };
        if files.is_empty() {
            continue;
        }
        // Findings at once, in full, for the files that changed.
        if files.len() <= 20 {
            for f in &files {
                let c = pipeline::check_file(f);
                if !c.findings.is_empty() {
                    eprint!("{}", c.sources.render_text(&c.findings));
                }
            }
        }
        let s = batch::build_files(&o, &files);
        let _ = batch::write_index(&o.out);
        let ms = start.elapsed().as_millis();
        for (src, err) in &s.failed {
            eprintln!("{src}：未生成（保留上次的版本）：{err}");
        }
        eprintln!("已重新生成 {} 个，未变化 {} 个，失败 {} 个（{ms} 毫秒）", s.built, s.unchanged, s.failed.len());
    }
    0
}

/// (size, modification time) of a file; None when it is missing or a directory.
type Stamp = (u64, std::time::SystemTime);

fn stamp(p: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(p).ok().filter(|m| m.is_file())?;
    Some((m.len(), m.modified().ok()?))
}

fn record(dir: &Path, stamps: &mut HashMap<PathBuf, Option<Stamp>>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            record(&p, stamps);
        } else {
            stamps.insert(p.clone(), stamp(&p));
        }
    }
}
