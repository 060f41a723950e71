//! Paths stay inside their roots. A file a YAML names (`prior:`, `templates:`) must resolve,
//! symbolic links included, to a place inside the data tree; a template name from a profile
//! must be a plain relative name that cannot leave the template directories.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
/// works, `../../etc/passwd` does not). Symbolic links are resolved first, so none can lead out.
pub fn within_tree(base: &Path, rel: &str) -> Result<PathBuf, TreeError> {
    let dir = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
    let tree = DATA_ROOT.lock().unwrap_or_else(|e| e.into_inner()).clone().filter(|r| dir.starts_with(r));
    let root = tree.unwrap_or_else(|| dir.parent().map(Path::to_path_buf).unwrap_or_else(|| dir.clone()));
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
    #[test]
    fn names_stay_inside_the_template_directories() {
        assert!(super::valid_template_name("explanations/total.j2"));
        for bad in ["../x.j2", "/etc/passwd", "a/../../b.j2", "a//b.j2", "x.typ", "A.j2", ".j2"] {
            assert!(!super::valid_template_name(bad), "{bad}");
        }
    }
}
