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
use crate::render::sections::{self, Line, Sections};
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
    let parts = Parts { p, ctx: &ctx, sections: &sections, charts: &charts, figures: Default::default() };

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

/// What the template-driven parts are rendered from.
struct Parts<'a> {
    p: &'a Profile,
    ctx: &'a minijinja::Value,
    sections: &'a Sections,
    charts: &'a [(&'static str, Option<String>)],
    /// Charts printed so far: a caption "图N：…" is numbered by position, so a chart left out
    /// leaves no gap.
    figures: std::cell::Cell<usize>,
}

impl Parts<'_> {
    /// Renders the profile's sections of `part` into the document: titles numbered by position.
    fn sections_into(&self, d: &mut Document, part: &str) -> Result<(), String> {
        let (s, p, ctx, charts) = (self.sections, self.p, self.ctx, self.charts);
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
                        Some((_, Some(svg))) => {
                            self.figures.set(self.figures.get() + 1);
                            d.figure(numbered(&caption, self.figures.get()), svg.clone());
                        }
                        Some((_, None)) => {}
                        None => return Err(format!("{}: 没有名为 {key:?} 的图（可用：total、income、spend、fiscal）", s.origin.get(&name).cloned().unwrap_or(name.clone()))),
                    },
                }
            }
            d.list(items);
        }
        Ok(())
    }
}

/// "图2：收入决算结构" renumbered to the chart's position; a caption without "图N：" is kept.
fn numbered(caption: &str, n: usize) -> String {
    let rest = caption.strip_prefix('图').map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
    match rest.and_then(|r| r.strip_prefix('：').or_else(|| r.strip_prefix(':'))) {
        Some(title) if rest.is_some_and(|r| r.len() < caption.len() - '图'.len_utf8()) => format!("图{n}：{title}"),
        _ => caption.to_string(),
    }
}

/// The cover title on one line when it fits the page at the cover's 24pt; else broken
/// between its parts (年度, the name, the document), as few lines as fit, never inside a word.
fn cover_lines(parts: &[&str], page: &crate::render::view::Page) -> Vec<String> {
    let paper_mm: u32 = match page.paper.as_str() {
        "a3" => 297,
        "a5" => 148,
        "iso-b5" => 176,
        "us-letter" => 216,
        _ => 210,
    };
    // At 24pt an em is 8.47 mm: a CJK character is one em, a digit or Latin letter about half.
    let fits = paper_mm.saturating_sub(page.left + page.right) as f32 / 8.47;
    let ems = |s: &str| s.chars().map(|c| if c.is_ascii() { 0.55 } else { 1.0 }).sum::<f32>();
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(l) if ems(l) + ems(part) <= fits => l.push_str(part),
            _ => lines.push(part.to_string()),
        }
    }
    lines
}
