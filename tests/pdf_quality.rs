//! The PDF as an archive and a screen reader see it, for every example: the PDF/A-2a and
//! PDF/UA-1 identification in the XMP metadata, the document information (title, subject,
//! keywords, dates) and `DisplayDocTitle`, heading tags that start at H1 and never skip a
//! level, bookmarks for every 附件 and every table, row headers, alt text on charts, and
//! no empty rows in any table (the self-evaluation tables once began with one).
//!
//! The PDF is read with the small parser below (no PDF crate): typst/krilla write a classic
//! cross-reference table and plain objects, with the XMP metadata stream uncompressed. A
//! file that uses object streams fails with a message rather than passing unread.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

// ------------------------------------------------------------------ a minimal PDF reader

#[derive(Clone, Debug, PartialEq)]
enum Obj {
    Null,
    Bool(bool),
    Num(f64),
    Str(Vec<u8>),
    Name(String),
    Array(Vec<Obj>),
    Dict(BTreeMap<String, Obj>),
    Ref(u32),
}

impl Obj {
    fn get(&self, key: &str) -> Option<&Obj> {
        match self {
            Obj::Dict(d) => d.get(key),
            _ => None,
        }
    }
    fn name(&self) -> Option<&str> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
}

struct Pdf {
    bytes: Vec<u8>,
    /// Object number → byte offset of "N G obj".
    offsets: BTreeMap<u32, usize>,
    trailer: Obj,
}

struct Lexer<'a> {
    b: &'a [u8],
    i: usize,
}

impl Lexer<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() {
            match self.b[self.i] {
                b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | 0 => self.i += 1,
                b'%' => {
                    while self.i < self.b.len() && self.b[self.i] != b'\n' && self.b[self.i] != b'\r' {
                        self.i += 1;
                    }
                }
                _ => break,
            }
        }
    }
    fn delim(c: u8) -> bool {
        matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | 0 | b'/' | b'[' | b']' | b'<' | b'>' | b'(' | b')' | b'%')
    }
    fn word(&mut self) -> &[u8] {
        let s = self.i;
        while self.i < self.b.len() && !Self::delim(self.b[self.i]) {
            self.i += 1;
        }
        &self.b[s..self.i]
    }
    fn value(&mut self) -> Obj {
        self.ws();
        let c = self.b[self.i];
        match c {
            b'<' if self.b.get(self.i + 1) == Some(&b'<') => {
                self.i += 2;
                let mut d = BTreeMap::new();
                loop {
                    self.ws();
                    if self.b[self.i..].starts_with(b">>") {
                        self.i += 2;
                        break;
                    }
                    let Obj::Name(k) = self.value() else { panic!("dictionary key is not a name at {}", self.i) };
                    let v = self.value();
                    d.insert(k, v);
                }
                Obj::Dict(d)
            }
            b'<' => {
                self.i += 1;
                let s = self.i;
                while self.b[self.i] != b'>' {
                    self.i += 1;
                }
                let hex: Vec<u8> = self.b[s..self.i].iter().copied().filter(|c| c.is_ascii_hexdigit()).collect();
                self.i += 1;
                let mut out = Vec::new();
                for pair in hex.chunks(2) {
                    let t = std::str::from_utf8(pair).unwrap();
                    out.push(u8::from_str_radix(&format!("{t:0<2}"), 16).unwrap());
                }
                Obj::Str(out)
            }
            b'(' => {
                self.i += 1;
                let mut depth = 1;
                let mut out = Vec::new();
                while depth > 0 {
                    let c = self.b[self.i];
                    self.i += 1;
                    match c {
                        b'\\' => {
                            let e = self.b[self.i];
                            self.i += 1;
                            match e {
                                b'n' => out.push(b'\n'),
                                b'r' => out.push(b'\r'),
                                b't' => out.push(b'\t'),
                                b'b' => out.push(8),
                                b'f' => out.push(12),
                                b'0'..=b'7' => {
                                    let mut v = (e - b'0') as u32;
                                    for _ in 0..2 {
                                        match self.b[self.i] {
                                            d @ b'0'..=b'7' => {
                                                v = v * 8 + (d - b'0') as u32;
                                                self.i += 1;
                                            }
                                            _ => break,
                                        }
                                    }
                                    out.push(v as u8);
                                }
                                b'\r' | b'\n' => {}
                                other => out.push(other),
                            }
                        }
                        b'(' => {
                            depth += 1;
                            out.push(c);
                        }
                        b')' => {
                            depth -= 1;
                            if depth > 0 {
                                out.push(c);
                            }
                        }
                        _ => out.push(c),
                    }
                }
                Obj::Str(out)
            }
            b'/' => {
                self.i += 1;
                Obj::Name(String::from_utf8_lossy(self.word()).into_owned())
            }
            b'[' => {
                self.i += 1;
                let mut a = Vec::new();
                loop {
                    self.ws();
                    if self.b[self.i] == b']' {
                        self.i += 1;
                        break;
                    }
                    a.push(self.value());
                }
                Obj::Array(a)
            }
            _ => {
                let w = self.word().to_vec();
                match &w[..] {
                    b"true" => Obj::Bool(true),
                    b"false" => Obj::Bool(false),
                    b"null" => Obj::Null,
                    _ => {
                        let n: f64 = std::str::from_utf8(&w).ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("unexpected token {:?} at {}", String::from_utf8_lossy(&w), self.i));
                        // "N G R" is a reference.
                        let save = self.i;
                        self.ws();
                        let g = self.word().to_vec();
                        if !g.is_empty() && g.iter().all(|c| c.is_ascii_digit()) {
                            self.ws();
                            if self.b.get(self.i) == Some(&b'R') && self.b.get(self.i + 1).is_none_or(|c| Self::delim(*c)) {
                                self.i += 1;
                                return Obj::Ref(n as u32);
                            }
                        }
                        self.i = save;
                        Obj::Num(n)
                    }
                }
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

impl Pdf {
    fn open(path: &Path) -> Pdf {
        let bytes = std::fs::read(path).expect("read pdf");
        assert!(find(&bytes, b"/ObjStm", 0).is_none(), "{}: object streams are not read by this test's parser", path.display());
        let sx = rfind(&bytes, b"startxref").expect("startxref");
        let mut lx = Lexer { b: &bytes, i: sx + 9 };
        lx.ws();
        let xref: usize = std::str::from_utf8(lx.word()).unwrap().parse().expect("xref offset");
        assert!(bytes[xref..].starts_with(b"xref"), "a classic xref table");
        let mut lx = Lexer { b: &bytes, i: xref + 4 };
        let mut offsets = BTreeMap::new();
        loop {
            lx.ws();
            if bytes[lx.i..].starts_with(b"trailer") {
                lx.i += 7;
                break;
            }
            let start: u32 = std::str::from_utf8(lx.word()).unwrap().parse().unwrap();
            lx.ws();
            let count: u32 = std::str::from_utf8(lx.word()).unwrap().parse().unwrap();
            for k in 0..count {
                lx.ws();
                let off: usize = std::str::from_utf8(lx.word()).unwrap().parse().unwrap();
                lx.ws();
                lx.word();
                lx.ws();
                let kind = lx.word().to_vec();
                if kind == b"n" {
                    offsets.insert(start + k, off);
                }
            }
        }
        let trailer = lx.value();
        Pdf { bytes, offsets, trailer }
    }

    /// The object `n` (a stream's dictionary for a stream).
    fn obj(&self, n: u32) -> Obj {
        let off = self.offsets[&n];
        let mut lx = Lexer { b: &self.bytes, i: off };
        lx.ws();
        lx.word();
        lx.ws();
        lx.word();
        lx.ws();
        assert_eq!(lx.word(), b"obj", "object {n} at {off}");
        lx.value()
    }

    /// The raw bytes of stream object `n` (not decoded).
    fn stream(&self, n: u32) -> (Obj, Vec<u8>) {
        let dict = self.obj(n);
        let off = self.offsets[&n];
        let s = find(&self.bytes, b"stream", off).expect("stream keyword");
        let mut start = s + 6;
        if self.bytes[start] == b'\r' {
            start += 1;
        }
        if self.bytes[start] == b'\n' {
            start += 1;
        }
        let len = match self.deref(dict.get("Length").expect("Length")) {
            Obj::Num(n) => n as usize,
            other => panic!("Length {other:?}"),
        };
        (dict, self.bytes[start..start + len].to_vec())
    }

    fn deref(&self, o: &Obj) -> Obj {
        match o {
            Obj::Ref(n) => self.obj(*n),
            other => other.clone(),
        }
    }

    fn catalog(&self) -> Obj {
        self.deref(self.trailer.get("Root").expect("Root"))
    }

    fn info(&self) -> Obj {
        self.deref(self.trailer.get("Info").expect("an Info dictionary"))
    }
}

/// A PDF text string: UTF-16BE with a BOM, or PDFDocEncoding (ASCII here).
fn text(o: &Obj) -> String {
    let Obj::Str(b) = o else { panic!("not a string: {o:?}") };
    if b.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = b[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        String::from_utf16_lossy(&units)
    } else {
        b.iter().map(|c| *c as char).collect()
    }
}

// ------------------------------------------------------------------ the structure tree

/// A structure element: its role, its title (/T), its alt text, its attributes and children.
#[derive(Debug)]
struct Elem {
    role: String,
    title: Option<String>,
    alt: Option<String>,
    attrs: Vec<Obj>,
    kids: Vec<Elem>,
    /// Marked content of its own (MCIDs or marked-content references).
    content: usize,
}

impl Elem {
    fn has_content(&self) -> bool {
        self.content > 0 || self.kids.iter().any(Elem::has_content)
    }
    fn walk<'a>(&'a self, out: &mut Vec<&'a Elem>) {
        out.push(self);
        for k in &self.kids {
            k.walk(out);
        }
    }
    /// The attribute value `key` of the Table owner (/O /Table).
    fn table_attr(&self, key: &str) -> Option<&Obj> {
        self.attrs.iter().find(|a| a.get("O").and_then(Obj::name) == Some("Table")).and_then(|a| a.get(key))
    }
}

fn elem(pdf: &Pdf, o: &Obj, role_map: &BTreeMap<String, String>, depth: usize) -> Option<Elem> {
    assert!(depth < 200, "structure tree too deep (a cycle?)");
    let d = pdf.deref(o);
    let role = d.get("S")?.name()?.to_string();
    let role = role_map.get(&role).cloned().unwrap_or(role);
    let attrs = match d.get("A").map(|a| pdf.deref(a)) {
        Some(Obj::Array(a)) => a.iter().map(|x| pdf.deref(x)).collect(),
        Some(dict @ Obj::Dict(_)) => vec![dict],
        _ => vec![],
    };
    let mut kids = Vec::new();
    let mut content = 0;
    let list = match d.get("K") {
        Some(Obj::Array(a)) => a.clone(),
        Some(k) => vec![k.clone()],
        None => vec![],
    };
    for k in &list {
        match k {
            Obj::Num(_) => content += 1,
            Obj::Ref(_) | Obj::Dict(_) => {
                let kd = pdf.deref(k);
                match kd.get("Type").and_then(Obj::name) {
                    Some("MCR") | Some("OBJR") => content += 1,
                    _ => {
                        if let Some(e) = elem(pdf, k, role_map, depth + 1) {
                            kids.push(e);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Some(Elem { role, title: d.get("T").map(text), alt: d.get("Alt").map(text), attrs, kids, content })
}

fn struct_tree(pdf: &Pdf) -> Elem {
    let root = pdf.deref(pdf.catalog().get("StructTreeRoot").expect("a tagged PDF has a StructTreeRoot"));
    let mut role_map = BTreeMap::new();
    if let Some(Obj::Dict(m)) = root.get("RoleMap").map(|r| pdf.deref(r)) {
        for (k, v) in m {
            if let Some(n) = v.name() {
                role_map.insert(k.clone(), n.to_string());
            }
        }
    }
    let list = match root.get("K") {
        Some(Obj::Array(a)) => a.clone(),
        Some(k) => vec![k.clone()],
        None => vec![],
    };
    let kids = list.iter().filter_map(|k| elem(pdf, k, &role_map, 0)).collect();
    Elem { role: "StructTreeRoot".into(), title: None, alt: None, attrs: vec![], kids, content: 0 }
}

/// The outline (bookmarks): (depth, title) in order.
fn outline(pdf: &Pdf) -> Vec<(usize, String)> {
    fn walk(pdf: &Pdf, first: Option<&Obj>, depth: usize, out: &mut Vec<(usize, String)>) {
        let mut next = first.cloned();
        let mut guard = 0;
        while let Some(r) = next {
            guard += 1;
            assert!(guard < 10_000, "outline loop");
            let item = pdf.deref(&r);
            out.push((depth, item.get("Title").map(text).unwrap_or_default()));
            walk(pdf, item.get("First"), depth + 1, out);
            next = item.get("Next").cloned();
        }
    }
    let mut out = Vec::new();
    if let Some(o) = pdf.catalog().get("Outlines") {
        let o = pdf.deref(o);
        walk(pdf, o.get("First"), 0, &mut out);
    }
    out
}

// ------------------------------------------------------------------ building the examples

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("examples")).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect();
    v.sort();
    assert!(v.len() >= 4, "the examples");
    v
}

/// Builds the PDF of `example` into `out` (extra arguments after), returns its path.
fn build_pdf(example: &Path, out: &Path, extra: &[&str]) -> PathBuf {
    let run = Command::new(env!("CARGO_BIN_EXE_gen-report"))
        .arg("build")
        .arg(example)
        .arg("-o")
        .arg(out)
        .args(["--format", "pdf"])
        .args(extra)
        .current_dir(root())
        .output()
        .expect("run gen-report");
    assert!(run.status.success(), "{}: {}", example.display(), String::from_utf8_lossy(&run.stderr));
    out.join(format!("{}.pdf", example.file_stem().unwrap().to_string_lossy()))
}

/// All examples built once (the test functions share them).
fn built() -> &'static Vec<(String, Pdf)> {
    static BUILT: std::sync::OnceLock<Vec<(String, Pdf)>> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = examples().iter().map(|e| (e.file_stem().unwrap().to_string_lossy().into_owned(), Pdf::open(&build_pdf(e, dir.path(), &[])))).collect();
        drop(dir);
        out
    })
}

/// The XMP metadata packet, as text.
fn xmp(pdf: &Pdf) -> String {
    let Some(Obj::Ref(n)) = pdf.catalog().get("Metadata").cloned() else { panic!("no /Metadata stream in the catalog") };
    let (dict, raw) = pdf.stream(n);
    assert!(dict.get("Filter").is_none(), "the XMP stream is compressed; PDF/A readers expect it readable (and this parser does not inflate)");
    String::from_utf8(raw).expect("XMP is UTF-8")
}

// ------------------------------------------------------------------ the assertions

#[test]
fn pdf_a_2a_and_pdf_ua_1_are_declared() {
    for (name, pdf) in built() {
        let x = xmp(pdf);
        assert!(x.contains("<pdfaid:part>2</pdfaid:part>"), "{name}: pdfaid:part 2");
        assert!(x.contains("<pdfaid:conformance>A</pdfaid:conformance>"), "{name}: pdfaid:conformance A");
        assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>"), "{name}: pdfuaid:part 1");
        assert_eq!(pdf.catalog().get("MarkInfo").and_then(|m| m.get("Marked")), Some(&Obj::Bool(true)), "{name}: /MarkInfo /Marked true");
        assert!(pdf.catalog().get("Lang").is_some(), "{name}: a document language");
    }
}

#[test]
fn metadata_title_subject_keywords_dates_and_display_doc_title() {
    for (name, pdf) in built() {
        let info = pdf.info();
        let title = info.get("Title").map(text).unwrap_or_default();
        assert!(title.contains("信访局"), "{name}: Title {title:?}");
        let subject = info.get("Subject").map(text).unwrap_or_default();
        assert!(subject.contains("年度") && subject.len() > 6, "{name}: Subject {subject:?}");
        let keywords = info.get("Keywords").map(text).unwrap_or_default();
        assert!(keywords.contains("信访局") && keywords.contains("年度"), "{name}: Keywords {keywords:?}");
        for key in ["CreationDate", "ModDate"] {
            let d = info.get(key).map(text).unwrap_or_default();
            assert!(d.starts_with("D:20"), "{name}: {key} {d:?}");
        }
        let x = xmp(pdf);
        assert!(x.contains("<xmp:CreateDate>20"), "{name}: xmp:CreateDate");
        assert!(x.contains("<dc:description>") || x.contains(&subject), "{name}: the subject in the XMP (dc:description)");
        let vp = pdf.deref(pdf.catalog().get("ViewerPreferences").expect("ViewerPreferences"));
        assert_eq!(vp.get("DisplayDocTitle"), Some(&Obj::Bool(true)), "{name}: DisplayDocTitle");
    }
}

/// With no SOURCE_DATE_EPOCH the date is the publication date typed in the data.
#[test]
fn the_date_is_the_publication_date() {
    let (_, pdf) = built().iter().find(|(n, _)| n == "wuhan-hanyang-xinfang-2020").expect("the seed 002 example");
    // examples/wuhan-hanyang-xinfang-2020.yaml: published 2021-10-19.
    assert!(text(pdf.info().get("CreationDate").unwrap()).starts_with("D:20211019"));
}

#[test]
fn headings_start_at_h1_and_never_skip_a_level() {
    for (name, pdf) in built() {
        let tree = struct_tree(pdf);
        let mut all = Vec::new();
        tree.walk(&mut all);
        let levels: Vec<(u8, String)> = all
            .iter()
            .filter_map(|e| {
                let n = e.role.strip_prefix('H')?.parse::<u8>().ok()?;
                Some((n, e.title.clone().unwrap_or_default()))
            })
            .collect();
        assert!(levels.len() > 5, "{name}: headings are tagged");
        assert_eq!(levels[0].0, 1, "{name}: the first heading is H1: {:?}", levels[0]);
        for w in levels.windows(2) {
            assert!(w[1].0 <= w[0].0 + 1, "{name}: {:?} follows {:?}: a level skipped", w[1], w[0]);
        }
        // A performance report's title is its first heading.
        if name.contains("performance") {
            let title = text(pdf.info().get("Title").unwrap());
            assert_eq!(levels[0].1, title, "{name}: the title is the H1");
        }
    }
}

#[test]
fn every_annex_and_every_table_has_a_bookmark() {
    for (name, pdf) in built() {
        let marks = outline(pdf);
        let tree = struct_tree(pdf);
        let mut all = Vec::new();
        tree.walk(&mut all);
        let tables = all.iter().filter(|e| e.role == "Table").count();
        // Every table is announced by a heading (its own, or its caption as one).
        for (i, e) in all.iter().enumerate() {
            if e.role != "Table" {
                continue;
            }
            let before = all[..i].iter().rev().find(|x| x.role.starts_with('H') && x.role[1..].parse::<u8>().is_ok());
            assert!(before.is_some(), "{name}: table {i} has no heading before it");
        }
        let titles: Vec<&str> = marks.iter().map(|m| m.1.as_str()).collect();
        for h in all.iter().filter_map(|e| e.title.as_deref().filter(|_| e.role.starts_with('H'))) {
            assert!(titles.contains(&h), "{name}: heading {h:?} has no bookmark");
        }
        assert!(marks.len() >= tables, "{name}: {} bookmarks for {tables} tables", marks.len());
    }
    let (_, pdf) = built().iter().find(|(n, _)| n == "wuhan-hanyang-xinfang-2020").unwrap();
    let marks = outline(pdf);
    // 附件1 and 附件2 have sub-bookmarks: the three project tables, 一、自评结论 and its parts.
    for annex in ["附件1：项目支出绩效自评表", "附件2：整体支出绩效自评报告"] {
        let at = marks.iter().position(|m| m.1 == annex).unwrap_or_else(|| panic!("bookmark {annex}"));
        assert!(marks.get(at + 1).is_some_and(|m| m.0 > marks[at].0), "{annex} has sub-bookmarks");
    }
    for want in ["2020年度全区稳定工作经费项目自评表", "2020年度信访工作经费项目自评表", "2020年度局机关运行保障工作经费项目自评表", "一、自评结论", "一、收入支出决算总表（表1）"] {
        assert!(marks.iter().any(|m| m.1 == want), "bookmark {want:?}: {marks:#?}");
    }
}

/// Tables have rows with content only (the self-evaluation tables once began with an empty
/// header row that repeated on every page), and the label columns are row headers.
#[test]
fn no_empty_rows_and_row_headers_are_tagged() {
    for (name, pdf) in built() {
        let tree = struct_tree(pdf);
        let mut all = Vec::new();
        tree.walk(&mut all);
        let mut row_headers = 0;
        for t in all.iter().filter(|e| e.role == "Table") {
            let mut cells = Vec::new();
            t.walk(&mut cells);
            let rows: Vec<&&Elem> = cells.iter().filter(|e| e.role == "TR").collect();
            assert!(!rows.is_empty(), "{name}: a table without rows");
            for (i, r) in rows.iter().enumerate() {
                assert!(r.has_content(), "{name}: row {i} of a table is empty");
            }
            row_headers += cells.iter().filter(|c| c.role == "TH" && c.table_attr("Scope").and_then(Obj::name) == Some("Row")).count();
        }
        if all.iter().any(|e| e.role == "Table") {
            assert!(row_headers > 0, "{name}: no row headers (/Scope /Row)");
        }
    }
}

/// The self-evaluation tables: the indicator titles (一级指标 二级指标 …) are a row of
/// column headers inside the table (a repeated header of level 2 or 3), the labels of the
/// form are row headers, and the table starts with a row that has content.
#[test]
fn self_evaluation_tables_have_header_rows_inside() {
    // (example, tables with header rows inside: 自评表 of projects and of the department)
    for (example, want) in [("wuhan-hanyang-xinfang-2020", 4), ("zhuzhou-xinfang-2023-performance", 2)] {
        let (_, pdf) = built().iter().find(|(n, _)| n == example).unwrap();
        let tree = struct_tree(pdf);
        let mut all = Vec::new();
        tree.walk(&mut all);
        let mut found = 0;
        for t in all.iter().filter(|e| e.role == "Table") {
            let mut cells = Vec::new();
            t.walk(&mut cells);
            let rows: Vec<&&Elem> = cells.iter().filter(|e| e.role == "TR").collect();
            // A row of column headers after a row with data: the indicator titles.
            let first_data = rows.iter().position(|r| r.kids.iter().any(|c| c.role == "TD"));
            let inner = first_data.is_some_and(|f| {
                rows[f..].iter().any(|r| {
                    let ths = r.kids.iter().filter(|c| c.role == "TH" && c.table_attr("Scope").and_then(Obj::name) == Some("Column")).count();
                    ths >= 5 && r.kids.iter().all(|c| c.role == "TH")
                })
            });
            if inner {
                found += 1;
                assert!(rows[0].has_content(), "{example}: a self-evaluation table starts with an empty row");
                let row_heads = cells.iter().filter(|c| c.role == "TH" && c.table_attr("Scope").and_then(Obj::name) == Some("Row")).count();
                assert!(row_heads >= 5, "{example}: the form's labels are row headers ({row_heads})");
            }
        }
        assert_eq!(found, want, "{example}: self-evaluation tables with their indicator titles as a header row");
    }
}

#[test]
fn charts_have_alt_text_from_their_data() {
    let (_, pdf) = built().iter().find(|(n, _)| n == "wuhan-hanyang-xinfang-2020").unwrap();
    let tree = struct_tree(pdf);
    let mut all = Vec::new();
    tree.walk(&mut all);
    let alts: Vec<&str> = all.iter().filter(|e| e.role == "Figure").filter_map(|e| e.alt.as_deref()).collect();
    assert_eq!(alts.len(), 4, "图1–图4: {alts:?}");
    // 图1: 2019 632.08, 2020 707.12 (seed 002 lines 378–385).
    assert!(alts[0].contains("632.08") && alts[0].contains("707.12"), "{}", alts[0]);
    assert!(alts[2].contains("47.1%") && alts[2].contains("52.9%"), "{}", alts[2]);
}

/// `pdf.standards: []` in a profile gives a plain PDF: no PDF/A or PDF/UA claim.
#[test]
fn a_profile_can_ask_for_a_plain_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("plain");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("profile.yaml"), "pdf:\n  standards: []\n").unwrap();
    let example = root().join("examples/zhuzhou-lusong-xinfang-2024-performance.yaml");
    let pdf = Pdf::open(&build_pdf(&example, dir.path(), &["--templates", templates.to_str().unwrap()]));
    let x = xmp(&pdf);
    assert!(!x.contains("pdfaid:part>") && !x.contains("pdfuaid:part>"), "no standard is claimed");
    // Still tagged, with the same metadata.
    assert!(pdf.catalog().get("StructTreeRoot").is_some());
    assert!(pdf.info().get("Subject").is_some());
}

/// An impossible combination is refused when the profile is read, naming the line.
#[test]
fn incompatible_standards_are_a_profile_error() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("bad");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("profile.yaml"), "pdf:\n  standards: [a-2a, a-3a]\n").unwrap();
    let example = root().join("examples/zhuzhou-lusong-xinfang-2024-performance.yaml");
    let run = Command::new(env!("CARGO_BIN_EXE_gen-report")).arg("build").arg(&example).arg("-o").arg(dir.path()).args(["--format", "pdf", "--templates"]).arg(&templates).current_dir(root()).output().unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("pdf.standards"), "{err}");
}

/// poppler's pdfinfo (where installed) reads the same identification; its "Syntax Error:
/// Suspects object is wrong type (boolean)" is poppler misreading a valid `/Suspects false`
/// (docs/ARCHITECTURE.md), so stderr is not checked.
#[test]
fn pdfinfo_agrees_where_installed() {
    let Ok(probe) = Command::new("pdfinfo").arg("-v").output() else {
        eprintln!("pdfinfo not installed: skipped");
        return;
    };
    let _ = probe;
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_pdf(&root().join("examples/wuhan-hanyang-xinfang-2020.yaml"), dir.path(), &[]);
    let meta = Command::new("pdfinfo").arg("-meta").arg(&pdf).output().unwrap();
    let out = String::from_utf8_lossy(&meta.stdout);
    assert!(out.contains("<pdfaid:part>2</pdfaid:part>") && out.contains("<pdfuaid:part>1</pdfuaid:part>"));
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let out = String::from_utf8_lossy(&info.stdout);
    for key in ["Title:", "Subject:", "Keywords:", "CreationDate:", "ModDate:", "Tagged:          yes"] {
        assert!(out.contains(key), "pdfinfo: {key}\n{out}");
    }
}
