//! Atomic writes: each output goes to a temporary file in the same directory and is
//! renamed over the target, so a failed or interrupted build never leaves a half-written
//! file and an existing good file stays until the new one is complete.

use std::fs;
use std::io::Write;
use std::path::Path;

pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "out".into());
    // A random name, created exclusively: a symbolic link planted at a predictable temp name
    // would otherwise be followed and its target overwritten.
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // Outputs are published: readable by everyone (a web server), writable by the owner.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // On error the temp file is removed when `tmp` drops.
    tmp.persist(path).map(drop).map_err(|e| e.error)
}

/// An exclusive lock on the file `path`, held until the returned file is dropped (or the
/// process dies: the OS releases it, so a killed build never leaves a stale lock). `waiting`
/// is called once if another process holds it, before blocking until it is free.
pub fn lock(path: &Path, waiting: impl FnOnce()) -> std::io::Result<fs::File> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let f = fs::OpenOptions::new().create(true).truncate(false).write(true).open(path)?;
    match f.try_lock() {
        Ok(()) => Ok(f),
        Err(fs::TryLockError::WouldBlock) => {
            waiting();
            f.lock()?;
            Ok(f)
        }
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Removes the temp files of `path` (`.<name>.<random>.tmp` next to it) that a killed run
/// left. Call it only while no other process may be writing `path`.
pub fn remove_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else { return };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&prefix) && n.ends_with(".tmp") && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// `remove_stale_temps` for a whole build: each output directory is listed once per run, not
/// once per output (a year's directory of 500 departments holds 5,500 files, and listing it
/// for each of them made a no-op rebuild quadratic).
#[derive(Default)]
pub struct StaleTemps(std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, Vec<String>>>);

impl StaleTemps {
    /// Removes the temp files a killed run left for `path`. As `remove_stale_temps`: only
    /// while no other process may be writing `path`.
    pub fn remove(&self, path: &Path) {
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else { return };
        let prefix = format!(".{}.", name.to_string_lossy());
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let temps = map.entry(dir.to_path_buf()).or_insert_with(|| temps_in(dir));
        temps.retain(|n| {
            let ours = n.starts_with(&prefix);
            if ours {
                let _ = fs::remove_file(dir.join(n));
            }
            !ours
        });
    }
}

/// The names of the temp files (`.<name>.<random>.tmp`) in `dir`.
fn temps_in(dir: &Path) -> Vec<String> {
    let Ok(rd) = fs::read_dir(dir) else { return Vec::new() };
    rd.flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect()
}

#[cfg(test)]
mod tests {
    /// Regression: the temp name was `.<name>.<pid>.tmp`, so a symbolic link planted there
    /// had its target overwritten by the next build.
    #[cfg(unix)]
    #[test]
    fn temp_name_is_not_predictable() {
        let d = tempfile::tempdir().unwrap();
        let victim = d.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        let p = d.path().join("a.html");
        std::os::unix::fs::symlink(&victim, d.path().join(format!(".a.html.{}.tmp", std::process::id()))).unwrap();
        super::write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o644, "published files are world-readable");
    }

    #[test]
    fn replaces_whole_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.pdf");
        super::write_atomic(&p, b"old").unwrap();
        super::write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1, "no temp file left");
    }

    /// A build lists each output directory once (`StaleTemps`) and removes only the temps of
    /// the output it is asked about: `.a.html.<random>.tmp` for a.html, not b.html's, not a.html
    /// itself, and not a file that only looks like a temp (`a.html.tmp`).
    #[test]
    fn stale_temps_of_one_output_only() {
        let d = tempfile::tempdir().unwrap();
        for n in [".a.html.x1.tmp", ".a.html.x2.tmp", ".b.html.y.tmp", "a.html", "a.html.tmp"] {
            std::fs::write(d.path().join(n), b"").unwrap();
        }
        let temps = super::StaleTemps::default();
        temps.remove(&d.path().join("a.html"));
        let mut left: Vec<String> = std::fs::read_dir(d.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(left, [".b.html.y.tmp", "a.html", "a.html.tmp"]);
        temps.remove(&d.path().join("b.html"));
        assert!(!d.path().join(".b.html.y.tmp").exists(), "from the same listing");
    }
}
