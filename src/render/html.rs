//! HTML through minijinja with auto-escape on and strict undefined: the same document data
//! as the PDF, one self-contained file.

use super::view::Document;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};

pub const TEMPLATE: &str = include_str!("../../templates/default/report.html.j2");

pub fn render(doc: &Document) -> Result<String, String> {
    render_with(doc, TEMPLATE, "templates/default/report.html.j2")
}

/// Renders with a template text (a user's override), `name` for error messages.
pub fn render_with(doc: &Document, template: &str, name: &str) -> Result<String, String> {
    render_page(doc, template, name, &[])
}

/// A link from the page to one of its twins, written next to it: `label` ("Excel") and the
/// file name, which `href` percent-encodes into a relative link.
#[derive(serde::Serialize, Clone, Debug)]
pub struct Download {
    pub label: String,
    pub href: String,
}

impl Download {
    pub fn new(label: impl Into<String>, file: &str) -> Download {
        Download { label: label.into(), href: href(file) }
    }
}

/// A file name as a relative URL: every byte but A–Z a–z 0–9 - . _ ~ percent-encoded, so a
/// name is only ever a path (never a scheme, query or fragment).
fn href(file: &str) -> String {
    file.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// Renders with the links to the twins written next to the page (`downloads`: the template
/// variable of that name, empty when none are written).
pub fn render_page(doc: &Document, template: &str, name: &str, downloads: &[Download]) -> Result<String, String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Every template ending in .html.j2 escapes everything not explicitly marked safe.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    // A user's page may `{% extends "default/report.html.j2" %}` and override only its named
    // blocks (extra_style, cover, before_main, after_main).
    env.add_template("default/report.html.j2", TEMPLATE).map_err(|e| format!("templates/default/report.html.j2: {e:#}"))?;
    env.add_template("report.html.j2", template).map_err(|e| format!("{name}: {e:#}"))?;
    let tmpl = env.get_template("report.html.j2").map_err(|e| e.to_string())?;
    tmpl.render(minijinja::context! { doc => minijinja::Value::from(minijinja::value::Serde(doc)), downloads => minijinja::Value::from(minijinja::value::Serde(downloads)) })
        .map_err(|e| format!("{name}:{}: {e:#}", e.line().unwrap_or(0)))
}
