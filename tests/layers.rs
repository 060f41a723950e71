//! The source tree keeps its layers: every `crate::…` and `super::…` path in `src/` is read,
//! resolved to the file it names, and the test fails on an edge that goes up a layer, an edge
//! between two document kinds of the same layer, or a circle between files, naming them.
//!
//! Layers, lowest first (a file may import its own folder and the layers below it):
//! core → render → kind → performance, budget → final_accounts → build → import → cli.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layer of a top-level module. Kinds that share a layer must not import each other.
fn layer(top: &str) -> Option<u8> {
    Some(match top {
        "core" => 0,
        "render" => 1,
        "kind" => 2,
        "performance" | "budget" => 3,
        "final_accounts" => 4,
        "build" => 5,
        "import" => 6,
        "cli" => 7,
        _ => return None,
    })
}

/// Module path of a file: src/core/money.rs → [core, money]; src/core/mod.rs → [core].
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|c| c.to_string_lossy().to_string()).collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs").to_string();
        if stem != "mod" {
            parts.push(stem);
        }
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The text without `//` comments, so doc comments naming a module are not edges.
fn code(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            let mut in_str = false;
            let b: Vec<char> = l.chars().collect();
            for i in 0..b.len() {
                match b[i] {
                    '"' if i == 0 || b[i - 1] != '\\' => in_str = !in_str,
                    '/' if !in_str && b.get(i + 1) == Some(&'/') => return b[..i].iter().collect(),
                    _ => {}
                }
            }
            l.to_string()
        })
        .collect()
}

/// Parses a path tree after `crate::`/`super::`: `a::b`, `a::{b, c::{d, e}}`, `self`, `*`.
fn tree(s: &[char], i: &mut usize) -> Vec<Vec<String>> {
    let skip = |i: &mut usize| {
        while *i < s.len() && s[*i].is_whitespace() {
            *i += 1;
        }
    };
    skip(i);
    if *i < s.len() && s[*i] == '{' {
        *i += 1;
        let mut out = Vec::new();
        loop {
            skip(i);
            if *i >= s.len() || s[*i] == '}' {
                *i += 1;
                return out;
            }
            out.extend(tree(s, i));
            skip(i);
            if *i < s.len() && s[*i] == ',' {
                *i += 1;
            }
        }
    }
    let start = *i;
    while *i < s.len() && (s[*i].is_alphanumeric() || s[*i] == '_' || s[*i] == '*') {
        *i += 1;
    }
    let ident: String = s[start..*i].iter().collect();
    if ident.is_empty() {
        return vec![vec![]];
    }
    // `name as other`: the path ends at `name`.
    let mut j = *i;
    while j < s.len() && s[j].is_whitespace() {
        j += 1;
    }
    if s[j..].starts_with(&['a', 's', ' ']) {
        j += 3;
        while j < s.len() && (s[j].is_alphanumeric() || s[j] == '_' || s[j].is_whitespace()) {
            j += 1;
        }
        *i = j;
        return vec![vec![ident]];
    }
    if s.get(*i) == Some(&':') && s.get(*i + 1) == Some(&':') {
        *i += 2;
        return tree(s, i).into_iter().map(|mut rest| {
            rest.insert(0, ident.clone());
            rest
        }).collect();
    }
    if ident == "self" || ident == "*" { vec![vec![]] } else { vec![vec![ident]] }
}

struct Edge {
    to: String,
    line: usize,
}

#[test]
fn no_upward_edges_and_no_circles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeMap<Vec<String>, String> =
        files.iter().map(|f| (module_of(f.strip_prefix(&src).unwrap()), f.strip_prefix(&src).unwrap().display().to_string())).collect();
    let resolve = |path: &[String]| -> Option<String> { (1..=path.len()).rev().find_map(|n| modules.get(&path[..n]).cloned()) };
    let mut graph: BTreeMap<String, Vec<Edge>> = BTreeMap::new();
    for (module, file) in &modules {
        if module.is_empty() || module == &["main".to_string()] {
            continue; // lib.rs and main.rs only declare and call
        }
        let text = std::fs::read_to_string(src.join(file)).unwrap();
        let mut inline_mod = false;
        let edges = graph.entry(file.clone()).or_default();
        for (n, line) in code(&text).iter().enumerate() {
            let t = line.trim_start();
            if (t.starts_with("mod ") || t.starts_with("pub mod ")) && t.ends_with('{') {
                inline_mod = true; // `super` inside `mod tests { … }` is the file itself
            }
            let chars: Vec<char> = line.chars().collect();
            // `child::item`: a path into a child module of this file's module (mod.rs).
            let mut k = 0;
            while k < chars.len() {
                if !(chars[k].is_alphabetic() || chars[k] == '_') {
                    k += 1;
                    continue;
                }
                let start = k;
                while k < chars.len() && (chars[k].is_alphanumeric() || chars[k] == '_') {
                    k += 1;
                }
                let first_segment = start == 0 || chars[start - 1] != ':';
                if first_segment && chars[k..].starts_with(&[':', ':']) {
                    let mut full = module.clone();
                    full.push(chars[start..k].iter().collect());
                    if let Some(to) = modules.get(&full).filter(|to| *to != file) {
                        edges.push(Edge { to: to.clone(), line: n + 1 });
                    }
                }
            }
            for (kw, base) in [("crate::", Vec::new()), ("super::", if inline_mod { module.clone() } else { module[..module.len().saturating_sub(1)].to_vec() })] {
                let mut from = 0;
                while let Some(pos) = line[from..].find(kw).map(|p| p + from) {
                    from = pos + kw.len();
                    let before = line[..pos].chars().last();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                        continue;
                    }
                    let mut i = line[..from].chars().count();
                    for path in tree(&chars, &mut i) {
                        let full: Vec<String> = base.iter().cloned().chain(path).collect();
                        if let Some(to) = resolve(&full).filter(|to| to != file) {
                            edges.push(Edge { to, line: n + 1 });
                        }
                    }
                }
            }
        }
    }
    let top = |file: &str| file.split(['/', '.']).next().unwrap_or("").to_string();
    let mut problems = Vec::new();
    for (from, edges) in &graph {
        for e in edges {
            let (a, b) = (top(from), top(&e.to));
            if a == b {
                continue;
            }
            match (layer(&a), layer(&b)) {
                (Some(la), Some(lb)) if lb > la => problems.push(format!("src/{from}:{}: imports src/{} from a higher layer ({b} above {a})", e.line, e.to)),
                (Some(la), Some(lb)) if lb == la => problems.push(format!("src/{from}:{}: imports src/{}: {a} and {b} are kinds of the same layer", e.line, e.to)),
                (None, _) | (_, None) => problems.push(format!("src/{from}: {a} or {b} has no layer in tests/layers.rs")),
                _ => {}
            }
        }
    }
    for cycle in cycles(&graph) {
        problems.push(format!("import circle between files: {}", cycle.iter().map(|f| format!("src/{f}")).collect::<Vec<_>>().join(" → ")));
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// Strongly connected components of more than one file (Tarjan).
fn cycles(graph: &BTreeMap<String, Vec<Edge>>) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, Vec<Edge>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let n = t.index.len();
        t.index.insert(v, n);
        t.low.insert(v, n);
        t.stack.push(v);
        t.on.insert(v);
        for e in t.g.get(v).into_iter().flatten() {
            let w = e.to.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(lw));
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(iw));
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T { g: graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), on: BTreeSet::new(), out: Vec::new() };
    for v in graph.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

/// The checker itself: it sees a brace group, `super` in a test module, and a circle.
#[test]
fn the_checker_reads_braces_and_finds_circles() {
    let s: Vec<char> = "{portal, registry::{self, by_id}, tree as t}".chars().collect();
    let paths = tree(&s, &mut 0);
    assert_eq!(paths, vec![vec!["portal".to_string()], vec!["registry".into()], vec!["registry".into(), "by_id".into()], vec!["tree".into()]]);
    let mut g: BTreeMap<String, Vec<Edge>> = BTreeMap::new();
    g.insert("a.rs".into(), vec![Edge { to: "b.rs".into(), line: 1 }]);
    g.insert("b.rs".into(), vec![Edge { to: "a.rs".into(), line: 1 }]);
    assert_eq!(cycles(&g), vec![vec!["a.rs".to_string(), "b.rs".to_string()]]);
}
