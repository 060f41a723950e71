//! gen-report: a department's YAML source data → the 部门决算 as PDF and HTML.
//!
//! The flow, one module per step:
//! `source` (YAML with spans) → `model` (typed, exact money) → `figures` (every total,
//! computed once) → `validate` (rules as a catalogue) → `tables` + `narrative` + `report`
//! (the document as data, `view`) → `render` (pdf, html) → `output` (atomic writes).
//! `pipeline` ties the steps together for the CLI (`cli`).

#![recursion_limit = "256"] // the template context is one large serde_json::json! literal

pub mod catalog;
pub mod charts;
pub mod cli;
pub mod diag;
pub mod figures;
pub mod model;
pub mod money;
pub mod narrative;
pub mod output;
pub mod pipeline;
pub mod profile;
pub mod render;
pub mod report;
pub mod source;
pub mod structure;
pub mod tables;
pub mod validate;
pub mod view;
pub mod perf;
pub mod perf_report;
pub mod overall_eval;
pub mod templates;
pub mod wording;
pub mod batch;
pub mod watch;
