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
    render_page(doc, template, name, &Links::default())
}

/// The links a page carries besides its own content (template variables of the same names):
/// `pdf`, the PDF written next to it; `downloads`, its twins; `portal`, in a tree build, the
/// way back to the portal (the index first, then the page of the department's city and year).
/// Empty when not written: a single-file build has no portal.
#[derive(Default, Clone, Debug)]
pub struct Links {
    pub pdf: Option<Download>,
    pub downloads: Vec<Download>,
    pub portal: Vec<Download>,
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

    /// A link to a relative path (`../../index.html`): each segment percent-encoded as a file
    /// name is, the separators kept.
    pub fn path(label: impl Into<String>, path: &str) -> Download {
        Download { label: label.into(), href: path.split('/').map(href).collect::<Vec<_>>().join("/") }
    }
}

/// A file name as a relative URL: every byte but A–Z a–z 0–9 - . _ ~ percent-encoded, so a
/// name is only ever a path (never a scheme, query or fragment).
fn href(file: &str) -> String {
    file.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// Renders with the links of the page (`pdf`, `downloads`, `portal`: the template variables
/// of those names, see `Links`).
pub fn render_page(doc: &Document, template: &str, name: &str, links: &Links) -> Result<String, String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Every template ending in .html.j2 escapes everything not explicitly marked safe.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_filter("cell_roles", |rows: minijinja::Value| minijinja::Value::from(minijinja::value::Serde(cell_roles(&rows))));
    env.add_filter("css_id", |id: &str| css_id(id));
    // A user's page may `{% extends "default/report.html.j2" %}` and override only its named
    // blocks (extra_style, cover, before_main, after_main).
    env.add_template("default/report.html.j2", TEMPLATE).map_err(|e| format!("templates/default/report.html.j2: {e:#}"))?;
    env.add_template("report.html.j2", template).map_err(|e| format!("{name}: {e:#}"))?;
    let tmpl = env.get_template("report.html.j2").map_err(|e| e.to_string())?;
    use minijinja::value::{Serde, Value};
    tmpl.render(minijinja::context! { doc => Value::from(Serde(doc)), downloads => Value::from(Serde(&links.downloads)), pdf => Value::from(Serde(&links.pdf)), portal => Value::from(Serde(&links.portal)) })
        .map_err(|e| format!("{name}:{}: {e:#}", e.line().unwrap_or(0)))
}

/// Whether an element id may be written into the page's style sheet as `#id` unescaped: an
/// ASCII letter, then letters, digits, `-` and `_` (every Document id is: t1, key-work).
pub fn css_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// What each body cell of a table is in the HTML (the `cell_roles` filter): per row, per
/// cell, `scope` ("row", "col", or "" for a data cell, a `<td>`) and `sticky` (the cell stays
/// in place when the table scrolls sideways on a phone).
#[derive(serde::Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Role {
    pub scope: &'static str,
    pub sticky: bool,
}

/// One body cell as the roles need it.
struct Cell {
    text: String,
    right: bool,
    colspan: usize,
    rowspan: usize,
    scope: Option<&'static str>,
}

/// The roles of the body cells of a table (`rows`: the Document's `Table::rows`).
///
/// Headers: the Document's `scope` marks, when it marks any cell of the table; else, for a
/// table without any (a user's own), each row's label: its first cell when that is a label
/// (text with a letter or a 汉字, not right-aligned as amounts are), or the cell after a
/// first cell that is only a code (科目编码 → 科目名称). A blank cell is never a header.
///
/// Sticky: the last grid column of row headers before the first column of amounts (表1: 项目;
/// 表2: 科目名称; a table without amounts: its first column of row headers); in each row the
/// cell that starts there (a blank label too), so one column stays put while the amounts
/// pass under it. A cell spanning it from further left (表2's 合计) scrolls, so it never
/// hides an amount of its row; nor does the rowspan of a row above (a 一级指标).
pub fn cell_roles(rows: &minijinja::Value) -> Vec<Vec<Role>> {
    let rows: Vec<Vec<Cell>> = rows
        .try_iter()
        .map(|it| {
            it.map(|r| {
                r.try_iter()
                    .map(|cells| {
                        cells
                            .map(|c| {
                                let s = |k: &str| c.get_attr(k).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                                let n = |k: &str| c.get_attr(k).ok().and_then(|v| usize::try_from(v).ok()).unwrap_or(1).max(1);
                                let scope = match s("scope").as_str() {
                                    "row" => Some("row"),
                                    "col" => Some("col"),
                                    _ => None,
                                };
                                Cell { text: s("text"), right: s("align") == "right", colspan: n("colspan"), rowspan: n("rowspan"), scope }
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect()
        })
        .unwrap_or_default();
    let marked = rows.iter().flatten().any(|c| c.scope.is_some());
    let mut roles: Vec<Vec<Role>> = rows
        .iter()
        .map(|row| {
            let guess = if marked { None } else { row_label(row) };
            row.iter()
                .enumerate()
                .map(|(i, c)| {
                    let scope = if marked { c.scope.unwrap_or("") } else if guess == Some(i) { "row" } else { "" };
                    Role { scope: if c.text.trim().is_empty() { "" } else { scope }, sticky: false }
                })
                .collect()
        })
        .collect();
    let grid = grid_columns(&rows);
    // The sticky column: the last column of row headers before the first column of data (表2:
    // the 科目名称 after the 科目编码; 表1: the income 项目, not the 支出 项目 after its amounts).
    // Without amounts (a form of labels and text), the first column of row headers.
    let amounts = grid.iter().zip(&rows).filter_map(|(xs, row)| row.iter().position(|c| c.right && !c.text.trim().is_empty()).map(|i| xs[i])).min();
    let heads: Vec<usize> = roles.iter().zip(&grid).flat_map(|(r, xs)| r.iter().zip(xs).filter(|(x, _)| x.scope == "row").map(|(_, x)| *x)).collect();
    let col = match amounts {
        Some(a) => heads.iter().filter(|x| **x < a).max(),
        None => heads.iter().min(),
    };
    let Some(&col) = col else { return roles };
    for (r, xs) in roles.iter_mut().zip(&grid) {
        if let Some(i) = xs.iter().position(|x| *x == col) {
            r[i].sticky = true;
        }
    }
    roles
}

/// A row's label when the Document marks none: see `cell_roles`.
fn row_label(row: &[Cell]) -> Option<usize> {
    let label = |c: &Cell| !c.right && c.text.chars().any(char::is_alphabetic);
    let code = |c: &Cell| !c.text.trim().is_empty() && c.text.trim().chars().all(|ch| ch.is_ascii_digit());
    match row {
        [first, ..] if label(first) => Some(0),
        [first, second, ..] if code(first) && label(second) => Some(1),
        _ => None,
    }
}

/// The grid column each cell starts at, with colspans and rowspans from the rows above, as
/// HTML places them.
fn grid_columns(rows: &[Vec<Cell>]) -> Vec<Vec<usize>> {
    let mut busy: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let (mut xs, mut x, mut placed) = (Vec::with_capacity(row.len()), 0, Vec::new());
        for c in row {
            while busy.get(x).is_some_and(|b| *b > 0) {
                x += 1;
            }
            xs.push(x);
            placed.push((x, c.colspan, c.rowspan));
            x += c.colspan;
        }
        busy.iter_mut().for_each(|b| *b = b.saturating_sub(1));
        for (x, cs, rs) in placed {
            if busy.len() < x + cs {
                busy.resize(x + cs, 0);
            }
            busy[x..x + cs].iter_mut().for_each(|b| *b = rs - 1);
        }
        out.push(xs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{cell_roles, Role};
    use crate::render::view::Cell;

    fn roles(rows: Vec<Vec<Cell>>) -> Vec<Vec<(&'static str, bool)>> {
        let v = minijinja::Value::from(minijinja::value::Serde(&rows));
        cell_roles(&v).into_iter().map(|r| r.into_iter().map(|Role { scope, sticky }| (scope, sticky)).collect()).collect()
    }

    /// Without marks: the label, or the name after a code; blanks and numbers are data. The
    /// sticky column is the names' (the last labels before the amounts).
    #[test]
    fn unmarked_tables_get_their_labels_as_row_headers() {
        let r = roles(vec![
            vec![Cell::c("合计").span(2, 1), Cell::r("7")],
            vec![Cell::l("201"), Cell::l("一般公共服务支出"), Cell::r("5")],
            vec![Cell::l("20103"), Cell::l("政府办公厅"), Cell::r("2")],
            vec![Cell::l(""), Cell::l(""), Cell::r("")],
        ]);
        assert_eq!(r[0], [("row", false), ("", false)], "a 合计 spanning the column from its left scrolls");
        assert_eq!(r[1], [("", false), ("row", true), ("", false)]);
        assert_eq!(r[3], [("", false), ("", true), ("", false)], "a blank cell is data, but keeps the column in place");
        let r = roles(vec![vec![Cell::r("2.5"), Cell::r("0")]]);
        assert_eq!(r[0], [("", false), ("", false)], "numbers only: no header, nothing sticks");
    }

    /// With marks: the Document's scopes as they are; the column of labels next to the
    /// amounts stays (二级指标 here), a 一级指标's rowspan scrolls.
    #[test]
    fn marked_tables_keep_their_scopes() {
        let r = roles(vec![
            vec![Cell::c("产出指标").span(1, 2).row_head(), Cell::c("数量指标").row_head(), Cell::r("1")],
            vec![Cell::c("质量指标").row_head(), Cell::r("2")],
            vec![Cell::c("预算数").col_head(), Cell::c("").row_head(), Cell::l("x")],
        ]);
        assert_eq!(r[0], [("row", false), ("row", true), ("", false)], "the labels next to the amounts stay");
        assert_eq!(r[1], [("row", true), ("", false)]);
        assert_eq!(r[2], [("col", false), ("", true), ("", false)], "a blank header is a data cell; nothing guessed");
    }
}
