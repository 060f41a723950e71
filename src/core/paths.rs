//! Paths stay inside their roots, and reads stay bounded. A file a YAML names (`prior:`,
//! `templates:`) must resolve, symbolic links included, to a place inside the data tree; a
//! template name from a profile must be a plain relative name that cannot leave the template
//! directories; a file found indirectly (in a tree, a template directory, a link) is read only
//! when it is a regular file, not a symbolic link, a FIFO or a device, and not too large.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The largest file gen-report reads (a data file of 100,000 rows is about 10 MB).
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Reads a regular file of at most `MAX_FILE_BYTES`. `follow` allows a symbolic link (the
/// file a user names on the command line); files found indirectly pass `false`, so a link
/// planted in a tree or a template directory cannot lead out of it, and a FIFO or a device
/// (`/dev/zero`) is refused instead of read forever.
pub fn read_regular(path: &Path, follow: bool) -> std::io::Result<Vec<u8>> {
    let refuse = |msg: &str| std::io::Error::new(std::io::ErrorKind::InvalidInput, msg.to_string());
    let meta = std::fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() && !follow {
        return Err(refuse("是符号链接，gen-report 不跟随"));
    }
    let meta = if meta.file_type().is_symlink() { std::fs::metadata(path)? } else { meta };
    if !meta.is_file() {
        return Err(refuse("不是普通文件（目录、管道或设备）"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(refuse(&format!("文件过大（{} 字节，最多 {MAX_FILE_BYTES} 字节）", meta.len())));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(refuse("文件过大"));
    }
    Ok(bytes)
}

/// `read_regular` as text; invalid UTF-8 is an error.
pub fn read_regular_text(path: &Path, follow: bool) -> std::io::Result<String> {
    String::from_utf8(read_regular(path, follow)?).map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "不是 UTF-8 编码的文本"))
}

/// Is there something at `path` that is not a symbolic link? (`Path::exists` follows links.)
pub fn present(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// A directory that is really one (not a symbolic link to one).
pub fn real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Why a path named in a file cannot be used.
pub enum TreeError {
    /// It resolves outside the tree whose root is given.
    Outside(PathBuf),
    /// It cannot be resolved (missing, unreadable).
    Unreadable(std::io::Error),
}

/// The data root of a tree build (`gen-report build data/`): files under it may refer to
/// anything under it (`templates: ../../templates/city`).
static DATA_ROOT: Mutex<Option<PathBuf>> = Mutex::new(None);

pub fn set_data_root(root: &Path) {
    *DATA_ROOT.lock().unwrap_or_else(|e| e.into_inner()) = root.canonicalize().ok();
}

/// `rel` resolved against the file's directory `base`, if it stays inside the data tree: the
/// data root of a tree build, else the parent of the file's directory (so `../2019/x.yaml`
/// works, `../../etc/passwd` does not), but never the file system's root (a file in `/srv`
/// keeps to `/srv`). Symbolic links are resolved first, so none can lead out.
pub fn within_tree(base: &Path, rel: &str) -> Result<PathBuf, TreeError> {
    let dir = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
    let tree = DATA_ROOT.lock().unwrap_or_else(|e| e.into_inner()).clone().filter(|r| dir.starts_with(r));
    let parent = dir.parent().filter(|p| p.parent().is_some()).map(Path::to_path_buf);
    let root = tree.unwrap_or_else(|| parent.unwrap_or_else(|| dir.clone()));
    let target = dir.join(rel).canonicalize().map_err(TreeError::Unreadable)?;
    if !target.starts_with(&root) {
        return Err(TreeError::Outside(root));
    }
    Ok(target)
}

/// Is `name` a safe template name: segments of [a-z0-9_], ending in `.j2`? Nothing else can
/// be looked up, so no name from a profile or a template ever leaves the template directories.
pub fn valid_template_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".j2") else { return false };
    !stem.is_empty() && stem.split('/').all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
}

#[cfg(test)]
mod tests {
    /// A FIFO is refused without blocking, a symbolic link unless followed, and a file in a
    /// directory just below `/` cannot reach `/etc` with `../etc/passwd`.
    #[test]
    fn reads_stay_bounded_and_confined() {
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("x.yaml");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        assert!(super::read_regular(&fifo, true).is_err());
        std::fs::write(d.path().join("real.yaml"), "a: 1").unwrap();
        std::os::unix::fs::symlink(d.path().join("real.yaml"), d.path().join("link.yaml")).unwrap();
        assert!(super::read_regular(&d.path().join("link.yaml"), false).is_err());
        assert!(super::read_regular(&d.path().join("link.yaml"), true).is_ok());
        assert!(super::read_regular(std::path::Path::new("/dev/zero"), true).is_err());
        // /tmp is one level below /: its parent is not the root for ../ links.
        assert!(matches!(super::within_tree(std::path::Path::new("/tmp"), "../etc/passwd"), Err(super::TreeError::Outside(_))));
    }

    #[test]
    fn names_stay_inside_the_template_directories() {
        assert!(super::valid_template_name("explanations/total.j2"));
        for bad in ["../x.j2", "/etc/passwd", "a/../../b.j2", "a//b.j2", "x.typ", "A.j2", ".j2"] {
            assert!(!super::valid_template_name(bad), "{bad}");
        }
    }
}
