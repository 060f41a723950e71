//! Assembles the 部门决算 document (seed 002's layout): 封面, 目录, 第一部分 概况,
//! 第二部分 nine tables, 第三部分 情况说明 一–十三, 第四部分 重点工作, 第五部分 名词解释,
//! then the annexes. The profile orders and titles the parts (`Document::finish`).

use super::figures::Figures;
use super::model::Model;
use super::tables::{Ctx, TABLE_NAMES};
use super::checked::FinalAccounts;
use super::{charts, context, glossary};
use crate::core::catalog::Catalog;
use crate::core::money::{cn, MoneyStyle};
use crate::performance::{overall, project};
use crate::render::profile::Profile;
use crate::render::parts::{cover_lines, Parts};
use crate::render::sections;
use crate::render::view::{Cell, Document, Table};
use rust_decimal::Decimal;

/// The document, or a template error naming the template file and line.
pub fn build(fa: &FinalAccounts, cat: &Catalog) -> Result<Document, String> {
    let (m, f, p) = (&fa.model, &fa.figures, &fa.profile);
    let title = format!("{}年度{}部门决算", m.year, m.name);
    let mut d = Document::new(title, m.name.clone(), p.fonts.clone());
    d.cover_lines = cover_lines(&[&format!("{}年度", m.year), &m.name, "部门决算"], &p.page);
    d.cover_date = p.date(m.published);
    d.published = Some(m.published);
    d.page = p.page.clone();

    let ctx = context::value(fa, cat);
    let sections = sections::cached(&p.city, p.user_dir.as_deref())?;
    let charts = if p.charts { charts_for(m, f, &p.money) } else { Vec::new() };
    let parts = Parts { p, ctx: &ctx, sections: &sections, charts: &charts, tables: &[], figures: Default::default() };

    // 第一部分 概况
    begin(&mut d, p, m, "overview");
    parts.sections_into(&mut d, "overview")?;

    // 第二部分 决算表: inline, or "（见附表）" with the tables in their own part at the end.
    begin(&mut d, p, m, "tables");
    let tables: Vec<Table> = Ctx { m, f, cat, st: &p.money }.all();
    if p.tables_as_annex {
        d.para("（见附表）");
    } else {
        tables_into(&mut d, tables.clone(), false);
    }

    // 第三部分 情况说明, one template per section.
    begin(&mut d, p, m, "explanations");
    parts.sections_into(&mut d, "explanations")?;

    // 第四部分 重点工作
    if !m.key_paragraphs.is_empty() || !m.key_items.is_empty() {
        begin(&mut d, p, m, "key_work");
        key_work(&mut d, m);
    }

    // 第五部分 名词解释
    begin(&mut d, p, m, "glossary");
    glossary::append(&mut d, m, f, cat, p);

    // 附件：支出绩效自评报告 (Hunan), one template per section like the 情况说明.
    if m.annex.is_some() {
        begin(&mut d, p, m, "annex_performance");
        parts.sections_into(&mut d, "annex_performance")?;
    }
    if p.tables_as_annex {
        begin(&mut d, p, m, "annex_tables");
        tables_into(&mut d, tables, true);
    }
    annexes(&mut d, fa);
    d.finish(&p.sections);
    Ok(d)
}

/// The nine tables, each under its heading; as 附表, each on a page of its own.
fn tables_into(d: &mut Document, tables: Vec<Table>, own_pages: bool) {
    for (i, t) in tables.into_iter().enumerate() {
        if own_pages && i > 0 {
            d.page_break();
        }
        d.table_with_heading(2, format!("{}、{}（表{}）", cn(i), TABLE_NAMES[i], i + 1), t);
    }
}

/// 重点工作完成情况: the paragraphs, then the table of items.
fn key_work(d: &mut Document, m: &Model) {
    for pgh in &m.key_paragraphs {
        d.para(pgh.text.clone());
    }
    if !m.key_items.is_empty() {
        let mut t = Table { id: "key-work".into(), caption: format!("{}年重点工作完成情况表", m.year), dept: String::new(), unit: String::new(), landscape: false, widths: vec![6, 20, 30, 44], header: vec![["序号", "重要事项", "工作内容及目标", "完成情况"].iter().map(|h| Cell::c(*h)).collect()], rows: vec![], notes: vec![], headings: vec![] };
        for (i, (a, b, c)) in m.key_items.iter().enumerate() {
            t.rows.push(vec![Cell::c((i + 1).to_string()), Cell::l(a.clone()), Cell::l(b.clone()), Cell::l(c.clone())]);
        }
        d.table(t);
    }
}

/// 附件1 项目支出绩效自评表 (one per evaluated project) and 附件2 整体支出绩效自评报告.
fn annexes(d: &mut Document, fa: &FinalAccounts) {
    let (m, p, a) = (&fa.model, &fa.profile, &fa.annexes);
    if !a.projects.is_empty() {
        begin(d, p, m, "annex_projects");
        for (i, ev) in a.projects.iter().enumerate() {
            if i > 0 {
                d.page_break();
            }
            d.table(project::table(ev, m.year, &p.money, format!("p{}", i + 1)));
        }
    }
    if let Some(o) = &a.overall {
        begin(d, p, m, "annex_overall");
        overall::append(d, o, &a.dept);
    }
}

/// The non-zero parts with their largest-remainder shares, for a structure chart.
fn with_shares<'a>(st: &MoneyStyle, parts: &[(&'a str, Decimal)]) -> Vec<(&'a str, Decimal, Decimal)> {
    let nz: Vec<(&str, Decimal)> = parts.iter().filter(|p| !p.1.is_zero()).copied().collect();
    let shares = st.shares(&nz.iter().map(|p| p.1).collect::<Vec<_>>());
    nz.into_iter().zip(shares).map(|((l, v), s)| (l, v, s)).collect()
}

/// Starts part `id` with the profile's title and numbering.
fn begin(d: &mut Document, p: &Profile, m: &Model, id: &str) {
    d.begin_part(id, p.part_title(id, &m.name, m.year, &m.level), p.numbered(id));
}

/// The charts a section can place with `!figure KEY 图N：…`.
/// The charts a section can place with `!figure KEY 图N：…`; None for a chart with nothing
/// to show (every bar or part zero), which is left out.
fn charts_for(m: &Model, f: &Figures, st: &MoneyStyle) -> Vec<(&'static str, Option<String>)> {
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
    let compare = |bars: &[(&str, Decimal, Decimal)]| bars.iter().any(|b| !b.1.is_zero() || !b.2.is_zero()).then(|| charts::compare(st, y, bars));
    let structure = |parts: &[(&str, Decimal)]| {
        let shares = with_shares(st, parts);
        (!shares.is_empty()).then(|| charts::structure(st, &shares))
    };
    vec![
        ("total", compare(&[("收入总计", m.prior_total.v, f.grand_total), ("支出总计", m.prior_total.v, f.spend_total + m.balance_distribution.v + f.closing_total)])),
        ("income", structure(&income)),
        ("spend", structure(&natures)),
        ("fiscal", compare(&[("财政拨款收入总计", m.prior_fiscal_total.v, f.fiscal_grand_total), ("财政拨款支出总计", m.prior_fiscal_total.v, f.fiscal_spend_total + f.fiscal_closing_total)])),
    ]
}

