//! Scale and hostile-input tests of `gen-report check`, on departments made by
//! `scripts/gen-departments.py` (python3, standard library only):
//!
//! - a department with 10,000 expenditure rows passes within a generous timeout;
//! - 50 generated departments pass in one process, with nothing on stderr but 检查通过 lines;
//! - a 200-digit amount, a 5,000-deep nested flow sequence and 1 MB single-line strings are
//!   reported as errors (exit 1 or 2), never as a panic or a hang.
//!
//! Every child process runs with a timeout and is killed when it runs over: a hang fails
//! the test instead of blocking the run. Output goes to files, not pipes, so a child that
//! writes megabytes cannot block on a full pipe.

use std::fs::File;
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs `cmd` with stdout/stderr in files under `dir`; kills it and panics after `timeout`.
fn run(mut cmd: Command, dir: &Path, what: &str, timeout: Duration) -> Run {
    let out_path = dir.join(format!("{what}.stdout"));
    let err_path = dir.join(format!("{what}.stderr"));
    cmd.stdin(Stdio::null())
        .stdout(File::create(&out_path).expect("stdout file"))
        .stderr(File::create(&err_path).expect("stderr file"));
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("{what}: cannot start {cmd:?}: {e}"));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for child") {
            break status;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {timeout:?}, killed (a hang is a failure): {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).expect("read output")).into_owned();
    Run { status, stdout: read(&out_path), stderr: read(&err_path), elapsed }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `python3 scripts/gen-departments.py --out <out> <args>`; returns the YAML files, sorted.
fn generate(out: &Path, args: &[&str]) -> Vec<PathBuf> {
    let mut cmd = Command::new("python3");
    cmd.arg(root().join("scripts/gen-departments.py")).arg("--out").arg(out).args(args).current_dir(root());
    let r = run(cmd, out.parent().expect("out has a parent"), "generate", Duration::from_secs(300));
    assert!(r.status.success(), "gen-departments.py failed ({}):\n{}", r.status, r.stderr);
    common::yaml_files(out)
}

fn check(files: &[PathBuf], dir: &Path, what: &str) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gen-report"));
    cmd.arg("check").args(files).current_dir(root());
    run(cmd, dir, what, TIMEOUT)
}

/// Asserts a clean pass: exit 0, nothing on stdout, and stderr holds exactly one
/// "<file>：检查通过。" line per file and nothing else.
fn assert_all_pass(r: &Run, files: &[PathBuf]) {
    let head: String = r.stderr.chars().take(4000).collect();
    assert_eq!(r.status.code(), Some(0), "check failed ({}):\n{head}", r.status);
    assert!(r.stdout.is_empty(), "unexpected stdout:\n{}", r.stdout);
    let lines: Vec<&str> = r.stderr.lines().collect();
    let other: Vec<&&str> = lines.iter().filter(|l| !l.contains("：检查通过")).collect();
    assert!(other.is_empty(), "stderr has more than 检查通过 lines:\n{head}");
    assert_eq!(lines.len(), files.len(), "one 检查通过 line per file expected:\n{head}");
    for f in files {
        let shown = format!("{}：检查通过", f.display());
        assert!(lines.iter().any(|l| l.starts_with(&shown)), "no 检查通过 line for {}", f.display());
    }
}

/// Lines of the `expenditure:` list of a generated file.
fn expenditure_rows(text: &str) -> usize {
    let body = text.split("\nexpenditure:\n").nth(1).expect("expenditure section");
    body.lines().take_while(|l| l.starts_with("  - ")).count()
}

#[test]
fn ten_thousand_rows_pass_within_timeout() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("huge");
    let files = generate(&out, &["--count", "1", "--seed", "10000", "--rows-min", "10000", "--rows-max", "10000"]);
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(&files[0]).expect("read generated file");
    assert_eq!(expenditure_rows(&text), 10_000, "the generator must write 10,000 expenditure rows");
    let r = check(&files, tmp.path(), "check-huge");
    assert_all_pass(&r, &files);
    eprintln!("10,000-row department checked in {:?}", r.elapsed);
}

#[test]
fn fifty_generated_departments_pass() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("depts");
    let files = generate(&out, &["--count", "50", "--seed", "50"]);
    assert_eq!(files.len(), 50);
    for f in &files {
        // Laid out OUT/<city>/<year>/<dept>.yaml.
        let rel = f.strip_prefix(&out).expect("under out");
        let parts: Vec<_> = rel.components().collect();
        assert_eq!(parts.len(), 3, "unexpected layout: {}", rel.display());
        assert_eq!(parts[0].as_os_str(), "hubei");
        let rows = expenditure_rows(&std::fs::read_to_string(f).expect("read"));
        assert!((3..=25).contains(&rows), "{}: {rows} expenditure rows", f.display());
    }
    let r = check(&files, tmp.path(), "check-50");
    assert_all_pass(&r, &files);
}

#[test]
fn generator_is_deterministic() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let a = generate(&tmp.path().join("a"), &["--count", "5", "--seed", "7"]);
    let b = generate(&tmp.path().join("b"), &["--count", "5", "--seed", "7"]);
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.strip_prefix(tmp.path().join("a")).ok(), y.strip_prefix(tmp.path().join("b")).ok());
        assert_eq!(std::fs::read(x).expect("read"), std::fs::read(y).expect("read"), "{} differs", x.display());
    }
}

/// Replaces the value of a top-level key (its line and any indented lines below it).
fn replace_top(text: &str, key: &str, value: &str) -> String {
    let mut out = String::with_capacity(text.len() + value.len());
    let mut skipping = false;
    let mut found = false;
    for line in text.lines() {
        if skipping && line.starts_with(' ') {
            continue;
        }
        skipping = false;
        if line.starts_with(&format!("{key}:")) {
            out.push_str(&format!("{key}: {value}\n"));
            skipping = true;
            found = true;
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    assert!(found, "no top-level {key} in the generated file");
    out
}

/// Replaces `department.name`.
fn replace_name(text: &str, value: &str) -> String {
    let (head, tail) = text.split_once("\n  name: ").expect("department.name");
    let rest = tail.split_once('\n').expect("line end").1;
    format!("{head}\n  name: {value}\n{rest}")
}

#[test]
fn hostile_values_give_clear_errors_without_panic() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let base = generate(&tmp.path().join("base"), &["--count", "1", "--seed", "3"]);
    let valid = std::fs::read_to_string(&base[0]).expect("read base");
    // The base file itself is valid, so every error below comes from the edit.
    assert_all_pass(&check(&base, tmp.path(), "check-base"), &base);

    let digits200 = "9".repeat(200);
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let mb = 1 << 20;
    let line_1mb = "a".repeat(mb);
    let quoted_1mb = format!("\"{}\"", "x".repeat(mb));

    // (name, file text, expected exit codes, text the message must contain)
    let cases: Vec<(&str, String, &[i32], &[&str])> = vec![
        ("amount-200-digits", replace_top(&valid, "office_operation", &digits200), &[1], &["error[Y-AMOUNT]", "office_operation", "金额过大"]),
        ("amount-200-digits-quoted", replace_top(&valid, "office_operation", &format!("\"{digits200}\"")), &[1], &["error[Y-AMOUNT]", "金额过大"]),
        ("amount-200-decimals", replace_top(&valid, "office_operation", &format!("1.{digits200}")), &[1], &["error[Y-AMOUNT]", "金额最多 2 位小数"]),
        ("nested-5000-functions", replace_top(&valid, "functions", &deep), &[1, 2], &["error[Y-"]),
        ("nested-5000-whole-file", deep.clone(), &[1, 2], &["error[Y-"]),
        ("nested-5000-unclosed", "[".repeat(5000), &[1, 2], &["error[Y-"]),
        ("line-1mb-whole-file", line_1mb.clone(), &[1, 2], &["error[Y-"]),
        ("string-1mb-as-amount", replace_top(&valid, "office_operation", &quoted_1mb), &[1], &["error[Y-AMOUNT]", "office_operation"]),
        ("plain-1mb-digits-as-amount", replace_top(&valid, "office_operation", &"1".repeat(mb)), &[1], &["error[Y-AMOUNT]", "金额过大"]),
        (
            "all-three-in-one-file",
            replace_name(&replace_top(&replace_top(&valid, "office_operation", &digits200), "functions", &deep), &line_1mb),
            &[1, 2],
            &["error[Y-"],
        ),
    ];
    for (name, text, codes, needles) in &cases {
        let path = tmp.path().join(format!("{name}.yaml"));
        std::fs::write(&path, text).expect("write case");
        let r = check(std::slice::from_ref(&path), tmp.path(), name);
        let head: String = r.stderr.chars().take(1500).collect();
        assert!(!r.stderr.contains("panicked"), "{name}: panicked:\n{head}");
        assert!(!r.stdout.contains("panicked"), "{name}: panicked (stdout)");
        let code = r.status.code();
        assert!(code.is_some_and(|c| codes.contains(&c)), "{name}: exit {:?} (status {}), expected one of {codes:?}:\n{head}", code, r.status);
        for n in *needles {
            assert!(r.stderr.contains(n), "{name}: stderr lacks {n:?}:\n{head}");
        }
        assert!(!r.stderr.contains("检查通过"), "{name}: reported as passing");
        eprintln!("{name}: exit {code:?} in {:?}, {} bytes on stderr", r.elapsed, r.stderr.len());
    }

    // A 1 MB single-line text in a free-text field is not malformed: whatever the verdict,
    // it must end in time, without a panic, with a defined exit code.
    let path = tmp.path().join("text-1mb-name.yaml");
    std::fs::write(&path, replace_name(&valid, &"名".repeat(mb / 3))).expect("write case");
    let r = check(std::slice::from_ref(&path), tmp.path(), "text-1mb-name");
    assert!(!r.stderr.contains("panicked"), "1 MB name: panicked");
    assert!(r.status.code().is_some_and(|c| (0..=2).contains(&c)), "1 MB name: status {}", r.status);
    eprintln!("text-1mb-name: exit {:?} in {:?}", r.status.code(), r.elapsed);
}
