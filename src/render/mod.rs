//! Renderers: PDF (typst) and HTML (minijinja), both from the same `view::Document`.
pub mod html;
pub mod pdf;
