//! The document as render-ready data: a flat list of blocks (headings, paragraphs, lists,
//! tables) with every number already formatted. The Typst template reads it as JSON and the
//! HTML template iterates it, so both formats show exactly the same text.

use serde::Serialize;

#[derive(Serialize, Clone, Debug, Default)]
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
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

impl Cell {
    pub fn new(text: impl Into<String>, align: &'static str) -> Cell {
        Cell { text: text.into(), colspan: 1, rowspan: 1, align, bold: false }
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
}

#[derive(Serialize, Clone, Debug)]
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

#[derive(Serialize, Clone, Debug)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// level 1: 第一部分…; level 2: 一、…; level 3: （一）… (not in the 目录).
    Heading { level: u8, text: String, id: String },
    Paragraph { text: String },
    /// Items that carry their own numbering ("1. …", "一是…"), one paragraph each.
    List { items: Vec<String> },
    Table(Table),
    PageBreak,
}

#[derive(Serialize, Clone, Debug)]
pub struct TocEntry {
    pub level: u8,
    pub text: String,
    pub id: String,
}

#[derive(Serialize, Clone, Debug)]
pub struct Document {
    /// Document title for metadata and the cover.
    pub title: String,
    pub author: String,
    pub lang: String,
    /// Cover lines: title and date ("2021 年 10 月 19 日").
    pub cover_title: String,
    pub cover_date: String,
    /// Entries of the 目录 (levels 1 and 2).
    pub toc: Vec<TocEntry>,
    pub blocks: Vec<Block>,
    /// Fonts by role, first available wins (filled from the profile).
    pub fonts: Fonts,
}

#[derive(Serialize, Clone, Debug)]
pub struct Fonts {
    pub body: Vec<String>,
    pub heading: Vec<String>,
    pub title: Vec<String>,
    pub table: Vec<String>,
}

impl Document {
    pub fn new(title: String, author: String, fonts: Fonts) -> Document {
        Document {
            cover_title: title.clone(),
            title,
            author,
            lang: "zh-CN".into(),
            cover_date: String::new(),
            toc: Vec::new(),
            blocks: Vec::new(),
            fonts,
        }
    }
    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        let text = text.into();
        let id = format!("s{}", self.blocks.len());
        if level <= 2 {
            self.toc.push(TocEntry { level, text: text.clone(), id: id.clone() });
        }
        self.blocks.push(Block::Heading { level, text, id });
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
        let id = format!("s{}", self.blocks.len());
        let entry = TocEntry { level, text, id };
        if level <= 2 {
            self.toc.push(entry.clone());
        }
        // Headings right before the table (a part title) travel with it onto its page.
        while let Some(Block::Heading { level, text, id }) = self.blocks.last().cloned() {
            self.blocks.pop();
            t.headings.insert(0, TocEntry { level, text, id });
        }
        t.headings.push(entry);
        self.blocks.push(Block::Table(t));
    }
    pub fn table(&mut self, t: Table) {
        self.blocks.push(Block::Table(t));
    }
    pub fn page_break(&mut self) {
        self.blocks.push(Block::PageBreak);
    }
}
