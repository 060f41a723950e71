//! No input may cause a panic: the example mutated in many ways (truncated, lines deleted
//! or duplicated, values replaced with odd scalars) goes through load, checks and both
//! document builders without panicking.

use gen_report::build::pipeline;

const EXAMPLE: &str = include_str!("../examples/wuhan-hanyang-xinfang-2020.yaml");

fn run(text: String) {
    let c = pipeline::check_str("mutant.yaml", text);
    let _ = c.sources.render_text(&c.findings);
    let _ = c.sources.render_json(&c.findings);
    if !c.has_errors()
        && let Some(Ok(doc)) = c.document() {
            let _ = gen_report::render::html::render(&doc);
        }
}

#[test]
fn truncations_do_not_panic() {
    let bytes = EXAMPLE.as_bytes();
    let mut cut = 0;
    while cut < bytes.len() {
        let s = String::from_utf8_lossy(&bytes[..cut]).to_string();
        run(s);
        cut += 97;
    }
}

#[test]
fn line_edits_do_not_panic() {
    let lines: Vec<&str> = EXAMPLE.lines().collect();
    for i in 0..lines.len() {
        let mut deleted = lines.clone();
        deleted.remove(i);
        run(deleted.join("\n"));
        let mut doubled = lines.clone();
        doubled.insert(i, lines[i]);
        run(doubled.join("\n"));
    }
}

#[test]
fn odd_values_do_not_panic() {
    let odd = [
        "-1", "0", "1e400", "99999999999999999999999999999999", "999999999999999", "null", "~", "[]", "{}", "\"\"",
        "'#set page(\"a0\")'", "<b>", "0x1F", "1_000", ".5", "5.", "+3", "2020-13-45", "4294967296", "-0",
        "*anchor", "&a 3", "!!binary aGk=", "\"\\u0000\"",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let lines: Vec<&str> = EXAMPLE.lines().collect();
    for _ in 0..400 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let i = (state >> 33) as usize % lines.len();
        let v = odd[(state >> 20) as usize % odd.len()];
        let mut l = lines.clone();
        let replaced;
        if let Some(pos) = lines[i].find(": ") {
            replaced = format!("{}: {v}", &lines[i][..pos]);
            l[i] = &replaced;
            run(l.join("\n"));
        }
    }
}

#[test]
fn hostile_yaml_does_not_panic() {
    let bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
    run(bomb.to_string());
    run("[".repeat(5000));
    run("a:\n".to_string() + &"  ".repeat(300) + "b: 1");
    run("\u{feff}department: {}".to_string());
    run(String::new());
}
