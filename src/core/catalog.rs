//! Reference catalogues from `data/`: the 政府收支分类科目 (function and economic
//! classification) of each year with the fixed 类 rows of 表1/表4, and the national
//! glossary. A report's year picks its catalogue (`for_year`); a year the data does not
//! cover uses the nearest covered one and says so. A city's or a user's own codes come from
//! `catalogue.yaml` in the user's template directory; a department's typed `name:`s are laid
//! over the year's names for that one report (`Catalog::with_names`). The data files are
//! compiled into the binary; `data/` is where they are edited (sources: data/CATALOGUES.md).

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

/// A name as the data file writes it: one name for every covered year, or names by range.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
enum Named {
    Always(String),
    ByYear(Vec<Ranged>),
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Ranged {
    #[serde(default)]
    from: Option<u32>,
    #[serde(default)]
    to: Option<u32>,
    name: String,
}

impl Named {
    /// The name in `year`, or None when the code does not exist that year.
    fn in_year(&self, year: u32) -> Option<&str> {
        match self {
            Named::Always(n) => Some(n),
            Named::ByYear(list) => list.iter().find(|r| r.from.is_none_or(|f| f <= year) && r.to.is_none_or(|t| year <= t)).map(|r| r.name.as_str()),
        }
    }
}

#[derive(Debug, Deserialize)]
struct TableClasses {
    from_year: u32,
    #[serde(default)]
    to_year: Option<u32>,
    codes: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct FunctionFile {
    years: BTreeMap<String, String>,
    table_classes: Vec<TableClasses>,
    codes: BTreeMap<String, Named>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Table6Layout {
    pub personnel: Vec<String>,
    pub public: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct EconomicFile {
    years: BTreeMap<String, String>,
    codes: BTreeMap<String, Named>,
    table6: Table6Layout,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Term {
    pub id: String,
    pub term: String,
    pub text: String,
    pub used_when: String,
}

#[derive(Debug, Deserialize)]
pub struct Glossary {
    pub terms: Vec<Term>,
    #[serde(default)]
    pub function_code_notes: BTreeMap<String, String>,
}

/// A user's additions (`catalogue.yaml` in the template directory): codes by kind, each a
/// name or names by range of years, as in the built-in files.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct UserFile {
    #[serde(default)]
    function_codes: BTreeMap<String, Named>,
    #[serde(default)]
    economic_codes: BTreeMap<String, Named>,
}

struct Builtin {
    functions: FunctionFile,
    economic: EconomicFile,
    glossary: Arc<Glossary>,
}

const FUNCTION_CODES: &str = include_str!("../../data/function-codes.yaml");
const ECONOMIC_CODES: &str = include_str!("../../data/economic-codes.yaml");
const GLOSSARY: &str = include_str!("../../data/glossary.yaml");

/// The built-in data files. They are checked by a unit test, so a broken data file fails
/// the test suite rather than a user's build.
fn builtin_files() -> &'static Builtin {
    static B: OnceLock<Builtin> = OnceLock::new();
    B.get_or_init(|| Builtin {
        functions: serde_saphyr::from_str(FUNCTION_CODES).expect("data/function-codes.yaml is valid"),
        economic: serde_saphyr::from_str(ECONOMIC_CODES).expect("data/economic-codes.yaml is valid"),
        glossary: Arc::new(serde_saphyr::from_str(GLOSSARY).expect("data/glossary.yaml is valid")),
    })
}

/// One year's catalogue, resolved: every code's name that year.
#[derive(Clone, Debug)]
pub struct Catalog {
    /// The report year asked for.
    pub year: u32,
    /// The covered year whose names are used (the nearest one when `year` is not covered).
    pub data_year: u32,
    /// Where that year's names come from (`years` of data/function-codes.yaml and of
    /// data/economic-codes.yaml).
    pub source: String,
    pub economic_source: String,
    functions: BTreeMap<String, String>,
    economic: BTreeMap<String, String>,
    table_classes: Vec<String>,
    pub table6: Table6Layout,
    pub glossary: Arc<Glossary>,
}

/// The nearest covered year (ties go to the earlier one).
fn nearest(years: &[u32], year: u32) -> u32 {
    years.iter().copied().min_by_key(|y| (y.abs_diff(year), *y)).unwrap_or(year)
}

fn resolve(codes: &BTreeMap<String, Named>, year: u32) -> BTreeMap<String, String> {
    codes.iter().filter_map(|(c, n)| n.in_year(year).map(|n| (c.clone(), n.to_string()))).collect()
}

impl Catalog {
    fn build(year: u32, user: &UserFile) -> Catalog {
        let b = builtin_files();
        let covered: Vec<u32> = b.functions.years.keys().filter_map(|y| y.parse().ok()).collect();
        let data_year = if covered.contains(&year) { year } else { nearest(&covered, year) };
        let mut functions = resolve(&b.functions.codes, data_year);
        functions.extend(resolve(&user.function_codes, data_year));
        let mut economic = resolve(&b.economic.codes, data_year);
        economic.extend(resolve(&user.economic_codes, data_year));
        let table_classes = b
            .functions
            .table_classes
            .iter()
            .find(|t| t.from_year <= data_year && t.to_year.is_none_or(|to| data_year <= to))
            .or_else(|| b.functions.table_classes.last())
            .map(|t| t.codes.clone())
            .unwrap_or_default();
        // 表6's fixed layout lists only the codes that exist that year.
        let exists = |c: &String| economic.contains_key(c);
        let table6 = Table6Layout { personnel: b.economic.table6.personnel.iter().filter(|c| exists(c)).cloned().collect(), public: b.economic.table6.public.iter().filter(|c| exists(c)).cloned().collect() };
        Catalog { year, data_year, source: b.functions.years.get(&data_year.to_string()).cloned().unwrap_or_default(), economic_source: b.economic.years.get(&data_year.to_string()).cloned().unwrap_or_default(), functions, economic, table_classes, table6, glossary: b.glossary.clone() }
    }

    /// Is the report's own year covered by the data?
    pub fn covers_year(&self) -> bool {
        self.year == self.data_year
    }

    pub fn function_name(&self, code: &str) -> Option<&str> {
        self.functions.get(code).map(String::as_str)
    }
    pub fn economic_name(&self, code: &str) -> Option<&str> {
        self.economic.get(code).map(String::as_str)
    }
    /// The 类 rows printed in 表1 and 表4 that year, in printed order.
    pub fn table_classes(&self) -> &[String] {
        &self.table_classes
    }
    /// Every function code of the year with its name, in code order.
    pub fn functions(&self) -> impl Iterator<Item = (&str, &str)> {
        self.functions.iter().map(|(c, n)| (c.as_str(), n.as_str()))
    }
    pub fn economic(&self) -> impl Iterator<Item = (&str, &str)> {
        self.economic.iter().map(|(c, n)| (c.as_str(), n.as_str()))
    }

    /// This catalogue with a report's own names (typed `name:` of a code) laid over it, so
    /// the name a department typed is printed everywhere, glossary included.
    pub fn with_names(&self, functions: &BTreeMap<String, String>) -> Catalog {
        let mut c = self.clone();
        c.functions.extend(functions.iter().map(|(k, v)| (k.clone(), v.clone())));
        c
    }
}

/// The covered years of the built-in catalogue.
pub fn years() -> Vec<u32> {
    builtin_files().functions.years.keys().filter_map(|y| y.parse().ok()).collect()
}

/// The catalogue of `year` with a user's `catalogue.yaml` (in `user_dir`) on top, shared by
/// every report of that year and directory. Err: the user's file cannot be read (file:line).
pub fn for_year(year: u32, user_dir: Option<&Path>) -> Result<Arc<Catalog>, String> {
    type Key = (u32, Option<String>);
    static CACHE: OnceLock<Mutex<HashMap<Key, Arc<Catalog>>>> = OnceLock::new();
    let user_text = match user_dir.map(|d| d.join("catalogue.yaml")).filter(|p| crate::core::paths::present(p)) {
        Some(p) => Some((p.display().to_string(), crate::core::paths::read_regular_text(&p, false).map_err(|e| format!("无法读取 {}：{e}", p.display()))?)),
        None => None,
    };
    let key: Key = (year, user_text.as_ref().map(|(_, t)| t.clone()));
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(c) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(c.clone());
    }
    let user: UserFile = match &user_text {
        Some((name, text)) => serde_saphyr::from_str(text).map_err(|e| format!("{name}：{e}"))?,
        None => UserFile::default(),
    };
    let cat = Arc::new(Catalog::build(year, &user));
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    if map.len() > 64 {
        map.clear();
    }
    map.insert(key, cat.clone());
    Ok(cat)
}

/// The built-in catalogue of `year`, without a user's additions.
pub fn builtin(year: u32) -> Arc<Catalog> {
    for_year(year, None).unwrap_or_else(|_| Arc::new(Catalog::build(year, &UserFile::default())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_load_and_are_consistent() {
        let b = builtin_files();
        for y in years() {
            let c = builtin(y);
            for code in c.table_classes() {
                assert!(c.function_name(code).is_some(), "{y}: table class {code} has a name");
            }
            for code in c.table6.personnel.iter().chain(&c.table6.public) {
                assert!(c.economic_name(code).is_some(), "{y}: 表6 code {code} has a name");
            }
            // Every 项 and 款 has its parents in the same year.
            for (code, _) in c.functions() {
                for len in [3, 5].into_iter().filter(|l| *l < code.len()) {
                    assert!(c.function_name(&code[..len]).is_some(), "{y}: {code} has its parent {}", &code[..len]);
                }
            }
        }
        for code in b.functions.codes.keys().chain(b.economic.codes.keys()) {
            assert!(matches!(code.len(), 3 | 5 | 7) && code.chars().all(|ch| ch.is_ascii_digit()), "{code}");
        }
    }

    /// The names that changed: 210 before and after the 2018 reform, 224 from 2019, 234 in
    /// the 表1 rows from 2020; a year outside the data uses the nearest.
    #[test]
    fn a_year_picks_its_names() {
        assert_eq!(builtin(2017).function_name("210"), Some("医疗卫生与计划生育支出"));
        assert_eq!(builtin(2020).function_name("210"), Some("卫生健康支出"));
        assert_eq!(builtin(2017).function_name("224"), None);
        assert_eq!(builtin(2019).function_name("224"), Some("灾害防治及应急管理支出"));
        assert!(!builtin(2017).table_classes().iter().any(|c| c == "224" || c == "234"));
        assert!(builtin(2020).table_classes().iter().any(|c| c == "234"));
        assert_eq!(builtin(2017).function_name("2296003"), Some("用于体育事业的彩票公益金支出"));
        let far = builtin(2031);
        assert!(!far.covers_year());
        assert_eq!(far.data_year, *years().last().unwrap());
        assert_eq!(nearest(&[2017, 2018], 2010), 2017);
    }

    #[test]
    fn a_user_file_adds_codes() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("catalogue.yaml"), "function_codes:\n  \"2010399\": 其他办公厅事务支出（本市）\n  \"2019981\": [{from: 2021, name: 本市专项}]\n").unwrap();
        let c = for_year(2020, Some(d.path())).unwrap();
        assert_eq!(c.function_name("2010399"), Some("其他办公厅事务支出（本市）"));
        assert_eq!(c.function_name("2019981"), None);
        assert_eq!(for_year(2021, Some(d.path())).unwrap().function_name("2019981"), Some("本市专项"));
        std::fs::write(d.path().join("catalogue.yaml"), "function_code: {}\n").unwrap();
        assert!(for_year(2020, Some(d.path())).unwrap_err().contains("catalogue.yaml"));
    }
}
