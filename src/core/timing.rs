//! Where a build's time goes: wall time per phase, summed over every file and thread, when
//! `GEN_REPORT_PROFILE=1` is set (printed on stderr at the end of the command). Off, a phase
//! costs one relaxed atomic load. docs/SCALE.md has the measured table.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// 0 unknown, 1 off, 2 on.
static STATE: AtomicU8 = AtomicU8::new(0);
static TIMES: Mutex<Vec<(&'static str, Duration, u64)>> = Mutex::new(Vec::new());

pub fn enabled() -> bool {
    match STATE.load(Ordering::Relaxed) {
        0 => {
            let on = std::env::var_os("GEN_REPORT_PROFILE").is_some_and(|v| v != "0" && !v.is_empty());
            STATE.store(if on { 2 } else { 1 }, Ordering::Relaxed);
            on
        }
        s => s == 2,
    }
}

/// Runs `f`, adding its wall time to `phase`.
pub fn time<T>(phase: &'static str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let t = Instant::now();
    let r = f();
    add(phase, t.elapsed());
    r
}

pub fn add(phase: &'static str, d: Duration) {
    let Ok(mut v) = TIMES.lock() else { return };
    match v.iter_mut().find(|(p, _, _)| *p == phase) {
        Some(e) => {
            e.1 += d;
            e.2 += 1;
        }
        None => v.push((phase, d, 1)),
    }
}

/// The table of phases in the order first seen, or None when profiling is off.
pub fn report() -> Option<String> {
    if !enabled() {
        return None;
    }
    let v = TIMES.lock().ok()?;
    let total: Duration = v.iter().map(|e| e.1).sum();
    let mut s = String::from("| phase | calls | total (s) | per call (ms) | share |\n|---|---|---|---|---|\n");
    for (p, d, n) in v.iter() {
        let share = if total.is_zero() { 0.0 } else { d.as_secs_f64() / total.as_secs_f64() * 100.0 };
        s.push_str(&format!("| {p} | {n} | {:.3} | {:.2} | {share:.1}% |\n", d.as_secs_f64(), d.as_secs_f64() * 1000.0 / *n as f64));
    }
    Some(s)
}
