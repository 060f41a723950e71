//! What every kind's template-driven parts share: rendering a part's section templates into
//! the document in the profile's order (titles numbered by position, lists, charts), and
//! the cover title broken to fit the page.

use super::profile::Profile;
use super::sections::{Line, Sections};
use super::view::Document;
use crate::core::money::cn;

/// What the template-driven parts are rendered from.
pub struct Parts<'a> {
    pub p: &'a Profile,
    pub ctx: &'a minijinja::Value,
    pub sections: &'a Sections,
    pub charts: &'a [(&'static str, Option<String>)],
    /// The tables a section can place with `!table KEY`; None for one with nothing to show.
    pub tables: &'a [(&'static str, Option<super::view::Table>)],
    /// Charts printed so far: a caption "图N：…" is numbered by position, so a chart left out
    /// leaves no gap.
    pub figures: std::cell::Cell<usize>,
}

impl Parts<'_> {
    /// Renders the profile's sections of `part` into the document: titles numbered by position.
    pub fn sections_into(&self, d: &mut Document, part: &str) -> Result<(), String> {
        let (s, p, ctx, charts) = (self.sections, self.p, self.ctx, self.charts);
        let ids = p.part_sections.get(part).cloned().unwrap_or_default();
        let mut n = 0;
        for id in &ids {
            let name = format!("{part}/{id}.j2");
            if !s.has(&name) {
                return Err(format!("城市模板 {} 的 part_sections.{part} 列出了 {id}，但没有模板 sections/{name}", p.name));
            }
            let mut items: Vec<String> = Vec::new();
            for line in s.render(&name, ctx)? {
                if !matches!(line, Line::Item(_)) {
                    d.list(std::mem::take(&mut items));
                }
                match line {
                    Line::Title(t) => {
                        let t = p.section_titles.get(&format!("{part}/{id}")).cloned().unwrap_or(t);
                        d.heading(2, format!("{}、{t}", cn(n)));
                        n += 1;
                    }
                    Line::Sub(t) => d.heading(3, t),
                    Line::Item(t) => items.push(t),
                    Line::Para(t) => d.para(t),
                    Line::Break => {}
                    Line::Table(key) => match self.tables.iter().find(|t| t.0 == key) {
                        Some((_, Some(t))) => d.table(t.clone()),
                        Some((_, None)) => {}
                        None => {
                            let keys: Vec<&str> = self.tables.iter().map(|t| t.0).collect();
                            return Err(format!("{}: 没有名为 {key:?} 的表（可用：{}）", s.origin.get(&name).cloned().unwrap_or(name.clone()), if keys.is_empty() { "无".to_string() } else { keys.join("、") }));
                        }
                    },
                    Line::Figure(key, caption) => match charts.iter().find(|c| c.0 == key) {
                        Some((_, Some(svg))) => {
                            self.figures.set(self.figures.get() + 1);
                            d.figure(numbered(&caption, self.figures.get()), svg.clone());
                        }
                        Some((_, None)) => {}
                        None => return Err(format!("{}: 没有名为 {key:?} 的图（可用：total、income、spend、fiscal）", s.origin.get(&name).cloned().unwrap_or(name.clone()))),
                    },
                }
            }
            d.list(items);
        }
        Ok(())
    }
}

/// "图2：收入决算结构" renumbered to the chart's position; a caption without "图N：" is kept.
fn numbered(caption: &str, n: usize) -> String {
    let rest = caption.strip_prefix('图').map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
    match rest.and_then(|r| r.strip_prefix('：').or_else(|| r.strip_prefix(':'))) {
        Some(title) if rest.is_some_and(|r| r.len() < caption.len() - '图'.len_utf8()) => format!("图{n}：{title}"),
        _ => caption.to_string(),
    }
}

/// The cover title on one line when it fits the page at the cover's 24pt; else broken
/// between its parts (年度, the name, the document), as few lines as fit, never inside a word.
pub fn cover_lines(parts: &[&str], page: &super::view::Page) -> Vec<String> {
    let paper_mm: u32 = match page.paper.as_str() {
        "a3" => 297,
        "a5" => 148,
        "iso-b5" => 176,
        "us-letter" => 216,
        _ => 210,
    };
    // At 24pt an em is 8.47 mm: a CJK character is one em, a digit or Latin letter about half.
    let fits = paper_mm.saturating_sub(page.left + page.right) as f32 / 8.47;
    let ems = |s: &str| s.chars().map(|c| if c.is_ascii() { 0.55 } else { 1.0 }).sum::<f32>();
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(l) if ems(l) + ems(part) <= fits => l.push_str(part),
            _ => lines.push(part.to_string()),
        }
    }
    lines
}
