//! Building a whole data tree (issue 7): generated departments under
//! `<tmp>/data/<city>/<year>/<dept>.yaml`, built in parallel into `<tmp>/out`, incrementally.
//! The generator is `scripts/gen-departments.py` (python3, standard library only).

mod common;
use common::{files_under, yaml_files};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gen-report"));
    c.current_dir(root()).env("NO_COLOR", "1");
    c
}

/// `count` generated departments in `dir/data`; returns their files, sorted.
fn generate(dir: &Path, count: usize) -> Vec<PathBuf> {
    let data = dir.join("data");
    let st = Command::new("python3")
        .arg(root().join("scripts/gen-departments.py"))
        .args(["--count", &count.to_string(), "--seed", "11", "--out"])
        .arg(&data)
        .status()
        .expect("python3 runs scripts/gen-departments.py");
    assert!(st.success());
    yaml_files(&data)
}

#[derive(Debug, serde::Deserialize)]
struct Summary {
    built: usize,
    unchanged: usize,
    failed: Vec<(String, String)>,
}

/// `gen-report build <dir>/data -o <dir>/out --format html,json [extra]`: (exit code, summary).
fn build(dir: &Path, extra: &[&str]) -> (i32, Summary) {
    let o = bin()
        .arg("build")
        .arg(dir.join("data"))
        .arg("-o")
        .arg(dir.join("out"))
        .args(["--format", "html,json", "-j", "2"])
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let s: Summary = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("summary JSON: {e}\n{stdout}\n{}", String::from_utf8_lossy(&o.stderr)));
    (o.status.code().unwrap_or(-1), s)
}

/// Appends a comment: the file changes, its data does not.
fn touch(f: &Path) {
    let mut t = std::fs::read_to_string(f).unwrap();
    t.push_str("\n# edited\n");
    std::fs::write(f, t).unwrap();
}

#[test]
fn incremental_tree_build() {
    let d = tempfile::tempdir().unwrap();
    let files = generate(d.path(), 6);
    assert_eq!(files.len(), 6);

    let (code, s) = build(d.path(), &[]);
    assert_eq!((code, s.built, s.unchanged), (0, 6, 0), "{s:?}");
    // out/<city>/<year>/<dept>.html mirrors the data tree.
    for f in &files {
        let rel = f.strip_prefix(d.path().join("data")).unwrap().with_extension("html");
        assert!(d.path().join("out").join(&rel).is_file(), "{}", rel.display());
    }
    let index = std::fs::read_to_string(d.path().join("out/index.html")).unwrap();
    assert_eq!(index.matches("<tr>").count(), 1 + 6, "a row per department");
    assert!(index.contains("type=\"search\""), "a search box");

    // Nothing changed: nothing built.
    let (code, s) = build(d.path(), &[]);
    assert_eq!((code, s.built, s.unchanged), (0, 0, 6), "{s:?}");

    // One file touched: one department rebuilt.
    touch(&files[2]);
    let (_, s) = build(d.path(), &[]);
    assert_eq!((s.built, s.unchanged), (1, 5), "{s:?}");

    // --force rebuilds all.
    let (_, s) = build(d.path(), &["--force"]);
    assert_eq!(s.built, 6);
}

/// Two departments use a template directory of their own (`templates:` in the YAML); editing
/// one of its sections rebuilds those two and nothing else.
#[test]
fn editing_a_template_rebuilds_only_its_users() {
    let d = tempfile::tempdir().unwrap();
    let files = generate(d.path(), 5);
    let tdir = d.path().join("data/templates/custom/sections/explanations");
    std::fs::create_dir_all(&tdir).unwrap();
    std::fs::write(tdir.join("assets.j2"), "# 国有资产占用情况说明\n截至{{ year }}年12月31日，共有车辆{{ assets.vehicles }}辆。\n").unwrap();
    for f in &files[..2] {
        // data/<city>/<year>/x.yaml → ../../templates/custom
        let t = std::fs::read_to_string(f).unwrap().replacen("\ndepartment:", "\ntemplates: ../../templates/custom\ndepartment:", 1);
        std::fs::write(f, t).unwrap();
    }
    let (code, s) = build(d.path(), &[]);
    assert_eq!((code, s.built), (0, 5), "{s:?}");
    std::fs::write(tdir.join("assets.j2"), "# 国有资产占用情况说明\n截至{{ year }}年底，车辆{{ assets.vehicles }}辆。\n").unwrap();
    let (_, s) = build(d.path(), &[]);
    assert_eq!((s.built, s.unchanged), (2, 3), "{s:?}");
    let out = d.path().join("out").join(files[0].strip_prefix(d.path().join("data")).unwrap().with_extension("html"));
    assert!(std::fs::read_to_string(out).unwrap().contains("年底，车辆"));
}

/// A broken department is reported with its first error; the others are built; exit 1; its
/// last good output stays.
#[test]
fn a_broken_department_does_not_stop_the_rest() {
    let d = tempfile::tempdir().unwrap();
    let files = generate(d.path(), 4);
    let (code, _) = build(d.path(), &[]);
    assert_eq!(code, 0);
    let victim = &files[1];
    let good = d.path().join("out").join(victim.strip_prefix(d.path().join("data")).unwrap().with_extension("html"));
    let before = std::fs::read(&good).unwrap();
    let t = std::fs::read_to_string(victim).unwrap().replacen("office_operation:", "office_operation: 12.345\nx_office_operation:", 1);
    std::fs::write(victim, t).unwrap();
    for f in &files[2..] {
        touch(f);
    }
    let (code, s) = build(d.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!((s.built, s.unchanged, s.failed.len()), (2, 1, 1), "{s:?}");
    assert!(s.failed[0].0.ends_with(victim.file_name().unwrap().to_str().unwrap()));
    assert_eq!(std::fs::read(&good).unwrap(), before, "the last good output is kept");
    let index = std::fs::read_to_string(d.path().join("out/index.html")).unwrap();
    assert!(index.contains("失败"), "the index shows the failure");
}

/// kill -9 part-way through: every output on disk is complete, the manifest only lists
/// outputs that exist, and the next run finishes the job.
#[test]
fn a_killed_build_leaves_no_partial_file() {
    let d = tempfile::tempdir().unwrap();
    let files = generate(d.path(), 8);
    let out = d.path().join("out");
    let mut child = bin()
        .arg("build")
        .arg(d.path().join("data"))
        .arg("-o")
        .arg(&out)
        .args(["--format", "pdf,html", "-j", "1", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill once the first PDF is there (or after a while).
    let start = Instant::now();
    loop {
        let any_pdf = files_under(&out).iter().any(|p| p.extension().is_some_and(|x| x == "pdf"));
        if any_pdf || start.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();
    for p in files_under(&out) {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&p).unwrap();
        if name.ends_with(".pdf") {
            assert!(bytes.starts_with(b"%PDF") && bytes.windows(5).rev().take(64).any(|w| w == b"%%EOF"), "{name} is complete");
        } else if name.ends_with(".html") && name != "index.html" {
            assert!(String::from_utf8_lossy(&bytes).trim_end().ends_with("</html>"), "{name} is complete");
        }
    }
    // One manifest per data root: `.gen-report/manifest-<root id>.json`.
    let manifest = std::fs::read_dir(out.join(".gen-report")).ok().and_then(|rd| rd.flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|x| x == "json")));
    if let Some(manifest) = manifest {
        let m: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).expect("the manifest is whole JSON");
        for (_, e) in m["entries"].as_object().unwrap() {
            for o in e["outputs"].as_array().unwrap() {
                assert!(out.join(o.as_str().unwrap()).is_file(), "the manifest claims only finished files: {o}");
            }
        }
    }
    // The next run completes the tree.
    let o = bin().arg("build").arg(d.path().join("data")).arg("-o").arg(&out).args(["--format", "pdf,html,json", "-j", "2"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s: Summary = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s.built + s.unchanged, files.len());
}

/// Shards: each builds a deterministic slice; together they cover the tree once, and
/// `gen-report index` merges their manifests into one portal.
#[test]
fn shards_cover_the_tree_and_merge() {
    let d = tempfile::tempdir().unwrap();
    let files = generate(d.path(), 5);
    let mut total = 0;
    for i in 1..=3 {
        let (code, s) = build(d.path(), &["--shard", &format!("{i}/3")]);
        assert_eq!(code, 0);
        total += s.built;
    }
    assert_eq!(total, files.len());
    let st = bin().arg("index").arg(d.path().join("out")).status().unwrap();
    assert!(st.success());
    let index = std::fs::read_to_string(d.path().join("out/index.html")).unwrap();
    assert_eq!(index.matches("<tr>").count(), 1 + files.len());
}

/// `watch` rebuilds a department after its file is replaced by rename (as editors save), and
/// keeps the last good output when a save breaks the YAML.
#[test]
fn watch_rebuilds_after_a_rename() {
    let d = tempfile::tempdir().unwrap();
    let files = generate(d.path(), 2);
    let out = d.path().join("out");
    let mut child = bin()
        .arg("watch")
        .arg(d.path().join("data"))
        .arg("-o")
        .arg(&out)
        .args(["--format", "html"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let html = out.join(files[0].strip_prefix(d.path().join("data")).unwrap().with_extension("html"));
    let wait_for = |what: &str, cond: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !cond() {
            assert!(start.elapsed() < Duration::from_secs(60), "watch: {what} did not happen");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("first build", &|| out.join("index.html").is_file() && html.is_file());
    std::thread::sleep(Duration::from_millis(500)); // the watcher is set up after the first build
    let before = std::fs::read_to_string(&html).unwrap();

    // Save by rename: write a temp file next to it, then move it over the original.
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let name_line = text.lines().find(|l| l.trim_start().starts_with("name:")).unwrap().to_string();
    let renamed = text.replacen(&name_line, &format!("{name_line}（改）"), 1);
    let tmp = files[0].with_extension("yaml.swp");
    std::fs::write(&tmp, &renamed).unwrap();
    std::fs::rename(&tmp, &files[0]).unwrap();
    wait_for("rebuild after rename", &|| std::fs::read_to_string(&html).is_ok_and(|h| h != before && h.contains("（改）")));

    // A broken save keeps the last good output.
    let good = std::fs::read_to_string(&html).unwrap();
    std::fs::write(&tmp, "department: [unclosed\n").unwrap();
    std::fs::rename(&tmp, &files[0]).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(std::fs::read_to_string(&html).unwrap(), good);
    let _ = child.kill();
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("Y-SYNTAX"), "the broken save's error is printed at once:\n{err}");
}

fn http_get(port: u16, path: &str) -> (String, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut buf = String::new();
    s.read_to_string(&mut buf).unwrap();
    let (head, body) = buf.split_once("\r\n\r\n").unwrap_or((&buf, ""));
    (head.lines().next().unwrap_or("").to_string(), body.to_string())
}

/// `watch --serve`: the output directory on 127.0.0.1, pages that reload after a rebuild, and
/// nothing outside the output directory.
#[test]
fn watch_serves_the_output_and_signals_rebuilds() {
    use std::io::BufRead;
    let d = tempfile::tempdir().unwrap();
    let files = generate(d.path(), 1);
    let mut child = bin()
        .arg("watch")
        .arg(d.path().join("data"))
        .arg("-o")
        .arg(d.path().join("out"))
        .args(["--format", "html", "--serve", "--port", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for l in std::io::BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx.send(l);
        }
    });
    let mut port = 0;
    let start = Instant::now();
    let mut watching = false;
    while !watching {
        let l = rx.recv_timeout(Duration::from_secs(60)).expect("watch starts");
        if let Some(rest) = l.split("127.0.0.1:").nth(1) {
            port = rest.trim_end_matches(|c: char| !c.is_ascii_digit()).split('/').next().unwrap().parse().unwrap();
        }
        watching = l.contains("正在监视");
        assert!(start.elapsed() < Duration::from_secs(60));
    }
    assert!(port > 0);
    let (status, body) = http_get(port, "/");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("type=\"search\"") && body.contains("/.gen-report/generation"), "the index, with the reload script");
    assert!(http_get(port, "/../Cargo.toml").0.contains("404"));
    assert!(http_get(port, "/.gen-report/manifest.json").0.contains("404"));
    let (_, g0) = http_get(port, "/.gen-report/generation");
    std::thread::sleep(Duration::from_millis(300));
    touch(&files[0]);
    let start = Instant::now();
    loop {
        let (_, g) = http_get(port, "/.gen-report/generation");
        if g != g0 {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "no rebuild signalled");
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}
