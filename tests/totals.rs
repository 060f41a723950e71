//! Every total the report prints can be typed under `totals:` and is checked at its own
//! line: the shipped examples with every printed total typed as computed pass `check`, and
//! each one typed 0.01 off is reported by T-TYPED-TOTAL at exactly its line.

use gen_report::build::pipeline;
use gen_report::final_accounts::printed::PRINTED;
use gen_report::final_accounts::FinalAccounts;
use rust_decimal::Decimal;

/// `totals:` YAML with every printed total of `text`, one per line, `off` added to `which`.
fn with_totals(text: &str, which: Option<usize>, off: Decimal) -> (String, Vec<usize>) {
    let c = pipeline::check_str("example.yaml", text.to_string());
    let fa = c.doc.as_ref().and_then(|d| d.as_any().downcast_ref::<FinalAccounts>()).expect("a 决算");
    let mut yaml = format!("{}\ntotals:\n", text.trim_end());
    let mut lines = Vec::new();
    let mut group = String::new();
    for (i, p) in PRINTED.iter().enumerate() {
        let v = (p.value)(&fa.model, &fa.figures) + if which == Some(i) { off } else { Decimal::ZERO };
        let rest = p.path.strip_prefix("totals.").unwrap();
        match rest.split_once('.') {
            Some((g, key)) => {
                if g != group {
                    yaml.push_str(&format!("  {g}:\n"));
                    group = g.to_string();
                }
                yaml.push_str(&format!("    {key}: {v:.2}\n"));
            }
            None => yaml.push_str(&format!("  {rest}: {v:.2}\n")),
        }
        lines.push(yaml.lines().count());
    }
    (yaml, lines)
}

#[test]
fn every_printed_total_can_be_typed_and_is_checked_at_its_line() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/mixed-funds.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    // Flat keys come before the per-table groups in PRINTED, so the YAML stays valid.
    let (all, _) = with_totals(&text, None, Decimal::ZERO);
    let c = pipeline::check_str("all.yaml", all);
    assert!(!c.has_errors(), "{}", c.sources.render_text(&c.findings));
    for (i, p) in PRINTED.iter().enumerate() {
        let (one, lines) = with_totals(&text, Some(i), Decimal::new(1, 2));
        let c = pipeline::check_str("one.yaml", one);
        let errors: Vec<_> = c.findings.iter().filter(|f| f.severity == gen_report::core::diag::Severity::Error).collect();
        assert_eq!(errors.len(), 1, "{}: {}", p.path, c.sources.render_text(&c.findings));
        let f = errors[0];
        assert_eq!((f.rule, f.field.as_str()), ("T-TYPED-TOTAL", p.path));
        let line = f.span.and_then(|s| c.sources.line_col(s)).map(|l| l.1);
        assert_eq!(line, Some(lines[i]), "{} is reported at its own line", p.path);
    }
}

/// docs/SCHEMA.md lists every printed total with the figure it is.
#[test]
fn schema_doc_lists_every_printed_total() {
    let generated: String = std::iter::once("| field | the figure |\n|---|---|\n".to_string()).chain(PRINTED.iter().map(|p| format!("| `{}` | {} |\n", p.path, p.label))).collect();
    let doc = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/SCHEMA.md")).unwrap();
    let (a, b) = ("<!-- printed-totals:start -->\n", "<!-- printed-totals:end -->");
    let inside = doc.split_once(a).and_then(|(_, r)| r.split_once(b)).map(|(m, _)| m).unwrap_or("");
    assert_eq!(inside, generated, "docs/SCHEMA.md is out of date; put this between the printed-totals markers:\n{generated}");
}
