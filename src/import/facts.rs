//! What a workbook's tables gave, before it is written as YAML: blocks of rows with the
//! cells their values came from, the typed totals, and the problems found.

use super::sheet::{self, Amount};
use super::table::Table;
use crate::core::diag::Finding;
use rust_decimal::Decimal;

/// What the tables gave: YAML blocks, typed totals, and the problems found.
#[derive(Default)]
pub struct Imported {
    pub blocks: Vec<Block>,
    /// `t5.basic` → (value, cell).
    pub totals: Vec<(String, Decimal, String)>,
    pub findings: Vec<Finding>,
    pub dept: Option<String>,
    pub year: Option<u32>,
}

impl Imported {
    pub fn problem(&mut self, cell: String, rule: &'static str, message: String) {
        let hint = match rule {
            "I-NUMBER" => "金额单元格只写数字（可带千位分隔符）；空白或“-”表示 0",
            "I-PRECISION" => "金额以万元为单位、最多两位小数：核对单元格的值（不只是显示格式）",
            "I-CODE" => "科目编码写 3、5 或 7 位数字（以文本存储以免丢失前导零）",
            "I-HEADER" => "表头须有“基本支出”“项目支出”等列名，与公开表的格式一致",
            "I-UNIT" => "公开表以万元为单位：把工作簿换算为万元后再导入",
            "I-FUNDS" => "表3 的每一科目须不小于表5、表8、表9 同一科目之和（其余为非财政拨款）",
            _ => "工作簿须有公开表的九张表，每张表一个工作表，标题含表名",
        };
        let mut f = Finding::error(rule, "", message).hint(hint);
        if !cell.is_empty() {
            f = f.cell(cell);
        }
        self.findings.push(f);
    }

    /// The amount at (r, c) of a table: None when empty; a non-number or a value with more
    /// than 2 places is a finding at its cell.
    pub fn amount(&mut self, t: &Table, r: usize, c: usize) -> Option<Decimal> {
        let (or, oc) = t.grid.origin(r, c);
        match sheet::amount(t.grid.get(or, oc)) {
            Amount::Empty => None,
            Amount::Value(v) => Some(v),
            Amount::NotNumber(s) => {
                self.problem(t.grid.at(or, oc), "I-NUMBER", format!("{} {} 列的单元格不是数字：{s:?}", t.id, t.labels.get(c).map(String::as_str).unwrap_or("")));
                None
            }
            Amount::TooPrecise(d) => {
                self.problem(t.grid.at(or, oc), "I-PRECISION", format!("{} 的金额 {d} 多于两位小数", t.id));
                None
            }
        }
    }
}

/// One row of a list (`{ code: "2010301", basic: 284.57 }`) or the keys of a map, with the
/// cells its values came from.
#[derive(Default)]
pub struct Row {
    pub code: String,
    pub name: Option<String>,
    pub fields: Vec<(String, String)>,
    pub cells: Vec<String>,
}

impl Row {
    pub fn new(code: &str, name: Option<&str>) -> Row {
        Row { code: code.to_string(), name: name.map(str::to_string), ..Row::default() }
    }
    pub fn text(&mut self, key: &str, value: &str) {
        self.fields.push((key.into(), value.into()));
    }
    pub fn amount(&mut self, key: &str, v: Decimal, cell: &str) {
        self.fields.push((key.into(), two_places(v)));
        if !cell.is_empty() && !self.cells.iter().any(|c| c == cell) {
            self.cells.push(cell.to_string());
        }
    }
    pub fn has_amounts(&self) -> bool {
        !self.cells.is_empty()
    }
}

/// An amount as the published tables print it: 16.30, 3.00.
pub fn two_places(v: Decimal) -> String {
    let mut d = v.normalize();
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

/// A YAML block to write at a path (`expenditure`, `three_public.budget`).
pub struct Block {
    pub path: String,
    pub shape: Shape,
}

pub enum Shape {
    List(Vec<Row>),
    Map(Row),
    Scalar(Row),
}

impl Block {
    pub fn list(path: &str, rows: Vec<Row>) -> Block {
        Block { path: path.into(), shape: Shape::List(rows) }
    }
    pub fn map(path: &str, row: Row) -> Block {
        Block { path: path.into(), shape: Shape::Map(row) }
    }
    pub fn scalar(path: &str, row: Row) -> Block {
        Block { path: path.into(), shape: Shape::Scalar(row) }
    }
}

