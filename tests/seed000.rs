//! Seed 000 (株洲市芦淞区信访局 2020 部门决算, Hunan layout) reproduced by
//! `examples/zhuzhou-lusong-xinfang-2020.yaml` with the `hunan` profile: every numeric sentence
//! of the 情况说明 and of the 附件 支出绩效自评报告, figure by figure, in the PDF and the HTML,
//! and the section titles in the seed's order. Each place where gen-report prints something
//! else is a `Deviation`, with the seed's numbers, ours, and why (docs/SEED-000.md).

mod common;
use common::*;
use std::sync::OnceLock;

const EXAMPLE: &str = "zhuzhou-lusong-xinfang-2020";

fn out() -> &'static Output {
    static OUT: OnceLock<Output> = OnceLock::new();
    OUT.get_or_init(|| build(EXAMPLE))
}

/// 第三部分 and the 附件: sentences whose numbers are the seed's.
const SAME: &[Sent] = &[
    Sent { line: 93, key: "收、支总计228.2万元", nums: &["2020", "228.2", "7.11", "23.22"] },
    Sent { line: 93, key: "减少32.82万元", nums: &["32.82", "12.6"] },
    Sent { line: 97, key: "本年收入合计", nums: &["221.09", "191.09", "86.4", "30", "13.6"] },
    Sent { line: 101, key: "本年支出合计204.98", nums: &["204.98", "119.79", "58.4", "85.19", "41.6"] },
    Sent { line: 105, key: "财政拨款收、支总计191.09万元", nums: &["2020", "191.09", "39.29", "17.1"] },
    Sent { line: 111, key: "占本年支出合计的", nums: &["2020", "191.09", "93.2", "39.29", "17.1"] },
    Sent { line: 115, key: "主要用于以下方面", nums: &["2020", "191.09", "191.09", "100.0"] },
    Sent { line: 123, key: "支出决算为108.26万元", nums: &["0", "108.26"] },
    Sent { line: 127, key: "支出决算为82.83万元", nums: &["242.04", "82.83", "34.2"] },
    Sent { line: 131, key: "一般公共预算财政拨款基本支出119.79", nums: &["2020", "119.79", "103.25", "86.2", "16.54", "13.8"] },
    Sent { line: 139, key: "“三公”经费财政拨款支出预算为", nums: &["0", "0"] },
    Sent { line: 159, key: "公务用车保有量", nums: &["0", "2020", "12", "31", "0"] },
    Sent { line: 177, key: "机关运行经费支出16.54万元", nums: &["2020", "16.54", "6.34", "27.7", "8.74", "34.6"] },
    Sent { line: 181, key: "开支会议费", nums: &["2020", "0", "0"] },
    Sent { line: 185, key: "政府采购支出总额0.19", nums: &["2020", "0.19", "0.19", "0", "0"] },
    Sent { line: 187, key: "授予中小企业合同金额", nums: &["0.19", "100.0", "0.19", "100.0"] },
    Sent { line: 191, key: "共有车辆", nums: &["2020", "12", "31", "0", "50", "0", "100", "0"] },
    Sent { line: 227, key: "全单位共有人员", nums: &["10", "8", "2"] },
    Sent { line: 253, key: "年度年初预算资金", nums: &["1", "2020", "242.04"] },
    Sent { line: 255, key: "单位一般公共预算财政拨款收入", nums: &["2", "2020", "191.09"] },
    Sent { line: 258, key: "单位一般公共预算财政拨款支出", nums: &["3", "2020", "191.09", "71.3", "119.79", "103.25", "16.54"] },
    Sent { line: 293, key: "全国“两会”特护期差旅费", nums: &["1", "24.3"] },
    Sent { line: 293, key: "十九届五中全会特护期差旅费", nums: &["2", "20.63"] },
    Sent { line: 295, key: "法治宣传活动费", nums: &["4", "2"] },
];

const DEVIATIONS: &[Deviation] = &[
    Deviation {
        line: 119,
        key: "年初预算数为242.04万元",
        seed: &["2020", "242.04", "191.09", "79.0"],
        generated: &["2020", "242.04", "191.09", "78.9"],
        why: "191.09 / 242.04 = 78.95…% rounds to 78.9%; the seed prints 79.0%",
    },
    Deviation {
        line: 263,
        key: "信访维稳专项经费支出",
        seed: &["2020", "71.3"],
        generated: &["2020", "71.3"],
        why: "same figure; the project's name is the one typed once in projects (seed: 芦淞区信访维稳项目)",
    },
    Deviation {
        line: 293,
        key: "专项资金实际支出",
        seed: &["82.39"],
        generated: &["85.19"],
        why: "the seed's total 82.39 matches neither its parts (77.89) nor the 项目支出 85.19; the total is computed and must equal 项目支出 (X-ANNEX-PROJECTS)",
    },
    Deviation {
        line: 293,
        key: "日常信访维稳",
        seed: &["30.96"],
        generated: &["3", "38.26"],
        why: "assumed 85.19 − 24.3 − 20.63 − 2 so that the parts add up to the 项目支出",
    },
];

fn pdf_sentences() -> Vec<String> {
    let lines = pdf_lines(&out().pdf);
    let from = last_line_starting(&lines, "第三部分");
    let to = last_line_starting(&lines, "附表");
    pdf_paragraphs(&lines[from + 1..to]).iter().flat_map(|p| sentences(p)).collect()
}

fn html_sentences() -> Vec<String> {
    let blocks = html_blocks(&out().html);
    let from = blocks.iter().position(|b| b.tag == "h2" && norm(&b.text).starts_with("第三部分")).expect("HTML: 第三部分");
    let to = blocks.iter().rposition(|b| b.tag == "h2" && norm(&b.text).starts_with("附表")).expect("HTML: 附表");
    blocks[from + 1..to].iter().flat_map(|b| sentences(&b.text)).collect()
}

fn check(what: &str, sents: &[String]) -> Vec<String> {
    let mut errors = Vec::new();
    let all = SAME.iter().map(|s| (s.line, s.key, s.nums)).chain(DEVIATIONS.iter().map(|d| (d.line, d.key, d.generated)));
    for (line, key, nums) in all {
        match find_sentence(sents, key) {
            Ok(s) if numbers(s) == decs(nums) => {}
            Ok(s) => errors.push(format!("{what} seed line {line}: expected {nums:?}, got {:?} in {s:?}", numbers(s))),
            Err(e) => errors.push(format!("{what} seed line {line}: {e}")),
        }
    }
    errors
}

#[test]
fn pdf_numbers_by_sentence() {
    let errors = check("PDF", &pdf_sentences());
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn html_numbers_by_sentence() {
    let errors = check("HTML", &html_sentences());
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// A deviation is listed only where the seed's sentence really says something else (or the
/// wording differs): its numbers are checked against the seed's text.
#[test]
fn deviations_are_the_seeds_text() {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/000_0a17e680c78bbe09.txt"));
    let Ok(seed) = seed else { return }; // the seeds live outside the repository
    let lines: Vec<&str> = seed.lines().collect();
    for d in DEVIATIONS {
        let line = lines[d.line as usize - 1];
        let got = numbers(line);
        for n in decs(d.seed) {
            assert!(got.contains(&n), "seed line {} ({line:?}) should contain {n} ({})", d.line, d.why);
        }
    }
}

/// The seed's titles, in its order; `Some` is what gen-report prints instead.
type Title = (u32, &'static str, Option<&'static str>);
const TITLES: &[Title] = &[
    (9, "第一部分 株洲市芦淞区信访局概况", None),
    (11, "一、部门职责", None),
    (12, "二、机构设置及决算单位构成", None),
    (14, "第二部分 2020年度部门决算表", None),
    (26, "第三部分 2020年度部门决算情况说明", None),
    (28, "一、收入支出决算总体情况说明", None),
    (29, "二、收入决算情况说明", None),
    (30, "三、支出决算情况说明", None),
    (31, "四、财政拨款收入支出决算总体情况说明", None),
    (32, "五、一般公共预算财政拨款支出决算情况说明", None),
    (33, "六、一般公共预算财政拨款基本支出决算情况说明", None),
    (34, "七、一般公共预算财政拨款三公经费支出决算情况说明", None),
    (36, "八、政府性基金预算收入支出决算情况说明", None),
    (38, "九、国有资本经营预算支出决算情况说明", None),
    (40, "十、2020年度预算绩效情况说明", None),
    // The 目录 says 其他重要事项说明, the body 其他重要事项情况说明: one title for both.
    (44, "十一、其他重要事项说明", Some("十一、其他重要事项情况说明")),
    (44, "第四部分 名词解释", None),
    (46, "第五部分 附件", None),
    (208, "一、基本情况", None),
    (246, "二、一般公共预算支出情况", None),
    (265, "三、政府性基金预算支出情况", None),
    (269, "四、国有资本经营预算支出情况", None),
    (273, "五、社会保险基金预算支出情况", None),
    (277, "六、资金使用及绩效情况", None),
    (299, "七、存在的问题及原因分析", None),
    (303, "八、下一步改进措施", None),
    (307, "九、绩效自评结果拟应用和公开情况", None),
    (311, "十、其他需要说明的情况", None),
];

#[test]
fn titles_in_the_seeds_order() {
    let blocks = html_blocks(&out().html);
    let toc: Vec<String> = blocks.iter().filter(|b| b.tag == "li" && b.class.as_deref().is_some_and(|c| c.starts_with("toc-"))).map(|b| norm(&b.text)).collect();
    let mut at = 0;
    for (line, seed, printed) in TITLES {
        let want = norm(printed.unwrap_or(seed));
        match toc[at..].iter().position(|t| *t == want) {
            Some(i) => at += i + 1,
            None => panic!("目录: {want:?} (seed line {line}) not found after entry {at}: {toc:#?}"),
        }
    }
    // 第二部分 only refers to the tables; they follow at the end as 附表.
    let pdf: String = out().pdf.split_whitespace().collect();
    assert!(pdf.contains("第二部分2020年度部门决算表（见附表）"));
    assert!(toc.last().is_some_and(|t| t.contains("（表9）")), "the nine tables close the report");
}

/// Seed 000's glossary: eight terms, numbered 一、…八、, in its wording.
#[test]
fn glossary_has_the_eight_hunan_terms() {
    let blocks = html_blocks(&out().html);
    let from = blocks.iter().rposition(|b| b.tag == "h2" && norm(&b.text).starts_with("第四部分")).unwrap();
    let terms: Vec<String> = blocks[from + 1..].iter().take_while(|b| b.tag != "h2").map(|b| norm(&b.text)).filter(|t| t.contains('：')).collect();
    let heads: Vec<&str> = terms.iter().map(|t| t.split('：').next().unwrap()).collect();
    assert_eq!(heads, ["一、财政拨款收入", "二、事业收入", "三、经营收入", "四、其他收入", "五、使用非财政拨款结余", "六、年初结转和结余", "七、“三公经费”支出", "八、机关运行经费"]);
}
