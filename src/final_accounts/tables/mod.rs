//! The nine statutory tables (表1–表9), derived from the model and its figures, as
//! render-ready grids with their 行次/栏次 and the "注：本表反映…" notes. One file per
//! family of tables: `totals` (表1, 表4: the 总表 with the year's fixed 类 rows), `functional`
//! (表2, 表3, 表5, 表8, 表9: 类/款/项 hierarchies), `economic` (表6), `three` (表7).

mod economic;
mod functional;
mod three;
mod totals;

use super::figures::{Figures, HRow};
use super::model::Model;
use crate::core::catalog::Catalog;
use crate::core::money::{cn, MoneyStyle};
use crate::render::view::{Cell, Table};
use rust_decimal::Decimal;

/// Names of the nine tables, used for the 目录 headings and captions.
pub const TABLE_NAMES: [&str; 9] = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "一般公共预算财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
];

pub struct Ctx<'a> {
    pub m: &'a Model,
    pub f: &'a Figures,
    pub cat: &'a Catalog,
    pub st: &'a MoneyStyle,
}

impl Ctx<'_> {
    pub(super) fn base(&self, n: usize, landscape: bool, widths: Vec<u32>) -> Table {
        Table {
            id: format!("t{n}"),
            caption: format!("{}年度{}（表{}）", self.m.year, TABLE_NAMES[n - 1], n),
            dept: format!("部门：{}", self.m.name),
            unit: "单位：万元".into(),
            landscape,
            widths,
            header: Vec::new(),
            rows: Vec::new(),
            notes: Vec::new(),
            headings: vec![],
        }
    }
    pub(super) fn amt(&self, d: Decimal) -> Cell {
        Cell::r(self.st.cell(d)).num()
    }
    pub(super) fn class_label(&self, i: usize, code: &str) -> String {
        format!("{}、{}", cn(i), self.cat.function_name(code).unwrap_or(code))
    }

    /// 类/款/项 header block shared by 表2, 3, 5, 8, 9: four header rows.
    pub(super) fn code_header(&self, value_heads: &[Cell], group: Option<&str>) -> Vec<Vec<Cell>> {
        let n = value_heads.len() as u32;
        let mut r1 = vec![Cell::c("项目").span(4, 1)];
        let mut r2 = vec![Cell::c("功能分类科目编码").span(3, 1), Cell::c("科目名称").span(1, 2)];
        match group {
            Some(g) => {
                r1.push(Cell::c(g).span(n, 1));
                for h in value_heads {
                    r2.push(h.clone().span(h.colspan, 2));
                }
                let cols: Vec<Cell> = (1..=n).map(|i| Cell::c(i.to_string())).collect();
                let mut r3 = vec![Cell::c("类"), Cell::c("款"), Cell::c("项")];
                let _ = &mut r3;
                let mut r4 = vec![Cell::c("栏次").span(4, 1)];
                r4.extend(cols);
                vec![r1, r2, r3, r4]
            }
            None => {
                for h in value_heads {
                    r1.push(h.clone().span(1, 3));
                }
                let r3 = vec![Cell::c("类"), Cell::c("款"), Cell::c("项")];
                let mut r4 = vec![Cell::c("栏次").span(4, 1)];
                r4.extend((1..=n).map(|i| Cell::c(i.to_string())));
                vec![r1, r2, r3, r4]
            }
        }
    }

    pub(super) fn code_rows(&self, total: &[Decimal], rows: &[HRow]) -> Vec<Vec<Cell>> {
        let mut out = Vec::new();
        let mut t = vec![Cell::c("合计").span(4, 1).bold()];
        t.extend(total.iter().map(|v| self.amt(*v).bold()));
        out.push(t);
        for r in rows {
            let mut row = vec![Cell::l(r.code.clone()).span(3, 1), Cell::l(r.name.clone())];
            row.extend(r.values.iter().map(|v| self.amt(*v)));
            if r.code.len() == 3 {
                for c in row.iter_mut() {
                    c.bold = true;
                }
            }
            out.push(row);
        }
        out
    }

}
