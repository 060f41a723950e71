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

/// A fixed timestamp: SOURCE_DATE_EPOCH if set, else 2000-01-01, so builds are byte-identical.
fn fixed_time() -> Datetime {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(946_684_800);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant), exact integer arithmetic.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + if m <= 2 { 1 } else { 0 }) as i32;
    Datetime::from_ymd_hms(y, m, d, (rem / 3600) as u8, (rem % 3600 / 60) as u8, (rem % 60) as u8)
        .unwrap_or(Datetime::from_ymd(2000, 1, 1).expect("valid date"))
}

/// A PDF failure, already phrased for the user.
#[derive(Debug)]
pub struct PdfError(pub Vec<String>);

fn describe(world: &ReportWorld, diags: &[SourceDiagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            let place = world
                .range(d.span)
                .and_then(|r| {
                    let lines = world.main.lines();
                    lines.byte_to_line_column(r.start).map(|(l, c)| format!("templates/default/report.typ:{}:{}: ", l + 1, c + 1))
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

/// Compiles the document JSON into PDF bytes.
pub fn render(json: &str, title: &str, fonts: Arc<Fonts>) -> Result<Vec<u8>, PdfError> {
    render_with(json, title, fonts, TEMPLATE)
}

/// Compiles with a template text (a user's override of report.typ).
pub fn render_with(json: &str, title: &str, fonts: Arc<Fonts>, template: &str) -> Result<Vec<u8>, PdfError> {
    let main_id = vid("/main.typ");
    let world = ReportWorld {
        library: LazyHash::new(Library::builder().build()),
        fonts,
        main: Source::new(main_id, template.to_string()),
        data: Bytes::from_string(json.to_string()),
        data_id: vid("/data.json"),
        today: fixed_time(),
    };
    let warned = typst::compile::<PagedDocument>(&world);
    let result = match warned.output {
        Err(errors) => Err(PdfError(describe(&world, &errors))),
        Ok(doc) => {
            let mut missing = Vec::new();
            for page in doc.pages() {
                missing_glyphs(&page.frame, &mut missing);
            }
            if !missing.is_empty() {
                let chars: String = missing.iter().collect();
                Err(PdfError(vec![format!(
                    "没有字体能显示这些字符：{chars}（PDF 中会成为空白方框）。请用 --font-path 指定包含这些字的字体目录，或安装 fonts-noto-cjk"
                )]))
            } else {
                let options = typst_pdf::PdfOptions {
                    ident: Smart::Custom(title.to_string()),
                    timestamp: Some(typst_pdf::Timestamp::new_utc(world.today)),
                    ..Default::default()
                };
                typst_pdf::pdf(&doc, &options).map_err(|e| PdfError(describe(&world, &e)))
            }
        }
    };
    // The comemo cache is process-global: evict so batches and watch mode stay flat.
    typst::comemo::evict(2);
    result
}
