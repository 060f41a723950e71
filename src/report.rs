//! Assembles the 部门决算 document (seed 002's layout): 封面, 目录, 第一部分 概况,
//! 第二部分 nine tables, 第三部分 情况说明 一–十三, 第四部分 重点工作, 第五部分 名词解释.

use crate::catalog::Catalog;
use crate::charts;
use crate::figures::Figures;
use crate::model::{Model, TextVal};
use crate::narrative::{because, class_phrase, sentence, Words};
use crate::profile::Profile;
use crate::tables::{cn, Ctx, TABLE_NAMES};
use crate::validate::needs_budget_reason;
use crate::view::{Cell, Document, Table};
use rust_decimal::Decimal;

fn txt(t: &Option<TextVal>) -> Option<&str> {
    t.as_ref().map(|t| t.text.as_str())
}

const ORDINALS: [&str; 10] = ["一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是"];

pub fn build(m: &Model, f: &Figures, cat: &Catalog, p: &Profile) -> Document {
    let st = &p.money;
    let w = Words { st, year: m.year };
    let y = m.year;
    let name = &m.name;
    let title = format!("{y}年度{name}部门决算");
    let mut d = Document::new(title, name.clone(), p.fonts.clone());
    d.cover_date = format!("{}年{}月{}日", m.published.0, m.published.1, m.published.2);

    // 第一部分 概况
    d.begin_part("overview", p.part_title("overview", name, y), true);
    d.heading(2, "一、部门主要职能");
    d.list(m.functions.iter().enumerate().map(|(i, t)| format!("{}. {}", i + 1, t.text)).collect());
    d.heading(2, "二、部门决算单位构成");
    let subs: Vec<&(String, String, bool)> = m.units.iter().filter(|u| !u.2).collect();
    if subs.is_empty() {
        d.para(format!("从单位构成看，{name}部门决算仅包括单位本级决算。"));
    } else {
        d.para(format!("从单位构成看，{name}部门决算由纳入独立核算的单位本级决算和{}个下属单位决算组成。", subs.len()));
        d.para(format!("纳入{name}{y}年度部门决算编制范围的二级预算单位包括："));
        d.list(m.units.iter().enumerate().map(|(i, u)| format!("{}. {}{}", i + 1, u.0, if u.2 { "（本级）" } else { "" })).collect());
    }
    d.heading(2, "三、部门人员构成");
    let staff = |list: &[(String, u32)]| list.iter().filter(|x| x.1 > 0).map(|(k, n)| format!("{k}{n}人")).collect::<Vec<_>>().join("，");
    let active: u64 = m.staff_active.iter().map(|x| u64::from(x.1)).sum();
    let retired: u64 = m.staff_retired.iter().map(|x| u64::from(x.1)).sum();
    d.para(format!("{name}在职实有人数{active}人，其中：{}。", staff(&m.staff_active)));
    if retired > 0 {
        d.para(format!("离退休人员{retired}人，其中：{}。", staff(&m.staff_retired)));
    } else {
        d.para("没有离退休人员。".to_string());
    }

    // 第二部分 决算表: inline, or "（见附表）" with the tables in their own part at the end.
    d.begin_part("tables", p.part_title("tables", name, y), true);
    let ctx = Ctx { m, f, cat, st };
    let tables: Vec<Table> = ctx.all();
    if p.tables_as_annex {
        d.para("（见附表）");
    } else {
        for (i, t) in tables.iter().cloned().enumerate() {
            d.table_with_heading(2, format!("{}、{}（表{}）", cn(i), TABLE_NAMES[i], i + 1), t);
        }
    }

    // 第三部分 情况说明
    d.begin_part("explanations", p.part_title("explanations", name, y), true);
    d.heading(2, "一、收入支出决算总体情况说明");
    let ch = w.change("收、支总计各", f.grand_total, m.prior_total.v);
    d.para(format!("{y}年度收、支总计{}。{}。{}", w.wan(f.grand_total), ch, if f.grand_total != m.prior_total.v { because(txt(&m.reason_total)) } else { String::new() }));

    if p.charts {
        d.figure("图1：收、支决算总计变动情况", charts::compare(st, y, &[("收入总计", m.prior_total.v, f.grand_total), ("支出总计", m.prior_total.v, f.spend_total + m.balance_distribution.v + f.closing_total)]));
    }

    d.heading(2, "二、收入决算情况说明");
    let fiscal_in = f.fiscal_income_total;
    let sources = [
        ("财政拨款收入", fiscal_in),
        ("上级补助收入", f.income_by_source[3]),
        ("事业收入", f.income_by_source[4]),
        ("经营收入", f.income_by_source[5]),
        ("附属单位上缴收入", f.income_by_source[6]),
        ("其他收入", f.income_by_source[7]),
    ];
    d.para(format!("{y}年度收入合计{}。{}", w.wan(f.income_total), parts_sentence(&w, &sources, "占本年收入")));
    if p.charts {
        d.figure("图2：收入决算结构", charts::structure(st, &with_shares(st, &sources)));
    }

    d.heading(2, "三、支出决算情况说明");
    let natures = [
        ("基本支出", f.spend_by_nature[0]),
        ("项目支出", f.spend_by_nature[1]),
        ("上缴上级支出", f.spend_by_nature[2]),
        ("经营支出", f.spend_by_nature[3]),
        ("对附属单位补助支出", f.spend_by_nature[4]),
    ];
    d.para(format!("{y}年度支出合计{}。{}", w.wan(f.spend_total), parts_sentence(&w, &natures, "占本年支出")));
    if p.charts {
        d.figure("图3：支出决算结构", charts::structure(st, &with_shares(st, &natures)));
    }

    d.heading(2, "四、财政拨款收入支出决算总体情况说明");
    let ch = w.change("财政拨款收、支总计各", f.fiscal_grand_total, m.prior_fiscal_total.v);
    d.para(format!("{y}年度财政拨款收、支总计{}。{}。{}", w.wan(f.fiscal_grand_total), ch, if f.fiscal_grand_total != m.prior_fiscal_total.v { because(txt(&m.reason_fiscal)) } else { String::new() }));

    if p.charts {
        d.figure("图4：财政拨款收、支决算总计变动情况", charts::compare(st, y, &[("财政拨款收入总计", m.prior_fiscal_total.v, f.fiscal_grand_total), ("财政拨款支出总计", m.prior_fiscal_total.v, f.fiscal_spend_total + f.fiscal_closing_total)]));
    }

    d.heading(2, "五、一般公共预算财政拨款支出决算情况说明");
    d.heading(3, "（一）一般公共预算财政拨款支出决算总体情况。");
    let share_of_total = st.percent(f.general_total, f.spend_total).map(|p| format!("，占本年支出合计的{}", st.pct(p))).unwrap_or_default();
    let ch = w.change("一般公共预算财政拨款支出", f.general_total, m.prior_general_spend.v);
    d.para(format!("{y}年度一般公共预算财政拨款支出{}{share_of_total}。{}。{}", w.wan(f.general_total), ch, if f.general_total != m.prior_general_spend.v { because(txt(&m.reason_general)) } else { String::new() }));
    d.heading(3, "（二）一般公共预算财政拨款支出决算结构情况。");
    let classes: Vec<(String, Decimal)> = f.class_fiscal.iter().filter(|(_, v)| !v[0].is_zero()).map(|(c, v)| (c.clone(), v[0])).collect();
    if classes.is_empty() {
        d.para(format!("{y}年度没有一般公共预算财政拨款支出。"));
    } else {
        let shares = st.shares(&classes.iter().map(|c| c.1).collect::<Vec<_>>());
        let parts: Vec<String> = classes.iter().zip(&shares).map(|((code, v), s)| format!("{}{}，占{}", class_phrase(cat.function_name(code).unwrap_or(code)), w.wan(*v), w.share(*s))).collect();
        d.para(format!("{y}年度一般公共预算财政拨款支出{}，主要用于以下方面：{}。", w.wan(f.general_total), parts.join("；")));
    }
    d.heading(3, "（三）一般公共预算财政拨款支出决算具体情况。");
    d.para(format!(
        "{y}年度一般公共预算财政拨款支出年初预算为{}，支出决算为{}，{}。其中：基本支出{}，项目支出{}。",
        w.wan(f.budget_total), w.wan(f.general_total), w.completion(f.general_total, f.budget_total), w.wan(f.general_basic), w.wan(f.general_project)
    ));
    if !m.projects.is_empty() {
        d.para("项目支出主要用于：".to_string());
        let items: Vec<String> = m.projects.iter().enumerate().map(|(i, pj)| {
            let inc = pj.includes.as_ref().map(|t| format!("（包括{}）", t.text.trim_start_matches("包括"))).unwrap_or_default();
            let purpose = pj.purpose.as_ref().map(|t| format!("，用于{}", t.text.trim_start_matches("用于").trim_end_matches(['。', '；']))).unwrap_or_default();
            let end = if i + 1 == m.projects.len() { "。" } else { "；" };
            format!("{}{}{inc}{}{purpose}{end}", ORDINALS.get(i).copied().unwrap_or(""), pj.name.text, w.wan(pj.actual.v))
        }).collect();
        d.list(items);
    }
    // Every 类 with a budget or with spending, in code order.
    let mut codes: Vec<String> = m.budget.iter().map(|b| b.code.clone()).collect();
    for c in classes.iter().map(|c| c.0.clone()) {
        if !codes.contains(&c) {
            codes.push(c);
        }
    }
    codes.sort();
    let mut items = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        let b = m.budget.iter().find(|b| &b.code == code);
        let budget = b.map(|b| b.amount.v).unwrap_or_default();
        let actual = f.class_fiscal.get(code).map(|v| v[0]).unwrap_or_default();
        let cname = cat.function_name(code).unwrap_or(code);
        let mut s = format!("{}. {}（类）。年初预算为{}，支出决算为{}，{}", i + 1, cname, w.wan(budget), w.wan(actual), w.completion(actual, budget));
        if needs_budget_reason(actual, budget, p.budget_completion_min_pct) {
            let rel = if actual > budget { "决算数大于年初预算数" } else { "决算数低于年初预算数" };
            match b.and_then(|b| b.reason.as_ref()) {
                Some(r) => s.push_str(&format!("，{rel}的主要原因是{}。", r.text.trim_end_matches(['。', '；']))),
                None => s.push('。'),
            }
        } else {
            s.push('。');
        }
        items.push(s);
    }
    d.list(items);

    d.heading(2, "六、一般公共预算财政拨款基本支出决算情况说明");
    let names = |personnel: bool| -> String {
        m.econ.iter().filter(|e| !e.amount.v.is_zero() && crate::figures::PERSONNEL_CLASSES.contains(&&e.code[..3]) == personnel).map(|e| e.name.clone()).collect::<Vec<_>>().join("、")
    };
    let mut s = format!("{y}年度一般公共预算财政拨款基本支出{}，其中，人员经费{}", w.wan(f.general_basic), w.wan(f.personnel));
    let pn = names(true);
    if !pn.is_empty() { s.push_str(&format!("，主要包括：{pn}")); }
    s.push_str(&format!("；公用经费{}", w.wan(f.public)));
    let gn = names(false);
    if !gn.is_empty() { s.push_str(&format!("，主要包括：{gn}")); }
    s.push('。');
    d.para(s);

    d.heading(2, "七、一般公共预算财政拨款“三公”经费支出决算情况说明");
    d.heading(3, "（一）“三公”经费的单位范围。");
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for u in subs.iter() {
        match kinds.iter_mut().find(|k| k.0 == u.1) {
            Some(k) => k.1 += 1,
            None => kinds.push((u.1.clone(), 1)),
        }
    }
    let scope = if kinds.is_empty() { format!("{name}本级") } else {
        format!("{name}本级及下属{}", kinds.iter().map(|(k, n)| format!("{n}个{k}")).collect::<Vec<_>>().join("、"))
    };
    d.para(format!("{name}有一般公共预算财政拨款预算安排“三公”经费的单位包括{scope}。"));
    d.heading(3, "（二）一般公共预算财政拨款“三公”经费支出决算情况。");
    d.para(format!("{y}年度“三公”经费财政拨款年初预算数为{}，支出决算为{}，{}，其中：", w.wan(f.three_budget_total), w.wan(f.three_actual_total), w.completion(f.three_actual_total, f.three_budget_total)));
    let tb = &m.three_budget;
    let ta = &m.three_actual;
    let three = [
        ("因公出国（境）费", tb[0].v, ta[0].v, &m.three_reasons[0]),
        ("公务用车购置及运行费", tb[1].v + tb[2].v, ta[1].v + ta[2].v, &m.three_reasons[1]),
        ("公务接待费", tb[3].v, ta[3].v, &m.three_reasons[2]),
    ];
    d.list(three.iter().enumerate().map(|(i, (label, b, a, r))| {
        format!("{}. {label}支出决算为{}，{}{}", i + 1, w.wan(*a), w.completion(*a, *b), match txt(r) { Some(r) => format!("，{}", because(Some(r))), None => "。".into() })
    }).collect());
    let mut s = format!("{y}年度“三公”经费财政拨款支出决算数{}", w.compared(f.three_actual_total, f.three_prior_total));
    if f.three_actual_total != f.three_prior_total {
        let pr = &m.three_prior;
        let items = [
            ("因公出国（境）费", pr[0].v, ta[0].v),
            ("公务用车购置及运行费", pr[1].v + pr[2].v, ta[1].v + ta[2].v),
            ("公务接待费", pr[3].v, ta[3].v),
        ];
        let subs: Vec<String> = items.iter().filter(|(_, p0, a)| p0 != a).map(|(l, p0, a)| format!("{l}支出决算{}", w.delta(*a, *p0))).collect();
        if !subs.is_empty() {
            s.push_str(&format!("，其中：{}", subs.join("；")));
        }
        s.push('。');
        s.push_str(&because(txt(&m.three_reasons[3])));
    } else {
        s.push('。');
    }
    d.para(s);

    d.heading(2, "八、政府性基金预算财政拨款收入支出决算情况说明");
    let gf_spend = f.fiscal_spend[1][0] + f.fiscal_spend[1][1];
    if f.fiscal_income[1].is_zero() && gf_spend.is_zero() {
        d.para(format!("{}没有政府性基金收入，也没有使用政府性基金安排的支出。", m.short_name));
    } else {
        d.para(format!("{y}年度政府性基金预算财政拨款收入{}，支出{}，年末结转和结余{}。", w.wan(f.fiscal_income[1]), w.wan(gf_spend), w.wan(f.closing[1])));
    }
    d.heading(2, "九、国有资本经营预算财政拨款支出决算情况说明");
    let sc_spend = f.fiscal_spend[2][0] + f.fiscal_spend[2][1];
    if sc_spend.is_zero() {
        d.para(format!("{}没有使用国有资本经营预算财政拨款安排的支出。", m.short_name));
    } else {
        d.para(format!("{y}年度国有资本经营预算财政拨款支出{}。", w.wan(sc_spend)));
    }
    d.heading(2, "十、机关运行经费支出情况说明");
    let ch = w.compared(m.office_operation.v, m.prior_office_operation.v);
    d.para(format!("{y}年度{name}机关运行经费支出{}，{}。{}", w.wan(m.office_operation.v), ch, if m.office_operation.v != m.prior_office_operation.v { because(txt(&m.reason_office)) } else { String::new() }));
    d.heading(2, "十一、政府采购支出情况说明");
    if f.procurement_total.is_zero() {
        d.para(format!("{y}年度{name}没有政府采购支出。"));
    } else {
        let parts: Vec<String> = [("货物", m.procurement[0].v), ("工程", m.procurement[1].v), ("服务", m.procurement[2].v)].iter().filter(|x| !x.1.is_zero()).map(|(k, v)| format!("政府采购{k}支出{}", w.wan(*v))).collect();
        d.para(format!("{y}年度{name}政府采购支出总额{}，其中：{}。", w.wan(f.procurement_total), parts.join("、")));
    }
    d.heading(2, "十二、国有资产占用情况说明");
    d.para(format!("截至{y}年12月31日，{name}共有车辆{}辆。", m.vehicles));

    d.heading(2, "十三、预算绩效情况说明");
    d.heading(3, "（一）预算绩效管理工作开展情况。");
    let pj_total: Decimal = m.projects.iter().map(|p| p.actual.v).sum();
    let pj_share = st.percent(pj_total, f.general_project).map(|p| st.pct(p)).unwrap_or_else(|| st.pct(Decimal::ZERO));
    let mut s = format!("根据预算绩效管理要求，我单位组织对{y}年度一般公共预算项目支出全面开展绩效自评，共涉及项目{}个，资金{}，占一般公共预算项目支出总额的{pj_share}。", m.projects.len(), w.wan(pj_total));
    if let Some(t) = txt(&m.perf_management) { s.push_str(&sentence(t)); }
    d.para(s);
    d.heading(3, "（二）单位整体支出自评结果。");
    let mut s = format!("我单位组织开展整体支出绩效自评，资金{}。", w.wan(f.spend_total));
    if let Some(t) = txt(&m.perf_overall) { s.push_str(&sentence(t)); }
    d.para(s);
    d.heading(3, "（三）项目支出自评结果。");
    d.para(format!("我单位在{y}年度部门决算中反映所有项目绩效自评结果（不包括涉密项目），共涉及{}个一级项目。", m.projects.len()));
    d.list(m.projects.iter().enumerate().map(|(i, pj)| {
        let mut s = format!("{}. {}项目绩效自评综述：项目全年预算数为{}，执行数为{}，{}。", i + 1, pj.name.text, w.wan(pj.budget.v), w.wan(pj.actual.v),
            st.percent(pj.actual.v, pj.budget.v).map(|p| format!("完成预算的{}", st.pct(p))).unwrap_or_else(|| "全年未安排预算".into()));
        if let Some(o) = txt(&pj.outcome) { s.push_str(&format!("主要产出和效益：{}", sentence(o))); }
        s
    }).collect());
    if let Some(t) = txt(&m.perf_problems) { d.para(format!("发现的问题及原因：{}", sentence(t))); }
    if let Some(t) = txt(&m.perf_measures) { d.para(format!("下一步改进措施：{}", sentence(t))); }
    if let Some(t) = txt(&m.perf_application) {
        d.heading(3, "（四）绩效自评结果应用情况。");
        d.para(sentence(t));
    }

    // 第四部分 重点工作
    if !m.key_paragraphs.is_empty() || !m.key_items.is_empty() {
        d.begin_part("key_work", p.part_title("key_work", name, y), true);
        for pgh in &m.key_paragraphs { d.para(pgh.text.clone()); }
        if !m.key_items.is_empty() {
            let mut t = Table { id: "key-work".into(), caption: format!("{y}年重点工作完成情况表"), dept: String::new(), unit: String::new(), landscape: false, widths: vec![6, 20, 30, 44], header: vec![["序号", "重要事项", "工作内容及目标", "完成情况"].iter().map(|h| Cell::c(*h)).collect()], rows: vec![], notes: vec![], headings: vec![] };
            for (i, (a, b, c)) in m.key_items.iter().enumerate() {
                t.rows.push(vec![Cell::c((i + 1).to_string()), Cell::l(a.clone()), Cell::l(b.clone()), Cell::l(c.clone())]);
            }
            d.table(t);
        }
    }

    // 第五部分 名词解释
    d.begin_part("glossary", p.part_title("glossary", name, y), true);
    let used = |key: &str| -> bool {
        match key {
            "always" => true,
            "income.general" => !f.income_by_source[0].is_zero(),
            "income.gov_fund" => !f.income_by_source[1].is_zero(),
            "income.state_capital" => !f.income_by_source[2].is_zero(),
            "income.superior" => !f.income_by_source[3].is_zero(),
            "income.business" => !f.income_by_source[4].is_zero(),
            "income.operating" => !f.income_by_source[5].is_zero(),
            "income.affiliated" => !f.income_by_source[6].is_zero(),
            "income.other" => !f.income_by_source[7].is_zero(),
            "use_of_non_fiscal_balance" => !m.use_non_fiscal_balance.v.is_zero(),
            "carryover.opening" => !f.opening_total.is_zero(),
            "carryover.closing" => !f.closing_total.is_zero(),
            "balance_distribution" => !m.balance_distribution.v.is_zero(),
            "spend.basic" => !f.spend_by_nature[0].is_zero(),
            "spend.project" => !f.spend_by_nature[1].is_zero(),
            "spend.upper" => !f.spend_by_nature[2].is_zero(),
            "spend.operating" => !f.spend_by_nature[3].is_zero(),
            "spend.subsidiary" => !f.spend_by_nature[4].is_zero(),
            // The 三公 and 机关运行经费 sections are always printed, so their terms are used.
            "three_public" | "office_operation" => true,
            _ => false,
        }
    };
    let mut leaf: Vec<(String, String)> = m.expenditure.iter().map(|e| (e.code.clone(), e.name.clone())).collect();
    leaf.sort();
    leaf.dedup();
    let mut items = Vec::new();
    for (n, term) in cat.glossary.terms.iter().filter(|t| used(&t.used_when)).enumerate() {
        if term.id == "function_codes" {
            // The function codes the report uses, to 项 level, with their official descriptions.
            items.push(format!("（{}）{}：", cn(n), term.term));
            d.list(std::mem::take(&mut items));
            d.list(leaf.iter().enumerate().map(|(i, (code, nm))| {
                let class = cat.function_name(&code[..3]).unwrap_or("");
                let kuan = cat.function_name(&code[..5]).unwrap_or("");
                let note = cat.glossary.function_code_notes.get(code).map(|s| format!("：{s}")).unwrap_or_else(|| "。".into());
                format!("{}. {class}（类）{kuan}（款）{nm}（项）{note}", i + 1)
            }).collect());
            continue;
        }
        items.push(format!("（{}）{}：{}", cn(n), term.term, term.text.replace("{level}", &m.level).replace("{scope}", &format!("{}直部门", m.level.trim_end_matches('级')))));
    }
    d.list(items);
    if let Some(ph) = &m.phone {
        d.para(format!("决算公开咨询电话：{ph}"));
    }

    if p.tables_as_annex {
        d.begin_part("annex_tables", p.part_title("annex_tables", name, y), false);
        for (i, t) in tables.into_iter().enumerate() {
            if i > 0 {
                d.page_break();
            }
            d.table_with_heading(2, format!("{}、{}（表{}）", cn(i), TABLE_NAMES[i], i + 1), t);
        }
    }

    // 附件1 项目支出绩效自评表, one per evaluated project.
    if !m.project_evals.is_empty() {
        d.begin_part("annex_projects", p.part_title("annex_projects", name, y), false);
        for (i, ev) in m.project_evals.iter().enumerate() {
            if i > 0 {
                d.page_break();
            }
            d.table(crate::perf::table(ev, y, st, format!("p{}", i + 1)));
        }
    }
    if let Some(o) = &m.overall_eval {
        d.begin_part("annex_overall", p.part_title("annex_overall", name, y), false);
        crate::overall_eval::append(&mut d, o, m, st);
    }
    d.finish(&p.sections);
    d
}

/// The non-zero parts with their largest-remainder shares, for a structure chart.
fn with_shares<'a>(st: &crate::money::MoneyStyle, parts: &[(&'a str, Decimal)]) -> Vec<(&'a str, Decimal, Decimal)> {
    let nz: Vec<(&str, Decimal)> = parts.iter().filter(|p| !p.1.is_zero()).copied().collect();
    let shares = st.shares(&nz.iter().map(|p| p.1).collect::<Vec<_>>());
    nz.into_iter().zip(shares).map(|((l, v), s)| (l, v, s)).collect()
}

/// "其中：财政拨款收入707.12万元，占本年收入100.0%；…" over the non-zero parts, with
/// largest-remainder shares so they add up to 100%.
fn parts_sentence(w: &Words, parts: &[(&str, Decimal)], of: &str) -> String {
    let nz: Vec<&(&str, Decimal)> = parts.iter().filter(|p| !p.1.is_zero()).collect();
    if nz.is_empty() {
        return String::new();
    }
    let shares = w.st.shares(&nz.iter().map(|p| p.1).collect::<Vec<_>>());
    let list: Vec<String> = nz.iter().zip(shares).map(|(p, s)| format!("{}{}，{of}{}", p.0, w.wan(p.1), w.share(s))).collect();
    format!("其中：{}。", list.join("；"))
}
