//! Every total of the 部门预算公开, computed once from the typed lines: by fund source, by
//! function class/款/项 and by 基本/项目, the 人员/公用 split of the 基本支出, the “三公”
//! total, the asset total and the procurement totals. The tables and the text print these;
//! the identities of the 操作规程 (收入总计 = 支出总计, 合计 = 基本 + 项目, 财政拨款 =
//! 一般公共 + 基金 + 国资, 三公 = 出国 + 车 + 接待) hold because each side is the same sum.

use super::model::{Line, Model};
use super::source::{Category, Fund};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The funds in table order, with their labels.
pub const FUNDS: [(Fund, &str); 10] = [
    (Fund::General, "一般公共预算拨款收入"),
    (Fund::GovFund, "政府性基金预算拨款收入"),
    (Fund::StateCapital, "国有资本经营预算拨款收入"),
    (Fund::Special, "财政专户管理资金收入"),
    (Fund::Business, "事业收入"),
    (Fund::Operating, "事业单位经营收入"),
    (Fund::Superior, "上级补助收入"),
    (Fund::Affiliated, "附属单位上缴收入"),
    (Fund::Other, "其他收入"),
    (Fund::Carried, "上年结转"),
];

/// Economic classes whose 款 make up 人员经费 (工资福利支出, 对个人和家庭的补助); the rest of
/// the 基本支出 is 公用经费.
pub const PERSONNEL_CLASSES: [&str; 2] = ["301", "303"];

/// A row of a 类/款/项 table: its code, name and one value per column.
#[derive(Debug, Clone)]
pub struct Row {
    pub code: String,
    pub name: String,
    pub values: Vec<Decimal>,
}

#[derive(Debug, Default)]
pub struct Figures {
    /// By fund, in `FUNDS` order: 基本 + 项目 of its lines.
    pub by_fund: [Decimal; 10],
    /// 本年收入合计 (every fund but 上年结转).
    pub income_this_year: Decimal,
    pub carried: Decimal,
    /// 收入总计 = 支出总计.
    pub total: Decimal,
    pub basic: Decimal,
    pub project: Decimal,
    /// 财政拨款 (一般公共 + 基金 + 国资).
    pub fiscal: Decimal,
    /// 一般公共预算拨款: 基本 and 项目 of its lines.
    pub general_basic: Decimal,
    pub general_project: Decimal,
    /// From the economic lines of the 基本支出.
    pub personnel: Decimal,
    pub public: Decimal,
    pub econ_total: Decimal,
    /// Projects: 本级 and 对下补助, and by fund.
    pub projects_own: Decimal,
    pub projects_lower: Decimal,
    pub projects_by_fund: BTreeMap<Fund, Decimal>,
    pub three_total: Decimal,
    pub vehicle: Decimal,
    pub assets_total: Decimal,
    pub planned_total: Decimal,
    /// Procurement: total, by funding column, by category (货物, 工程, 服务).
    pub procurement_total: Decimal,
    pub procurement_by_fund: [Decimal; 4],
    pub procurement_by_category: [Decimal; 3],
}

pub fn compute(m: &Model) -> Figures {
    let mut f = Figures::default();
    for l in &m.lines {
        let i = fund_index(l.fund);
        f.by_fund[i] += l.basic.v + l.project.v;
        f.basic += l.basic.v;
        f.project += l.project.v;
        if l.fund == Fund::General {
            f.general_basic += l.basic.v;
            f.general_project += l.project.v;
        }
    }
    f.carried = f.by_fund[9];
    f.income_this_year = f.by_fund[..9].iter().sum();
    f.total = f.income_this_year + f.carried;
    f.fiscal = f.by_fund[0] + f.by_fund[1] + f.by_fund[2];
    for e in &m.econ {
        if PERSONNEL_CLASSES.contains(&&e.code[..3]) {
            f.personnel += e.amount.v;
        } else {
            f.public += e.amount.v;
        }
    }
    f.econ_total = f.personnel + f.public;
    for p in &m.projects {
        if p.to_lower { f.projects_lower += p.amount.v } else { f.projects_own += p.amount.v }
        *f.projects_by_fund.entry(p.fund).or_default() += p.amount.v;
    }
    f.three_total = m.three.iter().map(|v| v.v).sum();
    f.vehicle = m.three[1].v + m.three[2].v;
    let a = &m.assets;
    // 资产总额: 房屋 + 车辆 + 设备 + 其他 (办公用房 is part of 房屋).
    f.assets_total = [&a.buildings, &a.vehicles, &a.equipment, &a.other].iter().filter_map(|h| h.1.map(|v| v.v)).sum();
    f.planned_total = a.planned.iter().map(|p| p.2.v).sum();
    for p in &m.procurement {
        let sum: Decimal = p.funds.iter().map(|v| v.v).sum();
        f.procurement_total += sum;
        for (t, v) in f.procurement_by_fund.iter_mut().zip(&p.funds) {
            *t += v.v;
        }
        let c = match p.category {
            Category::Goods => 0,
            Category::Works => 1,
            Category::Services => 2,
        };
        f.procurement_by_category[c] += sum;
    }
    f
}

pub fn fund_index(fund: Fund) -> usize {
    FUNDS.iter().position(|(f, _)| *f == fund).unwrap_or(0)
}

/// The 类, 款 and 项 rows of `lines` (those `keep` selects), each with `values(line)` summed
/// into its 类 and 款: in code order, 类 first.
pub fn hierarchy(lines: &[Line], keep: impl Fn(&Line) -> bool, values: impl Fn(&Line) -> Vec<Decimal>, name: impl Fn(&str) -> String) -> Vec<Row> {
    let mut by_code: BTreeMap<String, Row> = BTreeMap::new();
    for l in lines.iter().filter(|l| keep(l)) {
        let vals = values(l);
        for len in [3, 5, 7] {
            let code = l.code[..len].to_string();
            let row = by_code.entry(code.clone()).or_insert_with(|| Row { name: if len == 7 { l.name.clone() } else { name(&code) }, code, values: vec![Decimal::ZERO; vals.len()] });
            for (t, v) in row.values.iter_mut().zip(&vals) {
                *t += *v;
            }
        }
    }
    by_code.into_values().collect()
}

/// The sum of each column over the 类 rows.
pub fn column_totals(rows: &[Row], n: usize) -> Vec<Decimal> {
    let mut t = vec![Decimal::ZERO; n];
    for r in rows.iter().filter(|r| r.code.len() == 3) {
        for (a, v) in t.iter_mut().zip(&r.values) {
            *a += *v;
        }
    }
    t
}
