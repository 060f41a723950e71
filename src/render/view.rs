//! The document as render-ready data: a flat list of blocks (headings, paragraphs, lists,
//! tables) with every number already formatted. The Typst template reads it as JSON and the
//! HTML template iterates it, so both formats show exactly the same text.

use schemars::JsonSchema;
use serde::Serialize;

#[derive(Serialize, JsonSchema, Clone, Debug, Default)]
pub struct Cell {
    pub text: String,
    #[serde(skip_serializing_if = "is_one")]
    pub colspan: u32,
    #[serde(skip_serializing_if = "is_one")]
    pub rowspan: u32,
    /// "left", "center" or "right"
    pub align: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    /// The number an amount cell shows (`text` read back), for the .xlsx twin, which stores it
    /// as a number; None for text, codes and blank cells. Not serialized: the PDF and the HTML
    /// print `text`.
    #[serde(skip)]
    pub value: Option<rust_decimal::Decimal>,
    /// A header cell outside the header rows: "row" labels the cells of its row (科目名称,
    /// 项目, the 一级/二级/三级指标 of a self-evaluation), "col" those below it (预算数（A） of
    /// a self-evaluation's execution block). Empty: a data cell. The cells of `Table::header`
    /// are column headers without it. PDF: `pdf.header-cell(scope: …)`; HTML: `<th scope>`.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub scope: &'static str,
    /// The level (2, 3) of the header inside the body this cell's row belongs to: the column
    /// titles of a self-evaluation's indicator block, repeated on each page the block continues
    /// on (Typst `table.header(level: …)`); 0 for a body row. 1: a body row that ends the
    /// headers above it (the 总分 and 偏差 rows after the indicators: no indicator titles are
    /// repeated over them). Set with `subheader`.
    #[serde(skip_serializing_if = "is_zero")]
    pub subhead: u8,
    /// The rows this cell spans stay on one page (a 一级指标 group), so its label is never
    /// left blank on the next page.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub keep: bool,
    /// A blank cell that continues the cell above it (the label of a self-evaluation's
    /// indicator block sits in the block's header row): no rule between the two.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub joined: bool,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

impl Cell {
    pub fn new(text: impl Into<String>, align: &'static str) -> Cell {
        Cell { text: text.into(), colspan: 1, rowspan: 1, align, bold: false, value: None, scope: "", subhead: 0, keep: false, joined: false }
    }
    pub fn l(t: impl Into<String>) -> Cell {
        Cell::new(t, "left")
    }
    pub fn c(t: impl Into<String>) -> Cell {
        Cell::new(t, "center")
    }
    pub fn r(t: impl Into<String>) -> Cell {
        Cell::new(t, "right")
    }
    pub fn span(mut self, colspan: u32, rowspan: u32) -> Cell {
        self.colspan = colspan;
        self.rowspan = rowspan;
        self
    }
    pub fn bold(mut self) -> Cell {
        self.bold = true;
        self
    }
    /// A header cell for the cells of its row (a label: 项目名称, 一级指标 …).
    pub fn row_head(mut self) -> Cell {
        self.scope = "row";
        self
    }
    /// A header cell for the cells below it, outside the header rows (预算数（A）).
    pub fn col_head(mut self) -> Cell {
        self.scope = "col";
        self
    }
    /// Keeps the rows this cell spans on one page.
    pub fn keep(mut self) -> Cell {
        self.keep = true;
        self
    }
    /// A blank cell continuing the cell above it (no rule between them).
    pub fn joined(mut self) -> Cell {
        self.joined = true;
        self
    }
    /// Marks an amount cell: the .xlsx twin stores the number its text shows (read back, so a
    /// rounded or trimmed amount is stored as printed). A blank cell (a zero the table leaves
    /// blank) stays blank, and text that is not a number ("——") stays text.
    pub fn num(mut self) -> Cell {
        self.value = self.text.trim().replace(',', "").parse::<rust_decimal::Decimal>().ok();
        self
    }
}

#[derive(Serialize, JsonSchema, Clone, Debug)]
pub struct Table {
    /// Anchor id, e.g. "t1".
    pub id: String,
    /// Caption above the table: "2020 年度收入支出决算总表（表1）".
    pub caption: String,
    /// "部门：武汉市汉阳区信访局"
    pub dept: String,
    /// "单位：万元"
    pub unit: String,
    pub landscape: bool,
    /// Relative column widths (integers, used as `fr` in Typst and % in HTML).
    pub widths: Vec<u32>,
    /// Header rows (repeated on every page), cells with colspan/rowspan.
    pub header: Vec<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
    /// "注：本表反映…" and the identities printed under the table.
    pub notes: Vec<String>,
    /// The section heading that introduces the table ("一、收入支出决算总表（表1）"). It is
    /// printed on the table's own page so a landscape table never leaves its heading orphaned.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<TocEntry>,
}

#[derive(Serialize, JsonSchema, Clone, Debug)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// level 1: 第一部分…; level 2: 一、…; level 3: （一）…. `finish` closes gaps (a level
    /// is at most one below the heading it sits under), so the PDF tags and the HTML
    /// headings nest. `toc`: listed in the 目录 (levels 1 and 2, unless made with
    /// `heading_untoc`); every heading is a PDF bookmark.
    Heading { level: u8, text: String, id: String, toc: bool },
    Paragraph { text: String },
    /// Items that carry their own numbering ("1. …", "一是…"), one paragraph each.
    List { items: Vec<String> },
    Table(Table),
    /// A chart: SVG generated by `charts` (no user text in it), its caption "图1：…" and its
    /// alt text, what it shows with its figures (the SVG's `aria-label`; the PDF's `/Alt`).
    Figure { caption: String, svg: String, alt: String },
    PageBreak,
}

#[derive(Serialize, JsonSchema, Clone, Debug)]
pub struct TocEntry {
    pub level: u8,
    pub text: String,
    pub id: String,
    /// Listed in the 目录 (a heading that travels with its table keeps its own choice).
    pub toc: bool,
}

/// The row of cells as a header of level `level` (≥ 2) inside the table's body: repeated at
/// the top of each page the rows below it continue on, until the next header of the same or
/// a lower level (the column titles of a self-evaluation's indicator block). Level 1: a body
/// row that ends the headers above it.
pub fn subheader(mut row: Vec<Cell>, level: u8) -> Vec<Cell> {
    for c in row.iter_mut() {
        c.subhead = level;
    }
    row
}

/// Header texts (spaces removed) whose columns label the rows below them: the body cells
/// under them are row headers (`Cell::scope` "row").
const ROW_LABELS: &[&str] = &["项目", "项目名称", "科目编码", "科目名称", "功能分类科目编码", "单位名称", "重要事项", "绩效评价项目", "一级指标", "二级指标", "三级指标", "采购物品名称"];

/// The grid column each cell starts at, row by row, with colspans and rowspans from rows
/// above taken into account (as Typst and HTML place them).
pub fn grid_columns(rows: &[Vec<Cell>]) -> Vec<Vec<usize>> {
    // busy[x]: how many more rows column x is taken by a rowspan from above.
    let mut busy: Vec<u32> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut xs = Vec::with_capacity(row.len());
        let mut x = 0;
        let mut placed: Vec<(usize, u32, u32)> = Vec::new();
        for c in row {
            while busy.get(x).is_some_and(|b| *b > 0) {
                x += 1;
            }
            xs.push(x);
            placed.push((x, c.colspan.max(1), c.rowspan.max(1)));
            x += c.colspan.max(1) as usize;
        }
        for b in busy.iter_mut() {
            *b = b.saturating_sub(1);
        }
        for (x, cs, rs) in placed {
            if busy.len() < x + cs as usize {
                busy.resize(x + cs as usize, 0);
            }
            for b in &mut busy[x..x + cs as usize] {
                *b = rs - 1;
            }
        }
        out.push(xs);
    }
    out
}

impl Table {
    /// Marks the body cells under a label column (`ROW_LABELS`: 科目名称, 项目, …) as row
    /// headers; cells a builder marked itself keep their scope.
    fn mark_row_headers(&mut self) {
        let mut cols: Vec<bool> = Vec::new();
        for (row, xs) in self.header.iter().zip(grid_columns(&self.header)) {
            for (c, x) in row.iter().zip(xs) {
                let t: String = c.text.chars().filter(|ch| !ch.is_whitespace() && *ch != '\u{200B}').collect();
                if ROW_LABELS.contains(&t.as_str()) {
                    let end = x + c.colspan.max(1) as usize;
                    if cols.len() < end {
                        cols.resize(end, false);
                    }
                    cols[x..end].iter_mut().for_each(|b| *b = true);
                }
            }
        }
        if !cols.contains(&true) {
            return;
        }
        let positions = grid_columns(&self.rows);
        for (row, xs) in self.rows.iter_mut().zip(positions) {
            for (c, x) in row.iter_mut().zip(xs) {
                if c.scope.is_empty() && c.value.is_none() && !c.text.trim().is_empty() && cols.get(x).copied().unwrap_or(false) {
                    c.scope = "row";
                }
            }
        }
    }
}

#[derive(Serialize, JsonSchema, Clone, Debug)]
pub struct Document {
    /// Document title for metadata and the cover.
    pub title: String,
    pub author: String,
    /// What the document is ("部门决算 2020年度"): the PDF's Subject (XMP dc:description),
    /// the workbook's subject; set by `describe`.
    pub subject: String,
    /// The PDF's and the workbook's keywords: the kind, the department, the year, the unit.
    pub keywords: Vec<String>,
    pub lang: String,
    /// Cover lines: title and date ("2021 年 10 月 19 日").
    pub cover_title: String,
    /// The cover title split where a line may break ("2024年度…信访局" / "整体支出绩效自评报告").
    pub cover_lines: Vec<String>,
    /// A line under the cover title ("部门（单位）名称：…"), empty when the layout has none.
    pub cover_note: String,
    pub cover_date: String,
    /// The publication date (year, month, day): the PDF's date unless SOURCE_DATE_EPOCH is set.
    #[serde(skip)]
    pub published: Option<(u32, u32, u32)>,
    /// Entries of the 目录 (levels 1 and 2).
    pub toc: Vec<TocEntry>,
    pub blocks: Vec<Block>,
    /// Fonts by role, first available wins (filled from the profile).
    pub fonts: Fonts,
    /// Paper and margins (from the profile).
    pub page: Page,
    /// Next anchor number; ids are never reused even when blocks move.
    #[serde(skip)]
    next_id: usize,
    /// Parts begun with `begin_part`: (id, first block, title, numbered, heading id).
    #[serde(skip)]
    parts: Vec<(String, usize, String, bool, String)>,
}

/// The `aria-label` of an SVG's opening tag, unescaped.
fn aria_label(svg: &str) -> Option<String> {
    let open = &svg[..svg.find('>')?];
    let start = open.find("aria-label=\"")? + "aria-label=\"".len();
    let end = start + open[start..].find('"')?;
    Some(open[start..end].replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
}

/// Paper size and margins in millimetres.
#[derive(Serialize, serde::Deserialize, JsonSchema, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Typst paper name: a4, a3, a5, iso-b5, us-letter.
    pub paper: String,
    pub top: u32,
    pub bottom: u32,
    pub left: u32,
    pub right: u32,
}

impl Default for Page {
    fn default() -> Page {
        Page { paper: "a4".into(), top: 28, bottom: 26, left: 26, right: 24 }
    }
}

#[derive(Serialize, JsonSchema, Clone, Debug)]
pub struct Fonts {
    /// 正文: 仿宋.
    pub body: Vec<String>,
    /// 一级标题 (第一部分, 一、…): 黑体.
    pub heading: Vec<String>,
    /// 封面标题: 小标宋.
    pub title: Vec<String>,
    /// 表格: 宋体.
    pub table: Vec<String>,
    /// 二级标题 (（一）…): 楷体, as GB/T 9704 sets the second level of a 公文; an empty list
    /// means the body's.
    pub kai: Vec<String>,
}

/// A run of this many characters with no break opportunity (a URL, a pasted identifier, a
/// hostile 4,000-letter word) gets one every `LONG_RUN` characters in the PDF; typst breaks
/// CJK text anywhere but never inside a Latin word, so such a run would leave the page.
const LONG_RUN: usize = 30;

/// `s` with a U+200B after every `LONG_RUN` characters of a run without spaces or CJK.
fn breakable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for c in s.chars() {
        out.push(c);
        let breaks = c.is_whitespace() || (c as u32) >= 0x2E80 || c == '\u{200B}';
        run = if breaks { 0 } else { run + 1 };
        if run == LONG_RUN {
            out.push('\u{200B}');
            run = 0;
        }
    }
    out
}

impl Document {
    /// The document for the PDF: every long run of unbreakable text gets break opportunities.
    pub fn for_pdf(&self) -> Document {
        let mut d = self.clone();
        let fix = |s: &mut String| {
            if s.len() > LONG_RUN {
                *s = breakable(s);
            }
        };
        let table = |t: &mut Table| {
            t.header.iter_mut().chain(t.rows.iter_mut()).flatten().for_each(|c| fix(&mut c.text));
            t.notes.iter_mut().for_each(fix);
            fix(&mut t.caption);
        };
        for b in d.blocks.iter_mut() {
            match b {
                Block::Heading { text, .. } | Block::Paragraph { text } => fix(text),
                Block::List { items } => items.iter_mut().for_each(fix),
                Block::Table(t) => table(t),
                Block::Figure { caption, alt, .. } => {
                    fix(caption);
                    fix(alt);
                }
                Block::PageBreak => {}
            }
        }
        d
    }

    pub fn new(title: String, author: String, fonts: Fonts) -> Document {
        Document {
            cover_lines: vec![title.clone()],
            cover_note: String::new(),
            cover_title: title.clone(),
            title,
            author,
            subject: String::new(),
            keywords: Vec::new(),
            lang: "zh-CN".into(),
            cover_date: String::new(),
            published: None,
            toc: Vec::new(),
            blocks: Vec::new(),
            fonts,
            page: Page::default(),
            next_id: 0,
            parts: Vec::new(),
        }
    }

    /// Subject and keywords from what the portal calls the document (`label`: 部门决算), the
    /// department and the year.
    pub fn describe(&mut self, label: &str, name: &str, year: u32) {
        self.subject = format!("{label} {year}年度");
        self.keywords = vec![label.to_string(), name.to_string(), format!("{year}年度"), "万元".into()];
    }

    /// Starts a part (第一部分…, 附件…) with its own page and level-1 heading. Parts are
    /// ordered, numbered ("第一部分 …" for `numbered` ones) and filtered by `finish`.
    pub fn begin_part(&mut self, id: &str, title: impl Into<String>, numbered: bool) {
        let start = self.blocks.len();
        if start > 0 {
            self.page_break();
        }
        let title = title.into();
        let hid = format!("s{}", self.next_id + 1);
        self.heading(1, title.clone());
        self.parts.push((id.to_string(), start, title, numbered, hid));
    }

    /// Puts the parts in `order` (parts not listed are left out), numbers them, and builds
    /// the 目录 from the headings in their final order.
    pub fn finish(&mut self, order: &[String]) {
        if !self.parts.is_empty() {
            let first = self.parts[0].1;
            let mut chunks: Vec<(String, Vec<Block>, String, bool, String)> = Vec::new();
            for (i, (id, start, title, numbered, hid)) in self.parts.iter().enumerate() {
                let end = self.parts.get(i + 1).map(|p| p.1).unwrap_or(self.blocks.len());
                chunks.push((id.clone(), self.blocks[*start..end].to_vec(), title.clone(), *numbered, hid.clone()));
            }
            self.blocks.truncate(first);
            let mut n = 0;
            // A part that is only its title and a line (Hunan's 第二部分 “（见附表）”) does not
            // get a page to itself: the next part follows it on the same page.
            let mut after_stub = false;
            for want in order {
                let Some(pos) = chunks.iter().position(|c| &c.0 == want) else { continue };
                let (_, mut blocks, title, numbered, hid) = chunks.remove(pos);
                if self.blocks.is_empty() || after_stub {
                    // The first part needs no page break of its own.
                    if matches!(blocks.first(), Some(Block::PageBreak)) {
                        blocks.remove(0);
                    }
                } else if !matches!(blocks.first(), Some(Block::PageBreak)) {
                    blocks.insert(0, Block::PageBreak);
                }
                after_stub = is_stub(&blocks);
                let text = if numbered {
                    n += 1;
                    format!("第{}部分 {}", crate::core::money::cn(n - 1), title)
                } else {
                    title
                };
                for b in blocks.iter_mut() {
                    match b {
                        Block::Heading { id, text: t, .. } if *id == hid => *t = text.clone(),
                        Block::Table(tb) => {
                            for h in tb.headings.iter_mut().filter(|h| h.id == hid) {
                                h.text = text.clone();
                            }
                        }
                        _ => {}
                    }
                }
                self.blocks.extend(blocks);
            }
            self.parts.clear();
        }
        self.close_heading_gaps();
        self.toc = Vec::new();
        for b in self.blocks.iter_mut() {
            match b {
                Block::Heading { level, text, id, toc: true } if *level <= 2 => self.toc.push(TocEntry { level: *level, text: text.clone(), id: id.clone(), toc: true }),
                Block::Table(t) => {
                    self.toc.extend(t.headings.iter().filter(|h| h.toc && h.level <= 2).cloned());
                    t.mark_row_headers();
                }
                _ => {}
            }
        }
    }

    /// Every heading one level at most below the one it sits under: a level is the number of
    /// open headings of a lower level above it, plus one. A "## " line a template puts before
    /// any "# " (Hunan's 附件 report title) becomes level 2 instead of skipping from 1 to 3;
    /// headings that nest already keep their levels. The PDF tags (H1…) and the HTML headings
    /// follow from these levels.
    fn close_heading_gaps(&mut self) {
        let mut open: Vec<u8> = Vec::new();
        let mut fix = |level: &mut u8| {
            while open.last().is_some_and(|l| *l >= *level) {
                open.pop();
            }
            open.push(*level);
            *level = open.len() as u8;
        };
        for b in self.blocks.iter_mut() {
            match b {
                Block::Heading { level, .. } => fix(level),
                Block::Table(t) => t.headings.iter_mut().for_each(|h| fix(&mut h.level)),
                _ => {}
            }
        }
    }
    fn new_id(&mut self) -> String {
        self.next_id += 1;
        format!("s{}", self.next_id)
    }
    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        let text = text.into();
        let id = self.new_id();
        let toc = level <= 2;
        if toc {
            self.toc.push(TocEntry { level, text: text.clone(), id: id.clone(), toc });
        }
        self.blocks.push(Block::Heading { level, text, id, toc });
    }
    /// A heading left out of the 目录 whatever its level (a bookmark still): the title a
    /// performance report repeats on its first page, the sections inside 附件2.
    pub fn heading_untoc(&mut self, level: u8, text: impl Into<String>) {
        let id = self.new_id();
        self.blocks.push(Block::Heading { level, text: text.into(), id, toc: false });
    }
    pub fn para(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph { text: text.into() });
    }
    pub fn list(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(Block::List { items });
        }
    }
    /// A table introduced by a heading of `level`, listed in the 目录.
    pub fn table_with_heading(&mut self, level: u8, text: impl Into<String>, mut t: Table) {
        let text = text.into();
        let id = self.new_id();
        let entry = TocEntry { level, text, id, toc: level <= 2 };
        if level <= 2 {
            self.toc.push(entry.clone());
        }
        // Headings right before the table (a part title) travel with it onto its page.
        while let Some(Block::Heading { level, text, id, toc }) = self.blocks.last().cloned() {
            self.blocks.pop();
            t.headings.insert(0, TocEntry { level, text, id, toc });
        }
        t.headings.push(entry);
        self.blocks.push(Block::Table(t));
    }
    pub fn table(&mut self, t: Table) {
        self.blocks.push(Block::Table(t));
    }
    /// A chart; its alt text is the SVG's `aria-label` (the caption when it has none).
    pub fn figure(&mut self, caption: impl Into<String>, svg: String) {
        let caption = caption.into();
        let alt = aria_label(&svg).unwrap_or_else(|| caption.clone());
        self.blocks.push(Block::Figure { caption, svg, alt });
    }
    pub fn page_break(&mut self) {
        self.blocks.push(Block::PageBreak);
    }
}

/// A part with no table or figure and at most a line of text besides its headings.
fn is_stub(blocks: &[Block]) -> bool {
    let mut text = 0;
    for b in blocks {
        match b {
            Block::Heading { .. } | Block::PageBreak => {}
            Block::Paragraph { text: t } => text += t.chars().count(),
            Block::List { items } => text += items.iter().map(|i| i.chars().count()).sum::<usize>(),
            _ => return false,
        }
    }
    text <= 40
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts { body: vec![], heading: vec![], title: vec![], table: vec![], kai: vec![] }
    }

    fn levels(d: &Document) -> Vec<(u8, bool)> {
        d.blocks.iter().filter_map(|b| if let Block::Heading { level, toc, .. } = b { Some((*level, *toc)) } else { None }).collect()
    }

    /// A level that skips one is closed up; headings that nest keep their levels, and a
    /// heading out of the 目录 stays out.
    #[test]
    fn heading_gaps_are_closed() {
        let mut d = Document::new("t".into(), "a".into(), fonts());
        d.heading(1, "第五部分 附件");
        d.heading(3, "报告标题");
        d.heading(2, "一、基本情况");
        d.heading(3, "（一）");
        d.heading(4, "1.");
        d.heading(3, "（二）");
        d.heading(1, "附件2");
        d.heading_untoc(3, "一、自评结论");
        d.finish(&[]);
        assert_eq!(levels(&d), vec![(1, true), (2, false), (2, true), (3, false), (4, false), (3, false), (1, true), (2, false)]);
        let toc: Vec<&str> = d.toc.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(toc, ["第五部分 附件", "一、基本情况", "附件2"]);
    }

    /// Cells under 科目名称/项目 become row headers, wherever rowspans put them; amounts do not.
    #[test]
    fn label_columns_are_row_headers() {
        let header = vec![vec![Cell::c("科目编码"), Cell::c("科目名称"), Cell::c("合计")]];
        let rows = vec![
            vec![Cell::l("201").span(1, 2), Cell::l("一般公共服务"), Cell::r("654.4").num()],
            vec![Cell::l("信访事务"), Cell::r("369.83").num()],
            vec![Cell::c("合计").span(2, 1), Cell::r("707.12").num()],
        ];
        let mut t = Table { id: "t".into(), caption: "c".into(), dept: String::new(), unit: String::new(), landscape: false, widths: vec![1, 1, 1], header, rows, notes: vec![], headings: vec![] };
        assert_eq!(grid_columns(&t.rows), vec![vec![0, 1, 2], vec![1, 2], vec![0, 2]]);
        t.mark_row_headers();
        let scopes: Vec<Vec<&str>> = t.rows.iter().map(|r| r.iter().map(|c| c.scope).collect()).collect();
        assert_eq!(scopes, vec![vec!["row", "row", ""], vec!["row", ""], vec!["row", ""]]);
    }

    #[test]
    fn a_chart_takes_its_alt_text_from_the_svg() {
        let mut d = Document::new("t".into(), "a".into(), fonts());
        d.figure("图1：x", r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="柱状图：A &amp; B 1万元。"><rect/></svg>"#.into());
        assert!(matches!(&d.blocks[0], Block::Figure { alt, .. } if alt == "柱状图：A & B 1万元。"));
    }

    #[test]
    fn long_runs_get_break_opportunities() {
        let word = "a".repeat(70);
        assert_eq!(super::breakable(&word).matches('\u{200B}').count(), 2);
        assert_eq!(super::breakable("短的中文句子，不变。"), "短的中文句子，不变。");
        assert_eq!(super::breakable(&format!("{} {}", "b".repeat(20), "c".repeat(20))).matches('\u{200B}').count(), 0);
    }
}
