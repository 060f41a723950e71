//! PDF through typst as a library. The template is static Typst; the document arrives as
//! `/data.json` in an in-memory World with no disk or package access, so user text can
//! never become markup. Fonts are scanned once per process and shared.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::layout::{Frame, FrameItem};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

/// The report layout, compiled into the binary.
pub const TEMPLATE: &str = include_str!("../../templates/default/report.typ");

/// Fixed virtual paths: FileIds are interned for the life of the process (at most 65,535),
/// so every document reuses the same two.
fn vid(p: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(p).expect("static path")).intern()
}

/// Font directories given with `--font-path`, then the repository's `fonts/`, then the system.
pub struct Fonts {
    store: FontStore,
}

static FONTS: OnceLock<Mutex<HashMap<Vec<PathBuf>, Arc<Fonts>>>> = OnceLock::new();

/// Fonts for a set of extra directories, scanned once per process.
pub fn fonts(extra: &[PathBuf]) -> Arc<Fonts> {
    let cache = FONTS.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(extra.to_vec())
        .or_insert_with(|| {
            let mut store = FontStore::new();
            for dir in extra {
                store.extend(typst_kit::fonts::scan(dir));
            }
            store.extend(typst_kit::fonts::system());
            store.extend(typst_kit::fonts::embedded());
            Arc::new(Fonts { store })
        })
        .clone()
}

impl Fonts {
    pub fn families(&self) -> Vec<String> {
        self.store.book().families().map(|(n, _)| n.to_string()).collect()
    }
}

struct ReportWorld {
    library: LazyHash<Library>,
    fonts: Arc<Fonts>,
    main: Source,
    data: Bytes,
    data_id: FileId,
    today: Datetime,
    /// Where the template came from, for error places (a user's file or the built-in one).
    template_name: String,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.store.book()
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_with_slash().into()))
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(FileError::NotFound(id.vpath().get_with_slash().into()))
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.store.font(index)
    }
    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// SOURCE_DATE_EPOCH (seconds since 1970, UTC), if set and valid.
fn source_date_epoch() -> Option<Datetime> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    from_epoch(secs)
}

/// The date the PDF carries (CreationDate, XMP) and `datetime.today()` in the template:
/// SOURCE_DATE_EPOCH when set (reproducible builds), else the publication date typed in the
/// data, so the same input gives byte-identical output on any machine and any day.
fn pdf_date(published: Option<(u32, u32, u32)>) -> Option<Datetime> {
    source_date_epoch().or_else(|| published.and_then(|(y, m, d)| Datetime::from_ymd_hms(i32::try_from(y).ok()?, u8::try_from(m).ok()?, u8::try_from(d).ok()?, 0, 0, 0)))
}

/// Civil date and time of a Unix timestamp (`core::data::civil_from_epoch`).
fn from_epoch(secs: i64) -> Option<Datetime> {
    let (y, m, d, h, mi, s) = crate::core::data::civil_from_epoch(secs)?;
    Datetime::from_ymd_hms(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?, u8::try_from(h).ok()?, u8::try_from(mi).ok()?, u8::try_from(s).ok()?)
}

/// A PDF failure, already phrased for the user. `missing` lists the characters no font could
/// show, so the caller can point at where the data typed them.
#[derive(Debug)]
pub struct PdfError(pub Vec<String>, pub Vec<char>);

fn describe(world: &ReportWorld, diags: &[SourceDiagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            let place = world
                .range(d.span)
                .and_then(|r| {
                    let lines = world.main.lines();
                    lines.byte_to_line_column(r.start).map(|(l, c)| format!("{}:{}:{}: ", world.template_name, l + 1, c + 1))
                })
                .unwrap_or_default();
            let hints: String = d.hints.iter().map(|h| format!("（提示：{}）", h.v)).collect();
            format!("{place}{}{hints}", d.message)
        })
        .collect()
}

/// Characters no available font could show (glyph id 0, `.notdef`): a tofu box in print.
fn missing_glyphs(frame: &Frame, out: &mut Vec<char>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => missing_glyphs(&g.frame, out),
            FrameItem::Text(t) => {
                for g in &t.glyphs {
                    if g.id == 0
                        && let Some(ch) = t.text.get(g.range()).and_then(|s| s.chars().next())
                            && !out.contains(&ch) {
                                out.push(ch);
                            }
                }
            }
            _ => {}
        }
    }
}

/// The distinct lines of text on a page above its footer (the page number), counted by
/// their baselines: how full the page is.
fn body_lines(frame: &Frame) -> usize {
    fn walk(frame: &Frame, dy: f64, out: &mut Vec<i64>) {
        for (pos, item) in frame.items() {
            match item {
                FrameItem::Group(g) => walk(&g.frame, dy + pos.y.to_pt() + g.transform.ty.to_pt(), out),
                FrameItem::Text(_) => out.push(((dy + pos.y.to_pt()) * 10.0).round() as i64),
                _ => {}
            }
        }
    }
    let mut ys = Vec::new();
    walk(frame, 0.0, &mut ys);
    // The footer sits in the bottom margin (2.6cm on A4): leave out the last 8% of the page.
    let limit = (frame.height().to_pt() * 0.92 * 10.0) as i64;
    ys.retain(|y| *y < limit);
    ys.sort();
    ys.dedup_by(|a, b| (*a - *b).abs() < 30);
    ys.len()
}

/// A last page this short is pulled back by tightening the spacing of the document.
const SHORT_LAST_PAGE: usize = 4;

/// A report.typ: its text and where it came from (for error places).
#[derive(Clone, Copy)]
pub struct Template<'a> {
    pub text: &'a str,
    pub name: &'a str,
}

/// The built-in templates/default/report.typ.
pub const DEFAULT: Template<'static> = Template { text: TEMPLATE, name: "templates/default/report.typ" };

/// What the PDF says about itself besides its content.
#[derive(Clone, Copy)]
pub struct Meta<'a> {
    pub title: &'a str,
    /// The publication date typed in the data (year, month, day).
    pub published: Option<(u32, u32, u32)>,
}

/// Compiles the document JSON into PDF bytes with the built-in template.
pub fn render(json: &str, title: &str, fonts: Arc<Fonts>) -> Result<Vec<u8>, PdfError> {
    render_with(json, Meta { title, published: None }, fonts, DEFAULT)
}

/// Compiles with a template (a user's override of report.typ, or `DEFAULT`).
pub fn render_with(json: &str, meta: Meta, fonts: Arc<Fonts>, template: Template) -> Result<Vec<u8>, PdfError> {
    let first = compile(json, meta, fonts.clone(), template, false);
    // A last page with only a few lines (two glossary items, say) is avoided where the
    // layout allows: the template tightens the spacing and the document is laid out again.
    // The decision depends only on the first layout, so output stays deterministic.
    if let Ok((_, true)) = &first {
        return compile(json, meta, fonts, template, true).map(|r| r.0);
    }
    first.map(|r| r.0)
}

/// One compile: the PDF bytes and whether its last page is short.
fn compile(json: &str, meta: Meta, fonts: Arc<Fonts>, template: Template, tight: bool) -> Result<(Vec<u8>, bool), PdfError> {
    let main_id = vid("/main.typ");
    let date = pdf_date(meta.published);
    // `tight` reaches the template as a field of the document (`doc.tight`).
    let json = if tight { json.replacen('{', "{\"tight\":true,", 1) } else { json.to_string() };
    let world = ReportWorld {
        library: LazyHash::new(Library::builder().build()),
        fonts,
        main: Source::new(main_id, template.text.to_string()),
        data: Bytes::from_string(json),
        data_id: vid("/data.json"),
        today: date.unwrap_or(Datetime::from_ymd(2000, 1, 1).expect("a valid date")),
        template_name: template.name.to_string(),
    };
    let warned = typst::compile::<PagedDocument>(&world);
    let result = match warned.output {
        Err(errors) => Err(PdfError(describe(&world, &errors), Vec::new())),
        Ok(doc) => {
            let mut missing = Vec::new();
            for page in doc.pages() {
                missing_glyphs(&page.frame, &mut missing);
            }
            if !missing.is_empty() {
                let chars: String = missing.iter().collect();
                Err(PdfError(
                    vec![format!("没有字体能显示这些字符：{chars}（PDF 中会成为空白方框）。请用 --font-path 指定包含这些字的字体目录，或安装 fonts-noto-cjk")],
                    missing,
                ))
            } else {
                let options = typst_pdf::PdfOptions {
                    ident: Smart::Custom(meta.title.to_string()),
                    // With `set document(date: auto)` this is the CreationDate; no date known
                    // means none is written (never the build machine's clock).
                    timestamp: date.map(typst_pdf::Timestamp::new_utc),
                    ..Default::default()
                };
                let pages = doc.pages();
                let short = pages.len() > 2 && pages.last().is_some_and(|p| body_lines(&p.frame) <= SHORT_LAST_PAGE);
                typst_pdf::pdf(&doc, &options).map(|b| (b, short)).map_err(|e| PdfError(describe(&world, &e), Vec::new()))
            }
        }
    };
    // The comemo cache is process-global: evict so batches and watch mode stay flat.
    typst::comemo::evict(2);
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    const M: Meta<'static> = Meta { title: "t", published: None };
    use crate::render::view::{Document, Fonts as RoleFonts};

    fn doc(paragraphs: usize) -> String {
        let fonts = RoleFonts { body: vec!["Noto Serif CJK SC".into()], heading: vec!["Noto Sans CJK SC".into()], title: vec!["Noto Sans CJK SC".into()], table: vec!["Noto Serif CJK SC".into()] };
        let mut d = Document::new("测试".into(), "测试".into(), fonts);
        d.heading(1, "第一部分");
        for i in 0..paragraphs {
            d.para(format!("第{i}段：本段文字用于测试最后一页只剩几行时的排版，内容没有实际意义，只是为了占满版面。"));
        }
        d.finish(&[]);
        serde_json::to_string(&d).unwrap()
    }

    /// A document whose normal layout leaves a few lines alone on its last page is laid out
    /// again with tighter spacing, and those lines come back.
    #[test]
    fn a_short_last_page_is_pulled_back() {
        let f = fonts(&[]);
        let short = (20..120).find(|n| compile(&doc(*n), M, f.clone(), DEFAULT, false).is_ok_and(|r| r.1)).expect("some length leaves a short last page");
        let (first, _) = compile(&doc(short), M, f.clone(), DEFAULT, false).unwrap();
        let (tight, still_short) = compile(&doc(short), M, f.clone(), DEFAULT, true).unwrap();
        assert!(!still_short, "{short} paragraphs: the tighter layout has no short last page");
        assert_eq!(render_with(&doc(short), M, f, DEFAULT).unwrap(), tight, "the tighter layout is the one written");
        assert_ne!(first, tight);
    }
}
