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

    fn has(&self, family: &str) -> bool {
        self.store.book().contains_family(&family.to_lowercase())
    }

    /// One line per font role of the document whose first choice is not installed: which
    /// candidates are missing and which one serves instead (or that none does and typst
    /// picks a font itself).
    pub fn role_fallbacks(&self, roles: &[(String, Vec<String>)]) -> Vec<String> {
        let mut out = Vec::new();
        for (role, list) in roles {
            if list.first().is_none_or(|f| self.has(f)) {
                continue;
            }
            let missing: Vec<&str> = list.iter().take_while(|f| !self.has(f)).map(String::as_str).collect();
            out.push(match list.iter().find(|f| self.has(f)) {
                Some(f) => format!("{} 用 {f}（{} 未安装）", role_label(role), missing.join("、")),
                None => format!("{}：{} 都未安装，由 typst 另选字体", role_label(role), missing.join("、")),
            });
        }
        out
    }
}

/// What a role of `fonts:` in the profile is for.
fn role_label(role: &str) -> String {
    match role {
        "body" => "正文（仿宋，fonts.body）".into(),
        "heading" => "标题（黑体，fonts.heading）".into(),
        "title" => "封面标题（小标宋，fonts.title）".into(),
        "table" => "表格（宋体，fonts.table）".into(),
        "kai" => "二级标题（楷体，fonts.kai）".into(),
        other => format!("fonts.{other}"),
    }
}

/// The font roles of a document JSON: (role, candidate families).
fn roles_of(json: &str) -> Vec<(String, Vec<String>)> {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(json) else { return Vec::new() };
    let Some(map) = v.get("fonts").and_then(|f| f.as_object()) else { return Vec::new() };
    map.iter().map(|(k, l)| (k.clone(), l.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default())).collect()
}

/// Fonts that set some text without being in any role's list (typst's own fallback), with
/// the characters they set: such a font should be named in the profile.
fn stray_fonts(frame: &Frame, roles: &[(String, Vec<String>)], out: &mut std::collections::BTreeMap<String, String>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => stray_fonts(&g.frame, roles, out),
            FrameItem::Text(t) => {
                let family = &t.font.font().info().family;
                let listed = roles.iter().any(|(_, l)| l.iter().any(|f| f.eq_ignore_ascii_case(family)));
                if !listed {
                    let chars = out.entry(family.to_string()).or_default();
                    for ch in t.text.chars().filter(|c| !c.is_whitespace()) {
                        if !chars.contains(ch) && chars.chars().count() < 12 {
                            chars.push(ch);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Notices already printed by this process: a tree build of many departments says each once.
static NOTICES: Mutex<std::collections::BTreeSet<String>> = Mutex::new(std::collections::BTreeSet::new());

/// Prints the font notices this process has not printed yet (stderr), pointing at
/// `--font-path`.
/// Set by `-q`: the font notices are not printed (a bureau's scheduled build prints only
/// failures). The fonts used are still what the profile and `--font-path` give.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn quiet_notices() {
    QUIET.store(true, std::sync::atomic::Ordering::Relaxed);
}

fn notify(lines: Vec<String>) {
    if QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    let mut seen = NOTICES.lock().unwrap_or_else(|e| e.into_inner());
    let new: Vec<String> = lines.into_iter().filter(|l| seen.insert(l.clone())).collect();
    if new.is_empty() {
        return;
    }
    let mut text = String::from("提示：PDF 用的字体不是 profile 的首选（用 --font-path 目录 指定含首选字体的目录，或改 profile.yaml 的 fonts:）：\n");
    for l in new {
        text.push_str(&format!("  {l}\n"));
    }
    eprint!("{text}");
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

/// Forms (tables without header rows) that run onto a further page and end in its top
/// `SPILL` part: their ids, from the `form-start`/`form-end` marks the template puts around
/// them.
fn spilled_forms(doc: &PagedDocument) -> Vec<String> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::MetadataElem;
    let intro = doc.introspector();
    let marks = |name: &str| -> Vec<(String, typst::introspection::PagedPosition)> {
        let Some(label) = Label::new(typst::utils::PicoStr::intern(name)) else { return Vec::new() };
        intro
            .elements()
            .query(&Selector::Label(label))
            .iter()
            .filter_map(|c| {
                let Value::Str(id) = &c.to_packed::<MetadataElem>()?.value else { return None };
                Some((id.to_string(), intro.position(c.location()?)?))
            })
            .collect()
    };
    let starts = marks("form-start");
    let mut out = Vec::new();
    for (id, end) in marks("form-end") {
        let Some((_, start)) = starts.iter().find(|s| s.0 == id) else { continue };
        let Some(page) = doc.pages().get(end.page.get() - 1) else { continue };
        if end.page > start.page && end.point.y.to_pt() < page.frame.height().to_pt() * SPILL {
            out.push(id);
        }
    }
    out
}

/// A form whose end lies in this top part of a page (a quarter of the body below a 28 mm
/// margin) has left only its last rows there.
const SPILL: f64 = 0.3;

/// Whether a body page (after the cover and the 目录) holds only a few lines and the next page
/// starts with a level-1 heading (a part or an annex begins on a page of its own): like a
/// short last page, those lines may come back with tighter spacing.
fn short_before_part(doc: &PagedDocument) -> bool {
    use typst::foundations::{NativeElement, StyleChain};
    use typst::model::HeadingElem;
    let intro = doc.introspector();
    let pages = doc.pages();
    let starts: Vec<usize> = intro
        .elements()
        .query(&HeadingElem::ELEM.select())
        .iter()
        .filter_map(|c| {
            let h = c.to_packed::<HeadingElem>()?;
            (h.resolve_level(StyleChain::default()).get() == 1).then_some(())?;
            let pos = intro.position(c.location()?)?;
            // At the top of its page: in the upper fifth.
            let height = pages.get(pos.page.get() - 1)?.frame.height().to_pt();
            (pos.point.y.to_pt() < height * 0.2).then_some(pos.page.get())
        })
        .collect();
    starts.iter().any(|&next| next >= 4 && pages.get(next - 2).is_some_and(|p| body_lines(&p.frame) <= SHORT_LAST_PAGE))
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
    /// The standards the PDF conforms to (the profile's `pdf.standards`); empty: plain PDF 1.7.
    pub standards: &'a [typst_pdf::PdfStandard],
}

/// The built-in profile's standards: PDF/A-2a (archival, tagged, Unicode) and PDF/UA-1
/// (accessible). Both allow PDF 1.7, so krilla can write one file that claims both; PDF/A-3a
/// would do too, but only adds arbitrary attachments, which the report does not embed.
pub const STANDARDS: &[typst_pdf::PdfStandard] = &[typst_pdf::PdfStandard::A_2a, typst_pdf::PdfStandard::Ua_1];

/// Compiles the document JSON into a plain PDF with the built-in template (no date known, so
/// no PDF/A: it requires one).
pub fn render(json: &str, title: &str, fonts: Arc<Fonts>) -> Result<Vec<u8>, PdfError> {
    render_with(json, Meta { title, published: None, standards: &[] }, fonts, DEFAULT)
}

/// One layout and export of an emitted source (`--emit typst`: its main.typ and data.json),
/// the yardstick `scripts/bench.sh` compares a report's cost with: what typst itself costs
/// for the same content, without gen-report's checks, twins or second layout.
pub fn compile_emitted(main_typ: &str, data_json: &str, fonts: Arc<Fonts>) -> Result<Vec<u8>, PdfError> {
    let meta = Meta { title: "gen-report typst-compile", published: Some((2000, 1, 1)), standards: STANDARDS };
    let out = compile(data_json, &roles_of(data_json), meta, fonts, Template { text: main_typ, name: "main.typ" }, &Adjust::default()).and_then(|c| export(&c, meta));
    typst::comemo::evict(2);
    out
}

/// Compiles with a template (a user's override of report.typ, or `DEFAULT`).
pub fn render_with(json: &str, meta: Meta, fonts: Arc<Fonts>, template: Template) -> Result<Vec<u8>, PdfError> {
    let roles = roles_of(json);
    let first = compile(json, &roles, meta, fonts.clone(), template, &Adjust::default());
    // A last page with only a few lines (two glossary items, say) is avoided where the
    // layout allows: the template tightens the spacing and the document is laid out again.
    // So is a form (a self-evaluation) that leaves its last rows alone at the top of a page:
    // it is set a point smaller. The decisions depend only on the first layout, so output
    // stays deterministic; only the layout that is kept is exported.
    let out = match first {
        Ok(c) if c.short || !c.spilled.is_empty() => {
            let adjust = Adjust { tight: c.short, small: c.spilled.clone() };
            drop(c);
            // The adjusted layout re-evaluates the whole document (`doc` changed), so the
            // first layout's memo buys nothing (measured: 220 ms against 194 ms for the
            // first); evicting here keeps memory where one layout per document leaves it.
            typst::comemo::evict(2);
            compile(json, &roles, meta, fonts.clone(), template, &adjust)
        }
        other => other,
    };
    let pdf = out.and_then(|c| {
        let pdf = export(&c, meta)?;
        let mut notices = fonts.role_fallbacks(&roles);
        for (family, chars) in c.stray {
            notices.push(format!("{family} 排了 {chars}，但不在 profile 的任何 fonts: 列表中（typst 自选的后备字体）"));
        }
        notify(notices);
        Ok(pdf)
    });
    // The comemo cache is process-global: evict so batches and watch mode stay flat.
    typst::comemo::evict(2);
    pdf
}

/// What a second layout changes, decided from the first one.
#[derive(Default)]
struct Adjust {
    /// Tighter lines and paragraphs (`doc.tight`).
    tight: bool,
    /// Forms set a point smaller, by table id (`doc.small`).
    small: Vec<String>,
}

/// One layout's result, not yet exported: the caller decides from it whether to keep it.
struct Compiled {
    doc: PagedDocument,
    world: ReportWorld,
    /// The last page holds only a few lines.
    short: bool,
    /// Forms whose last rows sit alone at the top of a page (table ids).
    spilled: Vec<String>,
    /// Fonts typst fell back to that no role lists, with the characters they set.
    stray: std::collections::BTreeMap<String, String>,
}

/// One layout: the document, whether its last page is short, the fonts no role lists. The
/// export is separate (`export`), so a layout that is done again is never exported.
fn compile(json: &str, roles: &[(String, Vec<String>)], meta: Meta, fonts: Arc<Fonts>, template: Template, adjust: &Adjust) -> Result<Compiled, PdfError> {
    let world = world(json, meta, fonts, template, adjust);
    let phase = if adjust.tight || !adjust.small.is_empty() { "typst layout (again, adjusted)" } else { "typst layout" };
    let warned = crate::core::timing::time(phase, || typst::compile::<PagedDocument>(&world));
    let doc = match warned.output {
        Err(errors) => return Err(PdfError(describe(&world, &errors), Vec::new())),
        Ok(doc) => doc,
    };
    let mut missing = Vec::new();
    for page in doc.pages() {
        missing_glyphs(&page.frame, &mut missing);
    }
    if !missing.is_empty() {
        let chars: String = missing.iter().collect();
        let msg = format!("没有字体能显示这些字符：{chars}（PDF 中会成为空白方框）。请用 --font-path 指定包含这些字的字体目录，或安装 fonts-noto-cjk");
        return Err(PdfError(vec![msg], missing));
    }
    let pages = doc.pages();
    let short = pages.len() > 2 && (pages.last().is_some_and(|p| body_lines(&p.frame) <= SHORT_LAST_PAGE) || short_before_part(&doc));
    let mut stray = std::collections::BTreeMap::new();
    for p in pages {
        stray_fonts(&p.frame, roles, &mut stray);
    }
    let spilled = spilled_forms(&doc);
    Ok(Compiled { doc, world, short, spilled, stray })
}

/// The world of one layout: the template, the document JSON with the adjustments, the date.
fn world(json: &str, meta: Meta, fonts: Arc<Fonts>, template: Template, adjust: &Adjust) -> ReportWorld {
    let main_id = vid("/main.typ");
    let date = pdf_date(meta.published);
    // The adjustments reach the template as fields of the document (`doc.tight`, `doc.small`).
    let mut head = String::new();
    if adjust.tight {
        head.push_str("\"tight\":true,");
    }
    if !adjust.small.is_empty() {
        head.push_str(&format!("\"small\":{},", serde_json::to_string(&adjust.small).unwrap_or_else(|_| "[]".into())));
    }
    let json = if head.is_empty() { json.to_string() } else { json.replacen('{', &format!("{{{head}"), 1) };
    ReportWorld {
        // `a11y-extras`: `pdf.header-cell` tags the row headers (科目名称, 一级指标 …).
        library: LazyHash::new(Library::builder().with_features([typst::Feature::A11yExtras].into_iter().collect()).build()),
        fonts,
        main: Source::new(main_id, template.text.to_string()),
        data: Bytes::from_string(json),
        data_id: vid("/data.json"),
        today: date.unwrap_or(Datetime::from_ymd(2000, 1, 1).expect("a valid date")),
        template_name: template.name.to_string(),
    }
}

/// The PDF of a layout, with the profile's standards and the document's date.
fn export(c: &Compiled, meta: Meta) -> Result<Vec<u8>, PdfError> {
    let standards = if meta.standards.is_empty() { Ok(typst_pdf::PdfStandards::default()) } else { typst_pdf::PdfStandards::new(meta.standards) };
    let standards = standards.map_err(|e| PdfError(vec![format!("pdf.standards：{}", e.message())], Vec::new()))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(meta.title.to_string()),
        // With `set document(date: auto)` this is the CreationDate (and the ModDate); no date
        // known means none is written (never the build machine's clock).
        timestamp: pdf_date(meta.published).map(typst_pdf::Timestamp::new_utc),
        standards,
        ..Default::default()
    };
    crate::core::timing::time("pdf export", || typst_pdf::pdf(&c.doc, &options)).map_err(|e| PdfError(describe(&c.world, &e), Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    // PDF/A needs a document date: the publication date stands in for one.
    const M: Meta<'static> = Meta { title: "t", published: Some((2021, 1, 1)), standards: STANDARDS };
    use crate::render::view::{Document, Fonts as RoleFonts};

    fn doc(paragraphs: usize) -> String {
        let fonts = RoleFonts { body: vec!["Noto Serif CJK SC".into()], heading: vec!["Noto Sans CJK SC".into()], title: vec!["Noto Sans CJK SC".into()], table: vec!["Noto Serif CJK SC".into()], kai: vec![] };
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
        let normal = Adjust::default;
        let tighter = || Adjust { tight: true, small: Vec::new() };
        let roles = roles_of(&doc(1));
        let layout = |n: usize, adjust: &Adjust| compile(&doc(n), &roles, M, f.clone(), DEFAULT, adjust).unwrap();
        let short = (20..120).find(|n| layout(*n, &normal()).short).expect("some length leaves a short last page");
        let first = export(&layout(short, &normal()), M).unwrap();
        let tighter = layout(short, &tighter());
        assert!(!tighter.short, "{short} paragraphs: the tighter layout has no short last page");
        let tight = export(&tighter, M).unwrap();
        assert_eq!(render_with(&doc(short), M, f.clone(), DEFAULT).unwrap(), tight, "the tighter layout is the one written");
        assert_ne!(first, tight);
    }
}
