//! `gen-report watch DIR`: builds the tree, then watches the data directory and the user's
//! template directory (directories, not files: editors replace a file on save) and rebuilds
//! what a change affects: a changed department file is checked (its findings printed at once)
//! and rebuilt; a changed template or profile rebuilds the tree, where the manifest's input
//! hashes skip every department that does not use it. A save that breaks the YAML prints the
//! errors and keeps the last good PDF and HTML.

use super::manifest::{load_manifest, manifest_path};
use super::pipeline;
use super::portal::write_index;
use super::tree::{self, Options};
use crate::core::paths;
use notify_debouncer_mini::{new_debouncer, notify::RecursiveMode, DebounceEventResult};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub fn run(o: &Options, templates: Option<&Path>, serve_port: Option<u16>) -> i32 {
    let Ok(root) = o.root.canonicalize() else {
        eprintln!("无法打开数据目录 {}", o.root.display());
        return 2;
    };
    let o = Options { root: root.clone(), quiet: true, ..o.clone() };
    paths::set_data_root(&root);
    let code = tree::run(&o);
    let generation = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    if let Some(port) = serve_port {
        let out = o.out.canonicalize().unwrap_or_else(|_| o.out.clone());
        match serve(out, port, generation.clone()) {
            Ok(port) => eprintln!("正在提供 http://127.0.0.1:{port}/（页面在重新生成后自动刷新）"),
            Err(e) => {
                eprintln!("无法在 127.0.0.1:{port} 提供网页：{e}");
                return 2;
            }
        }
    }
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
            tree::discover(&root).unwrap_or_default()
        } else {
            let mut d: Vec<PathBuf> = data.into_iter().filter(|p| p.is_file()).collect();
            // A file that links to a changed one (`prior: ../2019/x.yaml`) takes figures
            // from it: rebuild those too (their hashes include the linked file). The
            // manifest knows each department's links; a department that failed last time is
            // retried, since the change may be the fix it waited for.
            let m = load_manifest(&manifest_path(&o.out, &o.root, o.shard));
            let changed: Vec<String> = d.iter().filter_map(|p| p.strip_prefix(&root).ok()).map(|r| r.to_string_lossy().replace('\\', "/")).collect();
            let dependents = m.entries.values().filter(|e| e.links.iter().any(|l| changed.contains(l))).map(|e| e.source.clone());
            for src in dependents.chain(m.failed.keys().cloned()) {
                let f = root.join(src);
                if f.is_file() && !d.contains(&f) {
                    d.push(f);
                }
            }
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
        let s = tree::build_files(&o, &files);
        let _ = write_index(&o.out);
        generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
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

// ---------------------------------------------------------------- --serve

/// Serves `out` on 127.0.0.1 (no network beyond this machine). HTML pages get a small script
/// that reloads them after a rebuild; `/.gen-report/generation` is the rebuild counter it
/// polls. Only files inside `out` are served (no `..`, no hidden files, symlinks resolved).
pub fn serve(out: PathBuf, port: u16, generation: std::sync::Arc<std::sync::atomic::AtomicU64>) -> std::io::Result<u16> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
    let port = listener.local_addr()?.port();
    // A fixed pool fed by a short queue: connections beyond it are closed at once, so
    // held-open sockets cost a bounded number of threads and are gone within
    // `REQUEST_DEADLINE` (one thread per connection let 400 idle sockets deny service).
    let (tx, rx) = std::sync::mpsc::sync_channel::<std::net::TcpStream>(SERVE_QUEUE);
    let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
    for _ in 0..SERVE_THREADS {
        let (rx, out, generation) = (rx.clone(), out.clone(), generation.clone());
        std::thread::spawn(move || {
            loop {
                let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok(stream) = next else { break };
                let _ = handle(stream, &out, &generation);
            }
        });
    }
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            // Full: drop (close) this connection rather than wait or spawn.
            let _ = tx.try_send(stream);
        }
    });
    Ok(port)
}

/// Threads answering requests, connections waiting for one, and the time a client has to
/// send its request line.
const SERVE_THREADS: usize = 16;
const SERVE_QUEUE: usize = 32;
const REQUEST_DEADLINE: Duration = Duration::from_secs(2);

/// The request line (`GET /path HTTP/1.1`), read within `REQUEST_DEADLINE` in all and at
/// most 8 KiB: a client trickling one byte at a time cannot hold a thread.
fn request_line(stream: &mut std::net::TcpStream) -> std::io::Result<String> {
    use std::io::Read;
    let deadline = Instant::now() + REQUEST_DEADLINE;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.contains(&b'\n') && buf.len() < 8192 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        stream.set_read_timeout(Some(left))?;
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let end = buf.iter().position(|b| *b == b'\n').unwrap_or(buf.len());
    Ok(String::from_utf8_lossy(&buf[..end]).into_owned())
}

const RELOAD: &str = "<script>(()=>{let g=null;setInterval(async()=>{try{const t=await (await fetch('/.gen-report/generation',{cache:'no-store'})).text();if(g!==null&&t!==g)location.reload();g=t}catch(e){}},1000)})()</script>";

fn handle(mut stream: std::net::TcpStream, out: &Path, generation: &std::sync::atomic::AtomicU64) -> std::io::Result<()> {
    use std::io::Write;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let line = request_line(&mut stream)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let respond = |stream: &mut std::net::TcpStream, code: &str, kind: &str, body: &[u8]| -> std::io::Result<()> {
        write!(stream, "HTTP/1.1 {code}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n", body.len())?;
        stream.write_all(body)
    };
    if method != "GET" {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain; charset=utf-8", b"GET only");
    }
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    if path.as_deref() == Some("/.gen-report/generation") {
        let g = generation.load(std::sync::atomic::Ordering::SeqCst).to_string();
        return respond(&mut stream, "200 OK", "text/plain; charset=utf-8", g.as_bytes());
    }
    let Some(file) = path.as_deref().and_then(|p| resolve(out, p)) else {
        return respond(&mut stream, "404 Not Found", "text/plain; charset=utf-8", "没有这个文件".as_bytes());
    };
    let bytes = std::fs::read(&file)?;
    let ext = file.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let kind = match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "pdf" => "application/pdf",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "css" => "text/css",
        _ => "application/octet-stream",
    };
    if ext == "html" {
        let text = String::from_utf8_lossy(&bytes);
        let body = match text.rfind("</body>") {
            Some(i) => format!("{}{RELOAD}{}", &text[..i], &text[i..]),
            None => format!("{text}{RELOAD}"),
        };
        return respond(&mut stream, "200 OK", kind, body.as_bytes());
    }
    respond(&mut stream, "200 OK", kind, &bytes)
}

/// `/a/b.html` → the file under `out`, if it is one and stays inside; a directory gives its
/// index.html.
fn resolve(out: &Path, path: &str) -> Option<PathBuf> {
    let mut p = out.to_path_buf();
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if seg.starts_with('.') || seg.contains('\\') {
            return None;
        }
        p.push(seg);
    }
    if p.is_dir() {
        p.push("index.html");
    }
    let real = p.canonicalize().ok()?;
    (real.starts_with(out.canonicalize().ok()?) && real.is_file()).then_some(real)
}

/// %E5%B9%B4 → 年; None for malformed escapes or invalid UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    /// Regression: one thread per connection, so 400 held-open sockets denied service.
    #[test]
    fn held_sockets_do_not_deny_service() {
        use std::io::{Read, Write};
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("index.html"), "<body>ok</body>").unwrap();
        let port = super::serve(d.path().to_path_buf(), 0, Default::default()).unwrap();
        let held: Vec<_> = (0..400).filter_map(|_| std::net::TcpStream::connect(("127.0.0.1", port)).ok()).collect();
        assert!(held.len() > 300, "the test could open its sockets");
        // The held sockets are closed or time out within a few REQUEST_DEADLINEs; a real
        // request is answered then (retried, as a browser would).
        let start = std::time::Instant::now();
        let answered = loop {
            let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
            s.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
            let mut body = String::new();
            if s.write_all(b"GET / HTTP/1.1\r\n\r\n").is_ok() && s.read_to_string(&mut body).is_ok() && body.contains("ok") {
                break true;
            }
            if start.elapsed() > std::time::Duration::from_secs(60) {
                break false;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        };
        drop(held);
        assert!(answered, "a request was answered while 400 sockets were held");
    }

    #[test]
    fn served_paths_stay_inside() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("hubei/2020")).unwrap();
        std::fs::write(d.path().join("hubei/2020/年.html"), "x").unwrap();
        std::fs::write(d.path().join("index.html"), "x").unwrap();
        let p = super::percent_decode("/hubei/2020/%E5%B9%B4.html").unwrap();
        assert!(super::resolve(d.path(), &p).is_some());
        assert!(super::resolve(d.path(), "/").is_some(), "index.html");
        for bad in ["/../etc/passwd", "/.gen-report/manifest.json", "/hubei/../../x"] {
            assert!(super::resolve(d.path(), bad).is_none(), "{bad}");
        }
        assert!(super::percent_decode("/%zz").is_none());
    }
}
