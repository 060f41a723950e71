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
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Every template ending in .html.j2 escapes everything not explicitly marked safe.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    // A user's page may `{% extends "default/report.html.j2" %}` and override only its named
    // blocks (extra_style, cover, before_main, after_main).
    env.add_template("default/report.html.j2", TEMPLATE).map_err(|e| format!("templates/default/report.html.j2: {e:#}"))?;
    env.add_template("report.html.j2", template).map_err(|e| format!("{name}: {e:#}"))?;
    let tmpl = env.get_template("report.html.j2").map_err(|e| e.to_string())?;
    tmpl.render(minijinja::context! { doc => minijinja::Value::from(minijinja::value::Serde(doc)) })
        .map_err(|e| format!("{name}:{}: {e:#}", e.line().unwrap_or(0)))
}
