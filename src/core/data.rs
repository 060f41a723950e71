//! A report's figures as data: every fact (one amount with its classification, fund source,
//! 基本/项目 and budget phase) grouped in resources, and their three written forms: the JSON
//! twin `<name>.json`, one CSV file per resource `<name>-<resource>.csv`, and the Fiscal Data
//! Package descriptor `<name>.datapackage.json` that declares the CSV files, their fields and
//! the model (measures in CNY with factor 10000, dimensions, direction and phase).
//!
//! A kind builds `Facts` from its own model and figures (`kind::Loaded::data`); nothing here
//! knows a kind. Everything is deterministic: facts sorted by code, amounts as fixed
//! two-decimal strings, the descriptor's date the report's publication date (or
//! SOURCE_DATE_EPOCH). docs/DATA.md describes the formats.

use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

/// Budget direction of a resource (FDP `direction`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Expenditure,
    Revenue,
}

impl Direction {
    pub fn id(self) -> &'static str {
        match self {
            Direction::Expenditure => "expenditure",
            Direction::Revenue => "revenue",
        }
    }
}

/// Budget phase of a resource (FDP `phase`): 年初预算 = approved, 决算 = executed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Approved,
    Executed,
}

impl Phase {
    pub fn id(self) -> &'static str {
        match self {
            Phase::Approved => "approved",
            Phase::Executed => "executed",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Phase::Approved => "年初预算",
            Phase::Executed => "决算",
        }
    }
}

/// Fund sources (资金来源), in table order: (code, label). Both kinds use these codes, so the
/// facts of a budget and of its 决算 line up.
pub const FUNDS: [(&str, &str); 11] = [
    ("general", "一般公共预算"),
    ("gov_fund", "政府性基金预算"),
    ("state_capital", "国有资本经营预算"),
    ("special", "财政专户管理资金"),
    ("superior", "上级补助收入"),
    ("business", "事业收入"),
    ("operating", "经营收入"),
    ("affiliated", "附属单位上缴收入"),
    ("other", "其他收入"),
    ("carried", "上年结转"),
    ("non_fiscal", "非财政拨款"),
];

/// Kinds of spending (支出性质), in table order: (code, label).
pub const NATURES: [(&str, &str); 5] = [("basic", "基本支出"), ("project", "项目支出"), ("remit", "上缴上级支出"), ("operating", "经营支出"), ("subsidy", "对附属单位补助支出")];

/// The “三公” items, in table order: (code, label).
pub const THREE: [(&str, &str); 4] = [("abroad", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"), ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费")];

/// The dimensions a resource's facts carry (its CSV columns besides year, department,
/// direction, phase and amount).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    /// 支出功能分类 类/款/项 (code and label of each level).
    Function,
    /// 支出经济分类 类/款.
    Economic,
    /// An item of a fixed list (the “三公” items).
    Item,
    /// 资金来源.
    Fund,
    /// 基本支出/项目支出/….
    Nature,
}

/// One amount and what it is of.
#[derive(Clone, Debug, Default)]
pub struct Fact {
    /// (code, label) of the 类, 款 and 项, as far as the fact goes (a 类-level 年初预算 has one).
    pub function: Vec<(String, String)>,
    /// (code, label) of the economic 类 and 款.
    pub economic: Vec<(String, String)>,
    /// Index into `THREE`.
    pub item: Option<usize>,
    /// Index into `FUNDS`.
    pub fund: Option<usize>,
    /// Index into `NATURES`.
    pub nature: Option<usize>,
    /// 万元.
    pub amount: Decimal,
}

/// A set of facts of one breakdown, direction and phase: one CSV file.
#[derive(Clone, Debug)]
pub struct Resource {
    /// File-name part and FDP resource name: `expenditure` → `<name>-expenditure.csv`.
    pub name: &'static str,
    /// A short label for links ("支出").
    pub label: &'static str,
    /// What it holds, in Chinese (the table it comes from).
    pub title: String,
    pub direction: Direction,
    pub phase: Phase,
    pub dims: &'static [Dim],
    pub facts: Vec<Fact>,
}

/// A report's facts.
#[derive(Clone, Debug)]
pub struct Facts {
    /// The kind's `document:` id and label (final_accounts, 部门决算).
    pub document: &'static str,
    pub label: &'static str,
    /// The report's title (2020年度武汉市汉阳区信访局部门决算).
    pub title: String,
    pub department: String,
    pub year: u32,
    /// The publication date (year, month, day).
    pub published: (u32, u32, u32),
    pub resources: Vec<Resource>,
}

/// A column of the CSV files: (name, type, title).
type Field = (&'static str, &'static str, &'static str);

const YEAR: Field = ("year", "integer", "年度");
const DEPARTMENT: Field = ("department", "string", "部门");
const DIRECTION: Field = ("direction", "string", "收支方向（expenditure 支出，revenue 收入）");
const PHASE: Field = ("phase", "string", "预算阶段（approved 年初预算，executed 决算）");
const AMOUNT: Field = ("amount", "number", "金额（万元）");

fn dim_fields(d: Dim) -> &'static [Field] {
    match d {
        Dim::Function => &[
            ("function_1_code", "string", "支出功能分类科目 类 编码"),
            ("function_1_label", "string", "支出功能分类科目 类 名称"),
            ("function_2_code", "string", "支出功能分类科目 款 编码"),
            ("function_2_label", "string", "支出功能分类科目 款 名称"),
            ("function_3_code", "string", "支出功能分类科目 项 编码"),
            ("function_3_label", "string", "支出功能分类科目 项 名称"),
        ],
        Dim::Economic => &[
            ("economic_1_code", "string", "支出经济分类科目 类 编码"),
            ("economic_1_label", "string", "支出经济分类科目 类 名称"),
            ("economic_2_code", "string", "支出经济分类科目 款 编码"),
            ("economic_2_label", "string", "支出经济分类科目 款 名称"),
        ],
        Dim::Item => &[("item_code", "string", "项目编码"), ("item_label", "string", "项目名称")],
        Dim::Fund => &[("fund_code", "string", "资金来源编码"), ("fund_label", "string", "资金来源")],
        Dim::Nature => &[("nature_code", "string", "支出性质编码"), ("nature_label", "string", "支出性质（基本支出、项目支出等）")],
    }
}

/// Amounts as written in JSON and CSV: plain decimals with two places, "284.57".
pub fn amount_text(d: Decimal) -> String {
    format!("{:.2}", d.round_dp(2))
}

impl Resource {
    /// The CSV columns, in order.
    fn fields(&self) -> Vec<Field> {
        let mut f = vec![YEAR, DEPARTMENT, DIRECTION, PHASE];
        for d in self.dims {
            f.extend_from_slice(dim_fields(*d));
        }
        f.push(AMOUNT);
        f
    }

    /// The facts sorted: by function code, economic code, item, fund, nature (table order).
    fn sorted(&self) -> Vec<&Fact> {
        let key = |f: &Fact| {
            let codes = |v: &[(String, String)]| v.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>();
            (codes(&f.function), codes(&f.economic), f.item, f.fund, f.nature)
        };
        let mut v: Vec<&Fact> = self.facts.iter().collect();
        v.sort_by_key(|a| key(a));
        v
    }

    /// The sum of its facts.
    pub fn total(&self) -> Decimal {
        self.facts.iter().map(|f| f.amount).sum()
    }
}

impl Facts {
    /// One fact's values, column by column (`Resource::fields` order).
    fn row(&self, r: &Resource, f: &Fact) -> Vec<String> {
        let mut out = vec![self.year.to_string(), self.department.clone(), r.direction.id().to_string(), r.phase.id().to_string()];
        let levels = |v: &[(String, String)], n: usize, out: &mut Vec<String>| {
            for i in 0..n {
                let (c, l) = v.get(i).cloned().unwrap_or_default();
                out.push(c);
                out.push(l);
            }
        };
        let pair = |x: Option<(&str, &str)>, out: &mut Vec<String>| {
            let (c, l) = x.unwrap_or(("", ""));
            out.push(c.to_string());
            out.push(l.to_string());
        };
        for d in r.dims {
            match d {
                Dim::Function => levels(&f.function, 3, &mut out),
                Dim::Economic => levels(&f.economic, 2, &mut out),
                Dim::Item => pair(f.item.and_then(|i| THREE.get(i).copied()), &mut out),
                Dim::Fund => pair(f.fund.and_then(|i| FUNDS.get(i).copied()), &mut out),
                Dim::Nature => pair(f.nature.and_then(|i| NATURES.get(i).copied()), &mut out),
            }
        }
        out.push(amount_text(f.amount));
        out
    }

    /// `<name>.json`: the report, its resources with their totals, and every fact as an object
    /// of the same columns as the CSV files (amounts as strings, "284.57"). Keys are sorted.
    pub fn to_json(&self) -> String {
        let resources: Vec<Value> = self
            .resources
            .iter()
            .map(|r| {
                let fields = r.fields();
                let facts: Vec<Value> = r
                    .sorted()
                    .into_iter()
                    .map(|f| {
                        let row = self.row(r, f);
                        let mut m = Map::new();
                        for ((name, ty, _), v) in fields.iter().zip(row) {
                            // The year is a number; every other value (codes, amounts) a string.
                            let v = if *ty == "integer" { v.parse::<u64>().map(Value::from).unwrap_or(Value::String(v)) } else { Value::String(v) };
                            m.insert((*name).to_string(), v);
                        }
                        Value::Object(m)
                    })
                    .collect();
                json!({
                    "name": r.name,
                    "title": r.title,
                    "direction": r.direction.id(),
                    "phase": r.phase.id(),
                    "total": amount_text(r.total()),
                    "facts": facts,
                })
            })
            .collect();
        let v = json!({
            "document": self.document,
            "label": self.label,
            "title": self.title,
            "department": self.department,
            "year": self.year,
            "published": date(self.published),
            "currency": "CNY",
            "unit": "万元",
            "factor": 10000,
            "resources": resources,
        });
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
        s.push('\n');
        s
    }

    /// `<stem>-<resource>.csv` for every resource: (file name, bytes). RFC 4180: a header row,
    /// CRLF line ends, fields quoted when they hold a comma, quote or line break; UTF-8
    /// without a byte order mark. A text value that a spreadsheet would run as a formula
    /// (starting with = + - @) gets a leading apostrophe.
    pub fn csv_files(&self, stem: &str) -> Vec<(String, Vec<u8>)> {
        self.resources
            .iter()
            .map(|r| {
                let fields = r.fields();
                let mut out = String::new();
                line(&mut out, fields.iter().map(|f| f.0.to_string()).collect());
                for f in r.sorted() {
                    let row = self.row(r, f);
                    let row = row.into_iter().zip(&fields).map(|(v, (_, ty, _))| if *ty == "string" { defuse(v) } else { v }).collect();
                    line(&mut out, row);
                }
                (csv_name(stem, r), out.into_bytes())
            })
            .collect()
    }

    /// `<stem>.datapackage.json`: the Fiscal Data Package descriptor of the CSV files.
    /// `created` is the build date (SOURCE_DATE_EPOCH, else the publication date).
    pub fn datapackage(&self, stem: &str, created: (i32, u32, u32, u32, u32, u32)) -> String {
        let resources: Vec<Value> = self
            .resources
            .iter()
            .map(|r| {
                let fields: Vec<Value> = r
                    .fields()
                    .iter()
                    .map(|(name, ty, title)| {
                        let mut f = json!({ "name": name, "type": ty, "title": title });
                        if *name == "year" || *name == "department" || *name == "direction" || *name == "phase" || *name == "amount" {
                            f["constraints"] = json!({ "required": true });
                        }
                        if *name == "direction" {
                            f["constraints"]["enum"] = json!([r.direction.id()]);
                        }
                        if *name == "phase" {
                            f["constraints"]["enum"] = json!([r.phase.id()]);
                        }
                        f
                    })
                    .collect();
                json!({
                    "name": r.name,
                    "path": csv_name(stem, r),
                    "title": r.title,
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "header": true },
                    "schema": { "fields": fields },
                })
            })
            .collect();
        let mut measures = Map::new();
        for r in &self.resources {
            measures.insert(
                r.name.to_string(),
                json!({
                    "resource": r.name,
                    "source": "amount",
                    "title": format!("{}（{}，万元）", r.title, r.phase.label()),
                    "currency": "CNY",
                    "factor": 10000,
                    "direction": r.direction.id(),
                    "phase": r.phase.id(),
                }),
            );
        }
        let (y, mo, d, h, mi, s) = created;
        let v = json!({
            "profile": "fiscal-data-package",
            "name": package_name(stem, self.year),
            "title": self.title,
            "description": format!("{}的数据，每个数据集一个 CSV 文件（见 resources），每行一笔金额；金额单位万元（currency CNY，factor 10000）。由 gen-report 从源数据生成，与同名 PDF 的表格一致。", self.title),
            "author": self.department,
            "countryCode": "CN",
            "fiscalPeriod": { "start": format!("{}-01-01", self.year), "end": format!("{}-12-31", self.year) },
            "created": format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
            "resources": resources,
            "model": { "measures": measures, "dimensions": self.dimensions() },
        });
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The FDP dimensions of the columns the resources have (a column name means the same in
    /// every resource).
    fn dimensions(&self) -> Value {
        let has = |d: Dim| self.resources.iter().any(|r| r.dims.contains(&d));
        let attr = |src: &str| json!({ "source": src });
        let label = |src: &str, of: &str| json!({ "source": src, "labelfor": of });
        let child = |src: &str, parent: &str| json!({ "source": src, "parent": parent });
        let mut dims = Map::new();
        dims.insert("date".into(), json!({ "dimensionType": "datetime", "title": "年度", "attributes": { "year": attr("year") }, "primaryKey": "year" }));
        dims.insert("administrative".into(), json!({ "dimensionType": "classification", "classificationType": "administrative", "title": "部门", "attributes": { "department": attr("department") }, "primaryKey": "department" }));
        dims.insert("direction".into(), json!({ "dimensionType": "other", "title": "收支方向", "attributes": { "direction": attr("direction") }, "primaryKey": "direction" }));
        dims.insert("phase".into(), json!({ "dimensionType": "other", "title": "预算阶段", "attributes": { "phase": attr("phase") }, "primaryKey": "phase" }));
        if has(Dim::Function) {
            dims.insert(
                "functional_classification".into(),
                json!({
                    "dimensionType": "classification",
                    "classificationType": "functional",
                    "title": "支出功能分类科目（类、款、项）",
                    "attributes": {
                        "function_1_code": attr("function_1_code"),
                        "function_1_label": label("function_1_label", "function_1_code"),
                        "function_2_code": child("function_2_code", "function_1_code"),
                        "function_2_label": label("function_2_label", "function_2_code"),
                        "function_3_code": child("function_3_code", "function_2_code"),
                        "function_3_label": label("function_3_label", "function_3_code"),
                    },
                    "primaryKey": ["function_1_code", "function_2_code", "function_3_code"],
                }),
            );
        }
        if has(Dim::Economic) {
            dims.insert(
                "economic_classification".into(),
                json!({
                    "dimensionType": "classification",
                    "classificationType": "economic",
                    "title": "支出经济分类科目（类、款）",
                    "attributes": {
                        "economic_1_code": attr("economic_1_code"),
                        "economic_1_label": label("economic_1_label", "economic_1_code"),
                        "economic_2_code": child("economic_2_code", "economic_1_code"),
                        "economic_2_label": label("economic_2_label", "economic_2_code"),
                    },
                    "primaryKey": ["economic_1_code", "economic_2_code"],
                }),
            );
        }
        let pair = |title: &str, code: &str, lab: &str| json!({ "dimensionType": "classification", "title": title, "attributes": { code: attr(code), lab: label(lab, code) }, "primaryKey": code });
        if has(Dim::Fund) {
            dims.insert("fund_source".into(), pair("资金来源", "fund_code", "fund_label"));
        }
        if has(Dim::Nature) {
            dims.insert("expenditure_nature".into(), pair("支出性质（基本支出、项目支出等）", "nature_code", "nature_label"));
        }
        if has(Dim::Item) {
            dims.insert("item".into(), pair("“三公”经费项目", "item_code", "item_label"));
        }
        Value::Object(dims)
    }
}

/// `<stem>-<resource>.csv`.
pub fn csv_name(stem: &str, r: &Resource) -> String {
    format!("{stem}-{}.csv", r.name)
}

/// A Data Package name (lower-case ASCII letters, digits, `-`, `.`, `_`) from the file stem;
/// a stem with none of them (a Chinese file name) gives `report-<year>`.
fn package_name(stem: &str, year: u32) -> String {
    let mut s = String::new();
    for c in stem.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_' || c == '-' {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_matches('-').to_string();
    if s.chars().any(|c| c.is_ascii_alphanumeric()) { s } else { format!("report-{year}") }
}

fn date((y, m, d): (u32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn line(out: &mut String, fields: Vec<String>) {
    let quoted: Vec<String> = fields
        .into_iter()
        .map(|f| if f.contains([',', '"', '\n', '\r']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f })
        .collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// A text value a spreadsheet would evaluate as a formula, with a leading apostrophe.
fn defuse(v: String) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{v}") } else { v }
}

/// The build date of a reproducible output: SOURCE_DATE_EPOCH (seconds since 1970, UTC) when
/// set and valid, else the publication date at midnight. (year, month, day, hour, minute,
/// second).
pub fn build_date(published: (u32, u32, u32)) -> (i32, u32, u32, u32, u32, u32) {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    match epoch.and_then(civil_from_epoch) {
        Some(t) => t,
        None => (published.0 as i32, published.1, published.2, 0, 0, 0),
    }
}

/// Civil date and time (UTC) of a Unix timestamp (Howard Hinnant's days-to-civil), exact
/// integers; None outside years 1–9999.
pub fn civil_from_epoch(secs: i64) -> Option<(i32, u32, u32, u32, u32, u32)> {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = i32::try_from(yoe + era * 400 + if m <= 2 { 1 } else { 0 }).ok()?;
    (1..=9999).contains(&y).then_some((y, m, d, (rem / 3600) as u32, (rem % 3600 / 60) as u32, (rem % 60) as u32))
}

/// Splits a function code (3, 5 or 7 digits) into its 类/款/项 levels, each with its label:
/// `name(code)` for the levels above, `own` for the code itself.
pub fn levels(code: &str, own: &str, name: impl Fn(&str) -> Option<String>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for len in [3, 5, 7] {
        if code.len() < len || !code.is_char_boundary(len) {
            break;
        }
        let c = &code[..len];
        let label = if len == code.len() && !own.is_empty() { own.to_string() } else { name(c).unwrap_or_default() };
        out.push((c.to_string(), label));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        let f = |code: &str, fund: usize, nature: usize, amount: &str| Fact {
            function: levels(code, "行政运行", |c| Some(format!("名{c}"))),
            fund: Some(fund),
            nature: Some(nature),
            amount: amount.parse().unwrap(),
            ..Fact::default()
        };
        Facts {
            document: "final_accounts",
            label: "部门决算",
            title: "2020年度某局部门决算".into(),
            department: "某局, \"甲\"".into(),
            year: 2020,
            published: (2021, 5, 13),
            resources: vec![Resource {
                name: "expenditure",
                label: "支出",
                title: "支出决算".into(),
                direction: Direction::Expenditure,
                phase: Phase::Executed,
                dims: &[Dim::Function, Dim::Fund, Dim::Nature],
                facts: vec![f("2010350", 0, 1, "10.5"), f("2010301", 0, 0, "284.57")],
            }],
        }
    }

    #[test]
    fn csv_is_sorted_quoted_and_plain() {
        let files = facts().csv_files("x");
        assert_eq!(files[0].0, "x-expenditure.csv");
        let text = String::from_utf8(files[0].1.clone()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines[0].starts_with("year,department,direction,phase,function_1_code,"), "{}", lines[0]);
        assert!(lines[1].starts_with("2020,\"某局, \"\"甲\"\"\",expenditure,executed,201,名201,20103,名20103,2010301,行政运行,general,一般公共预算,basic,基本支出,284.57"), "{}", lines[1]);
        assert!(lines[2].ends_with(",10.50"), "{}", lines[2]);
    }

    #[test]
    fn json_amounts_are_fixed_strings() {
        let v: Value = serde_json::from_str(&facts().to_json()).unwrap();
        assert_eq!(v["resources"][0]["total"], "295.07");
        assert_eq!(v["resources"][0]["facts"][0]["amount"], "284.57");
        assert_eq!(v["resources"][0]["facts"][0]["function_3_code"], "2010301");
        assert_eq!(v["year"], 2020);
    }

    #[test]
    fn descriptor_declares_every_column() {
        let v: Value = serde_json::from_str(&facts().datapackage("Wuhan 汉阳", (2021, 5, 13, 0, 0, 0))).unwrap();
        assert_eq!(v["name"], "wuhan");
        assert_eq!(v["resources"][0]["path"], "Wuhan 汉阳-expenditure.csv");
        assert_eq!(v["resources"][0]["schema"]["fields"].as_array().unwrap().len(), 15);
        assert_eq!(v["model"]["measures"]["expenditure"]["factor"], 10000);
        assert_eq!(v["created"], "2021-05-13T00:00:00Z");
        assert_eq!(package_name("汉阳", 2020), "report-2020");
    }

    #[test]
    fn epoch_to_civil() {
        assert_eq!(civil_from_epoch(0), Some((1970, 1, 1, 0, 0, 0)));
        assert_eq!(civil_from_epoch(1_620_864_000), Some((2021, 5, 13, 0, 0, 0)));
        assert_eq!(defuse("=1+1".into()), "'=1+1");
    }
}
