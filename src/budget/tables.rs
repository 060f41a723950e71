//! The 部门预算公开表 of the 地方预决算公开操作规程 (表1–表10), computed from the lines and
//! the economic lines, and the tables the 说明 prints in its sections (机构设置, 预算项目
//! 绩效目标, 政府采购预算, 部门固定资产占用情况). An empty table keeps its frame and says so.

use super::figures::{column_totals, hierarchy, Figures, Row, FUNDS};
use super::model::{Line, Model};
use super::source::Fund;
use crate::core::catalog::Catalog;
use crate::core::money::{cn, MoneyStyle};
use crate::render::view::{Cell, Table};
use rust_decimal::Decimal;

pub const TABLE_NAMES: [&str; 10] = [
    "部门收支总表",
    "部门收入总表",
    "部门支出总表",
    "财政拨款收支总表",
    "一般公共预算支出表",
    "一般公共预算基本支出表",
    "一般公共预算“三公”经费支出表",
    "政府性基金预算支出表",
    "国有资本经营预算支出表",
    "项目支出表",
];

pub struct Ctx<'a> {
    pub m: &'a Model,
    pub f: &'a Figures,
    pub cat: &'a Catalog,
    pub st: &'a MoneyStyle,
}

fn table(id: &str, caption: String, dept: String, landscape: bool, widths: Vec<u32>) -> Table {
    Table { id: id.into(), caption, dept, unit: "单位：万元".into(), landscape, widths, header: Vec::new(), rows: Vec::new(), notes: Vec::new(), headings: vec![] }
}

impl Ctx<'_> {
    /// "455石家庄市长安区信访局": the unit code, if typed, before the name.
    pub fn dept(&self) -> String {
        format!("{}{}", self.m.code.clone().unwrap_or_default(), self.m.name)
    }

    fn base(&self, n: usize, landscape: bool, widths: Vec<u32>) -> Table {
        table(&format!("b{n}"), format!("{}年{}（表{n}）", self.m.year, TABLE_NAMES[n - 1]), format!("部门：{}", self.dept()), landscape, widths)
    }

    fn amt(&self, d: Decimal) -> Cell {
        Cell::r(self.st.cell(d)).num()
    }

    fn name_of(&self, code: &str) -> String {
        self.cat.function_name(code).unwrap_or(code).to_string()
    }

    /// The ten tables, in order.
    pub fn all(&self) -> Vec<Table> {
        vec![self.t1(), self.t2(), self.t3(), self.t4(), self.by_nature(5, Fund::General), self.t6(), self.t7(), self.by_nature(8, Fund::GovFund), self.by_nature(9, Fund::StateCapital), self.t10()]
    }

    /// 表1 部门收支总表: income by fund on the left, spending by 类 on the right.
    pub fn t1(&self) -> Table {
        let f = self.f;
        let mut t = self.base(1, false, vec![30, 14, 30, 14]);
        t.header = vec![vec![Cell::c("收入").span(2, 1), Cell::c("支出").span(2, 1)], vec![Cell::c("项目"), Cell::c("预算数"), Cell::c("项目"), Cell::c("预算数")]];
        let left: Vec<(String, Decimal)> = FUNDS[..9].iter().enumerate().map(|(i, (_, l))| (format!("{}、{l}", cn(i)), f.by_fund[i])).collect();
        let classes = hierarchy(&self.m.lines, |_| true, |l| vec![l.basic.v + l.project.v], |c| self.name_of(c));
        let right: Vec<(String, Decimal)> = classes.iter().filter(|r| r.code.len() == 3).enumerate().map(|(i, r)| (format!("{}、{}", cn(i), r.name), r.values[0])).collect();
        for i in 0..left.len().max(right.len()) {
            let mut row = Vec::new();
            for side in [&left, &right] {
                match side.get(i) {
                    Some((l, v)) => row.extend([Cell::l(l.clone()), self.amt(*v)]),
                    None => row.extend([Cell::l(""), Cell::r("")]),
                }
            }
            t.rows.push(row);
        }
        let mut push = |l: &str, lv: Decimal, r: &str, rv: Decimal| t.rows.push(vec![Cell::l(l).bold(), self.amt(lv).bold(), Cell::l(r).bold(), self.amt(rv).bold()]);
        push("本年收入合计", f.income_this_year, "本年支出合计", f.total);
        push("上年结转", f.carried, "结转下年", Decimal::ZERO);
        push("收入总计", f.total, "支出总计", f.total);
        t
    }

    /// 类/款/项 rows under a 合计 row, with a header of `heads`.
    fn code_table(&self, mut t: Table, heads: &[&str], rows: &[Row]) -> Table {
        t.header = vec![{
            let mut h = vec![Cell::c("科目编码"), Cell::c("科目名称")];
            h.extend(heads.iter().map(|x| Cell::c(*x)));
            h
        }];
        let totals = column_totals(rows, heads.len());
        let mut total = vec![Cell::c("合计").span(2, 1).bold()];
        total.extend(totals.iter().map(|v| self.amt(*v).bold()));
        t.rows.push(total);
        for r in rows {
            let indent = match r.code.len() {
                3 => "",
                5 => "　",
                _ => "　　",
            };
            let mut row = vec![Cell::l(r.code.clone()), Cell::l(format!("{indent}{}", r.name))];
            row.extend(r.values.iter().map(|v| self.amt(*v)));
            if r.code.len() == 3 {
                row.iter_mut().for_each(|c| c.bold = true);
            }
            t.rows.push(row);
        }
        t
    }

    /// 表2 部门收入总表: each 类/款/项 by fund.
    pub fn t2(&self) -> Table {
        let mut heads = vec!["合计", "上年结转"];
        heads.extend(FUNDS[..9].iter().map(|(_, l)| *l));
        let rows = hierarchy(&self.m.lines, |_| true, income_values, |c| self.name_of(c));
        let w = vec![8, 16, 7, 6, 7, 7, 7, 6, 6, 6, 6, 6, 6];
        self.code_table(self.base(2, true, w), &heads, &rows)
    }

    /// 表3 部门支出总表: each 类/款/项, 基本 and 项目.
    pub fn t3(&self) -> Table {
        let rows = hierarchy(&self.m.lines, |_| true, |l| vec![l.basic.v + l.project.v, l.basic.v, l.project.v], |c| self.name_of(c));
        self.code_table(self.base(3, false, vec![12, 40, 16, 16, 16]), &["合计", "基本支出", "项目支出"], &rows)
    }

    /// 表4 财政拨款收支总表: the three fiscal funds, spending by 类 for each.
    pub fn t4(&self) -> Table {
        let f = self.f;
        let mut t = self.base(4, true, vec![22, 10, 22, 10, 10, 10, 10]);
        t.header = vec![
            vec![Cell::c("收入").span(2, 1), Cell::c("支出").span(5, 1)],
            vec![Cell::c("项目"), Cell::c("预算数"), Cell::c("项目"), Cell::c("合计"), Cell::c("一般公共预算"), Cell::c("政府性基金预算"), Cell::c("国有资本经营预算")],
        ];
        let fiscal = |l: &Line| matches!(l.fund, Fund::General | Fund::GovFund | Fund::StateCapital);
        let rows = hierarchy(&self.m.lines, fiscal, |l| {
            let v = l.basic.v + l.project.v;
            let by = |fund| if l.fund == fund { v } else { Decimal::ZERO };
            vec![v, by(Fund::General), by(Fund::GovFund), by(Fund::StateCapital)]
        }, |c| self.name_of(c));
        let classes: Vec<&Row> = rows.iter().filter(|r| r.code.len() == 3).collect();
        let left: Vec<(String, Decimal)> = FUNDS[..3].iter().enumerate().map(|(i, (_, l))| (format!("{}、{}", cn(i), l.trim_end_matches("收入")), f.by_fund[i])).collect();
        for i in 0..left.len().max(classes.len()) {
            let mut row = match left.get(i) {
                Some((l, v)) => vec![Cell::l(l.clone()), self.amt(*v)],
                None => vec![Cell::l(""), Cell::r("")],
            };
            match classes.get(i) {
                Some(r) => {
                    row.push(Cell::l(format!("{}、{}", cn(i), r.name)));
                    row.extend(r.values.iter().map(|v| self.amt(*v)));
                }
                None => row.extend((0..5).map(|_| Cell::r(""))),
            }
            t.rows.push(row);
        }
        let totals = column_totals(&rows, 4);
        let mut last = vec![Cell::l("收入总计").bold(), self.amt(f.fiscal).bold(), Cell::l("支出总计").bold()];
        last.extend(totals.iter().map(|v| self.amt(*v).bold()));
        t.rows.push(last);
        t
    }

    /// 表5, 表8, 表9: one fund's lines by 类/款/项, 基本 and 项目; an empty one says so.
    fn by_nature(&self, n: usize, fund: Fund) -> Table {
        let rows = hierarchy(&self.m.lines, |l| l.fund == fund, |l| vec![l.basic.v + l.project.v, l.basic.v, l.project.v], |c| self.name_of(c));
        let mut t = self.code_table(self.base(n, false, vec![12, 40, 16, 16, 16]), &["合计", "基本支出", "项目支出"], &rows);
        if rows.is_empty() {
            let what = match fund {
                Fund::GovFund => "政府性基金预算",
                Fund::StateCapital => "国有资本经营预算",
                _ => "一般公共预算",
            };
            t.notes.push(format!("本部门无{what}财政拨款安排，此表为空表。"));
        }
        t
    }

    /// 表6 一般公共预算基本支出表: the economic 类 and 款, 人员经费 and 公用经费.
    pub fn t6(&self) -> Table {
        let mut t = self.base(6, false, vec![12, 40, 16, 16, 16]);
        t.header = vec![vec![Cell::c("科目编码"), Cell::c("科目名称"), Cell::c("合计"), Cell::c("人员经费"), Cell::c("公用经费")]];
        let f = self.f;
        t.rows.push(vec![Cell::c("合计").span(2, 1).bold(), self.amt(f.econ_total).bold(), self.amt(f.personnel).bold(), self.amt(f.public).bold()]);
        let mut econ = self.m.econ.clone();
        econ.sort_by(|a, b| a.code.cmp(&b.code));
        let mut class = String::new();
        for e in &econ {
            let personnel = super::figures::PERSONNEL_CLASSES.contains(&&e.code[..3]);
            if e.code[..3] != class {
                class = e.code[..3].to_string();
                let sum: Decimal = econ.iter().filter(|x| x.code.starts_with(&class)).map(|x| x.amount.v).sum();
                let name = self.cat.economic_name(&class).unwrap_or(&class).to_string();
                let (p, q) = if personnel { (sum, Decimal::ZERO) } else { (Decimal::ZERO, sum) };
                t.rows.push(vec![Cell::l(class.clone()).bold(), Cell::l(name).bold(), self.amt(sum).bold(), self.amt(p).bold(), self.amt(q).bold()]);
            }
            let (p, q) = if personnel { (e.amount.v, Decimal::ZERO) } else { (Decimal::ZERO, e.amount.v) };
            t.rows.push(vec![Cell::l(e.code.clone()), Cell::l(format!("　{}", e.name)), self.amt(e.amount.v), self.amt(p), self.amt(q)]);
        }
        t
    }

    /// 表7 一般公共预算“三公”经费支出表: the four items and their total.
    pub fn t7(&self) -> Table {
        let mut t = self.base(7, false, vec![14, 16, 14, 14, 14, 14]);
        t.header = vec![
            vec![Cell::c("合计").span(1, 2), Cell::c("因公出国（境）费").span(1, 2), Cell::c("公务用车购置及运行费").span(3, 1), Cell::c("公务接待费").span(1, 2)],
            vec![Cell::c("小计"), Cell::c("公务用车购置费"), Cell::c("公务用车运行费")],
        ];
        let (m, f) = (self.m, self.f);
        t.rows.push(vec![self.amt(f.three_total), self.amt(m.three[0].v), self.amt(f.vehicle), self.amt(m.three[1].v), self.amt(m.three[2].v), self.amt(m.three[3].v)]);
        if f.three_total.is_zero() {
            t.notes.push("本部门无一般公共预算“三公”经费安排，此表为空表。".into());
        }
        t
    }

    /// 表10 项目支出表: each project, its kind and funds.
    pub fn t10(&self) -> Table {
        let mut t = self.base(10, false, vec![34, 10, 12, 12, 12, 12, 12]);
        let heads = ["项目名称", "项目类别", "合计", "一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款", "其他资金"];
        t.header = vec![heads.iter().map(|h| Cell::c(*h)).collect()];
        let cols = |fund: Fund, v: Decimal| -> [Decimal; 4] {
            match fund {
                Fund::General => [v, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO],
                Fund::GovFund => [Decimal::ZERO, v, Decimal::ZERO, Decimal::ZERO],
                Fund::StateCapital => [Decimal::ZERO, Decimal::ZERO, v, Decimal::ZERO],
                _ => [Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, v],
            }
        };
        let mut total = [Decimal::ZERO; 4];
        let mut rows = Vec::new();
        for p in &self.m.projects {
            let c = cols(p.fund, p.amount.v);
            total.iter_mut().zip(c).for_each(|(t, v)| *t += v);
            let mut row = vec![Cell::l(p.name.clone()), Cell::c(if p.to_lower { "对下补助" } else { "本级" }), self.amt(p.amount.v)];
            row.extend(c.iter().map(|v| self.amt(*v)));
            rows.push(row);
        }
        let mut first = vec![Cell::c("合计").span(2, 1).bold(), self.amt(total.iter().copied().sum()).bold()];
        first.extend(total.iter().map(|v| self.amt(*v).bold()));
        t.rows.push(first);
        t.rows.extend(rows);
        if self.m.projects.is_empty() {
            t.notes.push("本部门无项目支出安排，此表为空表。".into());
        }
        t
    }
}

/// A line's values in 表2's columns: 合计, 上年结转, then the nine funds of this year.
fn income_values(l: &Line) -> Vec<Decimal> {
    let v = l.basic.v + l.project.v;
    let mut out = vec![v];
    out.push(if l.fund == Fund::Carried { v } else { Decimal::ZERO });
    out.extend(FUNDS[..9].iter().map(|(f, _)| if *f == l.fund { v } else { Decimal::ZERO }));
    out
}
