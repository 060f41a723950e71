//! The 类/款/项 tables: 表2 收入决算表, 表3 支出决算表, 表5 一般公共预算财政拨款支出决算表,
//! 表8 政府性基金 and 表9 国有资本经营预算财政拨款支出决算表.

use super::Ctx;
use crate::final_accounts::figures::{hierarchy, HRow};
use crate::final_accounts::source::Fund;
use crate::render::view::{Cell, Table};
use rust_decimal::Decimal;

impl Ctx<'_> {
    pub(super) fn income_leaves(&self) -> Vec<(String, String, Vec<Decimal>)> {
        self.m
            .income
            .iter()
            .map(|l| {
                let a = l.amounts;
                let fiscal = a[0] + a[1] + a[2];
                let total: Decimal = a.iter().copied().sum();
                (l.code.clone(), l.name.clone(), vec![total, fiscal, a[3], a[4], a[5], a[6], a[7]])
            })
            .collect()
    }


    pub fn t2(&self) -> Table {
        let mut t = self.base(2, true, vec![4, 4, 4, 26, 10, 10, 8, 8, 8, 8, 8]);
        let heads: Vec<Cell> = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"].iter().map(|h| Cell::c(*h)).collect();
        t.header = self.code_header(&heads, None);
        let (total, rows) = hierarchy(self.cat, &self.income_leaves(), 7);
        t.rows = self.code_rows(&total, &rows);
        t.notes = vec!["注：本表反映部门本年度取得的各项收入情况。".into(), "1 栏各行 = (2+3+4+5+6+7) 栏各行。".into()];
        t
    }


    pub fn t3(&self) -> Table {
        let mut t = self.base(3, true, vec![4, 4, 4, 26, 10, 10, 10, 8, 8, 8]);
        let heads: Vec<Cell> = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"].iter().map(|h| Cell::c(*h)).collect();
        t.header = self.code_header(&heads, None);
        let leaves: Vec<_> = self
            .m
            .expenditure
            .iter()
            .map(|e| {
                let mut v = vec![e.total()];
                v.extend(e.amounts);
                (e.code.clone(), e.name.clone(), v)
            })
            .collect();
        let (total, rows) = hierarchy(self.cat, &leaves, 6);
        t.rows = self.code_rows(&total, &rows);
        t.notes = vec!["注：本表反映部门本年度各项支出情况。".into(), "1 栏各行 = (2+3+4+5+6) 栏各行。".into()];
        t
    }


    pub(super) fn fund_leaves(&self, fund: Fund) -> Vec<(String, String, Vec<Decimal>)> {
        self.m
            .expenditure
            .iter()
            .filter(|e| e.fund == fund)
            .map(|e| (e.code.clone(), e.name.clone(), vec![e.amounts[0] + e.amounts[1], e.amounts[0], e.amounts[1]]))
            .collect()
    }


    pub fn t5(&self) -> Table {
        let mut t = self.base(5, false, vec![5, 5, 5, 30, 12, 12, 12]);
        let heads: Vec<Cell> = ["小计", "基本支出", "项目支出"].iter().map(|h| Cell::c(*h)).collect();
        t.header = self.code_header(&heads, Some("本年支出"));
        let (total, rows) = hierarchy(self.cat, &self.fund_leaves(Fund::General), 3);
        t.rows = self.code_rows(&total, &rows);
        t.notes = vec!["注：本表反映部门本年度一般公共预算财政拨款支出情况。".into(), "1 栏各行 = (2+3) 栏各行。".into()];
        t
    }


    pub fn t8(&self) -> Table {
        let (m, f) = (self.m, self.f);
        let mut t = self.base(8, true, vec![4, 4, 4, 24, 10, 10, 10, 10, 10, 10]);
        let mut h = self.code_header(&[Cell::c("年初结转和结余"), Cell::c("本年收入"), Cell::c("小计"), Cell::c("基本支出"), Cell::c("项目支出"), Cell::c("年末结转和结余")], None);
        // Group 本年支出 over its three columns.
        h[0] = vec![Cell::c("项目").span(4, 1), Cell::c("年初结转和结余").span(1, 3), Cell::c("本年收入").span(1, 3), Cell::c("本年支出").span(3, 1), Cell::c("年末结转和结余").span(1, 3)];
        h[1] = vec![Cell::c("功能分类科目编码").span(3, 1), Cell::c("科目名称").span(1, 2), Cell::c("小计").span(1, 2), Cell::c("基本支出").span(1, 2), Cell::c("项目支出").span(1, 2)];
        t.header = h;
        // Columns: 年初, 本年收入, 支出小计, 基本, 项目, 年末. Income and spending of each code
        // come from different source lists; `hierarchy` adds them up per code.
        let mut leaves: Vec<(String, String, Vec<Decimal>)> = Vec::new();
        for l in m.income.iter().filter(|l| !l.amounts[1].is_zero()) {
            let mut v = vec![Decimal::ZERO; 6];
            v[1] = l.amounts[1];
            leaves.push((l.code.clone(), l.name.clone(), v));
        }
        for (code, name, s) in self.fund_leaves(Fund::GovFund) {
            let mut v = vec![Decimal::ZERO; 6];
            v[2..5].copy_from_slice(&s);
            leaves.push((code, name, v));
        }
        for (code, name, v, _) in &m.gov_opening_by_code {
            let mut vals = vec![Decimal::ZERO; 6];
            vals[0] = v.v;
            leaves.push((code.clone(), name.clone(), vals));
        }
        let (mut total, rows) = hierarchy(self.cat, &leaves, 6);
        // 年末 = 年初 + 收入 − 支出 on every line. Without `gov_fund_by_code` the opening
        // balance is known only in total, so only the 合计 line carries it.
        let rows: Vec<HRow> = rows.into_iter().map(|mut r| { r.values[5] = r.values[0] + r.values[1] - r.values[2]; r }).collect();
        total[0] = f.opening[1];
        total[5] = f.closing[1];
        t.rows = self.code_rows(&total, &rows);
        t.notes = vec![
            "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。".into(),
            "6 栏各行 = (1+2−3) 栏各行；3 栏各行 = (4+5) 栏各行。".into(),
        ];
        if total.iter().all(|v| v.is_zero()) {
            t.notes.push("本部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。".into());
        }
        t
    }


    pub fn t9(&self) -> Table {
        let mut t = self.base(9, false, vec![5, 5, 5, 30, 12, 12, 12]);
        let heads: Vec<Cell> = ["合计", "基本支出", "项目支出"].iter().map(|h| Cell::c(*h)).collect();
        t.header = self.code_header(&heads, Some("本年支出"));
        let (total, rows) = hierarchy(self.cat, &self.fund_leaves(Fund::StateCapital), 3);
        t.rows = self.code_rows(&total, &rows);
        t.notes = vec!["注：本表反映部门本年度国有资本经营预算财政拨款支出情况。".into(), "1 栏各行 = (2+3) 栏各行。".into()];
        if total.iter().all(|v| v.is_zero()) {
            t.notes.push("本部门没有国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出，故本表无数据。".into());
        }
        t
    }

    pub fn all(&self) -> Vec<Table> {
        vec![self.t1(), self.t2(), self.t3(), self.t4(), self.t5(), self.t6(), self.t7(), self.t8(), self.t9()]
    }
}
