//! Finding a published table in a worksheet: its title, its unit, its header band (two or
//! three rows of merged cells, then the 栏次 row) and the rows below it.
//!
//! Column headers are read top to bottom through the merged regions, so the column under
//! “本年支出” and “基本支出” is labelled `本年支出/基本支出` whatever its layout. Fields are then
//! picked by the words of that label, never by column position: portals and the 决算
//! software order and split their columns differently.

use super::sheet::{self, Amount, Grid};

/// One table found in a sheet.
pub struct Table<'g> {
    pub grid: &'g Grid,
    /// `表5`, the table's number in its set.
    pub id: &'static str,
    /// The title as printed (“2020年度一般公共预算财政拨款支出决算表”).
    pub title: String,
    /// “部门：…” / “编制单位：…” when the sheet has it.
    pub dept: Option<String>,
    /// The unit line's word: 万元 (default), 元.
    pub unit: String,
    /// Label of each column, header rows joined with `/`.
    pub labels: Vec<String>,
    /// Rows below the header band (栏次 row skipped), 0-based.
    pub body: Vec<usize>,
}

/// The tables of a document kind: (id, words the title must contain, words it must not).
pub type Catalogue = &'static [(&'static str, &'static [&'static str], &'static [&'static str])];

/// Which table of the catalogue a sheet holds: by the words of its title (more specific
/// titles first in the catalogue), else by “表N” in the title or the sheet's name.
pub fn identify(g: &Grid, catalogue: Catalogue) -> Option<(&'static str, String)> {
    let title = (0..g.height().min(4)).map(|r| g.row_text(r)).find(|t| t.contains('表')).unwrap_or_default();
    let hay = format!("{title} {}", g.name);
    for (id, must, not) in catalogue {
        if must.iter().all(|w| hay.contains(w)) && !not.iter().any(|w| hay.contains(w)) {
            return Some((id, title.clone()));
        }
    }
    catalogue.iter().find(|(id, _, _)| numbered(&hay, id)).map(|(id, _, _)| (*id, title))
}

/// “表5” in the text, not followed by another digit (表5 ≠ 表51).
fn numbered(hay: &str, id: &str) -> bool {
    hay.match_indices(id).any(|(i, m)| !hay[i + m.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

/// Reads the header band and body of a sheet identified as `id`.
pub fn read<'g>(grid: &'g Grid, id: &'static str, title: String) -> Table<'g> {
    let (mut dept, mut unit) = (None, "万元".to_string());
    let start = header_start(grid);
    for r in 0..start {
        let t = grid.row_text(r);
        for word in ["部门：", "编制单位：", "单位名称：", "编制部门："] {
            if let Some(rest) = t.split(word).nth(1) {
                dept = rest.split_whitespace().next().map(str::to_string).filter(|d| !d.is_empty());
            }
        }
        if let Some(rest) = t.split("单位：").last().filter(|_| t.contains("单位：")) {
            let u = rest.split_whitespace().next().unwrap_or("");
            if u.starts_with('元') || u.starts_with("万元") {
                unit = if u.starts_with('元') { "元".into() } else { "万元".into() };
            }
        }
    }
    // The body starts after the 栏次 row when there is one (表1 and 表4 have label rows as
    // body), else at the first row of codes or amounts.
    let numbers = (start..grid.height().min(start + 6)).find(|r| is_column_numbers(grid, *r));
    let end = numbers.map(|r| r + 1).or_else(|| (start..grid.height()).find(|r| is_body_row(grid, *r))).unwrap_or(grid.height());
    let labels = (0..grid.width()).map(|c| label(grid, start..end, c)).collect();
    let body = (end..grid.height()).filter(|r| !is_column_numbers(grid, *r) && !grid.row_text(*r).is_empty()).collect();
    Table { grid, id, title, dept, unit, labels, body }
}

/// The first row of the header band: the first row naming a column (项目, 科目编码, …).
fn header_start(g: &Grid) -> usize {
    const WORDS: [&str; 10] = ["项目", "科目编码", "科目名称", "预算数", "决算数", "收入", "支出", "人员经费", "因公出国", "合计"];
    (0..g.height()).find(|r| {
        let t = g.row_text(*r);
        !t.contains('表') && !t.contains("单位：") && WORDS.iter().any(|w| t.contains(w))
    }).unwrap_or(0)
}

/// A body row: its first cell is 合计/总计 or a 科目编码, or the row holds amounts only.
fn is_body_row(g: &Grid, r: usize) -> bool {
    if is_column_numbers(g, r) {
        return false;
    }
    let first = g.text(r, 0);
    let numbers_only = |from: usize| (from..g.width()).all(|c| g.covered(r, c) || !matches!(sheet::amount(g.get(r, c)), Amount::NotNumber(_)));
    if is_code(&first) {
        return true;
    }
    // A 合计 row holds amounts after its label; a header cell “合计” has labels beside it.
    if first.contains("合计") || first.contains("总计") {
        return numbers_only(1);
    }
    !g.row_text(r).is_empty() && numbers_only(0)
}

/// The 栏次 row: “栏次”, or the column numbers 1, 2, 3 … in order.
fn is_column_numbers(g: &Grid, r: usize) -> bool {
    let cells: Vec<String> = (0..g.width()).filter(|c| !g.covered(r, *c)).map(|c| g.text(r, c)).filter(|t| !t.is_empty()).collect();
    if cells.iter().any(|t| t == "栏次") {
        return true;
    }
    cells.len() >= 3 && cells.iter().enumerate().all(|(i, t)| *t == (i + 1).to_string())
}

/// 3, 5 or 7 digits (功能分类 类/款/项, 经济分类 类/款 with 3 or 5).
pub fn is_code(t: &str) -> bool {
    matches!(t.len(), 3 | 5 | 7) && t.chars().all(|c| c.is_ascii_digit())
}

fn label(g: &Grid, rows: std::ops::Range<usize>, c: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    for r in rows.filter(|r| !is_column_numbers(g, *r)) {
        let t = g.text(r, c);
        if !t.is_empty() && parts.last() != Some(&t) {
            parts.push(t);
        }
    }
    parts.join("/")
}

impl Table<'_> {
    /// The first column whose label has every word and none of `not`.
    pub fn col(&self, words: &[&str], not: &[&str]) -> Option<usize> {
        self.labels.iter().position(|l| words.iter().all(|w| l.contains(w)) && !not.iter().any(|w| l.contains(w)))
    }

    /// The column whose label's last part is exactly one of `names` (“类”, “款”, “项”).
    pub fn col_last(&self, names: &[&str]) -> Option<usize> {
        self.labels.iter().position(|l| names.contains(&l.rsplit('/').next().unwrap_or("")))
    }

    /// The 科目编码 of a body row: one column, or 类/款/项 split (款 and 项 two digits each,
    /// or each column holding the full code of its level).
    pub fn code(&self, r: usize) -> String {
        let g = self.grid;
        let (lei, kuan, xiang) = (self.col_last(&["类"]), self.col_last(&["款"]), self.col_last(&["项"]));
        if let (Some(a), Some(b), Some(c)) = (lei, kuan, xiang)
            && g.origin(r, a) != g.origin(r, b)
        {
            let parts = [a, b, c].map(|col| if g.covered(r, col) { String::new() } else { sheet::code(g.get(r, col)) });
            if is_code(&parts[2]) && parts[2].len() == 7 {
                return parts[2].clone();
            }
            return parts.concat();
        }
        let col = self.col(&["编码"], &[]).or(lei).unwrap_or(0);
        let (or, oc) = g.origin(r, col);
        sheet::code(g.get(or, oc))
    }

    /// The 科目名称 of a body row, if the table has that column.
    pub fn name(&self, r: usize) -> Option<String> {
        self.col(&["名称"], &[]).map(|c| self.grid.text(r, c)).filter(|t| !t.is_empty())
    }

    /// Whether a body row is the table's 合计 row.
    pub fn is_total(&self, r: usize) -> bool {
        let g = self.grid;
        let first = g.text(r, 0);
        first.contains("合计") || first.contains("总计") || self.name(r).is_some_and(|n| n == "合计")
    }
}
