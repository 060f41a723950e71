//! Hardening (issue 15): tree builds killed with SIGKILL at pseudo-random points.
//!
//! tests/batch.rs kills one build once, after its first PDF. Here a tree of generated
//! departments is built again and again (`-j 2`, PDF and HTML, half of the runs with
//! `--force` so that existing outputs are being replaced), each run killed after a delay drawn
//! from a fixed-seed generator over the length of a full build. After every kill: every PDF
//! and HTML present is complete, the manifests parse and claim only files that exist, and the
//! portal index, if there, is complete. Finally a normal build finishes, leaves no temp file,
//! and its outputs and manifest are byte-identical to a clean build into a fresh directory.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A test's directory: a generated data tree and a private copy of the binary (the manifest
/// hashes the executable's size and mtime, so a relink during the test by another cargo run
/// sharing the target directory must not change it).
struct Tree {
    dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Tree {
    fn new(count: usize) -> Tree {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("gen-report");
        std::fs::copy(env!("CARGO_BIN_EXE_gen-report"), &bin).expect("copy the binary");
        let st = Command::new("python3")
            .arg(root().join("scripts/gen-departments.py"))
            .args(["--count", &count.to_string(), "--seed", "15", "--out"])
            .arg(dir.path().join("data"))
            .status()
            .expect("python3 runs scripts/gen-departments.py");
        assert!(st.success());
        Tree { dir, bin }
    }
    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    /// `gen-report build data -o OUT -j 2 --quiet [--force] [--format F]`, started.
    fn build(&self, out: &Path, force: bool, format: &str) -> Child {
        let mut c = Command::new(&self.bin);
        c.current_dir(root()).env("NO_COLOR", "1");
        c.arg("build").arg(self.data()).arg("-o").arg(out).args(["--format", format, "-j", "2", "--quiet"]);
        if force {
            c.arg("--force");
        }
        c.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("start gen-report build")
    }
}

/// xorshift64*, fixed seed: the same delays on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Every file under `dir`, hidden ones included, sorted.
fn all_files(dir: &Path) -> Vec<PathBuf> {
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

fn is_temp(p: &Path) -> bool {
    let n = p.file_name().unwrap_or_default().to_string_lossy();
    n.starts_with('.') && n.ends_with(".tmp")
}

/// Waits for a build that is not killed; a build that hangs (a stale lock, say) fails the test.
fn finish(mut child: Child, what: &str) {
    let start = Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                use std::io::Read;
                let _ = e.read_to_string(&mut err);
            }
            assert!(st.success(), "{what}: gen-report build exits {st}\n{err}");
            return;
        }
        if start.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            panic!("{what}: gen-report build did not finish in 300 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// What a killed build may leave: only complete outputs, manifests that parse and claim only
/// files that exist. Returns the temp files found (a later build must clean them).
fn consistent(out: &Path, what: &str) -> Vec<PathBuf> {
    let mut temps = Vec::new();
    for p in all_files(out) {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if is_temp(&p) {
            temps.push(p);
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        if name.ends_with(".pdf") {
            let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(64)..]).into_owned();
            assert!(bytes.starts_with(b"%PDF-") && tail.trim_end().ends_with("%%EOF"), "{what}: {} is not a complete PDF ({} bytes)", p.display(), bytes.len());
        } else if name.ends_with(".html") {
            assert!(String::from_utf8_lossy(&bytes).trim_end().ends_with("</html>"), "{what}: {} is not a complete HTML file ({} bytes)", p.display(), bytes.len());
        } else if name.starts_with("manifest") && name.ends_with(".json") {
            let m: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{what}: {} does not parse: {e}", p.display()));
            for (src, e) in m["entries"].as_object().unwrap_or_else(|| panic!("{what}: {} has no entries", p.display())) {
                for o in e["outputs"].as_array().unwrap() {
                    let o = o.as_str().unwrap();
                    assert!(out.join(o).is_file(), "{what}: {} claims {o} for {src}, which does not exist", p.display());
                }
            }
        }
    }
    temps
}

#[test]
fn builds_killed_at_random_points_lose_nothing() {
    let t = Tree::new(10);

    // A clean build: what every interrupted sequence must end as, and how long a build takes.
    let clean = t.path("clean");
    let t0 = Instant::now();
    finish(t.build(&clean, false, "pdf,html"), "the clean build");
    let full = t0.elapsed();
    assert!(consistent(&clean, "the clean build").is_empty(), "a finished build leaves no temp file");

    let out = t.path("out");
    let mut rng = Rng(0x15_0006_4B11);
    let rounds = 12;
    let mut killed = 0;
    let mut left = Vec::new();
    let started = Instant::now();
    for round in 0..rounds {
        // Odd rounds replace every output (--force); even ones go on where the last one stopped.
        let force = round % 2 == 1;
        let mut child = t.build(&out, force, "pdf,html");
        let delay = Duration::from_millis(rng.below(full.as_millis() as u64 * 9 / 10 + 10));
        std::thread::sleep(delay);
        let running = child.try_wait().unwrap().is_none();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        killed += running as usize;
        let what = format!("round {round} (killed after {} ms{})", delay.as_millis(), if force { ", --force" } else { "" });
        left.extend(consistent(&out, &what));
    }
    eprintln!("kill test: {killed} of {rounds} builds killed while running (a full build takes {} ms); {} temp files left by the kills", full.as_millis(), left.len());
    assert!(killed >= rounds / 2, "only {killed} of {rounds} builds were still running when killed");

    // The next normal build finishes the job, cleans up and equals the clean build.
    finish(t.build(&out, false, "pdf,html"), "the build after the kills");
    let temps = consistent(&out, "the build after the kills");
    // No temp file: neither its own nor those the kills left (a kill seldom lands inside a
    // write, so the test below plants them to check the clean-up deterministically).
    assert!(temps.is_empty(), "temp files after a complete build (the kills left {}): {temps:?}", left.len());
    let rel = |base: &Path| -> Vec<(String, PathBuf)> {
        all_files(base).into_iter().filter(|p| !is_temp(p) && p.extension().is_some_and(|x| x != "lock")).map(|p| (p.strip_prefix(base).unwrap().to_string_lossy().into_owned(), p)).collect()
    };
    let (a, b) = (rel(&clean), rel(&out));
    assert_eq!(a.iter().map(|x| &x.0).collect::<Vec<_>>(), b.iter().map(|x| &x.0).collect::<Vec<_>>(), "the same files as a clean build");
    for ((name, pa), (_, pb)) in a.iter().zip(&b) {
        let (x, y) = (std::fs::read(pa).unwrap(), std::fs::read(pb).unwrap());
        if x != y && name.ends_with(".json") {
            let (x, y) = (String::from_utf8_lossy(&x), String::from_utf8_lossy(&y));
            let diff: Vec<String> = x.lines().zip(y.lines()).filter(|(l, r)| l != r).take(10).map(|(l, r)| format!("  clean: {l}\n  after: {r}")).collect();
            panic!("{name} differs from the clean build's:\n{}", diff.join("\n"));
        }
        assert!(x == y, "{name} differs from the clean build's");
    }
    eprintln!("kill test: {} files byte-identical to a clean build; {:.1} s of kills", a.len(), started.elapsed().as_secs_f64());
}

/// The temp files a killed build leaves (`.<name>.<random>.tmp` next to an output, the
/// portal index or the manifest) are removed by the next build, also next to outputs that
/// are unchanged and not written again.
#[test]
fn a_later_build_removes_the_temp_files_of_a_killed_one() {
    let t = Tree::new(3);
    let out = t.path("out");
    finish(t.build(&out, false, "html"), "the first build");
    let outputs: Vec<PathBuf> = all_files(&out).into_iter().filter(|p| p.extension().is_some_and(|x| x == "html") && p.file_name().is_some_and(|n| n != "index.html")).collect();
    assert_eq!(outputs.len(), 3);
    let manifest = all_files(&out.join(".gen-report")).into_iter().find(|p| p.extension().is_some_and(|x| x == "json")).expect("a manifest");
    // What a kill inside write_atomic leaves: one next to a department that will be rebuilt
    // (its file is edited), one next to one that stays unchanged, the index's, the manifest's.
    let planted: Vec<PathBuf> = [&outputs[0], &outputs[1], &out.join("index.html"), &manifest]
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            let tmp = p.with_file_name(format!(".{name}.Xk3f9Q.tmp"));
            std::fs::write(&tmp, b"<!DOCTYPE html><html><body>half").unwrap();
            tmp
        })
        .collect();
    let src = common_source(&t.data(), &out, &outputs[0]);
    let mut text = std::fs::read_to_string(&src).unwrap();
    text.push_str("\n# edited\n");
    std::fs::write(&src, text).unwrap();
    finish(t.build(&out, false, "html"), "the next build");
    let left: Vec<&PathBuf> = planted.iter().filter(|p| p.exists()).collect();
    assert!(left.is_empty(), "temp files of a killed build still there after the next build: {left:?}");
}

/// The data file an output was built from: `out/<city>/<year>/<dept>.html` ← `data/<city>/<year>/<dept>.yaml`.
fn common_source(data: &Path, out: &Path, output: &Path) -> PathBuf {
    data.join(output.strip_prefix(out).unwrap()).with_extension("yaml")
}
