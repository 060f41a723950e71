//! Structural check of the YAML against the JSON Schema of its document kind, used when the
//! typed load fails. serde stops at the first unknown field, missing field or wrong type;
//! this walk lists every one of them, each at its line and column, so the user fixes the
//! file in one pass. Aliases are not expanded and nesting is bounded, so hostile input
//! cannot blow up memory or the stack here.

use crate::core::diag::{Finding, SrcSpan};
use serde_saphyr::granit_parser::{self, Event, Parser, ScalarStyle};
use serde_json::Value;
use std::collections::HashSet;

const MAX_DEPTH: usize = 64;

enum Kind {
    Map(Vec<(String, SrcSpan, Node)>),
    Seq(Vec<Node>),
    Scalar(String, bool), // text, plain (unquoted)
    Alias,
}

struct Node {
    kind: Kind,
    span: SrcSpan,
}

struct Builder<'a> {
    events: std::iter::Peekable<Parser<'a, granit_parser::StrInput<'a>>>,
    file: usize,
    len: usize,
    /// Nodes read so far: the walk stops where the parser's budget would (`kind::MAX_NODES`).
    nodes: usize,
}

impl Builder<'_> {
    fn span(&self, s: &granit_parser::Span) -> SrcSpan {
        let start = s.start.byte_offset().unwrap_or(0).min(self.len);
        let end = s.end.byte_offset().unwrap_or(start).clamp(start, self.len);
        SrcSpan { file: self.file, start, end: end.max(start + usize::from(start < self.len)) }
    }

    /// Reads one node; None on a parse error or excessive depth (the serde error is reported instead).
    fn node(&mut self, depth: usize) -> Option<Node> {
        self.nodes += 1;
        if depth > MAX_DEPTH || self.nodes > crate::kind::MAX_NODES {
            return None;
        }
        loop {
            let (ev, sp) = self.events.next()?.ok()?;
            let span = self.span(&sp);
            return match ev {
                Event::Scalar(text, style, _, _) => Some(Node { kind: Kind::Scalar(text.to_string(), style == ScalarStyle::Plain), span }),
                Event::Alias(_) | Event::UnresolvedAlias(_) => Some(Node { kind: Kind::Alias, span }),
                Event::SequenceStart(..) => {
                    let mut items = Vec::new();
                    loop {
                        if matches!(self.events.peek(), Some(Ok((Event::SequenceEnd, _)))) {
                            self.events.next();
                            break;
                        }
                        items.push(self.node(depth + 1)?);
                    }
                    Some(Node { kind: Kind::Seq(items), span })
                }
                Event::MappingStart(..) => {
                    let mut entries = Vec::new();
                    loop {
                        if matches!(self.events.peek(), Some(Ok((Event::MappingEnd, _)))) {
                            self.events.next();
                            break;
                        }
                        let key = self.node(depth + 1)?;
                        let value = self.node(depth + 1)?;
                        let k = match &key.kind {
                            Kind::Scalar(t, _) => t.clone(),
                            _ => String::from("?"),
                        };
                        entries.push((k, key.span, value));
                    }
                    Some(Node { kind: Kind::Map(entries), span })
                }
                Event::StreamStart | Event::DocumentStart(..) | Event::Anchor(..) => continue,
                _ => None,
            };
        }
    }
}

fn is_null(n: &Node) -> bool {
    matches!(&n.kind, Kind::Scalar(t, true) if t.is_empty() || t == "~" || t == "null" || t == "Null" || t == "NULL")
}

struct Walker<'a> {
    root: &'a Value,
    out: Vec<Finding>,
    /// Unknown fields reported with a suggestion so far.
    unknown: usize,
}

/// Levenshtein distance, used only to suggest a near field name: two names whose lengths
/// differ by more than 2 are "far" at once, so a megabyte-long key costs nothing.
fn edit_distance(a: &str, b: &str) -> usize {
    if a.chars().count().abs_diff(b.chars().count()) > 2 {
        return 3;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + usize::from(a[i - 1] != b[j - 1]));
        }
        prev = cur;
    }
    prev[b.len()]
}

impl<'a> Walker<'a> {
    fn resolve(&self, mut s: &'a Value) -> &'a Value {
        for _ in 0..16 {
            match s.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
                Some(name) => s = &self.root["$defs"][name],
                None => break,
            }
        }
        s
    }

    fn types(s: &Value) -> Vec<&str> {
        match s.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        }
    }

    fn walk(&mut self, node: &Node, schema: &'a Value, path: &str) {
        let s = self.resolve(schema);
        if matches!(node.kind, Kind::Alias) {
            return;
        }
        if let Some(alts) = s.get("anyOf").or_else(|| s.get("oneOf")).and_then(Value::as_array) {
            let consts: Vec<&str> = alts.iter().filter_map(|a| a.get("const").and_then(Value::as_str)).collect();
            if !consts.is_empty() {
                return self.scalar_in(node, &consts, path);
            }
            let non_null: Vec<&Value> = alts.iter().filter(|a| Self::types(self.resolve(a)) != ["null"]).collect();
            if is_null(node) {
                if non_null.len() == alts.len() {
                    self.wrong(node, path, "一个值（此处为空）");
                }
                return;
            }
            if let [one] = non_null.as_slice() {
                return self.walk(node, one, path);
            }
            // Amounts: number or string; anything scalar is checked later by the loader.
            if !matches!(node.kind, Kind::Scalar(..)) {
                self.wrong(node, path, "金额或文字（单个值）");
            }
            return;
        }
        if let Some(values) = s.get("enum").and_then(Value::as_array) {
            let consts: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
            return self.scalar_in(node, &consts, path);
        }
        let types = Self::types(s);
        if types.contains(&"null") && is_null(node) {
            return;
        }
        if types.contains(&"object") {
            let Kind::Map(entries) = &node.kind else { return self.wrong(node, path, "映射（“键: 值”的一组字段）") };
            let props = s.get("properties").and_then(Value::as_object);
            let mut seen: HashSet<&str> = HashSet::new();
            for (k, kspan, v) in entries {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                if !seen.insert(k.as_str()) {
                    self.out.push(Finding::error("Y-DUPLICATE-KEY", p.clone(), format!("重复的键 {k}：同一层级中这个键出现了两次")).at(Some(*kspan)).hint("删去重复的一项，或把两处内容合并"));
                    continue;
                }
                match props.and_then(|m| m.get(k)) {
                    Some(sub) => self.walk(v, sub, &p),
                    // Past the cap the finding is only counted (`diag::cap`): skip the suggestion.
                    None if self.unknown >= crate::core::diag::MAX_PER_RULE => {
                        self.out.push(Finding::error("Y-UNKNOWN-FIELD", p, format!("未知字段 {k}（可能拼写错误）")).at(Some(*kspan)));
                    }
                    None => {
                        self.unknown += 1;
                        let names: Vec<&String> = props.map(|m| m.keys().collect()).unwrap_or_default();
                        let near = names.iter().map(|n| (edit_distance(k, n), *n)).filter(|(d, _)| *d <= 2).min();
                        let mut f = Finding::error("Y-UNKNOWN-FIELD", p, format!("未知字段 {k}（可能拼写错误）")).at(Some(*kspan));
                        f = match near {
                            Some((_, n)) => f.expected(n.clone()).actual(k.clone()).hint(format!("是不是 {n}？")),
                            None => f.hint(format!("此处可用的字段：{}", names.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("、"))),
                        };
                        self.out.push(f);
                    }
                }
            }
            let unknown: Vec<&str> = seen.iter().copied().filter(|k| props.is_none_or(|m| !m.contains_key(*k))).collect();
            for req in s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                // A misspelt key was already reported with "是不是 {req}？"; don't report it twice.
                if seen.contains(&req) || unknown.iter().any(|k| edit_distance(k, req) <= 2) {
                    continue;
                }
                let p = if path.is_empty() { req.to_string() } else { format!("{path}.{req}") };
                let what = props.and_then(|m| m.get(req)).and_then(|v| v.get("description").or_else(|| self.resolve(v).get("description"))).and_then(Value::as_str).unwrap_or("");
                self.out.push(
                    Finding::error("Y-MISSING-FIELD", p, format!("缺少必填字段 {req}{}", if what.is_empty() { String::new() } else { format!("（{}）", what.lines().next().unwrap_or("")) }))
                        .at(Some(SrcSpan { end: node.span.start + 1, ..node.span }))
                        .hint(format!("在这一层加上 {req}: …，见 docs/SCHEMA.md")),
                );
            }
            return;
        }
        if types.contains(&"array") {
            let Kind::Seq(items) = &node.kind else { return self.wrong(node, path, "列表（每项以 - 开头）") };
            if let Some(item) = s.get("items") {
                for (i, n) in items.iter().enumerate() {
                    self.walk(n, item, &format!("{path}[{i}]"));
                }
            }
            return;
        }
        let Kind::Scalar(text, _) = &node.kind else {
            return self.wrong(node, path, if types.contains(&"integer") { "整数" } else { "单个值（文字或数字）" });
        };
        if is_null(node) {
            return self.wrong(node, path, "一个值（此处为空）");
        }
        if types.contains(&"integer") && text.trim().parse::<u64>().is_err() {
            self.out.push(Finding::error("Y-TYPE", path, "类型错误：此处应为整数").at(Some(node.span)).expected("非负整数").actual(format!("{text:?}")));
        }
        if types.contains(&"boolean") && !matches!(text.as_str(), "true" | "false") {
            self.out.push(Finding::error("Y-TYPE", path, "类型错误：此处应为 true 或 false").at(Some(node.span)).expected("true 或 false").actual(format!("{text:?}")));
        }
    }

    fn scalar_in(&mut self, node: &Node, allowed: &[&str], path: &str) {
        match &node.kind {
            Kind::Scalar(t, _) if allowed.contains(&t.as_str()) => {}
            Kind::Scalar(t, _) => self.out.push(
                Finding::error("Y-TYPE", path, "取值不在可选范围内").at(Some(node.span)).expected(allowed.join(" | ")).actual(format!("{t:?}")),
            ),
            _ => self.wrong(node, path, &allowed.join(" | ")),
        }
    }

    fn wrong(&mut self, node: &Node, path: &str, expected: &str) {
        let actual = match &node.kind {
            Kind::Map(_) => "映射".to_string(),
            Kind::Seq(_) => "列表".to_string(),
            Kind::Scalar(t, _) if t.is_empty() => "空值".to_string(),
            Kind::Scalar(t, _) => format!("{t:?}"),
            Kind::Alias => "别名".to_string(),
        };
        self.out.push(Finding::error("Y-TYPE", path, format!("类型错误：此处应为{expected}")).at(Some(node.span)).expected(expected.to_string()).actual(actual));
    }
}

/// The values of a parsed file, to name the field at a byte offset.
pub struct Values(Option<Node>);

impl Values {
    /// Parses `text` once; an unparsable file has no values.
    pub fn of(text: &str) -> Values {
        let mut b = Builder { events: Parser::new_from_str(text).peekable(), file: 0, len: text.len(), nodes: 0 };
        Values(b.node(0))
    }

    /// The YAML path (`department.short_name`, `functions[2]`) of the scalar holding byte
    /// `offset`, or None when it is not inside a value (a comment, a key). Each level is
    /// found by bisecting its children, so many offsets in a large file stay cheap.
    pub fn path_at(&self, offset: usize) -> Option<String> {
        path_in(self.0.as_ref()?, offset)
    }

    /// Every key and scalar value as parsed (escapes such as `"\u202E"` decoded), in file
    /// order: (YAML path, byte span of the node, text).
    pub fn texts(&self) -> Vec<(String, (usize, usize), &str)> {
        let mut out = Vec::new();
        if let Some(root) = &self.0 {
            collect(root, String::new(), &mut out);
        }
        out
    }
}

fn collect<'a>(n: &'a Node, path: String, out: &mut Vec<(String, (usize, usize), &'a str)>) {
    match &n.kind {
        Kind::Map(entries) => {
            for (k, kspan, v) in entries {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                out.push((p.clone(), (kspan.start, kspan.end), k.as_str()));
                collect(v, p, out);
            }
        }
        Kind::Seq(items) => {
            for (i, v) in items.iter().enumerate() {
                collect(v, format!("{path}[{i}]"), out);
            }
        }
        Kind::Scalar(t, _) => out.push((path, (n.span.start, n.span.end), t.as_str())),
        Kind::Alias => {}
    }
}

fn path_in(root: &Node, offset: usize) -> Option<String> {
    let mut node = root;
    let mut path = String::new();
    loop {
        match &node.kind {
            Kind::Map(entries) => {
                let (k, _, v) = &entries[child_at(entries, |e| &e.2, offset)?];
                path = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                node = v;
            }
            Kind::Seq(items) => {
                let i = child_at(items, |n| n, offset)?;
                path = format!("{path}[{i}]");
                node = &items[i];
            }
            Kind::Scalar(..) => return (node.span.start <= offset && offset < node.span.end).then_some(path),
            Kind::Alias => return None,
        }
    }
}

/// The child whose value starts last at or before `offset` (children come in file order).
fn child_at<T>(children: &[T], node: impl Fn(&T) -> &Node, offset: usize) -> Option<usize> {
    children.partition_point(|c| node(c).span.start <= offset).checked_sub(1)
}

/// Every structural problem of `text` against `schema`, the JSON Schema of its document kind.
pub fn check_against(text: &str, file: usize, schema: &Value) -> Vec<Finding> {
    let schema = schema.clone();
    let mut b = Builder { events: Parser::new_from_str(text).peekable(), file, len: text.len(), nodes: 0 };
    let Some(root) = b.node(0) else { return Vec::new() };
    let mut w = Walker { root: &schema, out: Vec::new(), unknown: 0 };
    w.walk(&root, &schema, "");
    w.out
}
