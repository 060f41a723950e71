//! Building: one file (`pipeline`), a tree of them with its manifest and portal (`tree`,
//! `manifest`, `portal`), and `watch`. The document kinds are reached only through the
//! `registry` and the `kind` seam; `structure` lists every structural YAML problem against a
//! kind's schema when serde stops at the first.
pub mod pipeline;
pub mod registry;
pub mod structure;
pub mod manifest;
pub mod portal;
pub mod tree;
pub mod watch;
