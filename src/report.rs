//! Assembles the 部门决算 document (seed 002's layout): 封面, 目录, 第一部分 概况,
//! 第二部分 nine tables, 第三部分 情况说明 一–十三, 第四部分 重点工作, 第五部分 名词解释.

use crate::catalog::Catalog;
use crate::charts;
use crate::figures::Figures;
use crate::model::{Model, TextVal};
use crate::narrative::{class_phrase, sentence};
use crate::profile::Profile;
use crate::tables::{cn, Ctx, TABLE_NAMES};
use crate::validate::needs_budget_reason;
use crate::view::{Cell, Document, Table};
use rust_decimal::Decimal;



/// The document, or a template error naming the template file and line.
pub fn build(m: &Model, f: &Figures, cat: &Catalog, p: &Profile) -> Result<Document, String> {
    let st = &p.money;
    let y = m.year;
    let name = &m.name;
    let title = format!("{y}年度{name}部门决算");
    let mut d = Document::new(title, name.clone(), p.fonts.clone());
    d.cover_date = p.date(m.published);
    d.page = p.page.clone();

    let ctx = context(m, f, cat, p);
    let sections = crate::wording::cached(&p.city, p.user_dir.as_deref())?;
    let charts = if p.charts { charts_for(m, f, st) } else { Vec::new() };

    // 第一部分 概况
    begin(&mut d, p, m, "overview");
    sections_into(&mut d, &sections, p, "overview", &ctx, &charts)?;

    // 第二部分 决算表: inline, or "（见附表）" with the tables in their own part at the end.
    begin(&mut d, p, m, "tables");
    let tctx = Ctx { m, f, cat, st };
    let tables: Vec<Table> = tctx.all();
    if p.tables_as_annex {
        d.para("（见附表）");
    } else {
        for (i, t) in tables.iter().cloned().enumerate() {
            d.table_with_heading(2, format!("{}、{}（表{}）", cn(i), TABLE_NAMES[i], i + 1), t);
        }
    }

    // 第三部分 情况说明, one template per section.
    begin(&mut d, p, m, "explanations");
    sections_into(&mut d, &sections, p, "explanations", &ctx, &charts)?;

    // 第四部分 重点工作
    if !m.key_paragraphs.is_empty() || !m.key_items.is_empty() {
        begin(&mut d, p, m, "key_work");
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
    begin(&mut d, p, m, "glossary");
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
    let g = &p.glossary;
    // The city's list in its order, or every catalogued term the figures use.
    let chosen: Vec<(String, String, String)> = if g.terms.is_empty() {
        cat.glossary.terms.iter().filter(|t| used(&t.used_when)).map(|t| (t.id.clone(), t.term.clone(), t.text.clone())).collect()
    } else {
        g.terms.iter().filter_map(|id| {
            let base = cat.glossary.terms.iter().find(|t| &t.id == id);
            if !g.always && !base.is_some_and(|t| used(&t.used_when)) && !g.wording.contains_key(id) {
                return None;
            }
            let w = g.wording.get(id);
            let term = w.and_then(|w| w.term.clone()).or_else(|| base.map(|t| t.term.clone()))?;
            let text = w.map(|w| w.text.clone()).or_else(|| base.map(|t| t.text.clone()))?;
            Some((id.clone(), term, text))
        }).collect()
    };
    let number = |n: usize| if g.plain_numbers { format!("{}、", cn(n)) } else { format!("（{}）", cn(n)) };
    let mut items = Vec::new();
    for (n, (id, term, text)) in chosen.iter().enumerate() {
        if id == "function_codes" {
            // The function codes the report uses, to 项 level, with their official descriptions.
            items.push(format!("{}{}：", number(n), term));
            d.list(std::mem::take(&mut items));
            d.list(leaf.iter().enumerate().map(|(i, (code, nm))| {
                let class = cat.function_name(&code[..3]).unwrap_or("");
                let kuan = cat.function_name(&code[..5]).unwrap_or("");
                let note = cat.glossary.function_code_notes.get(code).map(|s| format!("：{s}")).unwrap_or_else(|| "。".into());
                format!("{}. {class}（类）{kuan}（款）{nm}（项）{note}", i + 1)
            }).collect());
            continue;
        }
        items.push(format!("{}{}：{}", number(n), term, text.replace("{level}", &m.level).replace("{scope}", &format!("{}直部门", m.level.trim_end_matches('级')))));
    }
    d.list(items);
    if let Some(ph) = &m.phone {
        d.para(format!("决算公开咨询电话：{ph}"));
    }

    // 附件：支出绩效自评报告 (Hunan), one template per section like the 情况说明.
    if m.annex.is_some() {
        begin(&mut d, p, m, "annex_performance");
        sections_into(&mut d, &sections, p, "annex_performance", &ctx, &charts)?;
    }

    if p.tables_as_annex {
        begin(&mut d, p, m, "annex_tables");
        for (i, t) in tables.into_iter().enumerate() {
            if i > 0 {
                d.page_break();
            }
            d.table_with_heading(2, format!("{}、{}（表{}）", cn(i), TABLE_NAMES[i], i + 1), t);
        }
    }

    // 附件1 项目支出绩效自评表, one per evaluated project.
    if !m.project_evals.is_empty() {
        begin(&mut d, p, m, "annex_projects");
        for (i, ev) in m.project_evals.iter().enumerate() {
            if i > 0 {
                d.page_break();
            }
            d.table(crate::perf::table(ev, y, st, format!("p{}", i + 1)));
        }
    }
    if let Some(o) = &m.overall_eval {
        begin(&mut d, p, m, "annex_overall");
        crate::overall_eval::append(&mut d, o, m, st);
    }
    d.finish(&p.sections);
    Ok(d)
}

/// The non-zero parts with their largest-remainder shares, for a structure chart.
fn with_shares<'a>(st: &crate::money::MoneyStyle, parts: &[(&'a str, Decimal)]) -> Vec<(&'a str, Decimal, Decimal)> {
    let nz: Vec<(&str, Decimal)> = parts.iter().filter(|p| !p.1.is_zero()).copied().collect();
    let shares = st.shares(&nz.iter().map(|p| p.1).collect::<Vec<_>>());
    nz.into_iter().zip(shares).map(|((l, v), s)| (l, v, s)).collect()
}

/// Starts part `id` with the profile's title and numbering.
fn begin(d: &mut Document, p: &Profile, m: &Model, id: &str) {
    d.begin_part(id, p.part_title(id, &m.name, m.year, &m.level), p.numbered(id));
}

/// A year-on-year change for templates: every figure formatted, the sign and zero base as
/// flags, so a city's wording chooses its own verbs (增加/减少/持平, 增长/下降/降低).
fn chg(st: &crate::money::MoneyStyle, cur: Decimal, prior: Decimal) -> serde_json::Value {
    let diff = cur - prior;
    let wan = |d: Decimal| format!("{}万元", st.amount(d));
    serde_json::json!({
        "cur": wan(cur),
        "prior": wan(prior),
        "diff": wan(diff.abs()),
        "pct": st.percent(diff.abs(), prior).map(|p| st.pct(p)),
        "same": diff.is_zero(),
        "up": diff > Decimal::ZERO,
        "prior_zero": prior.is_zero(),
    })
}

/// An execution against a budget: the rate, or none when there is no budget.
fn cmp(st: &crate::money::MoneyStyle, actual: Decimal, budget: Decimal) -> serde_json::Value {
    let wan = |d: Decimal| format!("{}万元", st.amount(d));
    serde_json::json!({
        "actual": wan(actual),
        "budget": wan(budget),
        "pct": st.percent(actual, budget).map(|p| st.pct(p)),
        "actual_zero": actual.is_zero(),
        "over": actual > budget,
    })
}

/// Non-zero parts with largest-remainder shares: [{label, amount, share}].
fn parts(st: &crate::money::MoneyStyle, list: &[(&str, Decimal)]) -> serde_json::Value {
    let nz: Vec<&(&str, Decimal)> = list.iter().filter(|p| !p.1.is_zero()).collect();
    let shares = st.shares(&nz.iter().map(|p| p.1).collect::<Vec<_>>());
    serde_json::Value::Array(nz.iter().zip(shares).map(|(p, s)| serde_json::json!({"label": p.0, "amount": format!("{}万元", st.amount(p.1)), "share": st.pct(s)})).collect())
}

/// Everything the section templates can print, computed from the model. docs/TEMPLATES.md
/// lists it (generated by `gen-report schema --document template_data`).
pub fn context(m: &Model, f: &Figures, cat: &Catalog, p: &Profile) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(context_json(m, f, cat, p)))
}

/// The section templates' data as JSON (`gen-report build --emit context` writes it).
pub fn context_json(m: &Model, f: &Figures, cat: &Catalog, p: &Profile) -> serde_json::Value {
    use serde_json::json;
    let st = &p.money;
    let y = m.year;
    let wan = |d: Decimal| format!("{}万元", st.amount(d));
    let t = |v: &Option<TextVal>| v.as_ref().map(|t| t.text.trim().trim_end_matches(['。', '；', ';', '.']).to_string());
    let subs: Vec<&(String, String, bool)> = m.units.iter().filter(|u| !u.2).collect();
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for u in subs.iter() {
        match kinds.iter_mut().find(|k| k.0 == u.1) {
            Some(k) => k.1 += 1,
            None => kinds.push((u.1.clone(), 1)),
        }
    }
    let active: u64 = m.staff_active.iter().map(|x| u64::from(x.1)).sum();
    let retired: u64 = m.staff_retired.iter().map(|x| u64::from(x.1)).sum();
    let staff = |list: &[(String, u32)]| list.iter().filter(|x| x.1 > 0).map(|(k, n)| json!({"kind": k, "count": n})).collect::<Vec<_>>();

    let classes: Vec<(String, Decimal)> = f.class_fiscal.iter().filter(|(_, v)| !v[0].is_zero()).map(|(c, v)| (c.clone(), v[0])).collect();
    let class_shares = st.shares(&classes.iter().map(|c| c.1).collect::<Vec<_>>());
    // Budget lines: every 类 (or 项, when the budget is typed by 项) with a budget or spending.
    let by_item = m.budget.iter().any(|b| b.code.len() == 7);
    let mut codes: Vec<String> = m.budget.iter().map(|b| b.code.clone()).collect();
    let spent: Vec<String> = if by_item {
        m.expenditure.iter().filter(|e| e.fund == crate::source::Fund::General && !(e.amounts[0] + e.amounts[1]).is_zero()).map(|e| e.code.clone()).collect()
    } else {
        classes.iter().map(|c| c.0.clone()).collect()
    };
    for c in spent {
        if !codes.iter().any(|b| c.starts_with(b.as_str())) {
            codes.push(c);
        }
    }
    codes.sort();
    codes.dedup();
    let budget_lines: Vec<serde_json::Value> = codes.iter().map(|code| {
        let b = m.budget.iter().find(|b| &b.code == code);
        let budget = b.map(|b| b.amount.v).unwrap_or_default();
        let actual = crate::figures::general_under(m, code);
        let fname = |c: &str| cat.function_name(c).unwrap_or(c).to_string();
        json!({
            "code": code,
            "level": if code.len() == 3 { "类" } else { "项" },
            "class": fname(&code[..3]),
            "kuan": if code.len() >= 5 { fname(&code[..5]) } else { String::new() },
            "name": fname(code),
            "completion": cmp(st, actual, budget),
            "needs_reason": needs_budget_reason(actual, budget, p.budget_completion_min_pct),
            "reason": b.and_then(|b| t(&b.reason)),
        })
    }).collect();
    let econ_names = |personnel: bool| -> Vec<String> {
        m.econ.iter().filter(|e| !e.amount.v.is_zero() && crate::figures::PERSONNEL_CLASSES.contains(&&e.code[..3]) == personnel).map(|e| e.name.clone()).collect()
    };
    let tb = &m.three_budget;
    let ta = &m.three_actual;
    let pr = &m.three_prior;
    let three_item = |label: &str, key: &str, b: Decimal, a: Decimal, pv: Decimal, r: &Option<TextVal>| json!({
        "key": key, "label": label, "completion": cmp(st, a, b), "change": chg(st, a, pv), "reason": t(r),
    });
    let pj_total: Decimal = m.projects.iter().map(|p| p.actual.v).sum();
    let gf_spend = f.fiscal_spend[1][0] + f.fiscal_spend[1][1];
    let sc_spend = f.fiscal_spend[2][0] + f.fiscal_spend[2][1];
    let proc_pct = |v: &Option<crate::model::Val>| v.as_ref().and_then(|v| st.percent(v.v, f.procurement_total)).map(|p| st.pct(p));
    // The 第N部分 a numbered part gets, counting only the parts this report prints.
    let present = |id: &str| match id {
        "key_work" => !m.key_paragraphs.is_empty() || !m.key_items.is_empty(),
        "annex_tables" => p.tables_as_annex,
        "annex_projects" => !m.project_evals.is_empty(),
        "annex_overall" => m.overall_eval.is_some(),
        "annex_performance" => m.annex.is_some(),
        _ => true,
    };
    let mut part_numbers = serde_json::Map::new();
    let mut n = 0;
    for id in p.sections.iter().filter(|id| present(id) && p.numbered(id)) {
        n += 1;
        part_numbers.insert(id.clone(), json!(format!("第{}部分", cn(n - 1))));
    }
    let v = json!({
        "year": y,
        "prior_year": y.saturating_sub(1),
        "name": m.name,
        "short_name": m.short_name,
        "level": m.level,
        "charts": p.charts,
        // 一 二 三 … for "（一）"-style numbers, 一是 二是 … for enumerations.
        "numerals": (0..30).map(cn).collect::<Vec<_>>(),
        "ordinals": (0..30).map(|i| format!("{}是", cn(i))).collect::<Vec<_>>(),
        "parts": part_numbers,
        "functions": m.functions.iter().map(|t| t.text.clone()).collect::<Vec<_>>(),
        "organization": t(&m.organization),
        "units": m.units.iter().map(|u| json!({"name": u.0, "kind": u.1, "main": u.2})).collect::<Vec<_>>(),
        "sub_units": subs.len(),
        "staff": {"active": active, "retired": retired, "active_kinds": staff(&m.staff_active), "retired_kinds": staff(&m.staff_retired)},
        "total": {"amount": wan(f.grand_total), "change": chg(st, f.grand_total, m.prior_total.v), "reason": t(&m.reason_total),
                  "opening": wan(f.opening_total), "closing": wan(f.closing_total), "income": wan(f.income_total), "spend": wan(f.spend_total)},
        "income": {"amount": wan(f.income_total), "parts": parts(st, &[
            ("财政拨款收入", f.fiscal_income_total), ("上级补助收入", f.income_by_source[3]), ("事业收入", f.income_by_source[4]),
            ("经营收入", f.income_by_source[5]), ("附属单位上缴收入", f.income_by_source[6]), ("其他收入", f.income_by_source[7])])},
        "spend": {"amount": wan(f.spend_total), "parts": parts(st, &[
            ("基本支出", f.spend_by_nature[0]), ("项目支出", f.spend_by_nature[1]), ("上缴上级支出", f.spend_by_nature[2]),
            ("经营支出", f.spend_by_nature[3]), ("对附属单位补助支出", f.spend_by_nature[4])])},
        "fiscal": {"amount": wan(f.fiscal_grand_total), "change": chg(st, f.fiscal_grand_total, m.prior_fiscal_total.v), "reason": t(&m.reason_fiscal)},
        "general": {
            "amount": wan(f.general_total),
            "share_of_total": st.percent(f.general_total, f.spend_total).map(|p| st.pct(p)),
            "change": chg(st, f.general_total, m.prior_general_spend.v),
            "reason": t(&m.reason_general),
            "classes": classes.iter().zip(&class_shares).map(|((code, v), s)| json!({
                "code": code, "name": cat.function_name(code).unwrap_or(code), "phrase": class_phrase(cat.function_name(code).unwrap_or(code)),
                "amount": wan(*v), "share": st.pct(*s)})).collect::<Vec<_>>(),
            "completion": cmp(st, f.general_total, f.budget_total),
            "basic": wan(f.general_basic),
            "project": wan(f.general_project),
            "budget_lines": budget_lines,
            "projects": m.projects.iter().map(|pj| json!({
                "name": pj.name.text, "amount": wan(pj.actual.v), "budget": wan(pj.budget.v),
                "includes": pj.includes.as_ref().map(|t| t.text.trim_start_matches("包括").to_string()),
                "purpose": pj.purpose.as_ref().map(|t| t.text.trim_start_matches("用于").trim_end_matches(['。', '；']).to_string()),
                "completion": cmp(st, pj.actual.v, pj.budget.v),
                "outcome": pj.outcome.as_ref().map(|t| sentence(&t.text)),
            })).collect::<Vec<_>>(),
        },
        "basic": {"amount": wan(f.general_basic), "personnel": wan(f.personnel), "public": wan(f.public),
                  "personnel_share": st.shares(&[f.personnel, f.public]).first().map(|s| st.pct(*s)),
                  "public_share": st.shares(&[f.personnel, f.public]).get(1).map(|s| st.pct(*s)),
                  "personnel_items": econ_names(true), "public_items": econ_names(false)},
        "three": {
            "scope": if kinds.is_empty() { format!("{}本级", m.name) } else { format!("{}本级及下属{}", m.name, kinds.iter().map(|(k, n)| format!("{n}个{k}")).collect::<Vec<_>>().join("、")) },
            "completion": cmp(st, f.three_actual_total, f.three_budget_total),
            "change": chg(st, f.three_actual_total, f.three_prior_total),
            "reason_change": t(&m.three_reasons[3]),
            "items": [
                three_item("因公出国（境）费", "abroad", tb[0].v, ta[0].v, pr[0].v, &m.three_reasons[0]),
                three_item("公务用车购置及运行费", "vehicle", tb[1].v + tb[2].v, ta[1].v + ta[2].v, pr[1].v + pr[2].v, &m.three_reasons[1]),
                three_item("公务接待费", "reception", tb[3].v, ta[3].v, pr[3].v, &m.three_reasons[2]),
            ],
            "abroad": three_item("因公出国（境）费", "abroad", tb[0].v, ta[0].v, pr[0].v, &m.three_reasons[0]),
            "vehicle": three_item("公务用车购置及运行费", "vehicle", tb[1].v + tb[2].v, ta[1].v + ta[2].v, pr[1].v + pr[2].v, &m.three_reasons[1]),
            "reception": three_item("公务接待费", "reception", tb[3].v, ta[3].v, pr[3].v, &m.three_reasons[2]),
            "changed": ([("因公出国（境）费", pr[0].v, ta[0].v), ("公务用车购置及运行费", pr[1].v + pr[2].v, ta[1].v + ta[2].v), ("公务接待费", pr[3].v, ta[3].v)])
                .iter().filter(|(_, p0, a)| p0 != a).map(|(l, p0, a)| json!({"label": l, "change": chg(st, *a, *p0)})).collect::<Vec<_>>(),
            "vehicle_purchase_zero": ta[1].v.is_zero(),
            "vehicle_purchase": wan(ta[1].v),
            "vehicle_operation": wan(ta[2].v),
            "abroad_groups": m.three_activity[0], "abroad_people": m.three_activity[1],
            "reception_groups": m.three_activity[2], "reception_people": m.three_activity[3],
        },
        "gov_fund": {"none": f.fiscal_income[1].is_zero() && gf_spend.is_zero(), "income": wan(f.fiscal_income[1]), "spend": wan(gf_spend), "closing": wan(f.closing[1])},
        "state_capital": {"none": sc_spend.is_zero(), "spend": wan(sc_spend)},
        "office": {"amount": wan(m.office_operation.v), "change": chg(st, m.office_operation.v, m.prior_office_operation.v), "reason": t(&m.reason_office),
                   "vs_budget": m.office_budget.as_ref().map(|b| chg(st, m.office_operation.v, b.v)), "reason_budget": t(&m.reason_office_budget)},
        "general_spending": m.meetings_training.as_ref().map(|mt| json!({"meetings": wan(mt[0].v), "training": wan(mt[1].v)})),
        "procurement": {"none": f.procurement_total.is_zero(), "total": wan(f.procurement_total),
                        "goods": wan(m.procurement[0].v), "works": wan(m.procurement[1].v), "services": wan(m.procurement[2].v),
                        "parts": ([("货物", m.procurement[0].v), ("工程", m.procurement[1].v), ("服务", m.procurement[2].v)]).iter().filter(|x| !x.1.is_zero()).map(|(k, v)| json!({"label": k, "amount": wan(*v)})).collect::<Vec<_>>(),
                        "sme": m.procurement_sme.as_ref().map(|v| wan(v.v)), "sme_share": proc_pct(&m.procurement_sme),
                        "small": m.procurement_small.as_ref().map(|v| wan(v.v)), "small_share": proc_pct(&m.procurement_small)},
        "assets": {"vehicles": m.vehicles, "general_equipment": m.equipment[0], "special_equipment": m.equipment[1]},
        "performance": {
            "projects_count": m.projects.len(),
            "projects_total": wan(pj_total),
            "projects_share": st.percent(pj_total, f.general_project).map(|p| st.pct(p)).unwrap_or_else(|| st.pct(Decimal::ZERO)),
            "spend_total": wan(f.spend_total),
            "management": m.perf_management.as_ref().map(|t| sentence(&t.text)),
            "overall": m.perf_overall.as_ref().map(|t| sentence(&t.text)),
            "problems": m.perf_problems.as_ref().map(|t| sentence(&t.text)),
            "measures": m.perf_measures.as_ref().map(|t| sentence(&t.text)),
            "application": m.perf_application.as_ref().map(|t| sentence(&t.text)),
        },
        "other_matters": m.other_matters.iter().map(|t| sentence(&t.text)).collect::<Vec<_>>(),
        "budget_total": wan(f.budget_total),
        "general_income": wan(f.fiscal_income[0]),
        "annex": m.annex.as_ref().map(|a| {
            let opt = |t: &Option<TextVal>| t.as_ref().map(|t| sentence(&t.text));
            json!({
                "intro": sentence(&a.intro.text),
                "goals": sentence(&a.goals.text),
                "overall": a.overall.iter().map(|t| t.text.clone()).collect::<Vec<_>>(),
                "special_total": wan(a.special.iter().map(|x| x.1.v).sum()),
                "special": a.special.iter().map(|(n, v, t)| json!({"name": n.text, "amount": wan(v.v), "text": t.as_ref().map(|t| sentence(&t.text))})).collect::<Vec<_>>(),
                "problems": opt(&a.problems),
                "measures": opt(&a.measures),
                "application": opt(&a.application),
                "other": opt(&a.other),
            })
        }),
    });
    v
}

/// The charts a section can place with `!figure KEY 图N：…`.
fn charts_for(m: &Model, f: &Figures, st: &crate::money::MoneyStyle) -> Vec<(&'static str, String)> {
    let y = m.year;
    let income = [
        ("财政拨款收入", f.fiscal_income_total),
        ("上级补助收入", f.income_by_source[3]),
        ("事业收入", f.income_by_source[4]),
        ("经营收入", f.income_by_source[5]),
        ("附属单位上缴收入", f.income_by_source[6]),
        ("其他收入", f.income_by_source[7]),
    ];
    let natures = [
        ("基本支出", f.spend_by_nature[0]),
        ("项目支出", f.spend_by_nature[1]),
        ("上缴上级支出", f.spend_by_nature[2]),
        ("经营支出", f.spend_by_nature[3]),
        ("对附属单位补助支出", f.spend_by_nature[4]),
    ];
    vec![
        ("total", charts::compare(st, y, &[("收入总计", m.prior_total.v, f.grand_total), ("支出总计", m.prior_total.v, f.spend_total + m.balance_distribution.v + f.closing_total)])),
        ("income", charts::structure(st, &with_shares(st, &income))),
        ("spend", charts::structure(st, &with_shares(st, &natures))),
        ("fiscal", charts::compare(st, y, &[("财政拨款收入总计", m.prior_fiscal_total.v, f.fiscal_grand_total), ("财政拨款支出总计", m.prior_fiscal_total.v, f.fiscal_spend_total + f.fiscal_closing_total)])),
    ]
}

/// Renders the profile's sections of `part` into the document: titles numbered by position.
fn sections_into(d: &mut Document, s: &crate::wording::Sections, p: &Profile, part: &str, ctx: &minijinja::Value, charts: &[(&str, String)]) -> Result<(), String> {
    use crate::wording::Line;
    let ids = p.part_sections.get(part).cloned().unwrap_or_default();
    let mut n = 0;
    for id in &ids {
        let name = format!("{part}/{id}.j2");
        if !s.has(&name) {
            return Err(format!("城市模板 {} 的 part_sections.{part} 列出了 {id}，但没有模板 sections/{name}", p.name));
        }
        let mut items: Vec<String> = Vec::new();
        for line in s.render(&name, ctx)? {
            if !matches!(line, Line::Item(_)) {
                d.list(std::mem::take(&mut items));
            }
            match line {
                Line::Title(t) => {
                    d.heading(2, format!("{}、{t}", cn(n)));
                    n += 1;
                }
                Line::Sub(t) => d.heading(3, t),
                Line::Item(t) => items.push(t),
                Line::Para(t) => d.para(t),
                Line::Break => {}
                Line::Figure(key, caption) => match charts.iter().find(|c| c.0 == key) {
                    Some((_, svg)) => d.figure(caption, svg.clone()),
                    None => return Err(format!("{}: 没有名为 {key:?} 的图（可用：total、income、spend、fiscal）", s.origin.get(&name).cloned().unwrap_or(name.clone()))),
                },
            }
        }
        d.list(items);
    }
    Ok(())
}
