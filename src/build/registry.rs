//! The registry of document kinds: adding a kind is a folder with a `Kind` and one line here.
//! The first kind is the default for a file without `document:`.

use crate::kind::Kind;

pub static KINDS: &[&dyn Kind] = &[&crate::final_accounts::KIND, &crate::performance::KIND, &crate::budget::KIND];

/// The kind a file's `document:` names; the default kind when it names none or one that is
/// not registered.
pub fn for_document(id: Option<&str>) -> &'static dyn Kind {
    id.and_then(by_id).unwrap_or(KINDS[0])
}

pub fn by_id(id: &str) -> Option<&'static dyn Kind> {
    KINDS.iter().copied().find(|k| k.id() == id)
}

/// Every kind's id, in registry order (for `--document` values).
pub fn ids() -> Vec<&'static str> {
    KINDS.iter().map(|k| k.id()).collect()
}
