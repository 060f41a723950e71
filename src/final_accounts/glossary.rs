//! 名词解释: the city's list of terms (or every catalogued term the figures use), the
//! function codes the report uses with their descriptions, and the 咨询电话.

use super::figures::Figures;
use super::model::Model;
use crate::core::catalog::Catalog;
use crate::core::money::cn;
use crate::render::profile::Profile;
use crate::render::view::Document;

/// Appends the glossary's items to the part begun by the caller.
pub fn append(d: &mut Document, m: &Model, f: &Figures, cat: &Catalog, p: &Profile) {
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
    // A term as printed: the city's wording over the catalogue's, either part on its own.
    let worded = |id: &String| -> Option<(String, String, String)> {
        let base = cat.glossary.terms.iter().find(|t| &t.id == id);
        let w = g.wording.get(id);
        let term = w.and_then(|w| w.term.clone()).or_else(|| base.map(|t| t.term.clone()))?;
        let text = w.map(|w| w.text.clone()).or_else(|| base.map(|t| t.text.clone()))?;
        Some((id.clone(), term, text))
    };
    // The city's list in its order, or every catalogued term the figures use followed by
    // the terms only the city's wording defines.
    let chosen: Vec<(String, String, String)> = if g.terms.is_empty() {
        let catalogued = cat.glossary.terms.iter().filter(|t| used(&t.used_when)).map(|t| &t.id);
        let own = g.wording.keys().filter(|id| !cat.glossary.terms.iter().any(|t| &t.id == *id));
        catalogued.chain(own).filter_map(worded).collect()
    } else {
        g.terms.iter().filter(|id| {
            let base = cat.glossary.terms.iter().find(|t| &t.id == *id);
            g.always || base.is_some_and(|t| used(&t.used_when)) || g.wording.contains_key(*id)
        }).filter_map(worded).collect()
    };
    // The list of function codes is left out when the report uses none: a term that
    // announces a list must have one.
    let chosen: Vec<(String, String, String)> = chosen.into_iter().filter(|(id, _, _)| id != "function_codes" || !leaf.is_empty()).collect();
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
}
