//! The YAML loader and every check: any bytes (shown lossily as UTF-8, as a reader would) go
//! through `check`, and the findings render as text and as JSON that parses back, one object
//! per finding. A panic, a hang or a finding that cannot be rendered is a bug.
#![no_main]

use gen_report::build::pipeline;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let c = pipeline::check_str("fuzz.yaml", text);
    assert!(!c.fatal || !c.findings.is_empty(), "a fatal result without a finding");
    let shown = c.sources.render_text(&c.findings);
    for f in &c.findings {
        assert!(shown.contains(&format!("[{}]", f.rule)), "[{}] is missing from the text", f.rule);
    }
    let json = c.sources.render_json(&c.findings);
    let v: serde_json::Value = serde_json::from_str(&json).expect("the findings' JSON parses");
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(c.findings.len()), "one JSON object per finding");
});
