//! The nine statutory tables (表1–表9), derived from the model and its figures, as
//! render-ready grids with their 行次/栏次 and the "注：本表反映…" notes.

use crate::core::catalog::Catalog;
use super::figures::{hierarchy, Figures, HRow, PERSONNEL_CLASSES};
use crate::core::money::cn;
use super::model::Model;
use crate::core::money::MoneyStyle;
use super::source::Fund;
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
    fn base(&self, n: usize, landscape: bool, widths: Vec<u32>) -> Table {
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
    fn amt(&self, d: Decimal) -> Cell {
        Cell::r(self.st.cell(d))
    }
    fn class_label(&self, i: usize, code: &str) -> String {
        format!("{}、{}", cn(i), self.cat.function_name(code).unwrap_or(code))
    }

    /// 类/款/项 header block shared by 表2, 3, 5, 8, 9: four header rows.
    fn code_header(&self, value_heads: &[Cell], group: Option<&str>) -> Vec<Vec<Cell>> {
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

    fn code_rows(&self, total: &[Decimal], rows: &[HRow]) -> Vec<Vec<Cell>> {
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

    pub fn t1(&self) -> Table {
        let (m, f) = (self.m, self.f);
        let classes = self.cat.table_classes(m.year);
        let n = classes.len().max(8);
        let mut t = self.base(1, true, vec![28, 5, 11, 28, 5, 11]);
        t.header = vec![
            vec![Cell::c("收入").span(3, 1), Cell::c("支出").span(3, 1)],
            vec![Cell::c("项目"), Cell::c("行次"), Cell::c("金额"), Cell::c("项目"), Cell::c("行次"), Cell::c("金额")],
            vec![Cell::c("栏次"), Cell::c(""), Cell::c("1"), Cell::c("栏次"), Cell::c(""), Cell::c("2")],
        ];
        const INCOME: [&str; 8] = [
            "一、一般公共预算财政拨款收入",
            "二、政府性基金预算财政拨款收入",
            "三、国有资本经营预算财政拨款收入",
            "四、上级补助收入",
            "五、事业收入",
            "六、经营收入",
            "七、附属单位上缴收入",
            "八、其他收入",
        ];
        let right0 = n + 5;
        // Spending by class for codes that are not in the year's fixed list still has to show
        // up: they are added after the fixed rows (with their own 行次) so nothing is lost.
        for i in 0..n {
            let mut row = Vec::new();
            if i < 8 {
                row.extend([Cell::l(INCOME[i]), Cell::c((i + 1).to_string()), self.amt(f.income_by_source[i])]);
            } else {
                row.extend([Cell::l(""), Cell::c((i + 1).to_string()), Cell::r("")]);
            }
            match classes.get(i) {
                Some(code) => row.extend([
                    Cell::l(self.class_label(i, code)),
                    Cell::c((right0 + i).to_string()),
                    self.amt(f.class_spend.get(code).copied().unwrap_or_default()),
                ]),
                None => row.extend([Cell::l(""), Cell::c((right0 + i).to_string()), Cell::r("")]),
            }
            t.rows.push(row);
        }
        let r = |label: &str, no: usize| [Cell::l(label.to_string()).bold(), Cell::c(no.to_string())];
        let mut push = |l: &str, ln: usize, lv: Decimal, rl: &str, rn: usize, rv: Decimal| {
            let mut row: Vec<Cell> = r(l, ln).to_vec();
            row.push(self.amt(lv).bold());
            row.extend(r(rl, rn));
            row.push(self.amt(rv).bold());
            t.rows.push(row);
        };
        let rt = right0 + n;
        push("本年收入合计", n + 1, f.income_total, "本年支出合计", rt, f.spend_total);
        push("使用非财政拨款结余", n + 2, m.use_non_fiscal_balance.v, "结余分配", rt + 1, m.balance_distribution.v);
        push("年初结转和结余", n + 3, f.opening_total, "年末结转和结余", rt + 2, f.closing_total);
        push("总计", n + 4, f.grand_total, "总计", rt + 3, f.spend_total + m.balance_distribution.v + f.closing_total);
        t.notes = vec![
            "注：本表反映部门本年度的总收支和年末结转结余情况。".into(),
            format!(
                "{} 行 = (1+2+3+4+5+6+7+8) 行；{} 行 = ({}+{}+{}) 行；{} 行 = ({}+{}+……+{}) 行；{} 行 = ({}+{}+{}) 行。",
                n + 1, n + 4, n + 1, n + 2, n + 3, rt, right0, right0 + 1, rt - 1, rt + 3, rt, rt + 1, rt + 2
            ),
        ];
        t
    }

    fn income_leaves(&self) -> Vec<(String, String, Vec<Decimal>)> {
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

    pub fn t4(&self) -> Table {
        let (m, f) = (self.m, self.f);
        let classes = self.cat.table_classes(m.year);
        let n = classes.len().max(3);
        let mut t = self.base(4, true, vec![24, 4, 9, 24, 4, 9, 9, 9, 9]);
        t.header = vec![
            vec![Cell::c("收入").span(3, 1), Cell::c("支出").span(6, 1)],
            ["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"].iter().map(|h| Cell::c(*h)).collect(),
            ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"].iter().map(|h| Cell::c(*h)).collect(),
        ];
        const INCOME: [&str; 3] = ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"];
        let right0 = n + 7;
        for i in 0..n {
            let mut row = Vec::new();
            if i < 3 {
                row.extend([Cell::l(INCOME[i]), Cell::c((i + 1).to_string()), self.amt(f.fiscal_income[i])]);
            } else {
                row.extend([Cell::l(""), Cell::c((i + 1).to_string()), Cell::r("")]);
            }
            match classes.get(i) {
                Some(code) => {
                    let by = f.class_fiscal.get(code).copied().unwrap_or_default();
                    row.extend([Cell::l(self.class_label(i, code)), Cell::c((right0 + i).to_string()), self.amt(by.iter().copied().sum())]);
                    row.extend(by.iter().map(|v| self.amt(*v)));
                }
                None => {
                    row.extend([Cell::l(""), Cell::c((right0 + i).to_string())]);
                    row.extend((0..4).map(|_| Cell::r("")));
                }
            }
            t.rows.push(row);
        }
        let rt = right0 + n;
        let spend_by_fund: Vec<Decimal> = f.fiscal_spend.iter().map(|x| x[0] + x[1]).collect();
        let mut row = vec![Cell::l("本年收入合计").bold(), Cell::c((n + 1).to_string()), self.amt(f.fiscal_income_total).bold(), Cell::l("本年支出合计").bold(), Cell::c(rt.to_string()), self.amt(f.fiscal_spend_total).bold()];
        row.extend(spend_by_fund.iter().map(|v| self.amt(*v).bold()));
        t.rows.push(row);
        let mut row = vec![Cell::l("年初财政拨款结转和结余").bold(), Cell::c((n + 2).to_string()), self.amt(f.fiscal_opening_total).bold(), Cell::l("年末财政拨款结转和结余").bold(), Cell::c((rt + 1).to_string()), self.amt(f.fiscal_closing_total).bold()];
        row.extend(f.closing[..3].iter().map(|v| self.amt(*v).bold()));
        t.rows.push(row);
        for k in 0..3 {
            let name = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"][k];
            let mut row = vec![Cell::l(name), Cell::c((n + 3 + k).to_string()), self.amt(f.opening[k]), Cell::l(name), Cell::c((rt + 2 + k).to_string()), self.amt(f.closing[k])];
            row.extend((0..3).map(|j| if j == k { self.amt(f.closing[k]) } else { Cell::r("") }));
            t.rows.push(row);
        }
        let mut row = vec![Cell::l("总计").bold(), Cell::c((n + 6).to_string()), self.amt(f.fiscal_grand_total).bold(), Cell::l("总计").bold(), Cell::c((rt + 5).to_string()), self.amt(f.fiscal_spend_total + f.fiscal_closing_total).bold()];
        row.extend((0..3).map(|k| self.amt(spend_by_fund[k] + f.closing[k]).bold()));
        t.rows.push(row);
        // Seed 002 prints "57 行 = (33+34+...+58) 行" here: a misprint for 59 (57 is the
        // 债务付息 row), and it omits "60 = 61+62+63". The numbers below are computed from
        // the year's class count, so they always name the rows actually printed.
        t.notes = vec![
            "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。".into(),
            format!(
                "{} 行 = (1+2+3) 行；{} 行 = ({}+{}+{}) 行；{} 行 = ({}+{}) 行；{} 行 = ({}+{}+……+{}) 行；{} 行 = ({}+{}+{}) 行；{} 行 = ({}+{}) 行。",
                n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 1, n + 2, rt, right0, right0 + 1, rt - 1, rt + 1, rt + 2, rt + 3, rt + 4, rt + 5, rt, rt + 1
            ),
        ];
        t
    }

    fn fund_leaves(&self, fund: Fund) -> Vec<(String, String, Vec<Decimal>)> {
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

    pub fn t6(&self) -> Table {
        let (m, f) = (self.m, self.f);
        let mut t = self.base(6, true, vec![6, 17, 8, 6, 17, 8, 6, 20, 8]);
        t.header = vec![
            vec![Cell::c("人员经费").span(3, 1), Cell::c("公用经费").span(6, 1)],
            ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"].iter().map(|h| Cell::c(*h)).collect(),
        ];
        let layout = &self.cat.economic.table6;
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

    pub fn t7(&self) -> Table {
        let m = self.m;
        let mut t = self.base(7, true, vec![9, 9, 8, 8, 8, 9, 9, 9, 8, 8, 8, 9]);
        let half = |r: &mut Vec<Cell>| {
            r.extend([Cell::c("合计").span(1, 2), Cell::c("因公出国（境）费").span(1, 2), Cell::c("公务用车购置及运行费").span(3, 1), Cell::c("公务接待费").span(1, 2)]);
        };
        let mut r2 = Vec::new();
        half(&mut r2);
        half(&mut r2);
        t.header = vec![
            vec![Cell::c("预算数").span(6, 1), Cell::c("决算数").span(6, 1)],
            r2,
            ["小计", "公务用车购置费", "公务用车运行费", "小计", "公务用车购置费", "公务用车运行费"].iter().map(|h| Cell::c(*h)).collect(),
            (1..=12).map(|i| Cell::c(i.to_string())).collect(),
        ];
        // The single data row shows zeros explicitly: an all-empty row reads as "not filled".
        let z = |d: Decimal| Cell::r(self.st.amount(d));
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
