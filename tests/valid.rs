//! Valid inputs beyond the example: every fund type, typed income, carryover and a code
//! named in the file. The printed identities must hold in the generated tables.

use std::path::Path;
use std::process::Command;

fn build(case: &str) -> String {
    let d = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/valid/{case}.yaml"));
    let out = Command::new(env!("CARGO_BIN_EXE_gen-report")).arg("build").arg(&src).arg("-o").arg(d.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = d.path().join(format!("{case}.pdf"));
    let t = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().unwrap();
    String::from_utf8(t.stdout).unwrap()
}

fn line_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

fn numbers(line: &str) -> Vec<String> {
    line.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

#[test]
fn mixed_funds_tables_balance() {
    let text = build("mixed-funds");
    // 表1: income 800.12 + opening 17 = 817.12 = spending 785.12 + closing 32.
    let totals = line_with(&text, "总计                                                30");
    assert_eq!(numbers(totals[0]), ["30", "817.12", "60", "817.12"], "{totals:?}");
    let t1_closing = line_with(&text, "年初结转和结余");
    assert!(numbers(t1_closing[0]).ends_with(&["59".to_string(), "32".to_string()]), "{t1_closing:?}");
    // 表4: fiscal 775.12 + opening 17 = 792.12 = spending 765.12 + closing 27.
    let t4 = line_with(&text, "年末财政拨款结转和结余");
    assert_eq!(numbers(t4[0]), ["28", "17", "60", "27", "12", "15"], "{t4:?}");
    // 表8 合计: 5 + 60 − 50 = 15; 表9 lists the state-capital row with its typed name.
    let t8 = text.split("2020年度政府性基金预算财政拨款收入支出决算表（表8）").nth(1).unwrap();
    let t8_total = line_with(t8, "合计")[0];
    assert_eq!(numbers(t8_total), ["5", "60", "50", "50", "15"]);
    // Every line of 表8 satisfies 6 = 1 + 2 − 3 and the 类 line equals the 合计.
    for code in ["212 ", "21208 ", "2120801 "] {
        let l = t8.lines().find(|l| l.trim_start().starts_with(code)).unwrap();
        assert_eq!(&numbers(l)[1..], ["5", "60", "50", "50", "15"], "{l}");
    }
    assert!(text.contains("2230199        其他解决历史遗留问题及改革成本支出"));
    // Narrative: two income sources with shares adding up to 100%.
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("其中：财政拨款收入775.12万元，占本年收入96.9%；事业收入25万元，占本年收入3.1%。"), "{flat}");
    assert!(flat.contains("年末结转和结余15万元"));
}

#[test]
fn shares_of_one_whole_add_up_to_100() {
    let text = build("rounding");
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains("一般公共服务（类）支出100万元，占33.4%；社会保障和就业（类）支出100万元，占33.3%；农林水（类）支出100万元，占33.3%。"),
        "{flat}"
    );
    assert!(flat.contains("项目支出300万元，占本年支出100.0%"));
    // No basic spending: 表6 is empty and the 基本支出 sentence says 0.
    assert!(flat.contains("基本支出0万元"));
}

/// A 2017 report gets the 2017 classification: 表1 and 表4 list only the 类 of that year (no
/// 灾害防治及应急管理支出, no 抗疫特别国债), 210 is 医疗卫生与计划生育支出 everywhere, and the
/// lottery 项 2296003 comes with its 款 22960 named in every table and in the glossary.
#[test]
fn a_2017_report_gets_the_2017_catalogue() {
    let text = build("year-2017");
    assert!(!text.contains("灾害防治及应急管理支出") && !text.contains("抗疫特别国债"), "{text}");
    assert!(!text.contains("卫生健康支出"), "the 2018 name leaked in");
    assert_eq!(line_with(&text, "九、医疗卫生与计划生育支出").len(), 2, "表1 and 表4");
    assert!(line_with(&text, "二十四、债务付息支出").len() == 2 && line_with(&text, "二十五、").is_empty(), "24 类 rows in 2017");
    assert!(line_with(&text, "22960 ").len() == 3 && line_with(&text, "22960 ").iter().all(|l| l.contains("彩票公益金安排的支出")), "表2, 表3, 表5 name the 款");
    let glossary = text.split("名词解释").last().unwrap();
    let flat: String = glossary.split_whitespace().collect();
    assert!(flat.contains("医疗卫生与计划生育支出（类）行政事业单位医疗（款）事业单位医疗（项）"), "{flat}");
    assert!(flat.contains("其他支出（类）彩票公益金安排的支出（款）用于体育事业的彩票公益金支出（项）"), "{flat}");
}

/// What a reader of the 2017 school report sees in 表1: the 2017 类 rows (24 of them, 九、
/// 医疗卫生与计划生育支出, no 灾害防治 or 抗疫 rows) and the lottery spending under 其他支出.
#[test]
fn snapshot_2017_table_1() {
    let text = build("year-2017");
    let t1: Vec<&str> = text.lines().skip_while(|l| !l.contains("2017年度收入支出决算总表（表1）")).skip(1).take_while(|l| !l.contains("注：")).filter(|l| !l.trim().is_empty()).map(str::trim_end).collect();
    insta::assert_snapshot!("year_2017_table_1", t1.join("\n"));
}

/// What a reader sees of 预算绩效 in a report without any performance data: the section says
/// so in one sentence instead of counting zero projects.
#[test]
fn snapshot_no_performance_section() {
    let text = build("no-performance");
    let section: Vec<&str> = text.lines().skip_while(|l| !l.contains("十三、预算绩效情况说明") || l.contains(". .")).take_while(|l| !l.contains("名词解释") || l.contains("十三")).filter(|l| !l.trim().is_empty() && !l.contains("—")).map(str::trim).collect();
    insta::assert_snapshot!("no_performance_section", section.join("\n"));
}
