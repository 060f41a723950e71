//! The workbook twin of a report (`<name>.xlsx`, rust_xlsxwriter): one sheet per table of the
//! `Document`, laid out as the PDF prints it. A title row (the caption), the 部门/单位 row,
//! the header rows with their colspan/rowspan as merged ranges (the 栏次 row included), the
//! body and the notes. Amount cells (`Cell::value`) are numbers with the format `0.00`. Every
//! other cell is text, so a code like 2010301 keeps its digits. The header rows are frozen and
//! repeat on every printed page (A4 landscape, one page wide). Column widths come from the
//! content, a CJK character counting as two. The document properties carry a fixed date, so
//! two builds give the same bytes.

use super::view::{Block, Cell, Document, Table};
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

/// What the workbook's document properties say.
pub struct Meta<'a> {
    pub title: &'a str,
    /// The department (author and company).
    pub author: &'a str,
    /// The kind and year: "部门决算 2020年度".
    pub subject: String,
    pub keywords: String,
    /// (year, month, day, hour, minute, second), UTC: `core::data::build_date`.
    pub created: (i32, u32, u32, u32, u32, u32),
}

/// The tables of a document, in order.
pub fn tables(doc: &Document) -> Vec<&Table> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The workbook, or None for a document without tables.
pub fn render(doc: &Document, meta: &Meta) -> Result<Option<Vec<u8>>, String> {
    let list = tables(doc);
    if list.is_empty() {
        return Ok(None);
    }
    build(&list, meta).map(Some).map_err(|e| format!("Excel 生成失败：{e}"))
}

fn build(list: &[&Table], meta: &Meta) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let (y, mo, d, h, mi, s) = meta.created;
    let created = ExcelDateTime::from_ymd(y.clamp(1900, 9999) as u16, mo as u8, d as u8)?.and_hms(h as u16, mi as u8, s as u8)?;
    let props = DocProperties::new()
        .set_title(meta.title)
        .set_author(meta.author)
        .set_company(meta.author)
        .set_subject(meta.subject.as_str())
        .set_keywords(meta.keywords.as_str())
        .set_comment("由 gen-report 生成：与同名 PDF 的表格相同，金额单位万元（另注明的除外）")
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    let names = sheet_names(list);
    for (t, name) in list.iter().zip(names) {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        sheet(ws, t)?;
    }
    wb.save_to_buffer()
}

/// A cell placed on the grid: (row, column, cell).
type Placed<'a> = (usize, usize, &'a Cell);

/// Places rows of cells with colspan/rowspan on a grid, as an HTML table does: each cell
/// takes the next column its row has free. Returns the placed cells and the column count.
fn place(rows: &[Vec<Cell>]) -> (Vec<Placed<'_>>, usize) {
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut out = Vec::new();
    let mut width = 0;
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while taken.get(r).and_then(|x| x.get(c)).copied().unwrap_or(false) {
                c += 1;
            }
            let (cs, rs) = (cell.colspan.max(1) as usize, cell.rowspan.max(1) as usize);
            for rr in r..r + rs {
                if taken.len() <= rr {
                    taken.resize(rr + 1, Vec::new());
                }
                if taken[rr].len() < c + cs {
                    taken[rr].resize(c + cs, false);
                }
                for x in &mut taken[rr][c..c + cs] {
                    *x = true;
                }
            }
            out.push((r, c, cell));
            c += cs;
            width = width.max(c);
        }
    }
    (out, width)
}

/// The text as a spreadsheet shows it: without the break hints the PDF needs.
fn clean(s: &str) -> String {
    s.replace(['\u{200B}', '\u{00AD}'], "")
}

/// Display width in Excel's character units: a CJK character counts two.
fn text_width(s: &str) -> f64 {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as f64
}

const FONT: &str = "宋体";
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 48.0;
const LINE_HEIGHT: f64 = 15.0;

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(10).set_align(FormatAlign::VerticalCenter).set_text_wrap()
}

fn cell_format(cell: &Cell, header: bool) -> Format {
    let mut f = base().set_border(FormatBorder::Thin);
    f = f.set_align(match cell.align {
        "center" => FormatAlign::Center,
        "right" => FormatAlign::Right,
        _ => FormatAlign::Left,
    });
    if header {
        f = f.set_bold().set_background_color(Color::RGB(0xEEF0F3)).set_align(FormatAlign::Center);
    }
    if cell.bold {
        f = f.set_bold();
    }
    if cell.value.is_some() {
        f = f.set_num_format("0.00");
    }
    f
}

fn sheet(ws: &mut Worksheet, t: &Table) -> Result<(), XlsxError> {
    let all: Vec<Vec<Cell>> = t.header.iter().chain(t.rows.iter()).cloned().collect();
    let (placed, grid_cols) = place(&all);
    let ncols = grid_cols.max(1);
    let last = (ncols - 1) as u16;
    let nh = t.header.len();

    // Column widths: single-column cells first, then spanning cells widen their columns evenly.
    let mut widths = vec![MIN_WIDTH; ncols];
    for (_, c, cell) in placed.iter().filter(|(_, _, cell)| cell.colspan <= 1) {
        widths[*c] = widths[*c].max(text_width(&clean(&cell.text)) + 2.0);
    }
    for (_, c, cell) in placed.iter().filter(|(_, _, cell)| cell.colspan > 1) {
        let span = (*c..(*c + cell.colspan as usize).min(ncols)).collect::<Vec<_>>();
        let have: f64 = span.iter().map(|i| widths[*i]).sum();
        let need = text_width(&clean(&cell.text)) + 2.0;
        if need > have {
            let add = (need - have) / span.len() as f64;
            span.iter().for_each(|i| widths[*i] += add);
        }
    }
    for w in widths.iter_mut() {
        *w = w.min(MAX_WIDTH).round();
    }
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    let total_width: f64 = widths.iter().sum();
    let lines = |text: &str, width: f64| -> f64 { text.lines().map(|l| (UnicodeWidthStr::width(l) as f64 / (width - 1.0).max(1.0)).ceil().max(1.0)).sum::<f64>().max(1.0) };

    // Title row and the 部门/单位 row.
    let mut row: u32 = 0;
    let title = base().set_bold().set_font_size(14).set_align(FormatAlign::Center);
    merge_or_write(ws, row, 0, row, last, &clean(&t.caption), &title)?;
    ws.set_row_height(row, 24.0_f64.max(LINE_HEIGHT * 1.4 * lines(&clean(&t.caption), total_width / 1.4)))?;
    row += 1;
    if !t.dept.is_empty() || !t.unit.is_empty() {
        let left = base().set_align(FormatAlign::Left);
        let right = base().set_align(FormatAlign::Right);
        if ncols >= 2 {
            merge_or_write(ws, row, 0, row, last.saturating_sub(1), &clean(&t.dept), &left)?;
            ws.write_string_with_format(row, last, clean(&t.unit), &right)?;
        } else {
            ws.write_string_with_format(row, 0, clean(&format!("{} {}", t.dept, t.unit)), &left)?;
        }
        row += 1;
    }

    // Header and body.
    let first = row;
    let mut heights = vec![1.0_f64; all.len()];
    for (r, c, cell) in &placed {
        let span_w: f64 = widths[*c..(*c + cell.colspan.max(1) as usize).min(ncols)].iter().sum();
        let per_row = lines(&clean(&cell.text), span_w) / cell.rowspan.max(1) as f64;
        heights[*r] = heights[*r].max(per_row.ceil());
    }
    for (r, c, cell) in &placed {
        let (r0, c0) = (first + *r as u32, *c as u16);
        let r1 = r0 + cell.rowspan.max(1) - 1;
        let c1 = (c0 + cell.colspan.max(1) as u16 - 1).min(last);
        let fmt = cell_format(cell, *r < nh);
        let text = clean(&cell.text);
        if r1 > r0 || c1 > c0 {
            merge_or_write(ws, r0, c0, r1, c1, if cell.value.is_some() { "" } else { &text }, &fmt)?;
        }
        match cell.value {
            Some(v) => {
                ws.write_number_with_format(r0, c0, rust_decimal::prelude::ToPrimitive::to_f64(&v).unwrap_or(0.0), &fmt)?;
            }
            None if text.is_empty() => {
                ws.write_blank(r0, c0, &fmt)?;
            }
            None => {
                ws.write_string_with_format(r0, c0, &text, &fmt)?;
            }
        }
    }
    // Empty grid positions of a ragged row still get a border.
    let mut filled = vec![vec![false; ncols]; all.len()];
    for (r, c, cell) in &placed {
        let cols = *c..(*c + cell.colspan.max(1) as usize).min(ncols);
        for row in filled.iter_mut().skip(*r).take(cell.rowspan.max(1) as usize) {
            row[cols.clone()].iter_mut().for_each(|x| *x = true);
        }
    }
    for (r, cols) in filled.iter().enumerate() {
        for (c, f) in cols.iter().enumerate() {
            if !f {
                ws.write_blank(first + r as u32, c as u16, &base().set_border(FormatBorder::Thin))?;
            }
        }
    }
    for (r, h) in heights.iter().enumerate() {
        if *h > 1.0 {
            ws.set_row_height(first + r as u32, LINE_HEIGHT * h)?;
        }
    }
    row = first + all.len() as u32;

    // Notes under the table, each across the whole width.
    if !t.notes.is_empty() {
        row += 1;
        let note = base().set_align(FormatAlign::Left);
        for n in &t.notes {
            let text = clean(n);
            merge_or_write(ws, row, 0, row, last, &text, &note)?;
            ws.set_row_height(row, LINE_HEIGHT * lines(&text, total_width))?;
            row += 1;
        }
    }

    // Frozen and repeated header rows; A4 landscape, one page wide.
    if nh > 0 {
        ws.set_freeze_panes(first + nh as u32, 0)?;
        ws.set_repeat_rows(0, first + nh as u32 - 1)?;
    }
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// Merges a range and writes `text` into it; a single cell is just written. A merge that
/// cannot be made (an overlap in a malformed table) writes the first cell alone.
fn merge_or_write(ws: &mut Worksheet, r0: u32, c0: u16, r1: u32, c1: u16, text: &str, fmt: &Format) -> Result<(), XlsxError> {
    if (r1 > r0 || c1 > c0) && ws.merge_range(r0, c0, r1, c1, text, fmt).is_ok() {
        return Ok(());
    }
    if text.is_empty() {
        ws.write_blank(r0, c0, fmt)?;
    } else {
        ws.write_string_with_format(r0, c0, text, fmt)?;
    }
    Ok(())
}

/// Excel's sheet-name limits: at most 31 characters (UTF-16 units), none of `[]:*?/\`, not
/// starting or ending with an apostrophe, unique ignoring case, not "History".
const MAX_NAME: usize = 31;

/// One name per table: "表1 收入支出决算总表" for a numbered table (the year and the number's
/// brackets moved out of the caption), else the caption without its year; unique.
pub fn sheet_names(list: &[&Table]) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (i, t) in list.iter().enumerate() {
        let base = sheet_base(&clean(&t.caption)).unwrap_or_else(|| format!("表格{}", i + 1));
        let mut name = truncate(&base, MAX_NAME);
        let mut n = 2;
        while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) || name.eq_ignore_ascii_case("history") {
            let suffix = format!("({n})");
            name = format!("{}{suffix}", truncate(&base, MAX_NAME - suffix.len()));
            n += 1;
        }
        used.push(name.clone());
        out.push(name);
    }
    out
}

fn sheet_base(caption: &str) -> Option<String> {
    let mut s: String = caption.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).collect();
    s = s.trim().trim_matches('\'').trim().to_string();
    // "（表7）" at the end: the number goes first.
    let mut number = None;
    for (open, close) in [("（表", "）"), ("(表", ")")] {
        if let Some(stripped) = s.strip_suffix(close)
            && let Some(at) = stripped.rfind(open)
        {
            let n = &stripped[at + open.len()..];
            if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                number = Some(n.to_string());
                s = stripped[..at].to_string();
                break;
            }
        }
    }
    // "2020年度" / "2020年" at the start.
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 4 {
        let rest = &s[4..];
        s = rest.strip_prefix("年度").or_else(|| rest.strip_prefix('年')).unwrap_or(rest).to_string();
    }
    let s = s.trim().to_string();
    match (number, s.is_empty()) {
        (Some(n), false) => Some(format!("表{n} {s}")),
        (Some(n), true) => Some(format!("表{n}")),
        (None, false) => Some(s),
        (None, true) => None,
    }
}

/// The longest prefix of at most `max` UTF-16 units.
fn truncate(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    for c in s.chars() {
        n += c.len_utf16();
        if n > max {
            break;
        }
        out.push(c);
    }
    out.trim_end_matches('\'').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(caption: &str) -> Table {
        Table { id: "t".into(), caption: caption.into(), dept: String::new(), unit: String::new(), landscape: false, widths: vec![], header: vec![], rows: vec![], notes: vec![], headings: vec![] }
    }

    #[test]
    fn sheet_names_from_captions() {
        let ts = [table("2020年度收入支出决算总表（表1）"), table("2021年项目支出表（表10）"), table("2020年度全区稳定工作经费项目自评表"), table("2020年度全区稳定工作经费项目自评表"), table("a[b]:c*?/\\"), table("")];
        let refs: Vec<&Table> = ts.iter().collect();
        let names = sheet_names(&refs);
        assert_eq!(names[0], "表1 收入支出决算总表");
        assert_eq!(names[1], "表10 项目支出表");
        assert_eq!(names[2], "全区稳定工作经费项目自评表");
        assert_eq!(names[3], "全区稳定工作经费项目自评表(2)");
        assert_eq!(names[4], "a_b__c____");
        assert_eq!(names[5], "表格6");
        let long = table(&"很".repeat(40));
        assert_eq!(sheet_names(&[&long])[0].chars().count(), 31);
    }

    #[test]
    fn spans_are_placed_like_html() {
        let rows = vec![vec![Cell::c("a").span(1, 2), Cell::c("b").span(2, 1)], vec![Cell::c("c"), Cell::c("d")]];
        let (placed, w) = place(&rows);
        assert_eq!(w, 3);
        let pos: Vec<(usize, usize, &str)> = placed.iter().map(|(r, c, x)| (*r, *c, x.text.as_str())).collect();
        assert_eq!(pos, [(0, 0, "a"), (0, 1, "b"), (1, 1, "c"), (1, 2, "d")]);
    }
}
