//! A worksheet as a grid of values with its merged regions, read with calamine, and the
//! conversion of a cell to an exact amount.
//!
//! Excel stores binary doubles: a cell showing 284.57 may hold 284.57000000000005. Each
//! number is converted to the decimal it displays (2 places); a value that really has more
//! places is reported, never silently rounded.

use calamine::{Data, Reader};
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

/// One worksheet: `cells[row][col]`, 0-based, and the merged regions as
/// `(first_row, first_col, last_row, last_col)`.
pub struct Grid {
    pub name: String,
    pub cells: Vec<Vec<Data>>,
    pub merged: Vec<(usize, usize, usize, usize)>,
    /// The widest row's length, computed once.
    width: usize,
}

/// Limits far above any published table (表1 has 60 rows): a workbook past them is refused,
/// not read, so a hostile file cannot make the import allocate gigabytes.
pub const MAX_ROWS: usize = 20_000;
pub const MAX_COLS: usize = 200;
const MAX_CELLS: usize = 2_000_000;
const MAX_MERGES: usize = 20_000;
/// The uncompressed size of the whole archive, and its number of entries.
const MAX_INFLATED: u64 = 256 << 20;
const MAX_ENTRIES: usize = 2_000;

/// Every worksheet of the workbook, in order. Err is a message for exit code 2.
pub fn read(path: &Path) -> Result<Vec<Grid>, String> {
    let is_zip = std::fs::File::open(path).and_then(|mut f| {
        let mut magic = [0u8; 2];
        std::io::Read::read_exact(&mut f, &mut magic).map(|_| magic == *b"PK")
    });
    if is_zip.unwrap_or(false) {
        check_archive(path)?;
    }
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| format!("无法读取工作簿 {}：{e}", path.display()))?;
    let names = wb.sheet_names().to_vec();
    let mut grids = Vec::new();
    for name in names {
        let cells = match &mut wb {
            calamine::Sheets::Xlsx(x) => stream(x, &name)?,
            other => {
                // .xls is at most 65,536 × 256 cells by format; read whole, then bounded.
                let range = other.worksheet_range(&name).map_err(|e| format!("无法读取工作表 {name}：{e}"))?;
                let (r0, c0) = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
                if r0 + range.height() > MAX_ROWS || c0 + range.width() > MAX_COLS {
                    return Err(too_large(&name));
                }
                let mut cells = vec![Vec::new(); r0];
                for row in range.rows() {
                    let mut line = vec![Data::Empty; c0];
                    line.extend(row.iter().cloned());
                    cells.push(line);
                }
                cells
            }
        };
        let merged = match &mut wb {
            calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            #[allow(deprecated)]
            calamine::Sheets::Xls(x) => x.worksheet_merge_cells(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        if merged.len() > MAX_MERGES {
            return Err(too_large(&name));
        }
        let merged = merged.iter().map(|d| (d.start.0 as usize, d.start.1 as usize, d.end.0 as usize, d.end.1 as usize)).collect();
        let width = cells.iter().map(Vec::len).max().unwrap_or(0);
        grids.push(Grid { name, cells, merged, width });
    }
    Ok(grids)
}

fn too_large(sheet: &str) -> String {
    format!("工作表 {sheet} 超出导入的上限（{MAX_ROWS} 行、{MAX_COLS} 列、{MAX_MERGES} 个合并单元格）：公开表远小于此，请只保留公开表的工作表")
}

/// The cells of an .xlsx sheet, read one by one (never a dense range sized by the farthest
/// cell), stopping at the limits.
fn stream<RS: std::io::Read + std::io::Seek>(x: &mut calamine::Xlsx<RS>, name: &str) -> Result<Vec<Vec<Data>>, String> {
    let err = |e: calamine::XlsxError| format!("无法读取工作表 {name}：{e}");
    let mut reader = x.worksheet_cells_reader(name).map_err(err)?;
    let mut cells: Vec<Vec<Data>> = Vec::new();
    let mut count = 0usize;
    while let Some(cell) = reader.next_cell().map_err(err)? {
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize, c as usize);
        count += 1;
        if r >= MAX_ROWS || c >= MAX_COLS || count > MAX_CELLS {
            return Err(too_large(name));
        }
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty {
            continue;
        }
        if cells.len() <= r {
            cells.resize(r + 1, Vec::new());
        }
        if cells[r].len() <= c {
            cells[r].resize(c + 1, Data::Empty);
        }
        cells[r][c] = value;
    }
    Ok(cells)
}

/// Refuses an archive that would inflate past the limit or holds too many entries (a zip
/// bomb), from its central directory, before anything is decompressed.
fn check_archive(path: &Path) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("无法读取工作簿 {}：{e}", path.display()))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| format!("无法读取工作簿 {}：不是有效的 .xlsx（{e}）", path.display()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!("工作簿 {} 有 {} 个内部文件，超出上限 {MAX_ENTRIES}：不像决算软件或门户导出的工作簿", path.display(), zip.len()));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map(|e| e.size()).unwrap_or(0);
        total = total.saturating_add(size);
        if total > MAX_INFLATED {
            return Err(format!("工作簿 {} 解压后超过 {} MiB，未读取：公开表的工作簿远小于此", path.display(), MAX_INFLATED >> 20));
        }
    }
    Ok(())
}

impl Grid {
    pub fn height(&self) -> usize {
        self.cells.len()
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn get(&self, r: usize, c: usize) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.cells.get(r).and_then(|row| row.get(c)).unwrap_or(&EMPTY)
    }

    /// The cell's text, trimmed; a merged cell's text is its region's first cell's.
    pub fn text(&self, r: usize, c: usize) -> String {
        let (r, c) = self.origin(r, c);
        clean(&self.get(r, c).to_string())
    }

    /// The first cell of the merged region holding (r, c), or (r, c) itself.
    pub fn origin(&self, r: usize, c: usize) -> (usize, usize) {
        self.merged.iter().find(|m| (m.0..=m.2).contains(&r) && (m.1..=m.3).contains(&c)).map_or((r, c), |m| (m.0, m.1))
    }

    /// Whether (r, c) is inside a merged region but not its first cell.
    pub fn covered(&self, r: usize, c: usize) -> bool {
        self.origin(r, c) != (r, c)
    }

    /// `表5!E12`: the sheet and the cell in A1 notation.
    pub fn at(&self, r: usize, c: usize) -> String {
        format!("{}!{}", self.name, a1(r, c))
    }

    /// All the text of a row, joined, for finding titles and the unit line.
    pub fn row_text(&self, r: usize) -> String {
        (0..self.width()).filter(|c| !self.covered(r, *c)).map(|c| self.text(r, c)).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ")
    }
}

/// A1 notation of a 0-based cell: (11, 4) → E12.
pub fn a1(r: usize, c: usize) -> String {
    let mut col = String::new();
    let mut n = c + 1;
    while n > 0 {
        let d = (n - 1) % 26;
        col.insert(0, (b'A' + d as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{col}{}", r + 1)
}

/// Whitespace (also full-width and zero-width) removed from both ends and line breaks inside.
pub fn clean(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '\n' | '\r' | '\t' | '\u{200b}')).collect::<String>().trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}').to_string()
}

/// What an amount cell holds.
#[derive(Debug, PartialEq)]
pub enum Amount {
    Empty,
    Value(Decimal),
    /// Not a number: the text as found.
    NotNumber(String),
    /// A number with more than 2 decimal places that is not a float artefact: the value read.
    TooPrecise(Decimal),
}

/// The amount of a cell: numbers stored as numbers or as text, with or without thousands
/// separators; "-", "—" and "" are empty (the published tables print zero as blank or a dash).
pub fn amount(d: &Data) -> Amount {
    match d {
        Data::Empty => Amount::Empty,
        Data::Int(i) => Amount::Value(Decimal::from(*i)),
        Data::Float(f) => float(*f),
        Data::String(s) => text_amount(s),
        Data::Bool(_) | Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) | Data::Error(_) => Amount::NotNumber(d.to_string()),
    }
}

/// A double as the decimal Excel displays with 2 places: its shortest round-trip text is
/// parsed exactly, then rounded to 2 places when the rest is only binary noise.
fn float(f: f64) -> Amount {
    if !f.is_finite() {
        return Amount::NotNumber(f.to_string());
    }
    let Ok(exact) = Decimal::from_str(&format!("{f}")).or_else(|_| Decimal::from_scientific(&format!("{f:e}"))) else {
        return Amount::NotNumber(f.to_string());
    };
    let two = exact.round_dp(2);
    if exact.scale() <= 2 {
        return Amount::Value(exact.normalize());
    }
    // Noise is far below a cent: 284.57000000000005 differs from 284.57 by 5e-14.
    let noise = Decimal::new(1, 7) * Decimal::ONE.max(two.abs());
    if (exact - two).abs() <= noise { Amount::Value(two.normalize()) } else { Amount::TooPrecise(exact) }
}

fn text_amount(s: &str) -> Amount {
    let t: String = clean(s).chars().filter(|c| !matches!(c, ',' | '，' | ' ')).collect();
    if t.is_empty() || matches!(t.as_str(), "-" | "—" | "——" | "－" | "/") {
        return Amount::Empty;
    }
    match Decimal::from_str(&t) {
        Ok(d) if d.scale() > 2 && d.normalize().scale() > 2 => Amount::TooPrecise(d),
        Ok(d) => Amount::Value(d.normalize()),
        Err(_) => Amount::NotNumber(clean(s)),
    }
}

/// A 科目编码 as text: numbers stored as numbers lose nothing for codes without a leading
/// zero (功能分类 2…, 经济分类 3…), so they are taken as their digits.
pub fn code(d: &Data) -> String {
    match d {
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => clean(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_become_the_decimal_they_display() {
        assert_eq!(float(284.57000000000005), Amount::Value(Decimal::from_str("284.57").unwrap()));
        assert_eq!(float(0.1 + 0.2), Amount::Value(Decimal::from_str("0.3").unwrap()));
        assert_eq!(float(707.12), Amount::Value(Decimal::from_str("707.12").unwrap()));
        assert_eq!(float(12.0), Amount::Value(Decimal::from(12)));
        assert_eq!(float(1.234), Amount::TooPrecise(Decimal::from_str("1.234").unwrap()));
        assert_eq!(float(-3.5), Amount::Value(Decimal::from_str("-3.5").unwrap()));
    }

    #[test]
    fn text_numbers_with_separators() {
        assert_eq!(text_amount(" 1,234.50 "), Amount::Value(Decimal::from_str("1234.5").unwrap()));
        assert_eq!(text_amount("—"), Amount::Empty);
        assert_eq!(text_amount("12.345"), Amount::TooPrecise(Decimal::from_str("12.345").unwrap()));
        assert_eq!(text_amount("12.300"), Amount::Value(Decimal::from_str("12.3").unwrap()));
        assert_eq!(text_amount("见附表"), Amount::NotNumber("见附表".into()));
    }

    #[test]
    fn a1_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(11, 4), "E12");
        assert_eq!(a1(0, 26), "AA1");
    }
}
