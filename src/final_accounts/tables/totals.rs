//! 表1 收入支出决算总表 and 表4 财政拨款收入支出决算总表: income rows on the left, the
//! year's fixed 类 rows of spending on the right, then the 合计, 结转 and 总计 rows.

use super::Ctx;
use crate::render::view::{Cell, Table};
use rust_decimal::Decimal;

impl Ctx<'_> {
    pub fn t1(&self) -> Table {
        let (m, f) = (self.m, self.f);
        let classes = self.cat.table_classes();
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
            match INCOME.get(i).zip(f.income_by_source.get(i)) {
                Some((label, v)) => row.extend([Cell::l(*label), Cell::c((i + 1).to_string()), self.amt(*v)]),
                None => row.extend([Cell::l(""), Cell::c((i + 1).to_string()), Cell::r("")]),
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


    pub fn t4(&self) -> Table {
        let f = self.f;
        let classes = self.cat.table_classes();
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
            match INCOME.get(i).zip(f.fiscal_income.get(i)) {
                Some((label, v)) => row.extend([Cell::l(*label), Cell::c((i + 1).to_string()), self.amt(*v)]),
                None => row.extend([Cell::l(""), Cell::c((i + 1).to_string()), Cell::r("")]),
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
}
