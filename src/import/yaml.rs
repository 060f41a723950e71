//! Writing the imported facts into YAML text: the `init` skeleton on a first import, or the
//! department's own file on a re-import. Only the blocks of figures are replaced, line by
//! line, so every narrative field, comment and reason already typed stays as it was.
//!
//! Each row carries its cells as a comment (`# 表5!C9 行政运行`): a finding `check` reports
//! at that line then names the cell to correct in the workbook.

use super::facts::{Block, Imported, Row, Shape};

/// `base` with every block of `imp` written in (replacing the figures already there). Err
/// when a block's parent is written in flow style on one line (`three_public: { budget: …,
/// reasons: … }`): replacing one key there would drop its neighbours, so nothing is merged.
pub fn merge(base: &str, imp: &Imported) -> Result<String, String> {
    let mut text = base.to_string();
    for b in &imp.blocks {
        if let Some((parent, _)) = b.path.split_once('.')
            && let Some(line) = text.lines().find(|l| l.strip_prefix(parent).is_some_and(|r| r.trim_start().starts_with(':')))
            && line.contains('{')
        {
            return Err(format!("{parent}: 写在一行的花括号中（{}），导入无法只替换其中的数字而保留其他内容：请改写为分行的形式（见 docs/SCHEMA.md 的示例）后再导入", line.trim()));
        }
        text = set(&text, &b.path, &render(b));
    }
    if imp.totals.is_empty() {
        return Ok(text);
    }
    let lines: Vec<&str> = text.lines().collect();
    match find(&lines, 0, lines.len(), "totals", 0) {
        None => return Ok(set(&text, "totals", &totals(imp))),
        Some((a, _)) if !lines[a].trim_end().ends_with(':') => return Err(format!("totals: 写在一行中（{}），导入无法只替换其中的合计：请改写为分行的形式后再导入", lines[a].trim())),
        Some(_) => {}
    }
    // A `totals:` already there: only the keys the workbook prints are replaced, so a total
    // typed by hand (one the workbook lacks) stays.
    let block = totals(imp);
    let mut groups: Vec<(String, String)> = Vec::new();
    for l in block.lines().skip(2) {
        if indent(l) == 2 {
            groups.push((l.trim().split(':').next().unwrap_or("").to_string(), format!("{l}\n")));
        } else if let Some(g) = groups.last_mut() {
            g.1.push_str(&format!("{l}\n"));
        }
    }
    for (key, lines) in groups {
        text = set(&text, &format!("totals.{key}"), &lines);
    }
    Ok(text)
}

fn comment(r: &Row) -> String {
    // The first cell in full; the next ones of the same sheet by their A1 name only.
    let sheet = |c: &str| c.rsplit_once('!').map(|(s, _)| s.to_string());
    let first = r.cells.first().and_then(|c| sheet(c));
    let mut parts: Vec<String> = r.cells.iter().enumerate().map(|(i, c)| match (i, sheet(c), &first) {
        (0, _, _) => c.clone(),
        (_, Some(s), Some(f)) if s == *f => c.rsplit_once('!').map(|x| x.1.to_string()).unwrap_or_default(),
        _ => c.clone(),
    }).collect();
    if let Some(n) = &r.name {
        parts.push(n.clone());
    }
    if parts.is_empty() { String::new() } else { format!("  # {}", parts.join(" ")) }
}

fn flow(r: &Row) -> String {
    let mut kv: Vec<String> = Vec::new();
    if !r.code.is_empty() {
        kv.push(format!("code: \"{}\"", r.code));
    }
    kv.extend(r.fields.iter().map(|(k, v)| format!("{k}: {v}")));
    format!("{{ {} }}", kv.join(", "))
}

/// The block's text: `key:` and its indented content, at the depth of its path.
fn render(b: &Block) -> String {
    let key = b.path.rsplit('.').next().unwrap_or(&b.path);
    let pad = "  ".repeat(b.path.matches('.').count());
    match &b.shape {
        Shape::List(rows) if rows.is_empty() => format!("{pad}{key}: []\n"),
        Shape::List(rows) => {
            let mut s = format!("{pad}{key}:\n");
            for r in rows {
                s.push_str(&format!("{pad}  - {}{}\n", flow(r), comment(r)));
            }
            s
        }
        Shape::Map(r) => format!("{pad}{key}: {}{}\n", flow(r), comment(r)),
        Shape::Scalar(r) => format!("{pad}{key}: {}{}\n", r.fields.first().map(|f| f.1.as_str()).unwrap_or("0"), comment(r)),
    }
}

/// `totals:` nested by table (`t5.basic`), or flat (`basic`), one value per line with its cell.
fn totals(imp: &Imported) -> String {
    let mut s = String::from("# 工作簿中印出的合计，照原样填写：每一项都由 gen-report check 核对，不参与计算。\ntotals:\n");
    let mut groups: Vec<&str> = Vec::new();
    for (p, v, cell) in &imp.totals {
        match p.split_once('.') {
            None => s.push_str(&format!("  {p}: {}  # {cell}\n", super::facts::two_places(*v))),
            Some((g, _)) if !groups.contains(&g) => groups.push(g),
            Some(_) => {}
        }
    }
    for g in groups {
        s.push_str(&format!("  {g}:\n"));
        for (p, v, cell) in imp.totals.iter().filter(|(p, _, _)| p.split_once('.').is_some_and(|(x, _)| x == g)) {
            let key = p.split_once('.').map(|x| x.1).unwrap_or(p);
            s.push_str(&format!("    {key}: {}  # {cell}\n", super::facts::two_places(*v)));
        }
    }
    s
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The range of lines of the block `key:` at `depth` inside lines[from..to].
fn find(lines: &[&str], from: usize, to: usize, key: &str, depth: usize) -> Option<(usize, usize)> {
    let start = (from..to).find(|&i| {
        let l = lines[i];
        indent(l) == depth && (l.trim_start().starts_with(&format!("{key}:")))
    })?;
    let inside = |l: &str| indent(l) > depth || (depth == 0 && l.trim_start().starts_with("- "));
    let mut end = start + 1;
    while end < to {
        let l = lines[end];
        if l.trim().is_empty() {
            // A blank line belongs to the block only when more of the block follows it.
            let next = lines[end..to].iter().find(|l| !l.trim().is_empty());
            if !next.is_some_and(|n| inside(n)) {
                break;
            }
        } else if !inside(l) {
            break;
        }
        end += 1;
    }
    Some((start, end))
}

/// `text` with the block at `path` (one or two keys deep) replaced by `block`, or added.
pub fn set(text: &str, path: &str, block: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let keys: Vec<&str> = path.split('.').collect();
    let block_lines: Vec<&str> = block.lines().collect();
    let splice = |a: usize, b: usize, with: &[&str]| -> String {
        let mut out: Vec<&str> = lines[..a].to_vec();
        out.extend_from_slice(with);
        out.extend_from_slice(&lines[b..]);
        out.join("\n") + "\n"
    };
    match keys.as_slice() {
        [k] => match find(&lines, 0, lines.len(), k, 0) {
            Some((a, b)) => splice(a, b, &block_lines),
            None => format!("{}\n\n{}\n", text.trim_end(), block.trim_end()),
        },
        [parent, k] => match find(&lines, 0, lines.len(), parent, 0) {
            // A parent written in flow style on one line (`carryover: {…}`) cannot take a block.
            Some((a, b)) if lines[a].trim_end().ends_with(':') => match find(&lines, a + 1, b, k, 2) {
                Some((x, y)) => splice(x, y, &block_lines),
                None => splice(b, b, &block_lines),
            },
            Some((a, b)) => {
                let mut with = vec![format!("{parent}:")];
                with.extend(block_lines.iter().map(|l| l.to_string()));
                let with: Vec<&str> = with.iter().map(String::as_str).collect();
                splice(a, b, &with)
            }
            None => format!("{}\n\n{parent}:\n{}\n", text.trim_end(), block.trim_end()),
        },
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::set;

    #[test]
    fn replaces_only_the_figures() {
        let base = "functions:\n  - 本部门职能\n\nexpenditure: []\n#  - { code: \"2010301\", basic: 0 }\n\nthree_public:\n  budget: { abroad: 0 }\n  actual: { abroad: 0 }\n  reasons:\n    abroad: 无出国\n";
        let t = set(base, "expenditure", "expenditure:\n  - { code: \"2010301\", basic: 1 }\n");
        assert!(t.contains("  - 本部门职能") && t.contains("basic: 1") && !t.contains("expenditure: []"), "{t}");
        let t = set(&t, "three_public.actual", "  actual: { abroad: 2 }\n");
        assert!(t.contains("actual: { abroad: 2 }") && t.contains("budget: { abroad: 0 }") && t.contains("abroad: 无出国"), "{t}");
        let t = set(&t, "carryover.opening", "  opening: { general: 3 }\n");
        assert!(t.ends_with("carryover:\n  opening: { general: 3 }\n"), "{t}");
    }

    /// A parent written in flow style keeps its other keys: the merge refuses instead.
    #[test]
    fn flow_style_parent_is_not_overwritten() {
        let base = "three_public: { budget: { abroad: 0 }, reasons: { abroad: 无出国 } }\n";
        let mut imp = super::Imported::default();
        imp.blocks.push(super::Block::map("three_public.actual", super::Row::default()));
        let e = super::merge(base, &imp).unwrap_err();
        assert!(e.contains("three_public"), "{e}");
    }
}
