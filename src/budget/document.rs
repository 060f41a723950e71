//! Assembles the 部门预算公开 (seed 004's layout): a cover, the 说明 in the profile's order
//! (一 职责及机构 … 九 其他说明事项, one template per section, with its inline tables), then
//! the 部门预算公开表 (表1–表10), each under its heading.

use super::context;
use super::inline;
use super::tables::{Ctx, TABLE_NAMES};
use super::checked::Budget;
use crate::core::money::cn;
use crate::render::parts::{cover_lines, Parts};
use crate::render::sections;
use crate::render::view::Document;

pub fn build(b: &Budget) -> Result<Document, String> {
    let (m, f, p) = (&b.model, &b.figures, &b.profile);
    let title = format!("{}{}年部门预算信息公开说明", m.name, m.year);
    let mut d = Document::new(title, m.name.clone(), p.fonts.clone());
    d.cover_lines = cover_lines(&[&m.name, &format!("{}年部门预算信息公开说明", m.year)], &p.page);
    d.cover_date = p.date(m.published);
    d.published = Some(m.published);
    d.page = p.page.clone();

    // Through a JSON value, as the 决算 does: keys sorted, the same data `--emit context` shows.
    let json = serde_json::to_value(context::context(m, f, p)).map_err(|e| format!("内部错误：{e}"))?;
    let ctx = minijinja::Value::from(minijinja::value::Serde(json));
    let sections = sections::cached(&p.city, p.user_dir.as_deref())?;
    let c = Ctx { m, f, cat: &b.catalog, st: &p.money };
    let tables = inline::all(&c, p.equipment_threshold_wan);
    let parts = Parts { p, ctx: &ctx, sections: &sections, charts: &[], tables: &tables, figures: Default::default() };

    begin(&mut d, b, "budget");
    parts.sections_into(&mut d, "budget")?;

    begin(&mut d, b, "budget_tables");
    for (i, t) in c.all().into_iter().enumerate() {
        if i > 0 {
            d.page_break();
        }
        d.table_with_heading(2, format!("{}、{}（表{}）", cn(i), TABLE_NAMES[i], i + 1), t);
    }
    d.finish(&p.budget_sections);
    Ok(d)
}

fn begin(d: &mut Document, b: &Budget, id: &str) {
    let (m, p) = (&b.model, &b.profile);
    d.begin_part(id, p.part_title(id, &m.name, m.year, &m.level), p.numbered(id));
}
