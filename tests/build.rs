//! Builds the shipped example end to end and pins what a reader sees: the PDF text
//! (`pdftotext -layout`) and the HTML, plus byte-identical output across builds.

use std::path::{Path, PathBuf};
use std::process::Command;

const EXAMPLE: &str = "examples/wuhan-hanyang-xinfang-2020.yaml";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gen-report"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn build(src: &str, out: &Path) -> (PathBuf, PathBuf) {
    let st = bin().args(["build", src, "-o"]).arg(out).output().expect("run gen-report");
    assert!(st.status.success(), "build failed: {}", String::from_utf8_lossy(&st.stderr));
    let stem = Path::new(src).file_stem().unwrap().to_string_lossy().to_string();
    (out.join(format!("{stem}.pdf")), out.join(format!("{stem}.html")))
}

pub fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn example_builds_identically_twice() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let (pa, ha) = build(EXAMPLE, a.path());
    let (pb, hb) = build(EXAMPLE, b.path());
    assert_eq!(std::fs::read(&pa).unwrap(), std::fs::read(&pb).unwrap(), "PDF is byte-identical");
    assert_eq!(std::fs::read(&ha).unwrap(), std::fs::read(&hb).unwrap(), "HTML is byte-identical");
    // Nothing else is left in the output directory (no temp files): the PDF, the HTML and
    // their twins (.xlsx, .json, six CSV files, .datapackage.json; tests/twins.rs checks them).
    let mut names: Vec<String> = std::fs::read_dir(a.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    names.sort();
    let stem = "wuhan-hanyang-xinfang-2020";
    let mut want: Vec<String> = ["html", "pdf", "xlsx", "json", "datapackage.json"].iter().map(|x| format!("{stem}.{x}")).collect();
    want.extend(["approved", "economic", "expenditure", "revenue", "three", "three-approved"].iter().map(|r| format!("{stem}-{r}.csv")));
    want.sort();
    assert_eq!(names, want);
}

#[test]
fn example_pdf_text_snapshot() {
    let d = tempfile::tempdir().unwrap();
    let (pdf, _) = build(EXAMPLE, d.path());
    let text = pdftotext(&pdf);
    // The cover, 目录 with page numbers, all parts, and no tofu or replacement characters.
    assert!(text.contains("2020年度武汉市汉阳区信访局部门决算"));
    assert!(!text.contains('\u{FFFD}'));
    insta::assert_snapshot!("example_pdf_text", text);
}

#[test]
fn example_html_snapshot() {
    let d = tempfile::tempdir().unwrap();
    let (_, html) = build(EXAMPLE, d.path());
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.starts_with("<!doctype html>") || html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("lang=\"zh-CN\""));
    for net in ["src=\"http", "href=\"http", "url(http", "@import", "<link"] {
        assert!(!html.contains(net), "self-contained: found {net}");
    }
    insta::assert_snapshot!("example_html", html);
}

#[test]
fn pdf_metadata_and_fonts() {
    let d = tempfile::tempdir().unwrap();
    let (pdf, _) = build(EXAMPLE, d.path());
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Title:           2020年度武汉市汉阳区信访局部门决算"), "{info}");
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    // Simplified-Chinese faces only: never the JP/KR/TC forms.
    assert!(fonts.contains("CJKsc") || fonts.contains("FangSong") || fonts.contains("SimSun"), "{fonts}");
    for bad in ["CJKjp", "CJKkr", "CJKtc", "CJKhk"] {
        assert!(!fonts.contains(bad), "unexpected {bad} font: {fonts}");
    }
}

#[test]
fn user_text_is_data_not_markup() {
    // Typst and HTML syntax in user text must print literally.
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap();
    let hostile = r##"#read("/etc/passwd") <script>alert(1)</script> $x$ *粗* _斜_ @ref // 注释 [括号] \u{41}"##;
    let src = src.replace("  - 组织协调外派的信访工作组落实相关工作任务。", &format!("  - '{}'", hostile.replace('\'', "''")));
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("hostile.yaml");
    std::fs::write(&f, src).unwrap();
    let (pdf, html) = build(f.to_str().unwrap(), d.path());
    let text = pdftotext(&pdf).split_whitespace().collect::<String>();
    assert!(text.contains(&hostile.split_whitespace().collect::<String>()), "PDF shows the text literally");
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)"));
    assert!(!html.contains("<script>alert(1)"));
}

#[test]
fn schema_command_prints_json_schema() {
    let out = bin().arg("schema").output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["properties"]["expenditure"].is_object());
    assert!(v["required"].as_array().unwrap().iter().any(|r| r == "department"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(bin().output().unwrap().status.code(), Some(2));
    assert_eq!(bin().args(["build", "--format", "docx", EXAMPLE]).output().unwrap().status.code(), Some(2));
    assert_eq!(bin().args(["check", "does-not-exist.yaml"]).output().unwrap().status.code(), Some(2));
    assert_eq!(bin().args(["check", EXAMPLE]).output().unwrap().status.code(), Some(0));
}

#[test]
fn missing_glyph_is_an_error_not_a_blank_box() {
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap();
    // U+2A6A5 (CJK Extension B) is in no font this build uses.
    let src = src.replace("  - 组织协调外派的信访工作组落实相关工作任务。", "  - 组织协调\u{2A6A5}工作。");
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("glyph.yaml");
    std::fs::write(&f, src).unwrap();
    let out = bin().arg("build").arg(&f).arg("-o").arg(d.path().join("out")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有字体能显示这些字符：\u{2A6A5}"));
    assert!(!d.path().join("out").exists(), "neither PDF nor HTML is written");
}

/// 附件1 项目支出绩效自评表: scores computed from targets and actuals reproduce the seed's
/// totals (91.04, 94.00, 99.21) and execution scores (15.04, 19.43).
#[test]
fn project_self_evaluation_scores_match_the_seed() {
    let d = tempfile::tempdir().unwrap();
    let (pdf, html) = build(EXAMPLE, d.path());
    let text = pdftotext(&pdf);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for total in ["总分 94.00", "总分 91.04", "总分 99.21"] {
        assert!(flat.contains(total), "{total}");
    }
    for exec in ["236 177.44 75.19% 15.04", "185 185 100.00% 20.00", "12 11.66 97.17% 19.43"] {
        assert!(flat.contains(exec), "{exec}");
    }
    // The empty 得分 cell of the seed (全区稳定经费成本控制率) is computed: 4.
    assert!(flat.contains("全区稳定经费成本控制率 ≥95% 100% 4"), "computed score");
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains("1、部门预算项目 ☑"), "category boxes");
    // 14 indicators: the label 年度绩效目标 sits in the titles' row (a header repeated on
    // each page), and the cell under it continues its column over the 14 indicator rows.
    assert!(html.contains("rowspan=\"14\""), "indicator tree as merged cells");
}

/// 附件2 整体支出绩效自评报告 (seed 002 lines 680–998): the score summary, 执行率 and total are
/// computed from the goals and the 元 execution table and match the seed's table.
#[test]
fn overall_self_evaluation_matches_the_seed() {
    let d = tempfile::tempdir().unwrap();
    let (pdf, _) = build(EXAMPLE, d.path());
    let text = pdftotext(&pdf);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains("部门整体绩效自评得分为94.98分，绩效评价等级为优秀。其中：执行率得19.98分、产出指标得38分、效益指标得27分、满意度指标得10分。"), "summary sentence");
    for row in ["预算执行情况 20 19.98 99.90%", "产出指标 40 38 95.00%", "效益指标 30 27 90.00%", "满意度指标 10 10 100.00%", "合计 100 94.98 94.98%"] {
        assert!(flat.contains(row), "{row}");
    }
    for row in ["预算支出 5,863,600.00 1,215,339.78 7,078,939.78 7,071,155.35 -7,784.43 99.89%", "基本支出 2,483,600.00 265,339.78 2,748,939.78 3,330,212.71 581,272.93 121.15%"] {
        assert!(flat.contains(row), "{row}");
    }
    assert!(joined.contains("目标值办结率100%，目标得分2分，实际办结率100%，得2分。"));
}

/// Layout is independent of data: the seed 002 facts rendered with the Hunan profile build,
/// pass the checks, and follow seed 000's skeleton (tables as 附表 at the end).
#[test]
fn the_same_data_renders_in_the_hunan_layout() {
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap().replace("city: hubei", "city: hunan");
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("hunan.yaml");
    std::fs::write(&f, src).unwrap();
    let (pdf, _) = build(f.to_str().unwrap(), d.path());
    let text = pdftotext(&pdf);
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains("第二部分2020年度部门决算表（见附表）"), "tables referred to the annex");
    assert!(joined.contains("第五部分名词解释"), "parts numbered by position");
    let annex = text.rfind("附表").unwrap();
    assert!(text[annex..].contains("2020年度收入支出决算总表（表1）"), "the tables follow at the end");
}

/// Layout is independent of data: seed 000's data (typed for Hunan) renders in the Hubei
/// layout, with Hubei's 13 sections and numbering, and passes the same checks.
#[test]
fn seed_000_data_renders_in_the_hubei_layout() {
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhuzhou-lusong-xinfang-2020.yaml")).unwrap().replace("city: hunan", "city: hubei");
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("hubei.yaml");
    std::fs::write(&f, src).unwrap();
    let (pdf, _) = build(f.to_str().unwrap(), d.path());
    let joined: String = pdftotext(&pdf).split_whitespace().collect();
    assert!(joined.contains("三、部门人员构成"), "Hubei overview");
    assert!(joined.contains("十三、预算绩效情况说明"), "Hubei's 13 sections");
    assert!(joined.contains("（一）一般公共预算财政拨款收入"), "the default glossary, numbered （一）");
    assert!(!joined.contains("（见附表）"), "tables inline");
    assert!(joined.contains("2020年度收、支总计228.2万元"), "same figures");
}

/// The 部门整体绩效自评表 that closes 附件2 (seed 002 lines 1000–1062) shows the same scores.
#[test]
fn overall_evaluation_table_closes_annex_2() {
    let d = tempfile::tempdir().unwrap();
    let (pdf, _) = build(EXAMPLE, d.path());
    let text = pdftotext(&pdf);
    let at = text.rfind("部门整体绩效自评表").expect("the table");
    let flat: String = text[at..].split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("707.89 707.12 99.89% 19.98"), "execution row in 万元");
    for goal in ["年度目标1：（11分）", "年度目标2：（21分）", "年度目标3：（22分）", "年度目标4：（14分）", "年度目标5：（12分）"] {
        assert!(flat.contains(goal), "{goal}");
    }
    assert!(flat.contains("总分 94.98"));
}

/// A department name too long for one cover line breaks between 年度, the name and 部门决算,
/// never inside a word, and no line of a title or of a table cell holds one lone character.
#[test]
fn no_title_line_ends_with_a_lone_character() {
    let d = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap().replacen("  name: 武汉市汉阳区信访局\n", "  name: 武汉市汉阳区人民政府信访局接待中心\n", 1);
    let src = d.path().join("longname.yaml");
    std::fs::write(&src, text).unwrap();
    let (pdf, html) = build(src.to_str().unwrap(), d.path());
    let cover: Vec<String> = pdftotext_pages(&pdf, 1, 1).lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
    assert_eq!(cover[..3], ["2020年度", "武汉市汉阳区人民政府信访局接待中心", "部门决算"], "{cover:?}");
    let lone: Vec<String> = pdftotext(&pdf).lines().filter(|l| l.trim().chars().count() == 1 && !l.trim().chars().all(|c| c.is_ascii_digit())).map(str::to_string).collect();
    assert!(lone.is_empty(), "lines of one character: {lone:?}");
    let page = std::fs::read_to_string(html).unwrap();
    assert!(page.contains("text-wrap: balance"), "HTML titles are balanced");
}

fn pdftotext_pages(pdf: &Path, first: u32, last: u32) -> String {
    let out = Command::new("pdftotext").args(["-layout", "-f", &first.to_string(), "-l", &last.to_string()]).arg(pdf).arg("-").output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Regression: `-q` ("only failures") still printed the note on fonts that fell back, so a
/// scheduled build mailed it every night. Without `-q` the note is printed wherever a role
/// falls back (any machine without the Windows faces), with `-q` never.
#[test]
fn quiet_prints_nothing_when_nothing_fails() {
    let out = tempfile::tempdir().unwrap();
    let quiet = bin().args(["build", EXAMPLE, "--format", "pdf", "-q", "-o"]).arg(out.path()).output().unwrap();
    assert!(quiet.status.success());
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "", "-q printed something");
    assert_eq!(String::from_utf8_lossy(&quiet.stdout), "");
    let loud = bin().args(["build", EXAMPLE, "--format", "pdf", "-o"]).arg(out.path()).output().unwrap();
    assert!(String::from_utf8_lossy(&loud.stderr).contains("已生成"), "without -q the build says what it wrote");
}
