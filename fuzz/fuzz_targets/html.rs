//! `check`, then the document and the HTML: a file that `check` accepts must build. No PDF
//! (typst takes a few hundred milliseconds a document: too slow to fuzz); tests/injection.rs
//! builds PDFs from hostile text.
#![no_main]

use gen_report::build::pipeline;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let c = pipeline::check_str("fuzz.yaml", text);
    let _ = c.sources.render_text(&c.findings);
    if c.has_errors() {
        return;
    }
    let doc = match c.document() {
        Some(Ok(doc)) => doc,
        Some(Err(e)) => panic!("check passed, but the document fails: {e}"),
        None => panic!("check passed, but there is no document"),
    };
    let html = gen_report::render::html::render(&doc).unwrap_or_else(|e| panic!("check passed, but the HTML fails: {e}"));
    assert!(html.trim_end().ends_with("</html>"), "the HTML is complete");
});
