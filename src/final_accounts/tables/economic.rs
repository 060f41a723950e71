//! 表6 一般公共预算财政拨款基本支出决算表: 人员经费 and 公用经费 by 经济分类, in three
//! column groups, the fixed layout of the catalogue first.

use super::Ctx;
use crate::final_accounts::figures::PERSONNEL_CLASSES;
use crate::render::view::{Cell, Table};

impl Ctx<'_> {
    pub fn t6(&self) -> Table {
        let (m, f) = (self.m, self.f);
        let mut t = self.base(6, true, vec![6, 17, 8, 6, 17, 8, 6, 20, 8]);
        t.header = vec![
            vec![Cell::c("人员经费").span(3, 1), Cell::c("公用经费").span(6, 1)],
            ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"].iter().map(|h| Cell::c(*h)).collect(),
        ];
        let layout = &self.cat.table6;
        // Fixed layout first; codes the user typed that the layout lacks are appended so
        // nothing typed is dropped.
        let mut personnel: Vec<String> = layout.personnel.clone();
        let mut public: Vec<String> = layout.public.clone();
        for e in &m.econ {
            let class = &e.code[..3];
            let list = if PERSONNEL_CLASSES.contains(&class) { &mut personnel } else { &mut public };
            if !list.contains(&e.code) {
                if !list.iter().any(|c| c == class) {
                    list.push(class.to_string());
                }
                let pos = list.iter().rposition(|c| c.starts_with(class)).map(|p| p + 1).unwrap_or(list.len());
                list.insert(pos, e.code.clone());
            }
        }
        let (mid, right): (Vec<String>, Vec<String>) = public.into_iter().partition(|c| c.starts_with("302"));
        let cell3 = |code: Option<&String>| -> [Cell; 3] {
            match code {
                None => [Cell::l(""), Cell::l(""), Cell::r("")],
                Some(c) => {
                    let amount = if c.len() == 3 {
                        f.econ_class.get(c).copied().unwrap_or_default()
                    } else {
                        m.econ.iter().filter(|e| &e.code == c).map(|e| e.amount.v).sum()
                    };
                    let name = m.econ.iter().find(|e| &e.code == c).map(|e| e.name.clone()).or_else(|| self.cat.economic_name(c).map(str::to_string)).unwrap_or_default();
                    let bold = c.len() == 3;
                    let mut cells = [Cell::l(c.clone()), Cell::l(name), self.amt(amount)];
                    if bold {
                        for x in cells.iter_mut() {
                            x.bold = true;
                        }
                    }
                    cells
                }
            }
        };
        let rows = personnel.len().max(mid.len()).max(right.len());
        for i in 0..rows {
            let mut row = Vec::new();
            row.extend(cell3(personnel.get(i)));
            row.extend(cell3(mid.get(i)));
            row.extend(cell3(right.get(i)));
            t.rows.push(row);
        }
        t.rows.push(vec![
            Cell::c("人员经费合计").span(2, 1).bold(),
            self.amt(f.personnel).bold(),
            Cell::c("公用经费合计").span(5, 1).bold(),
            self.amt(f.public).bold(),
        ]);
        t.notes = vec![
            "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。".into(),
            "人员经费合计 = 301 + 303；公用经费合计 = 302 + 307 + 310 + 312 + 399；各类 = 其下各款之和。".into(),
        ];
        t
    }
}
