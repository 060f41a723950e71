//! 表7 一般公共预算财政拨款“三公”经费支出决算表: budget and actual, one row.

use super::Ctx;
use crate::render::view::{Cell, Table};
use rust_decimal::Decimal;

impl Ctx<'_> {
    pub fn t7(&self) -> Table {
        let m = self.m;
        let mut t = self.base(7, true, vec![9, 9, 8, 8, 8, 9, 9, 9, 8, 8, 8, 9]);
        // U+200B marks where a narrow header may break: between words, never inside one.
        let half = |r: &mut Vec<Cell>| {
            r.extend([Cell::c("合计").span(1, 2), Cell::c("因公出国\u{200B}（境）费").span(1, 2), Cell::c("公务用车购置\u{200B}及运行费").span(3, 1), Cell::c("公务\u{200B}接待费").span(1, 2)]);
        };
        let mut r2 = Vec::new();
        half(&mut r2);
        half(&mut r2);
        t.header = vec![
            vec![Cell::c("预算数").span(6, 1), Cell::c("决算数").span(6, 1)],
            r2,
            ["小计", "公务用车\u{200B}购置费", "公务用车\u{200B}运行费", "小计", "公务用车\u{200B}购置费", "公务用车\u{200B}运行费"].iter().map(|h| Cell::c(*h)).collect(),
            (1..=12).map(|i| Cell::c(i.to_string())).collect(),
        ];
        // The single data row shows zeros explicitly: an all-empty row reads as "not filled".
        let z = |d: Decimal| Cell::r(self.st.amount(d)).num();
        let mut row = Vec::new();
        for v in [&m.three_budget, &m.three_actual] {
            let total: Decimal = v.iter().map(|x| x.v).sum();
            row.extend([z(total), z(v[0].v), z(v[1].v + v[2].v), z(v[1].v), z(v[2].v), z(v[3].v)]);
        }
        t.rows.push(row);
        t.notes = vec![
            "注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费年初预算数，决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。".into(),
            "1 栏 = (2+3+6) 栏；3 栏 = (4+5) 栏；7 栏 = (8+9+12) 栏；9 栏 = (10+11) 栏。".into(),
        ];
        t
    }
}
