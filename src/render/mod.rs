//! From a `view::Document` to PDF and HTML, and what shapes a document on the way: the city
//! profiles (`profile`), the section templates and their lookup chain (`sections`,
//! `templates`), the typst World (`pdf`), minijinja (`html`) and the
//! workbook twin (`xlsx`). Imports only `core`.
pub mod html;
pub mod parts;
pub mod pdf;
pub mod profile;
pub mod sections;
pub mod templates;
pub mod view;
pub mod xlsx;
