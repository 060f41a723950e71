//! Reference catalogues from `data/`: function and economic classification names, the
//! fixed 类 rows of 表1/表4 per year, and the default glossary. They are compiled into the
//! binary so `gen-report` works from any directory; `data/` is where they are edited.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
pub struct TableClasses {
    pub from_year: u32,
    #[serde(default)]
    pub to_year: Option<u32>,
    pub codes: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct FunctionCatalog {
    pub table_classes: Vec<TableClasses>,
    pub codes: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
pub struct Table6Layout {
    pub personnel: Vec<String>,
    pub public: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct EconomicCatalog {
    pub codes: BTreeMap<String, String>,
    pub table6: Table6Layout,
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

pub struct Catalog {
    pub functions: FunctionCatalog,
    pub economic: EconomicCatalog,
    pub glossary: Glossary,
}

const FUNCTION_CODES: &str = include_str!("../../data/function-codes.yaml");
const ECONOMIC_CODES: &str = include_str!("../../data/economic-codes.yaml");
const GLOSSARY: &str = include_str!("../../data/glossary.yaml");

/// The built-in catalogues. They are checked by a unit test, so a broken data file fails
/// the test suite rather than a user's build.
pub fn builtin() -> &'static Catalog {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    CAT.get_or_init(|| Catalog {
        functions: serde_saphyr::from_str(FUNCTION_CODES).expect("data/function-codes.yaml is valid"),
        economic: serde_saphyr::from_str(ECONOMIC_CODES).expect("data/economic-codes.yaml is valid"),
        glossary: serde_saphyr::from_str(GLOSSARY).expect("data/glossary.yaml is valid"),
    })
}

impl Catalog {
    pub fn function_name(&self, code: &str) -> Option<&str> {
        self.functions.codes.get(code).map(String::as_str)
    }
    pub fn economic_name(&self, code: &str) -> Option<&str> {
        self.economic.codes.get(code).map(String::as_str)
    }
    /// The 类 rows printed in 表1 and 表4 for a year.
    pub fn table_classes(&self, year: u32) -> &[String] {
        self.functions
            .table_classes
            .iter()
            .rev()
            .find(|t| t.from_year <= year && t.to_year.is_none_or(|to| year <= to))
            .or_else(|| self.functions.table_classes.first())
            .map(|t| t.codes.as_slice())
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn catalogues_load_and_are_consistent() {
        let c = super::builtin();
        assert!(c.function_name("2010308").is_some());
        for t in &c.functions.table_classes {
            for code in &t.codes {
                assert!(c.function_name(code).is_some(), "table class {code} has a name");
            }
        }
        for code in c.economic.table6.personnel.iter().chain(&c.economic.table6.public) {
            assert!(c.economic_name(code).is_some(), "表6 code {code} has a name");
        }
        for code in c.functions.codes.keys().chain(c.economic.codes.keys()) {
            assert!(matches!(code.len(), 3 | 5 | 7) && code.chars().all(|ch| ch.is_ascii_digit()), "{code}");
        }
    }
}
