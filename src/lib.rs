//! gen-report: a department's YAML source data → its public disclosure reports as PDF and HTML.
//!
//! The tree by layer, each importing only the layers listed before it:
//! - `core`: exact money, spanned source values, the loader, findings, the rule and
//!   classification catalogues, path confinement, atomic output.
//! - `render`: from a `Document` to PDF (typst) and HTML (minijinja); city profiles and the
//!   section templates with their lookup chain.
//! - `kind`: the seam every document kind implements (`Kind`, `Loaded`).
//! - the document kinds: `performance` (绩效自评), `budget` (部门预算公开),
//!   `final_accounts` (部门决算, which may carry self-evaluations as annexes and links its
//!   year's budget).
//! - `build`: the registry of kinds, the pipeline (one file), the tree build with its
//!   manifest and portal, and watch.
//! - `cli` on top; `main.rs` only calls `cli::main`.
//!
//! `tests/layers.rs` fails on an import that goes upward or forms a circle.

pub mod core;
pub mod render;
pub mod kind;
pub mod performance;
pub mod budget;
pub mod final_accounts;
pub mod build;
pub mod import;
pub mod cli;
