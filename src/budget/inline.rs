//! The tables the 说明 prints inside its sections, placed by `!table KEY` in a section
//! template: `units` (部门机构设置情况), `indicators` (预算项目绩效目标), `procurement`
//! (部门政府采购预算) and `assets` (部门固定资产占用情况表).

use super::figures::Figures;
use super::model::Model;
use super::tables::Ctx;
use crate::render::view::{Cell, Table};
use rust_decimal::Decimal;

fn frame(id: &str, caption: &str, dept: String, unit: &str, widths: Vec<u32>, landscape: bool) -> Table {
    Table { id: id.into(), caption: caption.into(), dept, unit: unit.into(), landscape, widths, header: Vec::new(), rows: Vec::new(), notes: Vec::new(), headings: vec![] }
}

/// Every inline table by its key; an empty list of indicators has no table.
pub fn all(c: &Ctx, equipment_wan: u32) -> Vec<(&'static str, Option<Table>)> {
    vec![("units", Some(units(c.m))), ("indicators", indicators(c.m)), ("procurement", Some(procurement(c))), ("assets", Some(assets(c, equipment_wan)))]
}

fn units(m: &Model) -> Table {
    let mut t = frame("units", "部门机构设置情况", String::new(), "", vec![34, 22, 22, 22], false);
    t.header = vec![["单位名称", "单位性质", "单位规格", "经费保障形式"].iter().map(|h| Cell::c(*h)).collect()];
    for u in &m.units {
        t.rows.push(u.iter().map(|x| Cell::c(x.clone())).collect());
    }
    t
}

/// 预算项目绩效目标: consecutive rows of one 一级 (and of one 二级) share a merged cell.
fn indicators(m: &Model) -> Option<Table> {
    let rows = &m.performance.as_ref()?.indicators;
    if rows.is_empty() {
        return None;
    }
    let mut t = frame("indicators", "预算项目绩效目标", String::new(), "", vec![9, 10, 13, 15, 11, 7, 7, 13, 15], true);
    t.header = vec![
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "评（扣）分标准"].iter().map(|h| Cell::c(*h).span(1, 2)).chain([Cell::c("指标值").span(3, 1), Cell::c("指标值确定依据").span(1, 2)]).collect(),
        vec![Cell::c("符号"), Cell::c("值"), Cell::c("单位（文字描述）")],
    ];
    let run = |i: usize, same: &dyn Fn(usize) -> bool| (i..rows.len()).take_while(|j| same(*j)).count() as u32;
    for (i, r) in rows.iter().enumerate() {
        let mut row = Vec::new();
        let l1 = |j: usize| rows[j].level1.text == r.level1.text;
        if i == 0 || rows[i - 1].level1.text != r.level1.text {
            row.push(Cell::c(r.level1.text.clone()).span(1, run(i, &l1)));
        }
        let l2 = |j: usize| l1(j) && rows[j].level2.text == r.level2.text;
        if i == 0 || !(rows[i - 1].level1.text == r.level1.text && rows[i - 1].level2.text == r.level2.text) {
            row.push(Cell::c(r.level2.text.clone()).span(1, run(i, &l2)));
        }
        for v in [&r.name, &r.description, &r.standard] {
            row.push(Cell::l(v.text.clone()));
        }
        row.extend([Cell::c(r.sign.text.clone()), Cell::c(r.value.text.clone()), Cell::l(r.unit.text.clone()), Cell::l(r.basis.text.clone())]);
        t.rows.push(row);
    }
    Some(t)
}

/// 部门政府采购预算: each purchase with its funds; an empty plan keeps the frame.
fn procurement(c: &Ctx) -> Table {
    let (m, f): (&Model, &Figures) = (c.m, c.f);
    let empty = m.procurement.is_empty();
    let dept = if empty { format!("{}　（此表为空）", c.dept()) } else { c.dept() };
    let mut t = frame("procurement", "部门政府采购预算", dept, "单位：万元", vec![14, 8, 12, 10, 6, 6, 7, 8, 8, 8, 8, 8, 8], true);
    t.header = vec![
        vec![Cell::c("政府采购项目来源").span(2, 1), Cell::c("采购物品名称").span(1, 3), Cell::c("政府采购目录序号").span(1, 3), Cell::c("数量单位").span(1, 3), Cell::c("数量").span(1, 3), Cell::c("单价").span(1, 3), Cell::c("政府采购金额").span(6, 1)],
        vec![Cell::c("项目名称").span(1, 2), Cell::c("预算资金").span(1, 2), Cell::c("总计").span(1, 2), Cell::c("当年部门预算安排资金").span(4, 1), Cell::c("其他渠道资金")],
        vec![Cell::c("合计"), Cell::c("一般公共预算拨款"), Cell::c("基金预算拨款"), Cell::c("财政专户核拨"), Cell::c("其他来源收入")],
    ];
    let st = c.st;
    let amt = |d: Decimal| Cell::r(st.cell(d)).num();
    let opt = |v: Option<Decimal>| Cell::r(v.map(|d| st.amount(d)).unwrap_or_default()).num();
    for p in &m.procurement {
        let budget = m.projects.iter().find(|x| x.name == p.project).map(|x| x.amount.v);
        let this_year: Decimal = p.funds[..3].iter().map(|v| v.v).sum();
        let mut row = vec![Cell::l(p.project.clone()), opt(budget), Cell::l(p.item.clone()), Cell::c(p.catalogue_no.clone()), Cell::c(p.unit.clone()), opt(p.quantity.map(|q| q.v)), opt(p.unit_price.map(|u| u.v))];
        row.extend([amt(this_year + p.funds[3].v), amt(this_year), amt(p.funds[0].v), amt(p.funds[1].v), amt(p.funds[2].v), amt(p.funds[3].v)]);
        t.rows.push(row);
    }
    let b = f.procurement_by_fund;
    let mut total = vec![Cell::c("合　计").span(7, 1).bold()];
    total.extend([amt(f.procurement_total), amt(b[0] + b[1] + b[2]), amt(b[0]), amt(b[1]), amt(b[2]), amt(b[3])].map(Cell::bold));
    t.rows.push(total);
    if !empty {
        let [g, w, s] = f.procurement_by_category;
        t.notes.push(format!("其中：货物类{}万元，工程类{}万元，服务类{}万元。", st.amount(g), st.amount(w), st.amount(s)));
    }
    t
}

/// 部门固定资产占用情况表 at the end of last year: 资产总额 is the sum of its rows.
fn assets(c: &Ctx, equipment_wan: u32) -> Table {
    let (m, f) = (c.m, c.f);
    let a = &m.assets;
    let (y, mo, d) = a.as_of;
    let mut t = frame("assets", "部门固定资产占用情况表", format!("编制部门：[{}]　　截止时间：{y}年{mo}月{d}日", c.dept()), "", vec![46, 20, 34], false);
    t.header = vec![vec![Cell::c("项　　目"), Cell::c("数量"), Cell::c("价值（金额单位：万元）")]];
    let st = c.st;
    let v = |x: Option<crate::core::loader::Val>| Cell::r(x.map(|x| st.cell(x.v)).unwrap_or_default()).num();
    let dash = Cell::c("——");
    t.rows.push(vec![Cell::l("资产总额").bold(), dash.clone(), Cell::r(st.cell(f.assets_total)).num().bold()]);
    t.rows.push(vec![Cell::l("1、房屋（平方米）"), v(a.buildings.0), v(a.buildings.1)]);
    t.rows.push(vec![Cell::l("　　其中：办公用房"), v(a.office_buildings.0), v(a.office_buildings.1)]);
    t.rows.push(vec![Cell::l("2、车辆（台、辆）"), v(a.vehicles.0), v(a.vehicles.1)]);
    let equipment_count = if a.equipment.0.is_some() { v(a.equipment.0) } else { dash.clone() };
    t.rows.push(vec![Cell::l(format!("3、单价在{equipment_wan}万元以上的设备")), equipment_count, v(a.equipment.1)]);
    t.rows.push(vec![Cell::l("4、其他固定资产"), dash, v(a.other.1)]);
    t
}
