//! No typed fact is dropped: every field of the 部门决算 schema is printed by some part of
//! every city layout, or is listed in docs/SCHEMA.md as check-only (it is compared, or it
//! chooses something, but is not printed). For each field a file types, the value is changed
//! and the report rendered again in each layout: a printed field changes the HTML.

use gen_report::build::pipeline;
use serde_saphyr::granit_parser::{Event, Parser};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The files that together type every field of the schema.
const FILES: &[&str] = &["examples/wuhan-hanyang-xinfang-2020.yaml", "examples/zhuzhou-lusong-xinfang-2020.yaml", "tests/fixtures/valid/mixed-funds.yaml", "tests/fixtures/valid/rare-fields.yaml"];
const LAYOUTS: &[&str] = &["hubei", "hunan"];

/// Every scalar of a YAML text with its schema-style path (`expenditure[].basic`) and byte range.
fn scalars(text: &str) -> Vec<(String, usize, usize, String)> {
    let mut out = Vec::new();
    // (is_map, key pending, path)
    let mut stack: Vec<(bool, Option<String>, String)> = vec![(false, None, String::new())];
    let mut expect_key = Vec::<bool>::new();
    for ev in Parser::new_from_str(text) {
        let Ok((ev, span)) = ev else { break };
        let path_for = |stack: &Vec<(bool, Option<String>, String)>| -> String {
            let (is_map, key, path) = stack.last().unwrap();
            if *is_map { format!("{}{}{}", path, if path.is_empty() { "" } else { "." }, key.clone().unwrap_or_default()) } else if path.is_empty() { String::new() } else { format!("{path}[]") }
        };
        match ev {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let p = path_for(&stack);
                if let Some(k) = expect_key.last_mut() {
                    *k = true;
                }
                stack.push((matches!(ev, Event::MappingStart(..)), None, p));
                expect_key.push(true);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                expect_key.pop();
            }
            Event::Scalar(v, ..) => {
                let is_map = stack.last().is_some_and(|s| s.0);
                if is_map && expect_key.last() == Some(&true) {
                    stack.last_mut().unwrap().1 = Some(v.to_string());
                    *expect_key.last_mut().unwrap() = false;
                } else {
                    let p = path_for(&stack);
                    let (a, b) = (span.start.byte_offset().unwrap_or(0), span.end.byte_offset().unwrap_or(0));
                    out.push((p, a, b, v.to_string()));
                    if let Some(k) = expect_key.last_mut() {
                        *k = true;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A changed value of the same kind: a number +1 (a count stays whole), a date a day
/// later, a text with a marker; None for what is not a fact (codes, flags, choices).
fn mutate(path: &str, v: &str) -> Option<String> {
    if path.ends_with(".code") || path.ends_with("rule") || matches!(v, "true" | "false") || ["fund", "category", "attribute", "kind", "city", "document", "scoring"].iter().any(|k| path.ends_with(k)) {
        return None;
    }
    if let Ok(d) = v.parse::<rust_decimal::Decimal>() {
        return Some((d + rust_decimal::Decimal::ONE).to_string());
    }
    if v.len() == 10 && v.as_bytes()[4] == b'-' {
        return Some(format!("{}-28", &v[..7]));
    }
    if v.len() == 7 && v.as_bytes()[4] == b'-' {
        return Some(format!("{}-12", &v[..4]));
    }
    Some(format!("{v}变更"))
}

fn html(text: &str) -> Option<String> {
    let c = pipeline::check_str("f.yaml", text.to_string());
    let doc = c.document()?.ok()?;
    gen_report::render::html::render(&doc).ok()
}

/// Fields docs/SCHEMA.md lists as check-only (`- \`path\`: why` between the markers).
/// Each list line names its fields in backquotes before the colon; `totals.*` covers a group.
fn check_only() -> BTreeSet<String> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/SCHEMA.md")).unwrap();
    let inside = doc.split_once("<!-- check-only:start -->").and_then(|(_, r)| r.split_once("<!-- check-only:end -->")).map(|(m, _)| m).unwrap_or("");
    let mut out = BTreeSet::new();
    for line in inside.lines().filter_map(|l| l.trim().strip_prefix("- ")) {
        let head = line.split_once("`:").map(|(h, _)| h).unwrap_or(line);
        out.extend(head.split('`').skip(1).step_by(2).map(str::to_string));
    }
    out
}

fn exempt(list: &BTreeSet<String>, path: &str) -> bool {
    list.iter().any(|e| e == path || e.strip_suffix(".*").is_some_and(|pre| path.starts_with(&format!("{pre}."))))
}

/// The leaf fields of the schema, as paths like `expenditure[].basic`.
fn schema_leaves() -> BTreeSet<String> {
    let s = serde_json::to_value(schemars::schema_for!(gen_report::final_accounts::source::Source)).unwrap();
    fn walk(s: &serde_json::Value, root: &serde_json::Value, path: &str, out: &mut BTreeSet<String>, depth: usize) {
        let mut x = s;
        while let Some(r) = x.get("$ref").and_then(|r| r.as_str()) {
            x = &root["$defs"][r.rsplit('/').next().unwrap()];
        }
        if depth > 12 {
            return;
        }
        if let Some(alts) = x.get("anyOf").and_then(|a| a.as_array()) {
            let objs: Vec<&serde_json::Value> = alts.iter().filter(|a| a.get("type").and_then(|t| t.as_str()) != Some("null")).collect();
            if objs.len() == 1 {
                return walk(objs[0], root, path, out, depth + 1);
            }
            out.insert(path.to_string());
            return;
        }
        if let Some(props) = x.get("properties").and_then(|p| p.as_object()) {
            for (k, v) in props {
                walk(v, root, &if path.is_empty() { k.clone() } else { format!("{path}.{k}") }, out, depth + 1);
            }
        } else if x.get("type").is_some_and(|t| t.as_str() == Some("array") || t.as_array().is_some_and(|a| a.iter().any(|v| v == "array"))) {
            walk(&x["items"], root, &format!("{path}[]"), out, depth + 1);
        } else {
            out.insert(path.to_string());
        }
    }
    let mut out = BTreeSet::new();
    walk(&s, &s, "", &mut out, 0);
    out
}

#[test]
fn every_field_is_printed_or_documented_as_check_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exempts = check_only();
    let leaves = schema_leaves();
    // printed[layout] = the fields whose change changed that layout's HTML.
    let mut printed: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut typed = BTreeSet::new();
    for file in FILES {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        for layout in LAYOUTS {
            let base_text = text.replacen("city: hubei", &format!("city: {layout}"), 1).replacen("city: hunan", &format!("city: {layout}"), 1);
            let Some(base) = html(&base_text) else { panic!("{file} does not render in {layout}") };
            let done = printed.entry(layout).or_default();
            for (path, a, b, v) in scalars(&base_text) {
                typed.insert(path.clone());
                if done.contains(&path) || exempt(&exempts, &path) {
                    continue;
                }
                let Some(new) = mutate(&path, &v) else { continue };
                // Quote the replacement when the original was quoted.
                let raw = &base_text[a..b];
                let repl = if raw.starts_with('"') { format!("\"{new}\"") } else { new };
                let changed = format!("{}{}{}", &base_text[..a], repl, &base_text[b..]);
                if html(&changed).is_some_and(|h| h != base) {
                    done.insert(path);
                }
            }
        }
    }
    let mut problems = Vec::new();
    for leaf in leaves.iter().filter(|l| !exempt(&exempts, l)) {
        if !typed.contains(leaf) {
            problems.push(format!("{leaf}: no test file types it (add it to tests/fixtures/valid/rare-fields.yaml)"));
            continue;
        }
        for layout in LAYOUTS {
            let skip = leaf.ends_with(".code") || leaf.ends_with("main") || ["fund", "category", "attribute", "kind", "city", "document", "scoring"].iter().any(|k| leaf.ends_with(k));
            if !skip && !printed[layout].contains(leaf) {
                problems.push(format!("{leaf}: typed, but the {layout} layout never prints it"));
            }
        }
    }
    for e in &exempts {
        if !leaves.iter().any(|l| exempt(&BTreeSet::from([e.clone()]), l)) {
            problems.push(format!("{e}: listed as check-only in docs/SCHEMA.md but not a field"));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}
